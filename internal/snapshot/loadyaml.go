package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Reading one snapshot file: size cap, no aliases, plain values only, and
// errors that say file:line.

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
		if e := rawCharacterError(file, data, err); e != nil {
			return nil, e
		}
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

// What stays refused: characters YAML forbids raw in a stream (C0 but
// tab, LF and CR; DEL; C1 but NEL; U+FFFE, U+FFFF) and invalid UTF-8.
// Every YAML reader refuses them (go-yaml says "control characters are not
// allowed", without a line), and the writer never writes them raw: in
// values they are escapes inside double quotes ("\x07", "\e", "\0"),
// which the loader reads back to the same string, and in comments they are
// shown as \uXXXX. So a raw one means the file was edited by hand, or
// written by an entra-audit from before names in comments were escaped;
// rawCharacterError says where, and that taking the snapshot again mends it.
// Raw bidi controls and other invisible format characters are valid YAML
// and are read (older snapshots hold them), though the writer escapes them.

// rawCharacterError explains a go-yaml reader error about a raw character
// with its line; nil when err is another error.
func rawCharacterError(file string, data []byte, err error) error {
	msg := err.Error()
	if !strings.Contains(msg, "control characters are not allowed") && !strings.Contains(msg, "UTF-8") &&
		!strings.Contains(msg, "invalid Unicode character") {
		return nil
	}
	if bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return nil // UTF-16: go-yaml's own message
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Errorf("%s:%d: invalid UTF-8 (byte 0x%02X): a snapshot file is UTF-8 text", file, line, data[i])
		case r == '\n':
			line++
		case !yamlPrintable(r):
			return fmt.Errorf("%s:%d: raw character %U is not allowed in YAML (entra-audit writes it escaped, \\u%04X): "+
				"the file was edited by hand or written by an older entra-audit; take the snapshot again", file, line, r, r)
		}
		i += size
	}
	return nil
}

// yamlPrintable is YAML's c-printable: what a YAML stream may hold raw.
func yamlPrintable(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 ||
		r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
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
