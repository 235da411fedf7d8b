package snapshot

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What replacing a snapshot may delete: only the previous snapshot and the
// marked work directories of killed runs, never a user's directory that
// merely looks like one (atomic.go).

// markedDir creates the work directory name in parent the way a run does:
// empty, then the marker.
func markedDir(t *testing.T, parent, name string) string {
	t.Helper()
	dir := filepath.Join(parent, name)
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, workMarker), workSignature)
	return dir
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// state is everything under dir: files with their content, directories
// (as "dir/") and symlinks (as "-> target").
func state(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "-> " + target
			return err
		case d.IsDir():
			out[rel+"/"] = ""
		default:
			b, err := os.ReadFile(p)
			out[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameState(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if !equalTrees(got, want) {
		t.Errorf("%s changed:\n got %v\nwant %v", what, keys(got), keys(want))
	}
}

func entryNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// Directories next to --out that look like leftovers but were not made by
// entra-audit survive every run, successful or refused.
func TestWriteKeepsLookalikeSiblings(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "reports")
	writeFile(t, filepath.Join(parent, "reports.old-2024-backup", "q1.csv"), "a,b\n1,2\n")
	writeFile(t, filepath.Join(parent, "reports.tmp-mine", "draft.txt"), "my draft")
	// The exact name pattern, without the marker.
	writeFile(t, filepath.Join(parent, "reports.old-0123456789ab", "notes.txt"), "keep")
	// The pattern and a marker file of that name with other content.
	writeFile(t, filepath.Join(parent, "reports.tmp-abcdefabcdef", workMarker), "mine\n")
	writeFile(t, filepath.Join(parent, "reports.tmp-abcdefabcdef", "data.txt"), "keep")
	// The marker, but not the name pattern.
	writeFile(t, filepath.Join(markedDir(t, parent, "reports.tmp-marked-by-hand"), "data.txt"), "keep")
	// A marked leftover of another --out.
	writeFile(t, filepath.Join(markedDir(t, parent, "other.tmp-0123456789ab"), workTree, "manifest.yaml"), "x")
	siblings := state(t, parent)

	for _, name := range []string{"a", "b"} { // a new --out, then a replaced one
		if err := Write(out, testResult(name), fixed); err != nil {
			t.Fatal(err)
		}
		now := state(t, parent)
		for k := range now {
			if strings.HasPrefix(k, "reports/") || k == "reports/" {
				delete(now, k)
			}
		}
		sameState(t, "siblings after writing "+name, now, siblings)
	}

	writeFile(t, filepath.Join(out, "stray.txt"), "not entra-audit's")
	before := state(t, parent)
	if err := Write(out, testResult("c"), fixed); !errors.Is(err, ErrNotSnapshot) {
		t.Fatalf("err = %v", err)
	}
	sameState(t, "parent after a refused run", state(t, parent), before)
}

// The marked work directories of killed runs are removed; unmarked
// lookalikes are not.
func TestWriteRemovesMarkedLeftovers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "snap")
	if err := Write(out, testResult("a"), fixed); err != nil {
		t.Fatal(err)
	}
	// Killed while writing its tree.
	writeFile(t, filepath.Join(markedDir(t, parent, "snap.tmp-0123456789ab"), workTree, "t", "items", "x.yaml"), "id: x\n")
	// Killed after the new tree was in place, before removing the old one.
	writeFile(t, filepath.Join(markedDir(t, parent, "snap.old-00000000beef"), workTree, ManifestFile), "schemaVersion: 1\n")
	// Killed while removing a work directory: only the marker is left.
	markedDir(t, parent, "snap.tmp-fedcba987654")
	writeFile(t, filepath.Join(parent, "snap.tmp-abcdef012345", "mine.txt"), "keep")

	if err := Write(out, testResult("b"), fixed); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(entryNames(t, parent), " "); got != "snap snap.tmp-abcdef012345" {
		t.Errorf("parent holds %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(parent, "snap.tmp-abcdef012345", "mine.txt")); string(b) != "keep" {
		t.Error("unmarked lookalike touched")
	}
	if files := tree(t, out); !strings.Contains(strings.Join(keysOf(files), ","), "t/items/b--") {
		t.Errorf("out holds %v", keysOf(files))
	}
}

// A marked .old- directory is put back when --out is missing; an unmarked
// one holding a snapshot is the user's copy and stays where it is.
func TestRecoverRestoresMarkedSnapshotMovedAside(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "snap")
	if err := Write(out, testResult("first"), fixed); err != nil {
		t.Fatal(err)
	}
	before := state(t, out)
	// Named to sort after the marked one, and before it.
	for _, name := range []string{"snap.old-000000000000", "snap.old-ffffffffffff"} {
		if err := os.CopyFS(filepath.Join(parent, name), os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
	}
	copies := state(t, parent)
	delete(copies, "snap/")
	for k := range copies {
		if strings.HasPrefix(k, "snap/") {
			delete(copies, k)
		}
	}
	aside := markedDir(t, parent, "snap.old-00000000dead")
	if err := os.Rename(out, filepath.Join(aside, workTree)); err != nil {
		t.Fatal(err)
	}

	if err := recoverInterrupted(parent, "snap"); err != nil {
		t.Fatal(err)
	}
	sameState(t, "restored snapshot", state(t, out), before)
	now := state(t, parent)
	for k := range now {
		if strings.HasPrefix(k, "snap/") {
			delete(now, k)
		}
	}
	sameState(t, "siblings", now, copies)

	if err := Write(out, testResult("second"), fixed); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(entryNames(t, parent), " "); got != "snap snap.old-000000000000 snap.old-ffffffffffff" {
		t.Errorf("parent holds %s", got)
	}
}

// A snapshot put back by recovery is replaced only if it passes the same
// check as any --out.
func TestWriteChecksRestoredSnapshot(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "snap")
	if err := Write(out, testResult("first"), fixed); err != nil {
		t.Fatal(err)
	}
	aside := markedDir(t, parent, "snap.old-00000000dead")
	if err := os.Rename(out, filepath.Join(aside, workTree)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(aside, workTree, "added-meanwhile.txt"), "keep")
	want := state(t, filepath.Join(aside, workTree))
	err := Write(out, testResult("second"), fixed)
	if !errors.Is(err, ErrNotSnapshot) || !strings.Contains(err.Error(), "added-meanwhile.txt") {
		t.Fatalf("err = %v", err)
	}
	sameState(t, "restored snapshot", state(t, out), want)
}

// A Kubernetes folder holding a manifest.yaml is no snapshot: refused,
// and nothing in or next to it touched (not even the marked leftovers
// recovery would otherwise remove).
func TestWriteRefusesKubernetesFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "k8s")
	writeFile(t, filepath.Join(out, ManifestFile), "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata:\n      name: prod\n")
	writeFile(t, filepath.Join(out, "deployment.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n")
	writeFile(t, filepath.Join(out, "charts", "x.yaml"), "name: x\n")
	writeFile(t, filepath.Join(markedDir(t, parent, "k8s.tmp-0123456789ab"), workTree, ManifestFile), "x")
	before := state(t, parent)

	err := Write(out, testResult("a"), fixed)
	if !errors.Is(err, ErrNotSnapshot) || !strings.Contains(err.Error(), "choose an empty or new directory for --out") ||
		!strings.Contains(err.Error(), "schemaVersion") {
		t.Fatalf("err = %v", err)
	}
	sameState(t, "k8s folder and its parent", state(t, parent), before)
}

// An entra-audit snapshot with anything entra-audit does not write in it is
// refused, naming the first such entry, and left as it is.
func TestWriteRefusesSnapshotWithStrayEntries(t *testing.T) {
	for _, tc := range []struct {
		add   string // file to add (slash-separated); "link:" adds a symlink
		named string // entry the error names
	}{
		{"notes.txt", "notes.txt"},
		{".git/config", ".git/"},
		{"charts/x.yaml", "charts/"},
		{"t/extra.yaml", "t/extra.yaml"},
		{"t/items/readme.md", "t/items/readme.md"},
		{"t/items/sub/x.yaml", "t/items/sub/"},
		{"tenant/notes.yaml", "tenant/notes.yaml"},                  // next to catalogue singletons
		{"tenant/organization.yaml/x", "tenant/organization.yaml/"}, // a singleton's path as a directory
		{"conditional-access/policies/deep/x.yaml", "conditional-access/policies/deep/"},
		{"link:t/items/link.yaml", "t/items/link.yaml"},
	} {
		t.Run(tc.add, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "snap")
			if err := Write(out, testResult("a", "b"), fixed); err != nil {
				t.Fatal(err)
			}
			if link, ok := strings.CutPrefix(tc.add, "link:"); ok {
				writeFile(t, filepath.Join(parent, "outside.yaml"), "id: x\n")
				if err := os.Symlink(filepath.Join(parent, "outside.yaml"), filepath.Join(out, filepath.FromSlash(link))); err != nil {
					t.Fatal(err)
				}
			} else {
				writeFile(t, filepath.Join(out, filepath.FromSlash(tc.add)), "user data\n")
			}
			before := state(t, parent)
			err := Write(out, testResult("c"), fixed)
			if !errors.Is(err, ErrNotSnapshot) {
				t.Fatalf("err = %v", err)
			}
			for _, want := range []string{"holds " + tc.named + ",", "choose an empty or new directory for --out, or remove " + filepath.Join(out, filepath.FromSlash(tc.named))} {
				if !strings.Contains(err.Error(), strings.TrimSuffix(want, "/")) {
					t.Errorf("error lacks %q: %v", want, err)
				}
			}
			sameState(t, "snapshot and its parent", state(t, parent), before)
		})
	}
}

// A manifest whose schemaVersion is not the integer 1 is not this schema's
// (the YAML decoder alone would read 1.5 as 1).
func TestWriteRefusesNonIntegerSchemaVersion(t *testing.T) {
	for _, v := range []string{"1.5", "1.0", "'1'", "2", "0"} {
		t.Run(v, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "snap")
			if err := Write(out, testResult("a"), fixed); err != nil {
				t.Fatal(err)
			}
			mf := filepath.Join(out, ManifestFile)
			b, err := os.ReadFile(mf)
			if err != nil || !strings.Contains(string(b), "schemaVersion: 1\n") {
				t.Fatalf("manifest %q, %v", b, err)
			}
			writeFile(t, mf, strings.Replace(string(b), "schemaVersion: 1\n", "schemaVersion: "+v+"\n", 1))
			before := state(t, parent)
			err = Write(out, testResult("b"), fixed)
			if !errors.Is(err, ErrNotSnapshot) || !strings.Contains(err.Error(), "choose an empty or new directory for --out") {
				t.Fatalf("err = %v", err)
			}
			sameState(t, "snapshot", state(t, parent), before)
		})
	}
}

// A previous snapshot, catalogue resources included, is replaced by a
// tree byte-identical to a fresh write: no marker, no work directory left.
func TestWriteReplacesPreviousSnapshot(t *testing.T) {
	org, _ := ResourceByKey(keyOrganization)
	ca, _ := ResourceByKey("conditionalAccess.policies")
	named, _ := ResourceByKey("conditionalAccess.namedLocations")
	catalogued := &Result{
		Resources: []Resource{org, ca, named},
		Outcomes: []*Outcome{
			{Key: org.Key, Status: StatusCollected, Objects: []Object{{"id": guidN(1), "displayName": "Contoso"}}},
			{Key: ca.Key, Status: StatusCollected, Objects: []Object{{"id": guidN(2), "displayName": "Require MFA"}, {"id": guidN(3), "displayName": "Block legacy"}}},
			{Key: named.Key, Status: StatusCollected},
		},
		Tenant: TenantInfo{ID: "bdd640fb-0667-4ad1-9c80-317fa3b1799d"},
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "snap")
	if err := Write(out, catalogued, fixed); err != nil {
		t.Fatal(err)
	}
	if files := tree(t, out); len(files) != 4 {
		t.Fatalf("catalogue snapshot holds %v", keysOf(files))
	}
	if err := Write(out, catalogued, fixed); err != nil { // catalogue snapshot replaced by itself
		t.Fatal(err)
	}
	if err := Write(out, testResult("x", "y"), fixed); err != nil { // and by another one
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if err := Write(fresh, testResult("x", "y"), fixed); err != nil {
		t.Fatal(err)
	}
	sameState(t, "replaced snapshot", state(t, out), state(t, fresh))
	if got := entryNames(t, parent); len(got) != 1 {
		t.Errorf("parent holds %v", got)
	}
}
