package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// Tenant text is hostile: anyone who can name an app or a group chooses
// the characters. A character that is invisible, moves the cursor, or
// reorders the text around it would let a name look like another one
// ("invoice\u202egpj.exe" displays as "invoiceexe.jpg"), so no writer puts
// such a character in a report raw. mustShow decides which characters
// those are, for every writer; each channel's escaping function (htmlTenant,
// sarifText, junitText, csvCell, mdEscape, mdHTMLText, mdCodeBlock) shows
// them in its own way, all built on visibleRunes.

// mustShow reports whether r may not be written raw into a report:
// termsafe.Hidden, the one rule for every channel (terminal included).
func mustShow(r rune) bool { return termsafe.Hidden(r) }

// visibleEscape is how a mustShow character reads in plain text (\u202e).
func visibleEscape(r rune) string { return termsafe.Escape(r) }

// runeName names a mustShow character for a tooltip: "U+202E
// RIGHT-TO-LEFT OVERRIDE".
func runeName(r rune) string {
	name := runeNames[r]
	switch {
	case name != "":
	case r < 0x20 || r == 0x7f:
		name = "CONTROL CHARACTER"
	case r <= 0x9f:
		name = "C1 CONTROL CHARACTER"
	case r >= 0xe0000 && r <= 0xe007f:
		name = "TAG CHARACTER"
	case r >= '\ufdd0' && r <= '\ufdef', r&0xfffe == 0xfffe:
		name = "NONCHARACTER"
	default:
		name = "INVISIBLE FORMAT CHARACTER"
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}

var runeNames = map[rune]string{
	0x00: "NULL", 0x01: "START OF HEADING", 0x02: "START OF TEXT", 0x03: "END OF TEXT",
	0x04: "END OF TRANSMISSION", 0x05: "ENQUIRY", 0x06: "ACKNOWLEDGE", 0x07: "BELL",
	0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0a: "LINE FEED", 0x0b: "LINE TABULATION",
	0x0c: "FORM FEED", 0x0d: "CARRIAGE RETURN", 0x0e: "SHIFT OUT", 0x0f: "SHIFT IN",
	0x10: "DATA LINK ESCAPE", 0x11: "DEVICE CONTROL ONE", 0x12: "DEVICE CONTROL TWO",
	0x13: "DEVICE CONTROL THREE", 0x14: "DEVICE CONTROL FOUR", 0x15: "NEGATIVE ACKNOWLEDGE",
	0x16: "SYNCHRONOUS IDLE", 0x17: "END OF TRANSMISSION BLOCK", 0x18: "CANCEL",
	0x19: "END OF MEDIUM", 0x1a: "SUBSTITUTE", 0x1b: "ESCAPE", 0x1c: "FILE SEPARATOR",
	0x1d: "GROUP SEPARATOR", 0x1e: "RECORD SEPARATOR", 0x1f: "UNIT SEPARATOR", 0x7f: "DELETE",
	0x85: "NEXT LINE", 0x9b: "CONTROL SEQUENCE INTRODUCER", 0x9d: "OPERATING SYSTEM COMMAND",
	0xad: "SOFT HYPHEN", 0x061c: "ARABIC LETTER MARK", 0x115f: "HANGUL CHOSEONG FILLER",
	0x1160: "HANGUL JUNGSEONG FILLER", 0x180e: "MONGOLIAN VOWEL SEPARATOR",
	0x200b: "ZERO WIDTH SPACE", 0x200c: "ZERO WIDTH NON-JOINER", 0x200d: "ZERO WIDTH JOINER",
	0x200e: "LEFT-TO-RIGHT MARK", 0x200f: "RIGHT-TO-LEFT MARK",
	0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
	0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING",
	0x202c: "POP DIRECTIONAL FORMATTING", 0x202d: "LEFT-TO-RIGHT OVERRIDE", 0x202e: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER", 0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
	0x3164: "HANGUL FILLER", 0xfeff: "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
	0xffa0: "HALFWIDTH HANGUL FILLER",
}

// visibleRunes walks s for a channel's escaping function: show is called
// for each mustShow character (a line feed too unless keepNewlines, for
// multi-line blocks such as a diff), text for each run of other
// characters. Invalid UTF-8 reaches text as U+FFFD.
func visibleRunes(s string, keepNewlines bool, text func(string), show func(rune)) {
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		bad := r == utf8.RuneError && size == 1
		if !bad && (!mustShow(r) || (keepNewlines && r == '\n')) {
			i += size
			continue
		}
		if start < i {
			text(s[start:i])
		}
		if bad {
			text("\ufffd")
		} else {
			show(r)
		}
		i += size
		start = i
	}
	if start < len(s) {
		text(s[start:])
	}
}

// prose is a control's own text (title, statement, remediation, manual
// check) as the writers show it: policy authors wrap its lines, so a line
// feed (or CRLF) in it is a word space, not hidden content. Everything
// else in it goes through the channel's escaping function as usual, since
// custom policies are user input too.
func prose(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", " "), "\n", " ")
}

// plainVisible is the plain-text form shared by the channels that have no
// markup (SARIF, JUnit, CSV, HTML attributes): every mustShow character as
// its escape, invalid UTF-8 as U+FFFD. It is idempotent: its output has
// nothing left to escape.
func plainVisible(s string, keepNewlines bool) string {
	if isPlainClean(s, keepNewlines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 12)
	visibleRunes(s, keepNewlines, func(t string) { b.WriteString(t) }, func(r rune) { b.WriteString(visibleEscape(r)) })
	return b.String()
}

func isPlainClean(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && !(keepNewlines && c == '\n') || c >= 0x7f {
			// Rare in practice (ASCII is the common case): check properly.
			return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
				return mustShow(r) && !(keepNewlines && r == '\n')
			})
		}
	}
	return true
}
