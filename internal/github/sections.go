package github

import (
	"html"
	"regexp"
	"strings"
)

// sections finds where each section of a Markdown body starts: a line
// beginning with "## ", "### " or "<details" that is neither inside a code
// fence nor inside an open <details> block (so a section is never cut
// between its <details> and </details>, nor a heading quoted in a diff
// taken for one).
func sections(body string) []section {
	var (
		st   blockState
		secs []section
	)
	for off := 0; off < len(body); {
		next := len(body)
		if i := strings.IndexByte(body[off:], '\n'); i >= 0 {
			next = off + i + 1
		}
		l := strings.TrimRight(body[off:next], "\r\n")
		if st.fence == "" && st.details == 0 && sectionStart(l) {
			secs = append(secs, section{start: off, heading: heading(body[off:], l)})
		}
		st.line(l)
		off = next
	}
	return secs
}

func sectionStart(l string) bool {
	return strings.HasPrefix(l, "## ") || strings.HasPrefix(l, "### ") ||
		strings.HasPrefix(l, "<details>") || strings.HasPrefix(l, "<details ")
}

// blockState follows code fences and <details> nesting line by line.
type blockState struct {
	fence   string // the open fence ("```", "~~~~"), "" outside one
	details int    // open <details> blocks
}

func (st *blockState) line(l string) {
	t := strings.TrimLeft(strings.TrimRight(l, "\r"), " ")
	if st.fence != "" {
		if strings.HasPrefix(t, st.fence) && strings.TrimRight(t, string(st.fence[0])+" \t") == "" {
			st.fence = ""
		}
		return
	}
	if f := fenceRun(t); f != "" {
		st.fence = f
		return
	}
	low := strings.ToLower(t)
	st.details += strings.Count(low, "<details") - strings.Count(low, "</details")
	if st.details < 0 {
		st.details = 0
	}
}

// fenceRun is the run of three or more backticks or tildes that opens a
// fenced code block, or "".
func fenceRun(t string) string {
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	if n < 3 || (t[0] == '`' && strings.Contains(t[n:], "`")) {
		return ""
	}
	return t[:n]
}

var (
	summaryRe = regexp.MustCompile(`(?is)<summary[^>]*>(.*?)</summary>`)
	tagRe     = regexp.MustCompile(`<[^<>]*>`)
	spacesRe  = regexp.MustCompile(`\s+`)
)

// heading names a section for the cut note: a heading's text, or a
// <details> block's <summary>, as plain text.
func heading(from, first string) string {
	if strings.HasPrefix(first, "#") {
		t := strings.TrimSpace(strings.TrimLeft(first, "#"))
		t = strings.TrimSpace(strings.TrimRight(t, "#"))
		if h := plain(t); h != "" {
			return h
		}
		return "untitled section"
	}
	if len(from) > 4096 {
		from = from[:4096]
	}
	if m := summaryRe.FindStringSubmatch(from); m != nil {
		if h := plain(m[1]); h != "" {
			return h
		}
	}
	return "details"
}

// plain turns a line of rendered Markdown back into the text it shows:
// tags dropped, backslash escapes and entities undone, code and emphasis
// marks removed. mdText escapes it again for the note.
func plain(s string) string {
	s = tagRe.ReplaceAllString(s, "")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isPunct(s[i+1]):
			i++
			b.WriteByte(s[i])
		case c == '*' || c == '`':
		default:
			b.WriteByte(c)
		}
	}
	t := html.UnescapeString(b.String())
	t = strings.ReplaceAll(t, "\u200b", "")
	return strings.TrimSpace(spacesRe.ReplaceAllString(t, " "))
}

func isPunct(c byte) bool {
	return c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// mdText makes text inert in GitHub Markdown: no HTML (so no forged
// markers), links, images, code, emphasis, table breaks, new blocks or
// @mentions. Line breaks become spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '!', '|', '~', ':':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '@':
			b.WriteString("@&#8203;") // a zero-width space breaks mentions
		case '\n', '\r', '\t', '\v', '\f', '\u2028', '\u2029':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

var safeURLRe = regexp.MustCompile(`^https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%\[\]]+$`)

// SafeURL reports whether u is a plain http(s) URL that can stand in a
// note as an autolink (no spaces, angle brackets, quotes or backslashes).
func SafeURL(u string) bool { return safeURLRe.MatchString(u) }

func autolink(u string) string {
	if !SafeURL(u) {
		return ""
	}
	return "<" + u + ">"
}
