package snapshot

import (
	"encoding/json"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestRenderKeepsStringsStrings(t *testing.T) {
	tricky := []string{"yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "False", "null", "~", "", " ",
		"0123", "123", "1e3", "0x1F", "0o17", ".5", "-1", "+1", "1_000", ".inf", "-.Inf", ".nan",
		"2026-01-01", "2026-01-01T10:00:00Z", "12:30", "a: b", "- x", "#hash", "x #y", "'q'", "\"dq\"",
		"multi\nline\n", "trailing space ", "\ttab", "@odata", "&anchor", "*alias", "!tag", "%pct", "`tick",
		"{a}", "[a]", "?", "|", ">", "unicode é ✓ 🔐", strings.Repeat("long words ", 30), "line1\nline2 ",
		"\x01ctl", "crlf\r\n", "\u2028"}
	obj := Object{}
	for i, s := range tricky {
		obj[string(rune('a'+i%26))+strings.Repeat("k", i/26)] = s
	}
	obj["list"] = []any{"yes", "007", "null"}
	data, err := renderObject(obj, Resource{Key: "t.x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := yaml.Unmarshal(data, &back); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	for k, want := range obj {
		got := back[k]
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(got)
		if string(wj) != string(gj) {
			t.Errorf("key %s: wrote %s, read back %s\n%s", k, wj, gj, data)
		}
	}
	for _, line := range strings.Split(string(data), "\n") {
		if len(line) > 400 {
			t.Errorf("line folded? %q", line)
		}
	}
}

func TestRenderOrderAndComments(t *testing.T) {
	names := namesOf(map[string]string{
		"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
		"aaaaaaaa-0000-0000-0000-000000000001": "Self",
	})
	obj := Object{
		"zeta":        json.Number("4"),
		"@odata.type": "#microsoft.graph.x",
		"displayName": "X",
		"id":          "aaaaaaaa-0000-0000-0000-000000000001",
		"alpha":       []any{"62E90394-69F5-4237-9190-012177145E10", "All"},
		"nested":      map[string]any{"id": "aaaaaaaa-0000-0000-0000-000000000001", "b": nil, "a": true, "empty": []any{}, "m": map[string]any{}},
	}
	data, err := renderObject(obj, Resource{Key: "t.x"}, names)
	if err != nil {
		t.Fatal(err)
	}
	want := `id: aaaaaaaa-0000-0000-0000-000000000001
displayName: X
'@odata.type': '#microsoft.graph.x'
alpha:
  - 62E90394-69F5-4237-9190-012177145E10 # Global Administrator
  - All
nested:
  id: aaaaaaaa-0000-0000-0000-000000000001 # Self
  a: true
  b: null
  empty: []
  m: {}
zeta: 4
`
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
}

func TestRenderCommentsPathsAndContexts(t *testing.T) {
	names := namesOf(map[string]string{"972a8469-1641-4f82-8b9d-2434e465e150": "Adele Vance", "c1": "Sensitive actions"})
	obj := Object{
		"query": "/users/972a8469-1641-4f82-8b9d-2434e465e150",
		"other": "not/972a8469-1641-4f82-8b9d-2434e465e150",
		"includeAuthenticationContextClassReferences": []any{"c1"},
		"name": "c1",
	}
	data, err := renderObject(obj, Resource{}, names)
	if err != nil {
		t.Fatal(err)
	}
	want := `includeAuthenticationContextClassReferences:
  - c1 # Sensitive actions
name: c1
other: not/972a8469-1641-4f82-8b9d-2434e465e150
query: /users/972a8469-1641-4f82-8b9d-2434e465e150 # Adele Vance
`
	if string(data) != want {
		t.Errorf("got\n%s", data)
	}
}

// A value that cannot be written fails the render naming the object, the
// first in file order whatever finished first.
func TestRenderErrorNamesTheObject(t *testing.T) {
	r := Resource{Key: "t.items", Path: "t/items"}
	objs := []Object{{"id": "b-ok", "displayName": "fine"}}
	for _, id := range []string{"z-bad", "c-bad"} {
		objs = append(objs, Object{"id": id, "displayName": "bad", "v": make(chan int)})
	}
	res := &Result{Resources: []Resource{r}, Outcomes: []*Outcome{{Key: r.Key, Status: StatusCollected, Objects: objs}}}
	_, err := Render(res, WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), `t.items "c-bad"`) || !strings.Contains(err.Error(), "cannot write a chan int") {
		t.Fatalf("error %v", err)
	}
}
