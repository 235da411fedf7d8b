package report

import (
	"regexp"
	"strings"
)

// mdEscape makes tenant-controlled text inert inside GitHub-flavoured
// Markdown, including table cells: no HTML (so no forged <!-- markers -->),
// no images, links or autolinks, no code spans or fences, no emphasis, no table
// breaks and no @mentions. Every character mustShow names (control, bidi,
// zero-width, separators, line breaks too) is shown as its escape (\u001b,
// \u202e), so a value can never start a new block (heading, list, fence,
// table row) and a reviewer sees that a name holds one; a backslash before
// a letter is literal in Markdown, so the escape renders as written.
// Invalid UTF-8 becomes U+FFFD.
func mdEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, r := range s {
		if mustShow(r) {
			b.WriteString(visibleEscape(r))
			continue
		}
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
		default:
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
// longest backtick run in the text. Every character mustShow names other
// than a line feed is shown as its escape, since a code block prints them
// raw, and so is the "!" of an HTML comment opener (<\u0021--), so no line
// of tenant text can pass for a marker line (<!-- entra-audit:review -->)
// that the GitHub commands look for.
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
	text = strings.TrimSuffix(text, "\n")
	for i, r := range text {
		switch {
		case r == '!' && strings.HasPrefix(text[i:], "!--") && i > 0 && text[i-1] == '<':
			b.WriteString(`\u0021`)
		case r == '\n':
			b.WriteRune(r)
		case mustShow(r):
			b.WriteString(visibleEscape(r))
		default:
			b.WriteRune(r)
		}
	}
	return []string{fence + lang, b.String(), fence}
}

// mdHTMLText escapes text placed inside an HTML element of a Markdown
// document (a <summary>), where Markdown escapes do not apply: HTML
// entities for markup, a broken @ for mentions, one line, and every
// character mustShow names shown as its escape, as in mdEscape.
func mdHTMLText(s string) string {
	var b strings.Builder
	for _, r := range clip(s, markdownMaxCell) {
		if mustShow(r) {
			b.WriteString(visibleEscape(r))
			continue
		}
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
		case '`':
			b.WriteString("&#96;") // inert in an HTML block anyway; no code span for a renderer that reads it as text
		case '@':
			b.WriteString("@&#8203;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
