package snapshot

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Atomic replacement of a snapshot directory:
//
//  0. --out is checked first, before anything is touched: it must be
//     absent, empty, or a previous snapshot (see checkOut);
//  1. leftovers of interrupted runs are dealt with (recoverInterrupted);
//  2. the whole tree is written to "<out>.tmp-<12 hex>/snapshot" (same
//     parent, so the renames below stay on one file system), every file
//     and directory fsynced;
//  3. the previous snapshot, if any, is renamed to
//     "<out>.old-<12 hex>/snapshot";
//  4. the new tree is renamed to <out>; both work directories are removed.
//
// A run killed during 2 leaves <out> untouched and a .tmp- work directory,
// which the next run removes. A run killed between 3 and 4 leaves no <out>
// but the previous snapshot intact in an .old- work directory, which the
// next run renames back before anything else. Two runs writing the same
// --out at once are not supported.
//
// Work directories are the only things this package ever removes besides
// the previous snapshot, and it must never mistake a user's directory for
// one ("reports.old-2024-backup/"). So a work directory is created empty
// under a random name, and the first thing written into it is a marker
// file, workMarker, holding the fixed line workSignature; only then does
// anything else go in. A leftover is recognised by both its name
// (<base>.tmp-<12 hex> or <base>.old-<12 hex>, as randomSuffix makes them)
// and that marker, never by its name alone. The snapshot trees live one
// level down, in workTree, rather than being the work directories
// themselves: the previous snapshot is moved aside into an already-marked
// directory instead of having a marker written into it, so neither the new
// tree nor the old one ever holds the marker (the snapshot stays
// byte-identical to what Render returned, and a restored snapshot is
// exactly the one moved aside), and there is no moment at which a
// directory holding a snapshot sits under a work name without its marker.
// Removing a work directory deletes the marker last (removeWorkDir), so a
// run killed while removing one leaves it marked for the next run. The only
// unmarked state is a work directory killed between its mkdir and the
// marker write: it is empty and stays, harmlessly, for the user to delete.

// ErrNotSnapshot is returned for an --out that holds other things.
var ErrNotSnapshot = errors.New("not a snapshot")

const (
	// workMarker is the marker file at the top of a work directory.
	workMarker = ".entra-audit-tmp"
	// workSignature is the marker's whole content.
	workSignature = "entra-audit work directory: the next entra-audit snapshot run next to it removes it\n"
	// workTree is the snapshot tree inside a work directory.
	workTree = "snapshot"
)

// writeHook, when set (tests only), runs before each file is written; it
// lets a test stop a run midway.
var writeHook func(n int, name string)

func writeTree(out string, files map[string][]byte) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("snapshot: output directory: %w", err)
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("snapshot: create %s: %w", parent, err)
	}
	layout := snapshotLayout(files)
	_, statErr := os.Lstat(out)
	if err := checkOut(out, layout); err != nil {
		return err
	}
	if err := recoverInterrupted(parent, base); err != nil {
		return err
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		// Recovery may have put a previous snapshot back: it is replaced
		// only if it passes the same check.
		if err := checkOut(out, layout); err != nil {
			return err
		}
	}
	tmp, err := newWorkDir(parent, base, "tmp")
	if err != nil {
		return fmt.Errorf("snapshot: create a temporary directory next to %s: %w", out, err)
	}
	tree := filepath.Join(tmp, workTree)
	if err := os.Mkdir(tree, 0o700); err != nil {
		_ = removeWorkDir(tmp)
		return fmt.Errorf("snapshot: create a temporary directory next to %s: %w", out, err)
	}
	if err := fillTree(tree, files); err != nil {
		_ = removeWorkDir(tmp)
		return err
	}
	if err := swap(out, tmp); err != nil {
		_ = removeWorkDir(tmp)
		return err
	}
	return nil
}

// workDirKind says whether name is a work directory name for base:
// "<base>.tmp-<12 hex>" ("tmp") or "<base>.old-<12 hex>" ("old").
func workDirKind(base, name string) (kind string, ok bool) {
	rest, ok := strings.CutPrefix(name, base+".")
	if !ok {
		return "", false
	}
	kind, suffix, ok := strings.Cut(rest, "-")
	if !ok || (kind != "tmp" && kind != "old") || len(suffix) != 2*suffixBytes {
		return "", false
	}
	for _, c := range suffix {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return "", false
		}
	}
	return kind, true
}

// newWorkDir creates an empty "<base>.<kind>-<12 hex>" in parent and marks
// it, before anything else goes in.
func newWorkDir(parent, base, kind string) (string, error) {
	for range 10 {
		dir := filepath.Join(parent, base+"."+kind+"-"+randomSuffix())
		err := os.Mkdir(dir, 0o700)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if err := writeMarker(dir); err != nil {
			_ = os.Remove(filepath.Join(dir, workMarker))
			_ = os.Remove(dir)
			return "", err
		}
		return dir, nil
	}
	return "", fmt.Errorf("no free name for a %s directory of %s in %s", kind, base, parent)
}

func writeMarker(dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, workMarker), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(workSignature); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	syncPath(dir)
	return nil
}

// isMarked reports whether dir (not a symlink) holds this package's marker.
func isMarked(dir string) bool {
	if st, err := os.Lstat(dir); err != nil || !st.IsDir() {
		return false
	}
	marker := filepath.Join(dir, workMarker)
	st, err := os.Lstat(marker)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(workSignature)) {
		return false
	}
	b, err := os.ReadFile(marker)
	return err == nil && string(b) == workSignature
}

// removeWorkDir removes a work directory, its marker last.
func removeWorkDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == workMarker {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	if err := os.Remove(filepath.Join(dir, workMarker)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Remove(dir)
}

// recoverInterrupted removes the work directories of killed runs and
// restores a previous snapshot a run left moved aside. It touches marked
// work directories of base only (see the comment at the top of the file).
func recoverInterrupted(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("snapshot: read %s: %w", parent, err)
	}
	out := filepath.Join(parent, base)
	_, statErr := os.Lstat(out)
	outMissing := errors.Is(statErr, fs.ErrNotExist)
	for _, e := range entries {
		name := e.Name()
		kind, ok := workDirKind(base, name)
		if !ok || !e.IsDir() {
			continue
		}
		dir := filepath.Join(parent, name)
		if !isMarked(dir) {
			continue
		}
		if kind == "old" && outMissing {
			prev := filepath.Join(dir, workTree)
			if st, err := os.Lstat(prev); err == nil && st.IsDir() {
				if err := os.Rename(prev, out); err != nil {
					return fmt.Errorf("snapshot: restore the previous snapshot from %s: %w", name, err)
				}
				syncPath(parent)
				outMissing = false
			}
		}
		if err := removeWorkDir(dir); err != nil {
			return fmt.Errorf("snapshot: remove the leftover of an interrupted run %s: %w", name, err)
		}
	}
	return nil
}

// treeLayout is what a snapshot tree may hold: manifest.yaml, the files of
// singletons, the *.yaml files directly in collection directories, and the
// directories leading to them.
type treeLayout struct {
	files       map[string]bool // singleton files
	collections map[string]bool // collection directories
	dirs        map[string]bool // collection directories and every parent of a resource path
}

func (l *treeLayout) add(p string, singleton bool) {
	if singleton {
		l.files[p] = true
	} else {
		l.collections[p] = true
		l.dirs[p] = true
	}
	for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
		l.dirs[d] = true
	}
}

// allows reports whether the entry at p (slash-separated, relative to the
// snapshot root) is one entra-audit writes.
func (l *treeLayout) allows(p string, d fs.DirEntry) bool {
	switch {
	case d.IsDir():
		return l.dirs[p]
	case !d.Type().IsRegular():
		return false // symlinks and the like: never written
	case p == ManifestFile || l.files[p]:
		return true
	default:
		return l.collections[path.Dir(p)] && strings.HasSuffix(p, ".yaml")
	}
}

// snapshotLayout is the layout of every catalogue resource plus the
// resources of the tree about to be written (files, manifest included):
// the run's own manifest names their paths, and so covers resources
// outside the catalogue (tests write some).
func snapshotLayout(files map[string][]byte) *treeLayout {
	l := &treeLayout{files: map[string]bool{}, collections: map[string]bool{}, dirs: map[string]bool{}}
	known := map[string]bool{}
	for _, r := range Resources(Catalog()) {
		known[r.Key] = true
		l.add(r.treePath(), r.Singleton)
	}
	var m Manifest
	if err := yaml.Unmarshal(files[ManifestFile], &m); err != nil {
		return l
	}
	for key, e := range m.Resources {
		r := Resource{Key: key, Path: e.Path}
		if known[key] || e.Path == "" || checkTreePath(r) != nil {
			continue
		}
		_, singleton := files[r.treePath()]
		l.add(r.treePath(), singleton)
	}
	return l
}

// checkOut accepts an absent or empty directory, or a previous snapshot: a
// directory whose manifest.yaml is an entra-audit manifest of this schema
// version and which holds nothing else than what entra-audit writes
// (layout). Anything else is refused with ErrNotSnapshot, since replacing
// it would delete what it holds.
func checkOut(out string, layout *treeLayout) error {
	st, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("snapshot: %s is %w but a symbolic link: choose a directory path for --out", out, ErrNotSnapshot)
	}
	if !st.IsDir() {
		return fmt.Errorf("snapshot: %s is %w but a file: choose a directory path for --out", out, ErrNotSnapshot)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer root.Close()
	if err := checkManifest(root); err != nil {
		return fmt.Errorf("snapshot: refusing to replace %s: it is %w this entra-audit may replace (%v): choose an empty or new directory for --out",
			out, ErrNotSnapshot, err)
	}
	var unexpected string
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." || layout.allows(p, d) {
			return nil
		}
		unexpected = p
		if d.IsDir() {
			unexpected += "/"
		}
		return fs.SkipAll
	})
	if err != nil {
		return fmt.Errorf("snapshot: read %s: %w", out, err)
	}
	if unexpected != "" {
		return fmt.Errorf("snapshot: %s holds %s, which entra-audit does not write, so it is %w that may be replaced (replacing it would delete %s): choose an empty or new directory for --out, or remove %s",
			out, unexpected, ErrNotSnapshot, unexpected, filepath.Join(out, filepath.FromSlash(unexpected)))
	}
	return nil
}

// checkManifest accepts an entra-audit manifest of this schema version:
// loadManifest's checks, and a schemaVersion written as an integer (the
// decoder truncates 1.5 to 1).
func checkManifest(root *os.Root) error {
	if _, err := loadManifest(root); err != nil {
		return err
	}
	node, err := readYAML(root, ManifestFile)
	if err != nil {
		return err
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		if node.Content[i].Value != "schemaVersion" {
			continue
		}
		v := node.Content[i+1]
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || strings.Trim(v.Value, "0123456789") != "" {
			return fmt.Errorf("%s:%d: schemaVersion %q is not an integer", ManifestFile, v.Line, v.Value)
		}
	}
	return nil
}

// fillWorkers bounds the files written at once: writing is bound by
// fsync latency, not CPU, so a few more than the cores pays.
const fillWorkers = 8

// fillTree writes files under dir through an os.Root, so no name can
// escape it, and fsyncs everything. Directories are created first; the
// files of each are then written through that directory's own Root (one
// openat per file instead of one per path segment), several at a time.
func fillTree(dir string, files map[string][]byte) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer root.Close()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	dirs := map[string]*os.Root{}
	defer func() {
		for _, r := range dirs {
			r.Close()
		}
	}()
	for _, name := range names {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("snapshot: refusing to write %q outside the snapshot", name)
		}
		d := path.Dir(name)
		if dirs[d] != nil {
			continue
		}
		if err := root.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("snapshot: create %s: %w", d, err)
		}
		for p := d; ; p = path.Dir(p) {
			if dirs[p] == nil {
				if dirs[p], err = root.OpenRoot(p); err != nil {
					return fmt.Errorf("snapshot: open %s: %w", p, err)
				}
			}
			if p == "." {
				break
			}
		}
	}

	type job struct {
		dir  *os.Root
		name string
	}
	jobs := make(chan job)
	errs := make(chan error, fillWorkers)
	var wg sync.WaitGroup
	for range fillWorkers {
		wg.Go(func() {
			var first error
			for j := range jobs {
				if first == nil {
					first = writeSynced(j.dir, path.Base(j.name), j.name, files[j.name])
				}
			}
			errs <- first
		})
	}
	for i, name := range names {
		if writeHook != nil {
			writeHook(i, name)
		}
		jobs <- job{dirs[path.Dir(name)], name}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := syncDir(dirs[d], d); err != nil {
			return err
		}
	}
	return nil
}

// writeSynced creates base in dir (shown as name in errors), writes data
// and fsyncs it.
func writeSynced(dir *os.Root, base, name string, data []byte) error {
	f, err := dir.OpenFile(base, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("snapshot: write %s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("snapshot: write %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("snapshot: sync %s: %w", name, err)
	}
	return f.Close()
}

// syncDir fsyncs the directory dir is open on (shown as name in errors).
func syncDir(dir *os.Root, name string) error {
	d, err := dir.Open(".")
	if err != nil {
		return fmt.Errorf("snapshot: sync directory %s: %w", name, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("snapshot: sync directory %s: %w", name, err)
	}
	return nil
}

// swap puts the tree in the work directory tmp in place of out (see the
// comment at the top of the file).
func swap(out, tmp string) error {
	parent, base := filepath.Dir(out), filepath.Base(out)
	var old string
	if _, err := os.Lstat(out); err == nil {
		if old, err = newWorkDir(parent, base, "old"); err != nil {
			return fmt.Errorf("snapshot: move the previous snapshot aside: %w", err)
		}
		if err := os.Rename(out, filepath.Join(old, workTree)); err != nil {
			_ = removeWorkDir(old)
			return fmt.Errorf("snapshot: move the previous snapshot aside: %w", err)
		}
	}
	if writeHook != nil {
		writeHook(-1, "swap")
	}
	if err := os.Rename(filepath.Join(tmp, workTree), out); err != nil {
		if old != "" && os.Rename(filepath.Join(old, workTree), out) == nil {
			_ = removeWorkDir(old)
		}
		return fmt.Errorf("snapshot: move the new snapshot into place: %w", err)
	}
	syncPath(parent)
	if old != "" {
		if err := removeWorkDir(old); err != nil {
			return fmt.Errorf("snapshot: remove the previous snapshot %s: %w", old, err)
		}
	}
	if err := removeWorkDir(tmp); err != nil {
		return fmt.Errorf("snapshot: remove the temporary directory %s: %w", tmp, err)
	}
	return nil
}

// syncPath fsyncs the directory at p, best effort.
func syncPath(p string) {
	if d, err := os.Open(p); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// suffixBytes is the random part of a work directory name, in bytes.
const suffixBytes = 6

func randomSuffix() string {
	b := make([]byte, suffixBytes)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
