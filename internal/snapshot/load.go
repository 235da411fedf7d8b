package snapshot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Loading reads a snapshot tree back into the policy input document
// (docs/snapshot-format.md). It trusts nothing in the tree:
//
//   - files are read through an os.Root, so a symlink cannot lead outside
//     the snapshot, and each file is capped at MaxFileSize;
//   - YAML aliases are refused outright (a snapshot never contains them,
//     and they are how "billion laughs" documents explode);
//   - errors name the file (relative to the snapshot) and the line;
//   - a manifest with a schema version other than SchemaVersion is
//     refused: newer ones need a newer entra-audit;
//   - a resource key this entra-audit does not know (written by a newer
//     release of the same schema version) is skipped with a warning, so
//     adding a resource within schema version 1 stays compatible.
//
// Numbers are json.Number (Graph's text), as when collecting.

// MaxFileSize caps every file of a snapshot.
const MaxFileSize = 8 << 20

// Snapshot is a loaded snapshot.
type Snapshot struct {
	Dir      string
	Manifest *Manifest
	// Input is the policy input document: "meta", "collection" and one
	// section per family holding the collected resources.
	Input    map[string]any
	Warnings []string // skipped unknown resources and the like
	locs     map[string]map[string]location

	namesOnce  sync.Once
	names      *Names // the name index, built once (Names)
	labelsOnce sync.Once
	labels     map[string]string // resource key + id -> readable name (Label)
}

type location struct {
	file string
	line int
}

// Locate says where the object with id (its IDField value) of resource
// key starts: the file relative to the snapshot directory and the line of
// its id (1 for singletons without one).
func (s *Snapshot) Locate(key, id string) (file string, line int, ok bool) {
	l, ok := s.locs[key][strings.ToLower(id)]
	return l.file, l.line, ok
}

// Load reads the snapshot in dir.
func Load(dir string) (*Snapshot, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("snapshot: open %s: %w", dir, err)
	}
	defer root.Close()
	m, err := loadManifest(root)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", dir, err)
	}
	s := &Snapshot{Dir: dir, Manifest: m, locs: map[string]map[string]location{}}
	s.Input = map[string]any{"meta": metaSection(m), "collection": collectionSection(m)}
	keys := make([]string, 0, len(m.Resources))
	for k := range m.Resources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		entry := m.Resources[key]
		res, known := ResourceByKey(key)
		if !known {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s: resource %q is unknown to this entra-audit (written by a newer release?); skipped", ManifestFile, key))
			delete(s.Input["collection"].(map[string]any), key)
			continue
		}
		if entry.Status != StatusCollected {
			continue
		}
		value, err := s.loadResource(root, res, entry)
		if err != nil {
			return nil, fmt.Errorf("snapshot %s: %w", dir, err)
		}
		setPath(s.Input, strings.Split(key, "."), value)
	}
	return s, nil
}

func loadManifest(root *os.Root) (*Manifest, error) {
	node, err := readYAML(root, ManifestFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no %s: this directory is %w made by entra-audit", ManifestFile, ErrNotSnapshot)
		}
		return nil, err
	}
	// The decoder would read 1.5, 1.0 and "1" as 1: only an integer is
	// a schema version.
	for i := 0; i+1 < len(node.Content); i += 2 {
		if k, v := node.Content[i], node.Content[i+1]; k.Value == "schemaVersion" &&
			(v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || strings.Trim(v.Value, "0123456789") != "") {
			what := "schemaVersion"
			if v.Kind == yaml.ScalarNode {
				what += fmt.Sprintf(" %q", v.Value)
			}
			return nil, fmt.Errorf("%s:%d: %s is not an integer (this entra-audit reads schemaVersion: %d)",
				ManifestFile, v.Line, what, SchemaVersion)
		}
	}
	var m Manifest
	if err := node.Decode(&m); err != nil {
		return nil, yamlError(ManifestFile, err)
	}
	switch {
	case m.SchemaVersion == 0:
		return nil, fmt.Errorf("%s: no schemaVersion: this is not an entra-audit snapshot manifest", ManifestFile)
	case m.SchemaVersion > SchemaVersion:
		return nil, fmt.Errorf("%s: snapshot schema version %d is newer than this entra-audit understands (%d): upgrade entra-audit",
			ManifestFile, m.SchemaVersion, SchemaVersion)
	case m.SchemaVersion < SchemaVersion:
		return nil, fmt.Errorf("%s: snapshot schema version %d is not supported (this entra-audit reads %d)", ManifestFile, m.SchemaVersion, SchemaVersion)
	}
	if m.Resources == nil {
		m.Resources = map[string]ManifestEntry{}
	}
	return &m, nil
}

func metaSection(m *Manifest) map[string]any {
	return map[string]any{
		"schemaVersion": json.Number(strconv.Itoa(m.SchemaVersion)),
		"toolVersion":   m.ToolVersion,
		"tenantId":      m.Tenant.ID,
		"defaultDomain": m.Tenant.DefaultDomain,
		"tenantName":    m.Tenant.DisplayName,
		"cloud":         m.Cloud,
		"collectedAt":   m.CollectedAt,
	}
}

func collectionSection(m *Manifest) map[string]any {
	out := map[string]any{}
	for key, e := range m.Resources {
		entry := map[string]any{"status": e.Status}
		if e.Count != nil {
			entry["count"] = json.Number(strconv.Itoa(*e.Count))
		}
		for k, v := range map[string]string{"permission": e.Permission, "license": e.License, "message": e.Message, "requestId": e.RequestID} {
			if v != "" {
				entry[k] = v
			}
		}
		out[key] = entry
	}
	return out
}

func (s *Snapshot) loadResource(root *os.Root, res Resource, entry ManifestEntry) (any, error) {
	locs := map[string]location{}
	s.locs[res.Key] = locs
	if res.Singleton {
		obj, line, err := readObject(root, res.treePath(), res)
		if err != nil {
			return nil, err
		}
		locs[strings.ToLower(res.objectID(obj))] = location{res.treePath(), line}
		return obj, nil
	}
	entries, err := fs.ReadDir(root.FS(), res.treePath())
	if errors.Is(err, fs.ErrNotExist) {
		entries = nil // an empty collection has no directory
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", res.treePath(), err)
	}
	objs := []any{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		file := path.Join(res.treePath(), e.Name())
		obj, line, err := readObject(root, file, res)
		if err != nil {
			return nil, err
		}
		id := strings.ToLower(res.objectID(obj))
		if prev, dup := locs[id]; dup && id != "" {
			return nil, fmt.Errorf("%s:%d: %s %q is also in %s", file, line, res.idField(), id, prev.file)
		}
		locs[id] = location{file, line}
		objs = append(objs, obj)
	}
	if entry.Count != nil && *entry.Count != len(objs) {
		return nil, fmt.Errorf("%s: %s says %d objects for %s, the directory holds %d: the snapshot is incomplete or was edited by hand",
			res.treePath(), ManifestFile, *entry.Count, res.Key, len(objs))
	}
	return objs, nil
}

// readObject reads one object file; line is where its id is (else 1).
func readObject(root *os.Root, file string, res Resource) (Object, int, error) {
	node, err := readYAML(root, file)
	if err != nil {
		return nil, 0, err
	}
	v, err := nodeValue(file, node)
	if err != nil {
		return nil, 0, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, 0, fmt.Errorf("%s:%d: expected one object (a YAML mapping)", file, node.Line)
	}
	line := 1
	for i := 0; i+1 < len(node.Content); i += 2 {
		if node.Content[i].Value == res.idField() {
			line = node.Content[i].Line
		}
	}
	return obj, line, nil
}

func setPath(doc map[string]any, parts []string, v any) {
	cur := doc
	for _, p := range parts[:len(parts)-1] {
		next, ok := cur[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[p] = next
		}
		cur = next
	}
	cur[parts[len(parts)-1]] = v
}
