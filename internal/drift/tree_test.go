package drift_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/drift"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// The tests compare real snapshot trees: the demo tenant written by the
// real writer, copied and edited as a person editing a baseline would.

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// demoTree writes the demo tenant's snapshot once per test binary.
func demoTree(t testing.TB) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "drift-demo-")
		if err != nil {
			demoErr = err
			return
		}
		demoDir = filepath.Join(dir, "snapshot")
		c, err := demo.NewClients(nil)
		if err != nil {
			demoErr = err
			return
		}
		res, err := snapshot.Collect(context.Background(), snapshot.Sources{Graph: c.Graph, ARM: c.ARM, Batch: snapshot.BatchVia(c.Graph)},
			snapshot.Options{Concurrency: 4, TenantID: demo.TenantID})
		if err != nil {
			demoErr = err
			return
		}
		at := func() time.Time { return time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC) }
		demoErr = snapshot.Write(demoDir, res, snapshot.WriteOptions{ToolVersion: "test", Now: at})
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(filepath.Dir(demoDir))
	}
	os.Exit(code)
}

// copyTree copies the demo snapshot to a new directory and returns it.
func copyTree(t *testing.T) string {
	t.Helper()
	src := demoTree(t)
	dst := filepath.Join(t.TempDir(), "copy")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// edit replaces old with new in one file of a tree, exactly once.
func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), old); n != 1 {
		t.Fatalf("%s: %q occurs %d times, want once", file, old, n)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// file finds the one file of a tree whose path matches pattern.
func file(t *testing.T, dir, pattern string) string {
	t.Helper()
	re := regexp.MustCompile(pattern)
	var found []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		if err == nil && !d.IsDir() && re.MatchString(filepath.ToSlash(rel)) {
			found = append(found, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(found) != 1 {
		t.Fatalf("%s matches %v, want one file", pattern, found)
	}
	return found[0]
}

// setCount rewrites a resource's object count in the manifest by delta.
func setCount(t *testing.T, dir, key string, delta int) {
	t.Helper()
	p := filepath.Join(dir, snapshot.ManifestFile)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^(  ` + regexp.QuoteMeta(key) + `:\n    status: collected\n    count: )(\d+)`)
	m := re.FindSubmatch(b)
	if m == nil {
		t.Fatalf("manifest has no count for %s", key)
	}
	n, _ := strconv.Atoi(string(m[2]))
	out := re.ReplaceAll(b, []byte("${1}"+strconv.Itoa(n+delta)))
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func load(t testing.TB, dir string) *snapshot.Snapshot {
	t.Helper()
	s, err := snapshot.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func compare(t *testing.T, base, head string) *drift.Comparison {
	t.Helper()
	c, err := drift.Compare(load(t, base), load(t, head))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
