package termsafe_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// FuzzTermsafeString checks the promises of termsafe.String on any input:
// the output carries no C0 control (tab included), DEL or C1 control, no
// line or paragraph separator, bidi control or byte-order mark; it never
// starts with "::" (a GitHub Actions workflow command); it is valid UTF-8;
// and plainly safe text (fuzzSafe) comes back unchanged.
//
// The rules are written out here again, not taken from the package, so a
// change to the package's own list cannot silently weaken the test.
//
//	go test -run '^$' -fuzz '^FuzzTermsafeString$' -fuzztime 30s -fuzzminimizetime 100x ./internal/termsafe
func FuzzTermsafeString(f *testing.F) {
	for _, s := range fuzzHostileStrings(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"", "Contoso Ltd", "::error::x", ":", "::", ":::", "a::b", "\x9b[31m", "\xff::", "\xe2\x80", "\xed\xa0\x80",
		"\u2028", "invoice\u202egpj.exe", "\ufeff::x", "\t::x", "emoji 🙂 and ünïcode",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := termsafe.String(in)
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) = %q is not valid UTF-8", in, out)
		}
		for i := 0; i < len(out); i++ {
			if out[i] < 0x20 || out[i] == 0x7f {
				t.Fatalf("String(%q) = %q keeps byte %#x at %d", in, out, out[i], i)
			}
		}
		for _, r := range out {
			if fuzzUnsafeRune(r) {
				t.Fatalf("String(%q) = %q keeps %U", in, out, r)
			}
		}
		if strings.HasPrefix(out, "::") {
			t.Fatalf("String(%q) = %q starts a workflow command", in, out)
		}
		if fuzzSafe(in) && out != in {
			t.Fatalf("String(%q) = %q changed text that was already safe", in, out)
		}
	})
}

// fuzzUnsafeRune is the documented list: C0, DEL and C1 controls, U+2028
// and U+2029, the bidi controls (LRM, RLM, ALM, U+202A-U+202E,
// U+2066-U+2069) and the byte-order mark.
func fuzzUnsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029, r == 0xfeff:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// fuzzSafe reports whether s is plainly safe text, which String must leave
// alone: valid UTF-8, no leading "::", and only printable ASCII or visible
// letters, marks, digits, punctuation and symbols. The package may hide
// more than fuzzUnsafeRune (zero-width and other invisible characters),
// so the identity is checked on text that is safe by any such rule;
// Hangul fillers are letters that render as nothing, so they are left out.
func fuzzSafe(s string) bool {
	if !utf8.ValidString(s) || strings.HasPrefix(s, "::") {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
		case r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0:
			return false
		case r >= 0xa0 && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)):
		default:
			return false
		}
	}
	return true
}

// fuzzHostileStrings is the shared corpus of hostile tenant strings.
func fuzzHostileStrings(f *testing.F) []string {
	f.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "strings.json"))
	if err != nil {
		f.Fatal(err)
	}
	var corpus []string
	if err := json.Unmarshal(data, &corpus); err != nil {
		f.Fatalf("testdata/hostile/strings.json: %v", err)
	}
	return corpus
}
