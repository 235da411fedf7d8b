// Package termsafe is the terminal and CI-log channel's one escaping
// function. Anything a tenant, a Graph error or a pull request controls
// (display names, messages, policy titles, file names) goes through
// String before it is printed to a terminal or a log, so it can neither
// drive the terminal (escape sequences, bells, carriage returns, title
// changes), hide or reorder text (bidi controls), nor start a new log line
// that a CI runner would execute (a GitHub Actions "::command::").
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// String shows every control character (C0, DEL, C1), line and paragraph
// separator, bidi control and byte-order mark as a \u escape, and escapes
// the first colon of a leading "::"; invalid UTF-8 becomes U+FFFD (a raw
// 0x9b byte is CSI on an 8-bit terminal). Printable text, tabs excepted,
// is unchanged.
func String(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, r := range s {
		switch {
		case unsafeRune(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		case r == ':' && i == 0 && strings.HasPrefix(s, "::"):
			b.WriteString(`\u003a`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func clean(s string) bool {
	if strings.HasPrefix(s, "::") || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unsafeRune(r) {
			return false
		}
	}
	return true
}

func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == '\u2028', r == '\u2029', r == '\ufeff', r == '\u200e', r == '\u200f', r == '\u061c':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}
