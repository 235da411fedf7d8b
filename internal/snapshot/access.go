package snapshot

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// What other rooms (drift, review) read of a loaded snapshot, so that none
// of them needs to know the tree's layout or the input document's shape.

// Collected reports whether the resource key was collected in this
// snapshot, and if not, why (from the manifest).
func (s *Snapshot) Collected(key string) (ok bool, why string) {
	e, listed := s.Manifest.Resources[key]
	switch {
	case !listed:
		return false, "not in the manifest (taken by an entra-audit that did not collect it)"
	case e.Status == StatusCollected:
		return true, ""
	case e.Permission != "":
		return false, fmt.Sprintf("not collected (%s: %s)", e.Status, e.Permission)
	case e.License != "":
		return false, fmt.Sprintf("not collected (%s: %s)", e.Status, e.License)
	}
	return false, fmt.Sprintf("not collected (%s)", e.Status)
}

// Objects returns the collected objects of a resource (one for a
// singleton), as loaded into the input document.
func (s *Snapshot) Objects(res Resource) []Object {
	v := s.Input
	var cur any = v
	for _, p := range strings.Split(res.Key, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	switch t := cur.(type) {
	case map[string]any:
		return []Object{t}
	case []any:
		out := make([]Object, 0, len(t))
		for _, el := range t {
			if o, ok := el.(map[string]any); ok {
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// Names indexes the snapshot's objects like the writer did for its
// comments, so a reference reads the same in a diff as in the file.
func (s *Snapshot) Names() *Names {
	s.namesOnce.Do(func() { s.names = s.buildNames() })
	return s.names
}

func (s *Snapshot) buildNames() *Names {
	resources := Resources(Catalog())
	outcomes := make([]*Outcome, 0, len(resources))
	for _, r := range resources {
		if ok, _ := s.Collected(r.Key); ok {
			outcomes = append(outcomes, &Outcome{Key: r.Key, Status: StatusCollected, Objects: s.Objects(r)})
		}
	}
	return BuildNames(resources, outcomes)
}

// ReadFile returns one file of the snapshot (a path relative to its root,
// as Locate gives), through an os.Root and within MaxFileSize.
func (s *Snapshot) ReadFile(rel string) ([]byte, error) {
	root, err := os.OpenRoot(s.Dir)
	if err != nil {
		return nil, fmt.Errorf("snapshot: open %s: %w", s.Dir, err)
	}
	defer root.Close()
	f, err := root.Open(rel)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", s.Dir, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %s: %w", s.Dir, rel, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("snapshot %s: %s: larger than %d bytes", s.Dir, rel, MaxFileSize)
	}
	return data, nil
}

// ObjectID is the object's id (its IDField value).
func (r Resource) ObjectID(obj Object) string { return r.objectID(obj) }

// ObjectLabel is the object's name for people: its label as comments show
// it, else, for objects without a name of their own (role assignments,
// grants), the names of what it links, as its file name is built
// ("Global Administrator / Megan Bowen"); "" when there is nothing.
func (r Resource) ObjectLabel(obj Object, names *Names) string {
	if l := r.label(obj); l != "" {
		return l
	}
	if r.FileName == nil {
		return ""
	}
	var parts []string
	for _, p := range r.fileNameParts(obj, names) {
		if p = oneLineText(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " / ")
}

// ReferencedID returns the id a string value under property name refers
// to ("" for none), by the rule the writer's comments follow.
func ReferencedID(name, value string) string { return referencedID(name, value) }

// Label is the readable name of the object with id in resource key, as
// drift and the comments name it ("Global Administrator / Megan Bowen"
// for a role assignment); "" when the object is not in the snapshot or
// has no name.
func (s *Snapshot) Label(key, id string) string {
	s.labelsOnce.Do(s.indexLabels)
	return s.labels[key+"\x00"+strings.ToLower(id)]
}

func (s *Snapshot) indexLabels() {
	s.labels = map[string]string{}
	names := s.Names()
	for _, r := range Resources(Catalog()) {
		if ok, _ := s.Collected(r.Key); !ok {
			continue
		}
		for _, obj := range s.Objects(r) {
			if l := r.ObjectLabel(obj, names); l != "" {
				s.labels[r.Key+"\x00"+strings.ToLower(r.ObjectID(obj))] = l
			}
		}
	}
}
