package snapshot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// commentLine is the one function comment text goes through.
func TestCommentLine(t *testing.T) {
	long := strings.Repeat("é", 198) + "\u202e" + "tail"
	for in, want := range map[string]string{
		"Global Administrator":        "# Global Administrator",
		"two\nlines\r\n- injected: 1": "# two lines - injected: 1",
		"  spaced \t out \u2028 ":     "# spaced out",
		"bell\x07 esc\x1b[2J nul\x00": `# bell\u0007 esc\u001B[2J nul\u0000`,
		"invoice\u202egpj.exe":        `# invoice\u202Egpj.exe`,
		"zero\u200bwidth\ufeff":       `# zero\u200Bwidth\uFEFF`,
		"c1\u0085next":                "# c1 next",
		"tag\U000e0041":               `# tag\U000E0041`,
		"bad\xffbyte":                 "# bad\uFFFDbyte",
		"#hash # inside":              "# #hash # inside",
		strings.Repeat("a", 200):      "# " + strings.Repeat("a", 200),
		strings.Repeat("a", 201):      "# " + strings.Repeat("a", 199) + "…",
		strings.Repeat("ab ", 100):    "# " + strings.Repeat("ab ", 66) + "a…",
		// an escape is never cut in the middle
		long: "# " + strings.Repeat("é", 198) + "…",
	} {
		got := commentLine(in)
		if got != want {
			t.Errorf("commentLine(%.40q) = %q, want %q", in, got, want)
		}
		if n := utf8.RuneCountInString(got); n > 2+maxComment {
			t.Errorf("commentLine(%.40q) is %d characters", in, n)
		}
	}
}

// Keys go through the same rule as values, and a comment cannot add a key.
func TestHostileKeysAndComments(t *testing.T) {
	names := namesOf(map[string]string{"62e90394-69f5-4237-9190-012177145e10": "x\ninjected: true\n# y\x07"})
	obj := Object{
		"1:20": "k", "yes": "k", "a\u202eb": "k", "tab\tkey": "k", "<<": "k", "=": "k",
		"ref": "62e90394-69f5-4237-9190-012177145e10",
	}
	data, err := renderObject(obj, Resource{}, names)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := yaml.Unmarshal(data, &back); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(back) != len(obj) {
		t.Errorf("read back %v\n%s", back, data)
	}
	for k, v := range obj {
		if back[k] != v {
			t.Errorf("key %q: %v\n%s", k, back[k], data)
		}
	}
	if !strings.Contains(string(data), `ref: 62e90394-69f5-4237-9190-012177145e10 # x injected: true # y\u0007`+"\n") ||
		!strings.Contains(string(data), `"a\u202Eb": k`) {
		t.Errorf("got\n%s", data)
	}
}

// escapeRaw leaves a document without raw format characters untouched.
func TestEscapeRawKeepsPlainDocuments(t *testing.T) {
	doc := []byte("displayName: Ünïcödé ✓ 中文 שלום\nlist:\n  - a # b\n")
	if got := escapeRaw(doc); string(got) != string(doc) {
		t.Errorf("got %q", got)
	}
	if got := escapeRaw([]byte("v: \"a\u202eb\u00adc\"\n")); string(got) != `v: "a\u202Eb\u00ADc"`+"\n" {
		t.Errorf("got %q", got)
	}
}
