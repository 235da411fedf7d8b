// Package termsafe holds the one rule for characters that may not reach a
// reader raw (Hidden, Escape) and the terminal and CI-log channel's
// escaping function (String). Anything a tenant, a Graph error or a pull
// request controls (display names, messages, policy titles, file names)
// goes through String before it is printed to a terminal or a log, so it
// can neither drive the terminal (escape sequences, bells, carriage
// returns, title changes), hide or reorder text (bidi controls,
// zero-width characters), nor start a new log line that a CI runner would
// execute (a GitHub Actions "::command::"). The report writers build their
// own escaping functions on Hidden and Escape.
package termsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hidden reports whether r may not be written raw where people read it:
//   - control characters (Unicode Cc): C0 U+0000–U+001F (tab and line
//     feed included: in one-line text they would hide a line break), DEL
//     and C1 U+0080–U+009F;
//   - format characters (Cf): bidi controls (U+202A–U+202E,
//     U+2066–U+2069, U+200E, U+200F, U+061C), zero-width characters
//     (U+200B–U+200D, U+2060), the byte-order mark U+FEFF, the soft hyphen,
//     tag characters and the other invisible formatting characters;
//   - the line and paragraph separators U+2028 and U+2029;
//   - Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), letters that
//     render as nothing and make a name look blank;
//   - noncharacters (U+FDD0–U+FDEF and the last two code points of every
//     plane; XML cannot carry U+FFFE and U+FFFF at all).
//
// Variation selectors are left alone: emoji need them and they cannot
// reorder or hide text.
func Hidden(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r < 0xa0:
		return false
	case r == '\u2028', r == '\u2029':
		return true
	case r == '\u115f', r == '\u1160', r == '\u3164', r == '\uffa0':
		return true
	case r >= '\ufdd0' && r <= '\ufdef', r&0xfffe == 0xfffe:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// Escape is how a Hidden character reads in plain text: \u202e, or
// \U000e0041 above the Basic Multilingual Plane (Go's and Python's
// notation, so the digits cannot run into the text that follows).
func Escape(r rune) string {
	if r > 0xffff {
		return fmt.Sprintf(`\U%08x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// String shows every Hidden character as its Escape and escapes the first
// colon of a leading "::"; invalid UTF-8 becomes U+FFFD (a raw 0x9b byte
// is CSI on an 8-bit terminal). Other text is unchanged.
func String(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, r := range s {
		switch {
		case Hidden(r):
			b.WriteString(Escape(r))
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
		if Hidden(r) {
			return false
		}
	}
	return true
}
