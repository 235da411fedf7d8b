package github

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

const (
	// CommentLimit is GitHub's limit on a comment and on a pull request
	// body. GitHub counts it in characters, not bytes ("Body is too long
	// (maximum is 65536 characters)"), so text is measured in runes.
	CommentLimit = 65536
	// SummaryLimit is the limit on one step's job summary: 1 MiB, in bytes.
	SummaryLimit = 1 << 20
)

// FitComment returns body unchanged when it has at most limit characters
// (runes, as GitHub counts). Otherwise it drops whole sections from the end
// and appends a note naming them and where the full report is
// (fullReportURL, or "this run's artifacts" when empty).
//
// A section starts at a line beginning with "## ", "### " or "<details"
// (outside code fences and outside an open <details> block) and runs to
// the next one. Everything before the second section start (the marker,
// the headline, the first section) is always kept; only when that alone
// is too long is it shortened, at a line boundary, with open code fences
// and <details> closed. The result is at most limit; it is empty only
// when not even the note fits.
func FitComment(body string, limit int, fullReportURL string) string {
	return fit(body, limit, fullReportURL, utf8.RuneCountInString, "GitHub's comment limit")
}

// FitPullRequestBody is FitComment for a pull request's description.
func FitPullRequestBody(body string, limit int, fullReportURL string) string {
	return fit(body, limit, fullReportURL, utf8.RuneCountInString, "GitHub's pull request body limit")
}

// FitSummary is FitComment for the job summary, whose limit is in bytes.
func FitSummary(body string, limit int, fullReportURL string) string {
	return fit(body, limit, fullReportURL, func(s string) int { return len(s) }, "the job summary's 1 MiB limit")
}

type section struct {
	start   int // byte offset in the body
	heading string
}

func fit(body string, limit int, reportURL string, measure func(string) int, reason string) string {
	if measure(body) <= limit {
		return body
	}
	secs := sections(body)
	// head: everything before the second section start.
	headEnd := len(body)
	var rest []section
	if len(secs) > 1 {
		headEnd, rest = secs[1].start, secs[1:]
	}
	// Keep rest[:k]; measure the kept text incrementally from the end.
	keptLen := measure(body)
	for k := len(rest) - 1; k >= 0; k-- {
		keptLen -= measure(body[rest[k].start:end(rest, k+1, body)])
		kept := body[:rest[k].start]
		n := cutNote(rest[k:], false, reportURL, reason)
		if keptLen+measure(sep(kept))+measure(n) <= limit {
			return kept + sep(kept) + n
		}
	}
	return shorten(body[:headEnd], rest, limit, reportURL, measure, reason)
}

func end(secs []section, k int, body string) int {
	if k < len(secs) {
		return secs[k].start
	}
	return len(body)
}

// sep ends kept text with a blank line so the note is a block of its own
// (a table or a list would otherwise swallow it).
func sep(kept string) string {
	switch {
	case kept == "" || strings.HasSuffix(kept, "\n\n"):
		return ""
	case strings.HasSuffix(kept, "\n"):
		return "\n"
	}
	return "\n\n"
}

// shorten is the last resort: the head alone is too long. It keeps the
// longest run of whole lines that fits with the note (open fences and
// <details> closed); with not even one line, the note alone, or "".
func shorten(head string, rest []section, limit int, reportURL string, measure func(string) int, reason string) string {
	n := cutNote(rest, true, reportURL, reason)
	var cuts []int // line ends, ascending
	for i := 0; i < len(head); {
		j := strings.IndexByte(head[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		cuts = append(cuts, i)
	}
	build := func(cut int) string {
		kept := head[:cut] + closers(head[:cut])
		return kept + sep(kept) + n
	}
	// The longest prefix that fits (lengths grow with cut).
	lo, hi, best := 0, len(cuts)-1, ""
	for lo <= hi {
		mid := (lo + hi) / 2
		if s := build(cuts[mid]); measure(s) <= limit {
			best, lo = s, mid+1
		} else {
			hi = mid - 1
		}
	}
	if best != "" {
		return best
	}
	if measure(n) <= limit {
		return n
	}
	return ""
}

// closers closes what a cut left open: a code fence, <details> blocks.
func closers(text string) string {
	var st blockState
	for l := range strings.SplitSeq(text, "\n") {
		st.line(l)
	}
	var b strings.Builder
	if st.fence != "" {
		b.WriteString("\n" + st.fence + "\n")
	}
	for range st.details {
		b.WriteString("\n</details>\n")
	}
	return b.String()
}

// cutNote is the GitHub alert that says what was cut and where the rest is.
func cutNote(cut []section, shortened bool, reportURL, reason string) string {
	var b strings.Builder
	b.WriteString("> [!NOTE]\n> ")
	switch {
	case shortened && len(cut) == 0:
		fmt.Fprintf(&b, "This report was shortened to fit %s.", reason)
	case shortened:
		fmt.Fprintf(&b, "This report was shortened and %s cut to fit %s: %s.", count(len(cut)), reason, headingList(cut))
	default:
		fmt.Fprintf(&b, "%s cut to fit %s: %s.", capital(count(len(cut))), reason, headingList(cut))
	}
	if u := autolink(reportURL); u != "" {
		b.WriteString(" The full report is at " + u + ".\n")
	} else {
		b.WriteString(" The full report is in this run's artifacts.\n")
	}
	return b.String()
}

func count(n int) string {
	if n == 1 {
		return "1 section was"
	}
	return fmt.Sprintf("%d sections were", n)
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// headingList names the cut sections, at most ten, each at most 80
// characters, as escaped plain text.
func headingList(cut []section) string {
	const most, width = 10, 80
	var names []string
	for i, s := range cut {
		if i == most {
			names = append(names, fmt.Sprintf("and %d more", len(cut)-most))
			break
		}
		h := s.heading
		if utf8.RuneCountInString(h) > width {
			h = string([]rune(h)[:width-1]) + "…"
		}
		names = append(names, mdText(h))
	}
	return strings.Join(names, "; ")
}
