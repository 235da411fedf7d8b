package report

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"

	"github.com/entra-audit/entra-audit/internal/finding"
)

//go:embed html.tmpl
var htmlTemplateText string

//go:embed html.js
var htmlScript string

// htmlTemplate is parsed once; html/template escapes every value by
// context (text, attribute, URL, JS), which is what keeps tenant-controlled
// names inert. The only template.HTML built from report data is what
// htmlTenant returns (see html_tenant.go), which escapes every character
// itself. Never switch it to text/template.
var htmlTemplate = template.Must(template.New("report.html").Funcs(htmlFuncs).Parse(htmlTemplateText))

// htmlFuncs are the template's one way to print report data: every string
// from the report (tenant names, object names, messages, evidence, file
// names, waivers, drift, warnings, policy text) goes through one of them.
var htmlFuncs = template.FuncMap{
	"tenant":      htmlTenant,      // text: <bdi>, control characters as marked escapes
	"tenantBlock": htmlTenantBlock, // the same inside <pre>, keeping line breaks
	"tenantText":  htmlTenantText,  // where markup cannot go: attributes, <title>, <option>, SVG
}

// htmlWriter writes report.html for auditors: one self-contained file (no
// network: inline CSS, SVG charts and one small script) that works from
// file:// and prints cleanly.
type htmlWriter struct{}

func (htmlWriter) Name() string     { return "html" }
func (htmlWriter) FileName() string { return "report.html" }

func (htmlWriter) Write(_ context.Context, w io.Writer, r finding.Report) error {
	v := buildHTMLView(r, htmlCSP(htmlScript))
	v.Script = template.JS(htmlScript)
	if err := htmlTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("render HTML report: %w", err)
	}
	return nil
}

// htmlCSP allows inline styles, data: images and exactly our script (by
// hash), and nothing else: no network, no other script, no forms, no base
// URL, so even markup that slipped past escaping could neither run nor
// load anything.
func htmlCSP(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " +
		"script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; " +
		"base-uri 'none'; form-action 'none'"
}
