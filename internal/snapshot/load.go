package snapshot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

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
			return nil, fmt.Errorf("no %s: this directory is not an entra-audit snapshot", ManifestFile)
		}
		return nil, err
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

// readYAML parses one file into its root node, refusing oversized files,
// empty documents and aliases.
func readYAML(root *os.Root, file string) (*yaml.Node, error) {
	f, err := root.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: larger than %d bytes: not a snapshot file", file, MaxFileSize)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(file, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, fmt.Errorf("%s:1: empty file", file)
	}
	if n := findAlias(&doc); n != nil {
		return nil, fmt.Errorf("%s:%d: YAML aliases are not allowed in a snapshot", file, n.Line)
	}
	return doc.Content[0], nil
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\s*)?line (\d+): (.*)$`)

// yamlError rewrites go-yaml's "yaml: line 3: msg" as "file:3: msg".
func yamlError(file string, err error) error {
	msg := strings.TrimSpace(err.Error())
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: %s", file, m[1], m[2])
	}
	return fmt.Errorf("%s: %s", file, strings.TrimPrefix(msg, "yaml: "))
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// nodeValue converts a node into plain values: maps, slices, strings,
// bool, nil and json.Number.
func nodeValue(file string, n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s:%d: a key must be a plain string", file, k.Line)
			}
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("%s:%d: key %q appears twice", file, k.Line, k.Value)
			}
			v, err := nodeValue(file, n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := nodeValue(file, c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		return scalarValue(file, n)
	case yaml.AliasNode:
		return nil, fmt.Errorf("%s:%d: YAML aliases are not allowed in a snapshot", file, n.Line)
	default:
		return nil, fmt.Errorf("%s:%d: unexpected YAML node", file, n.Line)
	}
}

func scalarValue(file string, n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!str", "!!timestamp", "!!binary":
		return n.Value, nil
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, n.Line, err)
		}
		return b, nil
	case "!!int", "!!float":
		if jsonNumber.MatchString(n.Value) {
			return json.Number(n.Value), nil
		}
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, n.Line, err)
		}
		if n.ShortTag() == "!!int" {
			var i int64
			if err := n.Decode(&i); err == nil {
				return json.Number(strconv.FormatInt(i, 10)), nil
			}
		}
		// NaN and infinities have no JSON form.
		if s := strconv.FormatFloat(f, 'f', -1, 64); jsonNumber.MatchString(s) {
			return json.Number(s), nil
		}
		return nil, fmt.Errorf("%s:%d: %q is not a number JSON can hold", file, n.Line, n.Value)
	default:
		return nil, fmt.Errorf("%s:%d: unsupported YAML tag %s", file, n.Line, n.Tag)
	}
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
