package report

import (
	"fmt"
	"regexp"
	"strings"
)

// mdEscape makes tenant-controlled text inert inside GitHub-flavoured
// Markdown, including table cells: no HTML (so no forged <!-- markers -->),
// no images, links or autolinks, no code spans or fences, no emphasis, no table
// breaks and no @mentions. Line breaks become spaces so a value can never
// start a new block (heading, list, fence, table row).
func mdEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '!', '|', '~', ':':
			// ':' too: an escaped colon stops GFM from autolinking
			// "https://..." and "javascript:..." written by a tenant.
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '@':
			// A zero-width space after @ breaks GitHub's mention and team
			// syntax; an escaped @ alone is still linked (the mention filter
			// runs on rendered text).
			b.WriteString("@&#8203;")
		case '\n', '\r', '\t', '\v', '\f', '\u2028', '\u2029':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0x7f {
				continue // other control characters have no business in a summary
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// safeURL matches plain http(s) URLs that can sit inside <...> as an
// autolink: no spaces, angle brackets, quotes or backslashes.
var safeURL = regexp.MustCompile(`^https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%\[\]]+$`)

// mdLink renders a reference as an autolink when it is a plain web URL,
// otherwise as escaped text.
func mdLink(ref string) string {
	if safeURL.MatchString(ref) {
		return "<" + ref + ">"
	}
	return mdEscape(ref)
}

// mdCodeBlock fences tenant-controlled text (a YAML diff) as a code block
// that nothing inside can close: the fence is one backtick longer than the
// longest backtick run in the text. Control characters other than newline
// are shown as \u escapes, since a code block prints them raw.
func mdCodeBlock(lang, text string) []string {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	var b strings.Builder
	for _, r := range strings.TrimSuffix(text, "\n") {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == '\u2028' || r == '\u2029' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return []string{fence + lang, b.String(), fence}
}

// mdHTMLText escapes text placed inside an HTML element of a Markdown
// document (a <summary>), where Markdown escapes do not apply: HTML
// entities for markup, a broken @ for mentions, one line.
func mdHTMLText(s string) string {
	var b strings.Builder
	for _, r := range clip(s, markdownMaxCell) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '@':
			b.WriteString("@&#8203;")
		case '\n', '\r', '\t', '\v', '\f', '\u2028', '\u2029':
			b.WriteByte(' ')
		default:
			if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
