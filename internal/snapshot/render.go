package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Rendering turns objects into YAML text that diffs well:
//
//   - keys in a stable order: "id", "displayName", "@odata.type" first (in
//     that order, when present), then the others alphabetically, at every
//     depth;
//   - strings are always strings: the yaml.Node API with an explicit !!str
//     tag makes the encoder quote anything that would read back as another
//     type ("yes", "off", "0123", "1e3", "2026-01-01", "null", "~");
//   - numbers keep Graph's text (json.Number);
//   - a string that is a GUID known to the name index carries a line
//     comment with the object's name, except the object's own top-level
//     ids (its IDField and RefKeys); so does a path ending in such a GUID
//     ("/users/<id>") and an authentication context id ("c1");
//   - empty maps and lists are written inline as {} and [].

// leadingKeys come first in every mapping, in this order.
var leadingKeys = []string{"id", "displayName", "@odata.type"}

func orderedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		for i, l := range leadingKeys {
			if k == l {
				return i
			}
		}
		return len(leadingKeys)
	}
	sort.Slice(keys, func(i, j int) bool {
		ri, rj := rank(keys[i]), rank(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	return keys
}

type renderer struct {
	names *Names
	own   map[string]bool // top-level keys not to comment (the object's own ids)
}

// renderObject returns the YAML document for one object.
func renderObject(obj Object, res Resource, names *Names) ([]byte, error) {
	// "id" at the top is always the object's own (ARM's resource path too).
	r := renderer{names: names, own: map[string]bool{"id": true}}
	for _, k := range res.refPaths() {
		if !strings.Contains(k, ".") {
			r.own[k] = true
		}
	}
	node, err := r.node("", obj, true)
	if err != nil {
		return nil, err
	}
	return encodeNode(node)
}

func encodeNode(node *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{node}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (r renderer) node(name string, v any, top bool) (*yaml.Node, error) {
	switch t := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if len(t) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, k := range orderedKeys(t) {
			val, err := r.node(k, t[k], false)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			if top && r.own[k] {
				val.LineComment = ""
			}
			n.Content = append(n.Content, strNode(k), val)
		}
		return n, nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if len(t) == 0 {
			n.Style = yaml.FlowStyle
		}
		for i, el := range t {
			c, err := r.node(name, el, false)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case string:
		n := strNode(t)
		if ref := referencedID(name, t); ref != "" {
			if label, ok := r.names.Lookup(ref); ok {
				n.LineComment = label
			}
		}
		return n, nil
	case bool:
		if t {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}, nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"}, nil
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(t.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: t.String()}, nil
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(t)}, nil
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(t)}, nil
	case float64:
		return r.node(name, json.Number(fmt.Sprint(t)), top)
	default:
		return nil, fmt.Errorf("cannot write a %T", v)
	}
}

// nonGUIDRefs are properties whose values are ids that are not GUIDs.
var nonGUIDRefs = map[string]bool{
	"includeAuthenticationContextClassReferences": true, // c1, c2…
}

// referencedID returns the id a string value refers to: the string itself
// when it is a GUID (or under a nonGUIDRefs property), or the GUID ending
// a Graph path such as "/users/<id>" (admin consent reviewers) or an ARM
// id "…/roleDefinitions/<id>". "" when it refers to nothing.
func referencedID(name, s string) string {
	if IsGUID(s) || nonGUIDRefs[name] {
		return s
	}
	if i := strings.LastIndexByte(s, '/'); i >= 0 && len(s)-i-1 == 36 && strings.HasPrefix(s, "/") && IsGUID(s[i+1:]) {
		return s[i+1:]
	}
	return ""
}

func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if yaml11Bool[strings.ToLower(s)] {
		// YAML 1.2 (go-yaml v3) reads these as strings, YAML 1.1 readers
		// (PyYAML, older tools in CI) as booleans: quote them for everyone.
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

var yaml11Bool = map[string]bool{"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true}

// objectFile is one object's file name in a collection directory:
// "<slug>--<short id>.yaml", or "<slug>--<slug>--<short id>.yaml" for a
// name in parts (see fileStem).
func objectFile(dir string, parts []string, id string, full bool) string {
	return path.Join(dir, fileStem(parts)+"--"+idSuffix(id, full)+".yaml")
}

// maxPartSlug bounds each part of a name made of several parts, so that
// three parts, the separators and a full 64-digit hash stay well under
// the 255 bytes file systems allow in a name.
const maxPartSlug = 40

// fileStem slugs each part of a file name and joins them with "--"; a
// single part is the plain Slug. Parts that slug to nothing are left out;
// nothing at all gives "object".
func fileStem(parts []string) string {
	if len(parts) == 1 {
		return Slug(parts[0])
	}
	var slugs []string
	for _, p := range parts {
		if s := slugN(p, maxPartSlug); s != "" {
			slugs = append(slugs, s)
		}
	}
	if len(slugs) == 0 {
		return "object"
	}
	return strings.Join(slugs, "--")
}
