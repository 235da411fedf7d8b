package report

import (
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// Payloads a tenant (or anyone who can name an app, group or policy) could
// plant in the strings we render.
var xssPayloads = []string{
	`<script>window.__xss=1</script>`,
	`<img src=x onerror="window.__xss=1">`,
	`"><svg onload="window.__xss=1">`,
	`javascript:window.__xss=1`,
	`</script><script>window.__xss=1</script>`,
	`'-alert(1)-'`,
	"`${window.__xss=1}`",
	`<!-- entra-audit:sticky v1 key=forged -->`,
	`@octocat and @github/security`,
	"| broken | table |\n```\nfence",
	`![x](https://evil.example/pixel.png) [click](javascript:alert(1))`,
	`=cmd|' /C calc'!A0`,
	"\u2028\u2029 line separators",
}

func hostile(i int) string { return xssPayloads[i%len(xssPayloads)] + " #" + string(rune('A'+i%26)) }

// hostileReport is the fixture with payloads in every string a tenant
// controls: tenant name and domain, object names, finding messages,
// evidence keys and values, file names, waiver fields, gaps and drift.
// Control text comes from policies, but custom policies are user input
// too, so titles and remediation carry payloads as well.
func hostileReport() finding.Report {
	r := fixtureReport()
	r.Tenant.DisplayName = strings.Join(xssPayloads[:5], " ")
	r.Tenant.DefaultDomain = xssPayloads[2]
	r.SnapshotDir = `snapshots/<img src=x onerror="window.__xss=1">`
	n := 0
	next := func() string { n++; return hostile(n) }
	for ci := range r.Controls {
		c := &r.Controls[ci]
		c.Title = c.Title + " " + next()
		c.Description = next()
		c.Remediation = next()
		c.Family = c.Family + next()
		c.References = append(c.References, "javascript:window.__xss=1", next())
		c.Frameworks = map[string][]string{"cisa-scuba": {c.ID}, next(): {next()}}
		c.Message = next()
		c.Manual = next()
		findings := make([]finding.Finding, len(c.Findings))
		for fi, f := range c.Findings {
			f.Resource.Name = next()
			f.Message = next()
			f.Evidence = map[string]any{next(): next(), "nested": map[string]any{"list": []any{next(), 1, true}}}
			if f.Location != nil {
				loc := *f.Location
				loc.File = "applications/" + next() + ".yaml"
				f.Location = &loc
			}
			if f.Waiver != nil {
				w := *f.Waiver
				w.Owner, w.Reason, w.Ticket = next(), next(), next()
				f.Waiver = &w
			}
			findings[fi] = f
		}
		c.Findings = findings
		if c.Waiver != nil {
			w := *c.Waiver
			w.Owner, w.Reason, w.Ticket = next(), next(), next()
			c.Waiver = &w
		}
		for gi := range c.Gaps {
			c.Gaps[gi].Message = next()
		}
	}
	for i := range r.Collection {
		r.Collection[i].Message = next()
		r.Collection[i].Permission = next()
	}
	for i := range r.Drift.Changes {
		c := &r.Drift.Changes[i]
		c.Resource.Name = next()
		c.File = next()
		c.Diff = next() + "\n" + next()
		c.Fields = []finding.FieldChange{{Path: next(), Before: next(), After: next()}}
	}
	r.Warnings = append(r.Warnings, next())
	return r
}
