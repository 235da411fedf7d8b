package report

import (
	"html/template"
	"strings"
)

// The HTML channel's escaping function. Every string of report data in
// html.tmpl goes through htmlTenant (or, where markup cannot go, its plain
// form htmlTenantText):
//   - the text is HTML-escaped (& < > " ' become entities), so no tenant
//     string can open a tag, a comment or an entity of its own;
//   - it is wrapped in <bdi>, so right-to-left text (or anything else) in
//     one name cannot reorder the text around it;
//   - every character mustShow names (control, bidi, zero-width, BOM,
//     separators, fillers, noncharacters) is replaced by its escape in a
//     marked span, <span class="ctl" title="U+202E RIGHT-TO-LEFT
//     OVERRIDE">\u202e</span>, so "invoice\u202egpj.exe" reads as exactly
//     that instead of "invoiceexe.jpg";
//   - invalid UTF-8 becomes U+FFFD.
//
// This is the only place a template.HTML is built from report data.

var htmlTextEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// htmlTenant renders one tenant string as HTML text (element content only:
// never an attribute, <title>, <option> or SVG; use htmlTenantText there).
func htmlTenant(s string) template.HTML {
	var b strings.Builder
	b.Grow(len(s) + 11)
	b.WriteString("<bdi>")
	writeHTMLVisible(&b, s, false)
	b.WriteString("</bdi>")
	return template.HTML(b.String())
}

// htmlTenantBlock renders multi-line tenant text inside <pre> (evidence,
// diffs): line feeds stay line breaks, each line is its own <bdi>, and
// everything else is as in htmlTenant (a tab or carriage return is shown
// as an escape, like in a Markdown code block).
func htmlTenantBlock(s string) template.HTML {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if line == "" {
			continue
		}
		b.WriteString("<bdi>")
		writeHTMLVisible(&b, line, false)
		b.WriteString("</bdi>")
	}
	return template.HTML(b.String())
}

// htmlTenantText is the plain form for places that cannot hold markup
// (attribute values, <title>, <option>, SVG text): each mustShow character
// as its escape text, without span or <bdi>. html/template escapes the
// result for its context. Attribute values matched by the filter script
// (data-family and the family options) use it on both sides, so they
// still match.
func htmlTenantText(s string) string { return plainVisible(s, false) }

// ctlSpan is how htmlTenant shows one mustShow character.
func ctlSpan(r rune) string {
	return `<span class="ctl" title="` + runeName(r) + `">` + visibleEscape(r) + `</span>`
}

func writeHTMLVisible(b *strings.Builder, s string, keepNewlines bool) {
	visibleRunes(s, keepNewlines,
		func(t string) { htmlTextEscaper.WriteString(b, t) },
		func(r rune) { b.WriteString(ctlSpan(r)) })
}
