package snapshot

import (
	"fmt"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// WriteOptions says what the manifest records beyond the result.
type WriteOptions struct {
	ToolVersion string
	Cloud       string           // global, usgov, usgovdod, china; default global
	Now         func() time.Time // collectedAt; default Result.CollectedAt, else time.Now
}

// Write writes res as a snapshot tree into dir, atomically: dir holds
// either the previous snapshot or the new one, never a mix (atomic.go).
// dir must be absent, empty or a previous snapshot (holding
// manifest.yaml); anything else is refused.
func Write(dir string, res *Result, opts WriteOptions) error {
	files, err := Render(res, opts)
	if err != nil {
		return err
	}
	return writeTree(dir, files)
}

// Render returns every file of the snapshot (slash-separated path relative
// to the snapshot root -> content), manifest included. Files are named
// first, then rendered in parallel (each file depends only on its object
// and the name index, so the result is the same).
func Render(res *Result, opts WriteOptions) (map[string][]byte, error) {
	names := BuildNames(res.Resources, res.Outcomes)
	byKey := map[string]Resource{}
	for _, r := range res.Resources {
		byKey[r.Key] = r
	}
	var jobs []renderJob
	for _, o := range res.Outcomes {
		if o.Status != StatusCollected {
			continue
		}
		r, ok := byKey[o.Key]
		if !ok {
			return nil, fmt.Errorf("snapshot: outcome for undeclared resource %q", o.Key)
		}
		if err := checkTreePath(r); err != nil {
			return nil, err
		}
		if r.Singleton {
			if len(o.Objects) != 1 {
				return nil, fmt.Errorf("snapshot: %s is a singleton but holds %d objects", r.Key, len(o.Objects))
			}
			jobs = append(jobs, renderJob{file: r.treePath(), res: r, obj: o.Objects[0]})
			continue
		}
		for name, obj := range collectionFiles(r, o.Objects, names) {
			jobs = append(jobs, renderJob{file: name, res: r, obj: obj})
		}
	}
	files, err := renderAll(jobs, names)
	if err != nil {
		return nil, err
	}
	m, err := newManifest(res, opts).render()
	if err != nil {
		return nil, err
	}
	files[ManifestFile] = m
	return files, nil
}

// renderJob is one file to render.
type renderJob struct {
	file string
	res  Resource
	obj  Object
	data []byte
	err  error
}

// renderAll renders jobs on every CPU; the error reported is that of the
// first failing file in name order, whatever finished first.
func renderAll(jobs []renderJob, names *Names) (map[string][]byte, error) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(jobs))) {
		wg.Go(func() {
			for i := range next {
				j := &jobs[i]
				j.data, j.err = renderObject(j.obj, j.res, names)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	slices.SortFunc(jobs, func(a, b renderJob) int { return strings.Compare(a.file, b.file) })
	files := make(map[string][]byte, len(jobs)+1)
	for _, j := range jobs {
		if j.err != nil {
			if j.res.Singleton {
				return nil, fmt.Errorf("snapshot: %s: %w", j.res.Key, j.err)
			}
			return nil, fmt.Errorf("snapshot: %s %q: %w", j.res.Key, j.res.objectID(j.obj), j.err)
		}
		files[j.file] = j.data
	}
	return files, nil
}

// collectionFiles names one file per object. Objects are visited in id
// order; when two objects would share a name (same slug, same 8-character
// id prefix, or an object without id) the full id, or the object's position
// among those sharing it, makes the names unique, deterministically.
func collectionFiles(r Resource, objs []Object, names *Names) map[string]Object {
	type named struct {
		obj   Object
		id    string
		parts []string
	}
	sorted := make([]named, len(objs))
	for i, o := range objs {
		sorted[i] = named{obj: o, id: r.objectID(o), parts: r.fileNameParts(o, names)}
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].id, sorted[j].id
		if a != b {
			return a < b
		}
		return canonicalJSON(sorted[i].obj) < canonicalJSON(sorted[j].obj)
	})
	dir := r.treePath()
	short := map[string]int{}
	for _, n := range sorted {
		short[objectFile(dir, n.parts, n.id, false)]++
	}
	out := make(map[string]Object, len(sorted))
	for _, n := range sorted {
		name := objectFile(dir, n.parts, n.id, false)
		if short[name] > 1 {
			name = objectFile(dir, n.parts, n.id, true)
		}
		for i := 2; out[name] != nil; i++ {
			name = objectFile(dir, append(slices.Clip(n.parts), strconv.Itoa(i)), n.id, true)
		}
		out[name] = n.obj
	}
	return out
}

// checkTreePath refuses a resource path that is not a clean relative path
// (a catalogue bug; object names can never reach a path, see Slug).
func checkTreePath(r Resource) error {
	p := r.treePath()
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == "." || p[0] == '.' || p == ManifestFile {
		return fmt.Errorf("snapshot: resource %s has an invalid tree path %q", r.Key, p)
	}
	return nil
}

// fileNameParts is what a file is named after: FileName, else the
// NameField value.
func (r Resource) fileNameParts(obj Object, names *Names) []string {
	if r.FileName != nil {
		return r.FileName(obj, names.Name)
	}
	s, _ := lookupPath(obj, r.nameField()).(string)
	return []string{s}
}

// treePath is Path without a trailing slash (collections may be declared
// as "dir/").
func (r Resource) treePath() string { return strings.TrimSuffix(r.Path, "/") }
