package snapshot

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

func testResult(names ...string) *Result {
	res := Resource{Key: "t.items", Path: "t/items"}
	var objs []Object
	for i, n := range names {
		objs = append(objs, Object{"id": guidN(i), "displayName": n})
	}
	return &Result{
		Resources: []Resource{res},
		Outcomes:  []*Outcome{{Key: res.Key, Status: StatusCollected, Objects: objs}},
		Tenant:    TenantInfo{ID: "bdd640fb-0667-4ad1-9c80-317fa3b1799d"},
	}
}

func guidN(i int) string { return fmt.Sprintf("%08x-1111-4222-8333-444444444444", 0xa0000000+i) }

var fixed = WriteOptions{ToolVersion: "test", Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }}

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteNamesStayInside(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "snap")
	names := []string{"../../etc/passwd", "CON", `a/b\c`, "🔐 émoji Policy", "", "..", "/abs/path", "nul.txt",
		strings.Repeat("very long name ", 20), "same", "same"}
	if err := Write(out, testResult(names...), fixed); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	want := []string{"etc-passwd--", "con--", "a-b-c--", "moji-policy--", "object--", "object--", "abs-path--", "nul-txt--", "very-long-name-very-long-name-very-long-name-very-long-name--", "same--"}
	for _, w := range want {
		found := false
		for f := range files {
			if strings.HasPrefix(f, "t/items/"+w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no file starting with %q in %v", w, files)
		}
	}
	if len(files) != len(names)+1 {
		t.Errorf("%d files for %d objects + manifest: %v", len(files), len(names), files)
	}
	// Nothing was written outside out.
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("parent holds %v", entries)
	}
	for f := range files {
		if !filepath.IsLocal(f) || strings.Count(f, "/") > 2 {
			t.Errorf("unexpected path %q", f)
		}
	}
}

func TestWriteRefusesForeignDirectory(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "important.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(out, testResult("a"), fixed)
	if !errors.Is(err, ErrNotSnapshot) || !strings.Contains(err.Error(), "choose an empty or new directory") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "important.txt")); string(b) != "keep me" {
		t.Error("foreign file touched")
	}
	// An empty directory and a previous snapshot are fine.
	empty := t.TempDir()
	if err := Write(empty, testResult("a"), fixed); err != nil {
		t.Fatal(err)
	}
	if err := Write(empty, testResult("b"), fixed); err != nil {
		t.Fatal(err)
	}
	files := tree(t, empty)
	if len(files) != 2 || !strings.Contains(strings.Join(keysOf(files), ","), "t/items/b--") {
		t.Errorf("replaced snapshot holds %v", keysOf(files))
	}
}

func keysOf(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// An interrupted swap (old moved aside, new not yet in place) is undone by
// the next run before anything else.
func TestWriteRestoresSnapshotMovedAside(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "snap")
	if err := Write(out, testResult("first"), fixed); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	old := markedDir(t, parent, "snap.old-00000000dead")
	if err := os.Rename(out, filepath.Join(old, workTree)); err != nil {
		t.Fatal(err)
	}
	tmp := markedDir(t, parent, "snap.tmp-000000000123")
	if err := os.MkdirAll(filepath.Join(tmp, workTree, "t"), 0o755); err != nil {
		t.Fatal(err)
	}
	failing := testResult("second")
	failing.Outcomes[0].Objects = append(failing.Outcomes[0].Objects, Object{"id": "x", "displayName": "bad", "v": struct{}{}})
	if err := Write(out, failing, fixed); err == nil {
		t.Fatal("rendering an unsupported value succeeded")
	}
	if !isMarked(old) || !isMarked(tmp) {
		t.Fatal("a run whose render failed touched the disk")
	}
	// The render failed before touching the disk; a good run restores and replaces.
	if err := Write(out, testResult("second"), fixed); err != nil {
		t.Fatal(err)
	}
	after := tree(t, out)
	if len(after) != len(before) || !strings.Contains(strings.Join(keysOf(after), ","), "t/items/second--") {
		t.Errorf("before %v after %v", keysOf(before), keysOf(after))
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("leftovers: %v", entries)
	}
}

// A run killed in the middle of writing leaves the previous snapshot
// byte-identical; the next run cleans up after it.
func TestKilledRunLeavesPreviousSnapshot(t *testing.T) {
	if os.Getenv("ENTRA_AUDIT_KILL_HELPER") != "" {
		t.Skip("helper process")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "snap")
	if err := Write(out, testResult("one", "two", "three"), fixed); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)

	for _, stage := range []string{"file", "swap"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperKilledWriter$", "-test.v")
		cmd.Env = append(os.Environ(), "ENTRA_AUDIT_KILL_HELPER="+out, "ENTRA_AUDIT_KILL_STAGE="+stage)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		ready := false
		for sc.Scan() {
			if sc.Text() == "BLOCKED" {
				ready = true
				break
			}
		}
		if !ready {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("stage %s: helper never blocked", stage)
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()

		switch stage {
		case "file":
			// Killed while writing the temporary tree: out is untouched.
			if got := tree(t, out); !equalTrees(got, before) {
				t.Fatalf("stage %s: previous snapshot changed:\n%v\nvs\n%v", stage, keysOf(got), keysOf(before))
			}
			if tmps, _ := filepath.Glob(out + ".tmp-*"); len(tmps) != 1 || !isMarked(tmps[0]) {
				t.Fatalf("stage %s: expected the killed run's temporary tree, found %v", stage, tmps)
			}
			if _, err := Load(out); err != nil {
				t.Fatalf("stage %s: load: %v", stage, err)
			}
		case "swap":
			// Killed between the two renames: the previous snapshot is whole,
			// aside, and the next run puts it back before writing.
			matches, _ := filepath.Glob(out + ".old-*")
			if len(matches) != 1 || !isMarked(matches[0]) || !equalTrees(tree(t, filepath.Join(matches[0], workTree)), before) {
				t.Fatalf("stage %s: previous snapshot not intact aside: %v", stage, matches)
			}
			if err := recoverInterrupted(parent, "snap"); err != nil {
				t.Fatal(err)
			}
			if got := tree(t, out); !equalTrees(got, before) {
				t.Fatalf("stage %s: restored snapshot differs", stage)
			}
		}
	}
	if err := Write(out, testResult("four"), fixed); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("stale directories left: %v", entries)
	}
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestHelperKilledWriter is the process TestKilledRunLeavesPreviousSnapshot
// kills: it writes a new snapshot and blocks at the requested stage.
func TestHelperKilledWriter(t *testing.T) {
	out := os.Getenv("ENTRA_AUDIT_KILL_HELPER")
	if out == "" {
		t.Skip("only run as a helper process")
	}
	stage := os.Getenv("ENTRA_AUDIT_KILL_STAGE")
	writeHook = func(n int, name string) {
		if (stage == "file" && n == 2) || (stage == "swap" && name == "swap") {
			os.Stdout.WriteString("\nBLOCKED\n")
			select {} // wait for SIGKILL
		}
	}
	_ = Write(out, testResult("new-a", "new-b", "new-c", "new-d", "new-e"), fixed)
	t.Fatal("helper was not killed")
}

func TestWriteFileNameHook(t *testing.T) {
	res := testResult("ignored")
	res.Resources[0].FileName = func(o Object, name func(string) string) []string {
		return []string{name("62e90394-69f5-4237-9190-012177145e10"), name("unknown") + "x", "../..", strings.Repeat("Long ", 30)}
	}
	files, err := Render(res, fixed)
	if err != nil {
		t.Fatal(err)
	}
	want := "t/items/global-administrator--x--" + strings.TrimSuffix(strings.Repeat("long-", 8), "-") + "--a0000000.yaml"
	if _, ok := files[want]; !ok {
		t.Errorf("no %s in %v", want, keys(files))
	}
}

// Names made of parts stay bounded and inside the tree, colliding or not.
func TestFileNamesFromPartsAreBoundedAndSafe(t *testing.T) {
	huge := strings.Repeat("Név/../", 200)
	var objs []Object
	for i := range 3 {
		objs = append(objs, Object{"id": fmt.Sprintf("same-id-%d", i%2)})
	}
	r := Resource{Key: "t.items", Path: "t/items", FileName: func(Object, func(string) string) []string { return []string{huge, huge, huge} }}
	files := collectionFiles(r, objs, nil)
	if len(files) != 3 {
		t.Fatalf("%d files for 3 objects: %v", len(files), files)
	}
	for name := range files {
		base := path.Base(name)
		if path.Dir(name) != "t/items" || len(base) > 200 || strings.Contains(base, "..") {
			t.Errorf("file name %q (%d bytes)", name, len(base))
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
