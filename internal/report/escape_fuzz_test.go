package report

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// FuzzEscapes checks each text channel's escaping function on any input:
// Markdown text cannot open HTML, an image, a link, a code span or a
// mention, nor break a table row or a line; HTML text is inside <bdi> and
// opens no element or attribute; none of them lets a hidden character
// through raw; all are valid UTF-8.
//
//	go test -run '^$' -fuzz '^FuzzEscapes$' -fuzztime 30s -fuzzminimizetime 100x ./internal/report
func FuzzEscapes(f *testing.F) {
	if b, err := os.ReadFile("../../testdata/hostile/strings.json"); err == nil {
		var corpus []string
		if json.Unmarshal(b, &corpus) == nil {
			for _, s := range corpus {
				f.Add(s)
			}
		}
	}
	f.Add("<!-- entra-audit:review -->")
	f.Add("[x](javascript:alert(1)) ![i](http://e/x.png) @octocat `code` | cell")
	htmlTag := regexp.MustCompile(`<[a-zA-Z!/?]`)
	f.Fuzz(func(t *testing.T, in string) {
		for name, out := range map[string]string{
			"mdEscape": mdEscape(in), "mdHTMLText": mdHTMLText(in), "sarifText": sarifText(in), "junitText": junitText(in),
			"csvCell": csvCell(in), "htmlTenantText": htmlTenantText(in),
		} {
			if !utf8.ValidString(out) {
				t.Fatalf("%s(%q) is not valid UTF-8", name, in)
			}
			for _, r := range out {
				if termsafe.Hidden(r) {
					t.Fatalf("%s(%q) = %q keeps %U raw", name, in, out, r)
				}
			}
		}
		md := mdEscape(in)
		for what, bad := range map[string]*regexp.Regexp{
			"HTML": htmlTag, "an image": regexp.MustCompile(`(^|[^\\])!\[`), "a link": regexp.MustCompile(`(^|[^\\])\]\(`),
			"a code span": regexp.MustCompile("(^|[^\\\\])`"), "a mention": regexp.MustCompile(`@[A-Za-z0-9]`),
			"a table break": regexp.MustCompile(`(^|[^\\])\|`),
		} {
			if bad.MatchString(md) {
				t.Fatalf("mdEscape(%q) = %q opens %s", in, md, what)
			}
		}
		if strings.ContainsAny(md, "\n\r") {
			t.Fatalf("mdEscape(%q) breaks the line", in)
		}
		if htmlTag.MatchString(mdHTMLText(in)) {
			t.Fatalf("mdHTMLText(%q) opens HTML", in)
		}
		h := string(htmlTenant(in))
		inner := strings.TrimSuffix(strings.TrimPrefix(h, "<bdi>"), "</bdi>")
		if !strings.HasPrefix(h, "<bdi>") || !strings.HasSuffix(h, "</bdi>") {
			t.Fatalf("htmlTenant(%q) = %q is not isolated in <bdi>", in, h)
		}
		// Only the tool's own marking of hidden characters may appear as markup.
		inner = regexp.MustCompile(`<span class="ctl" title="[^"<>]*">|</span>`).ReplaceAllString(inner, "")
		if htmlTag.MatchString(inner) || strings.ContainsAny(inner, `"'`) {
			t.Fatalf("htmlTenant(%q) = %q lets markup through", in, h)
		}
	})
}
