package report

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

// TestHTMLIsSelfContained checks, without a browser, that report.html
// loads nothing and that its CSP hash matches the one inline script.
func TestHTMLIsSelfContained(t *testing.T) {
	page := string(mustRender(t, htmlWriter{}, fixtureReport()))
	for _, bad := range []string{"<link", "@import", "url(", " src=", "<iframe", "<object", "<embed", "http-equiv=\"refresh\""} {
		if strings.Contains(page, bad) {
			t.Errorf("report.html contains %q: it must load nothing", bad)
		}
	}
	scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(scripts) != 1 {
		t.Fatalf("inline scripts = %d, want exactly 1", len(scripts))
	}
	sum := sha256.Sum256([]byte(scripts[0][1]))
	hash := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no CSP meta tag")
	}
	policy := strings.ReplaceAll(csp[1], "&#39;", "'")
	for _, want := range []string{"default-src 'none'", "style-src 'unsafe-inline'", "img-src data:", "script-src '" + hash + "'", "base-uri 'none'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("CSP %q lacks %q", policy, want)
		}
	}
	if strings.Contains(policy, "unsafe-eval") || strings.Contains(policy, "script-src 'unsafe-inline'") {
		t.Errorf("CSP allows arbitrary script: %q", policy)
	}
}

// TestHTMLEscapesHostileStrings checks the markup (the browser test checks
// behaviour): no payload survives as a tag, attribute or link.
func TestHTMLEscapesHostileStrings(t *testing.T) {
	page := string(mustRender(t, htmlWriter{}, hostileReport(t)))
	body := page[strings.Index(page, "<body>"):strings.LastIndex(page, "<script>")]
	// Attribute values are always double-quoted by html/template; blank
	// them so only real attribute names are looked at.
	for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(body, -1) {
		names := regexp.MustCompile(`"[^"]*"`).ReplaceAllString(tag, `""`)
		if regexp.MustCompile(`(?i)\son[a-z]+\s*=`).MatchString(names) {
			t.Errorf("an element carries an event handler: %s", tag)
		}
	}
	for _, bad := range []string{"<script", "<img", "<svg onload", "href=\"javascript:", "<!-- entra-audit"} {
		if strings.Contains(strings.ToLower(body), strings.ToLower(bad)) {
			i := strings.Index(strings.ToLower(body), strings.ToLower(bad))
			t.Errorf("payload %q survived unescaped: …%s…", bad, body[max(0, i-60):min(len(body), i+60)])
		}
	}
	if !strings.Contains(page, "&lt;script&gt;window.__xss=1&lt;/script&gt;") {
		t.Errorf("the escaped tenant name is not shown")
	}
}

func TestHTMLCapsFindingsPerControl(t *testing.T) {
	r := bigReport(45000) // about 1,125 findings per control
	page := string(mustRender(t, htmlWriter{}, r))
	if n := strings.Count(page, `<code class="path"><bdi>applications/000`); n != 40*htmlMaxFindings {
		t.Errorf("finding rows = %d, want %d (40 controls × %d)", n, 40*htmlMaxFindings, htmlMaxFindings)
	}
	if !strings.Contains(page, "(1125, first 1000 shown: see findings.json or action-plan.csv for all)") {
		t.Errorf("the cap is not explained")
	}
}
