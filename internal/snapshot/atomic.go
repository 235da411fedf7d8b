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
)

// Atomic replacement of a snapshot directory:
//
//  1. the whole tree is written to a sibling "<out>.tmp-<random>" (same
//     parent, so the renames below stay on one file system), every file
//     and directory fsynced;
//  2. the previous snapshot, if any, is renamed to "<out>.old-<random>";
//  3. the new tree is renamed to <out>; the old one is removed.
//
// A run killed during 1 leaves <out> untouched and a stale .tmp- sibling,
// which the next run removes. A run killed between 2 and 3 leaves no <out>
// but an intact .old- sibling, which the next run renames back before
// anything else. Two runs writing the same --out at once are not supported.

// ErrNotSnapshot is returned for an --out that holds other things.
var ErrNotSnapshot = errors.New("not a snapshot")

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
	if err := recoverInterrupted(parent, base); err != nil {
		return err
	}
	if err := checkOut(out); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, base+".tmp-")
	if err != nil {
		return fmt.Errorf("snapshot: create a temporary directory next to %s: %w", out, err)
	}
	if err := fillTree(tmp, files); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	if err := swap(out, tmp); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	return nil
}

// recoverInterrupted removes temporary trees of killed runs and restores a
// previous snapshot a run left renamed aside.
func recoverInterrupted(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("snapshot: read %s: %w", parent, err)
	}
	out := filepath.Join(parent, base)
	_, statErr := os.Lstat(out)
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, base+".tmp-") && e.IsDir():
			if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
				return fmt.Errorf("snapshot: remove the leftover of an interrupted run %s: %w", name, err)
			}
		case strings.HasPrefix(name, base+".old-") && e.IsDir():
			old := filepath.Join(parent, name)
			if errors.Is(statErr, fs.ErrNotExist) && isSnapshotDir(old) {
				if err := os.Rename(old, out); err != nil {
					return fmt.Errorf("snapshot: restore the previous snapshot from %s: %w", name, err)
				}
				statErr = nil
				continue
			}
			if err := os.RemoveAll(old); err != nil {
				return fmt.Errorf("snapshot: remove the leftover of an interrupted run %s: %w", name, err)
			}
		}
	}
	return nil
}

func isSnapshotDir(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, ManifestFile))
	return err == nil && st.Mode().IsRegular()
}

// checkOut accepts an absent or empty directory, or a previous snapshot.
func checkOut(out string) error {
	st, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("snapshot: %s is %w but a file: choose a directory path for --out", out, ErrNotSnapshot)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if len(entries) > 0 && !isSnapshotDir(out) {
		return fmt.Errorf("snapshot: %s is %w (it is not empty and has no %s); refusing to replace it: choose an empty or new directory for --out",
			out, ErrNotSnapshot, ManifestFile)
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

// swap puts tmp in place of out (see the comment at the top of the file).
func swap(out, tmp string) error {
	var old string
	if _, err := os.Lstat(out); err == nil {
		old = out + ".old-" + randomSuffix()
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("snapshot: move the previous snapshot aside: %w", err)
		}
	}
	if writeHook != nil {
		writeHook(-1, "swap")
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return fmt.Errorf("snapshot: move the new snapshot into place: %w", err)
	}
	if parent, err := os.Open(filepath.Dir(out)); err == nil {
		_ = parent.Sync()
		parent.Close()
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("snapshot: remove the previous snapshot %s: %w", old, err)
		}
	}
	return nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
