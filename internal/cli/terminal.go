package cli

import (
	"fmt"
	"strings"
)

// termText makes tenant-controlled text inert on a terminal and in CI
// logs: control characters (C0, DEL, C1: escape sequences, bells, carriage
// returns), line and paragraph separators and bidi controls are shown as
// \u escapes, so a value can neither drive the terminal nor start a new
// log line; a leading "::" (a GitHub Actions workflow command when it
// starts a line) has its first colon escaped too.
func termText(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == '\u2028' || r == '\u2029' ||
			(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') || r == '\u200e' || r == '\u200f' || r == '\ufeff':
			fmt.Fprintf(&b, "\\u%04x", r)
		case r == ':' && i == 0 && strings.HasPrefix(s, "::"):
			b.WriteString(`\u003a`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
