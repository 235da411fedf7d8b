package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Rendering turns objects into YAML text that diffs well:
//
//   - keys in a stable order: "id", "displayName", "@odata.type" first (in
//     that order, when present), then the others alphabetically, at every
//     depth;
//   - strings are always strings, and the same strings, for every reader:
//     one rule (styleScalar) double-quotes what a YAML 1.1 or 1.2 reader
//     would read as another type or another string ("yes", "1:20", "0x1F",
//     "2001-12-14", "<<", "=", line breaks, control characters, invisible
//     format characters such as bidi overrides), and escapeRaw makes sure
//     the double quotes hold escapes, never the raw characters;
//   - numbers keep Graph's text (json.Number);
//   - a string that is a GUID known to the name index carries a line
//     comment with the object's name, except the object's own top-level
//     ids (its IDField and RefKeys); so does a path ending in such a GUID
//     ("/users/<id>") and an authentication context id ("c1"); comments
//     are one short line of visible text (commentLine);
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

// encodeNode writes one YAML document. Every document of a snapshot
// (objects and the manifest) goes through here: each scalar is styled by
// styleScalar and each comment made one safe line by commentLine first,
// and the characters go-yaml leaves raw inside double quotes are escaped
// after (escapeRaw).
func encodeNode(node *yaml.Node) ([]byte, error) {
	prepare(node)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{node}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return escapeRaw(buf.Bytes()), nil
}

// prepare applies styleScalar and commentLine to every node: the one place
// the rule is applied, so no scalar or comment escapes it.
func prepare(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		styleScalar(n)
	}
	for _, c := range []*string{&n.HeadComment, &n.LineComment, &n.FootComment} {
		if *c != "" {
			*c = commentLine(*c)
		}
	}
	for _, c := range n.Content {
		prepare(c)
	}
}

func (r renderer) node(name string, v any, top bool) (*yaml.Node, error) {
	switch t := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if len(t) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, k := range orderedKeys(t) {
			prop := k
			if k == "id" && name != "" {
				prop = name + ".id" // an id inside an object is named by what holds it (refKinds)
			}
			val, err := r.node(prop, t[k], false)
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
			if label, ok := r.names.LookupFor(name, ref); ok {
				n.LineComment = label // made safe by commentLine in encodeNode
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

// strNode is a string scalar (a value or a key). encodeNode styles it,
// like every scalar of every document, with styleScalar.
func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

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

// The YAML channel's escaping rule. Display names are chosen by anyone who
// can register an app, and snapshots are read by people in pull requests
// and by other tools (PyYAML and many CI tools read YAML 1.1), so:
//
//   - what the writer writes, every reader reads back as the same string:
//     a string that a YAML 1.1 reader (the yaml.org 1.1 types, PyYAML,
//     Ruby's Psych) or a YAML 1.2 reader (core schema, go-yaml) would read
//     as a boolean, null, number, date, merge or value key, or as another
//     string (leading or trailing blanks, line breaks), is double-quoted;
//   - nothing invisible or line-breaking is written raw: a string holding a
//     control character (C0 including tab, DEL, C1), U+2028/U+2029, a
//     format character (bidi controls U+202A–U+202E and U+2066–U+2069,
//     U+200E/U+200F, zero-width characters, U+FEFF, tag characters: Unicode
//     category Cf) or a noncharacter is double-quoted, and each such
//     character is an escape: go-yaml writes \0, \e, \t, \x01, \N, \L, \P,
//     \uFEFF; escapeRaw writes the ones it leaves raw (\u202E, \u200B);
//   - invalid UTF-8 (which Graph's JSON never yields: encoding/json already
//     turns each invalid byte into U+FFFD) is written as U+FFFD the same
//     way, visibly, instead of failing the snapshot.

// styleScalar is the rule for one scalar: it replaces invalid UTF-8 and
// picks double quotes when the value needs them. Other styles go-yaml
// picks (plain, single quotes for "#x" or "- x") read back the same in
// every reader.
func styleScalar(n *yaml.Node) {
	n.Value = validUTF8(n.Value)
	if needsEscape(n.Value) || n.ShortTag() == "!!str" && !plainEverywhere(n.Value) {
		n.Style = yaml.DoubleQuotedStyle
	}
}

// mustEscape says which characters are never written raw.
func mustEscape(r rune) bool {
	if r < 0x7f {
		return r < 0x20
	}
	return r <= 0x9f || r == '\u2028' || r == '\u2029' || r == '\uFFFE' || r == '\uFFFF' || unicode.Is(unicode.Cf, r)
}

// needsEscape reports whether s holds a character mustEscape names.
func needsEscape(s string) bool {
	for _, r := range s {
		if mustEscape(r) {
			return true
		}
	}
	return false
}

// plainEverywhere reports whether s, written plain, reads back as the
// string s in YAML 1.1 and 1.2 (go-yaml still quotes what its own syntax
// needs: "a: b", "#x", "- x", "[x]").
func plainEverywhere(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	if !strings.ContainsRune("0123456789+-.~<=yYnNoOtTfF", rune(s[0])) {
		return true
	}
	if len(s) == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-' {
		return true // GUID-shaped, the commonest string: yamlNonString needs no "-" there
	}
	return !yamlNonString.MatchString(s)
}

// yamlNonString matches what some YAML reader resolves to a type other
// than string (case-insensitively, a little wider than each reader: more
// quoting is harmless).
var yamlNonString = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
	// booleans (1.1: y, yes, on… ; 1.2: true, false) and null
	`y|n|yes|no|on|off|true|false|~|null`,
	// integers: binary, octal (0o is 1.2), decimal, hex, sexagesimal (1:20 is
	// 80); "_" (1.1) and "," (Psych) separate digits
	`[-+]?(?:0b[0-1_,]+|0o?[0-7_,]+|[0-9][0-9_,]*|0x[0-9a-f_,]+|[0-9][0-9_,]*(?::[0-5]?[0-9])+)`,
	// floats: 1.5, .5, 1., 1e3, 1.0e+3, sexagesimal 190:20:30.15, .inf, .nan
	`[-+]?(?:[0-9][0-9_,]*)?\.[0-9_]*(?:e[-+]?[0-9]+)?|[-+]?[0-9][0-9_,]*e[-+]?[0-9]+`,
	`[-+]?[0-9][0-9_,]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|nan)`,
	// timestamps (1.1): 2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10 -5
	`[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:t|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?`,
	// merge and value keys (1.1; PyYAML's safe_load refuses "=" as a value)
	`<<|=`,
}, "|") + `)$`)

// validUTF8 replaces each byte of s that is not UTF-8 with U+FFFD, as
// encoding/json does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// escapeRaw writes as \uXXXX the characters mustEscape names that go-yaml
// left raw (format characters: it escapes only what YAML forbids raw).
// styleScalar double-quoted every scalar holding one and commentLine
// escaped them in comments, so each raw one is inside double quotes, where
// \uXXXX is an escape every YAML reader decodes.
func escapeRaw(data []byte) []byte {
	i := 0
	for i < len(data) {
		c := data[i]
		if c < utf8.RuneSelf && c >= 0x20 && c != 0x7f || c == '\n' {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if mustEscape(r) {
			break
		}
		i += size
	}
	if i == len(data) {
		return data
	}
	out := make([]byte, 0, len(data)+16)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r != '\n' && mustEscape(r) {
			out = appendEscape(out, r)
		} else {
			out = append(out, data[:size]...)
		}
		data = data[size:]
	}
	return out
}

func appendEscape(b []byte, r rune) []byte {
	if r > 0xffff {
		return fmt.Appendf(b, `\U%08X`, r)
	}
	return fmt.Appendf(b, `\u%04X`, r)
}

// maxComment bounds a "# name" comment, in characters after "# ".
const maxComment = 200

// commentLine is the one function comment text goes through: "# " and the
// text on one line (whitespace runs, line breaks included, become one
// space), each character mustEscape names shown as \uXXXX, invalid UTF-8
// as U+FFFD, at most maxComment characters (the rest cut at a whole
// character or escape, with "…"). A name cannot end the comment, start a
// key or hide text: go-yaml writes comments raw and the YAML reader refuses
// a raw control character anywhere in the file.
func commentLine(s string) string {
	s = strings.Join(strings.FieldsFunc(validUTF8(s), unicode.IsSpace), " ")
	var units []string
	total := 0
	for _, r := range s {
		u := string(r)
		if mustEscape(r) {
			u = string(appendEscape(nil, r))
		}
		units = append(units, u)
		total += utf8.RuneCountInString(u)
	}
	if total <= maxComment {
		return "# " + strings.Join(units, "")
	}
	var b strings.Builder
	n := 0
	for _, u := range units {
		if n+utf8.RuneCountInString(u) > maxComment-1 {
			break
		}
		b.WriteString(u)
		n += utf8.RuneCountInString(u)
	}
	return "# " + strings.TrimRight(b.String(), " ") + "…"
}
