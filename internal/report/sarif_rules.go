package report

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// sarifRule describes one control as a SARIF reportingDescriptor with the
// fields GitHub requires (short and full description, help) and the
// properties it reads (security-severity, precision, tags).
func sarifRule(c finding.Result) *sarif.ReportingDescriptor {
	title := sarifText(prose(firstNonEmpty(c.Title, c.ID)))
	full := sarifText(prose(firstNonEmpty(c.Description, c.Title, c.ID)))
	rule := sarif.NewRule(c.ID).
		WithName(ruleName(c)).
		WithShortDescription(sarif.NewMultiformatMessageString(clip(title, sarifMaxText))).
		WithFullDescription(sarif.NewMultiformatMessageString(clip(full, sarifMaxText))).
		WithHelp(&sarif.MultiformatMessageString{Text: ptr(ruleHelpText(c)), Markdown: ptr(ruleHelpMarkdown(c))}).
		WithDefaultConfiguration(&sarif.ReportingConfiguration{Level: sarifLevel(c.Severity)})
	if len(c.References) > 0 && safeURL.MatchString(c.References[0]) { // a plain ASCII URL: helpUri must be a URI
		rule.WithHelpURI(c.References[0])
	}
	props := sarif.Properties{
		"tags":      ruleTags(c),
		"precision": "high", // deterministic configuration checks; exclusions can still surprise
	}
	if score, ok := securitySeverity(c.Severity); ok {
		props["security-severity"] = score
	}
	props["problem.severity"] = map[string]string{"error": "error", "warning": "warning", "note": "recommendation"}[sarifLevel(c.Severity)]
	rule.WithProperties(props)
	return rule
}

// ruleName turns the title into a PascalCase identifier (SARIF's advice for
// rule names), falling back to the ID.
func ruleName(c finding.Result) string {
	var b strings.Builder
	upper := true
	for _, r := range c.Title {
		switch {
		case (unicode.IsLetter(r) || unicode.IsDigit(r)) && !mustShow(r):
			if upper {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			upper = false
		default:
			upper = true
		}
	}
	name := b.String()
	if name == "" || !unicode.IsLetter([]rune(name)[0]) {
		name = "Control" + strings.NewReplacer(".", "", "-", "").Replace(c.ID) + name
	}
	return clip(name, sarifMaxName)
}

// ruleTags are "security", the family, the severity and each framework ID,
// deduplicated and capped at GitHub's 20 tags per rule.
func ruleTags(c finding.Result) []string {
	tags := []string{"security"}
	if c.Family != "" {
		tags = append(tags, sarifText(c.Family))
	}
	if c.Severity.Rank() > 0 {
		tags = append(tags, string(c.Severity))
	}
	for _, fw := range sortedKeys(c.Frameworks) {
		for _, id := range c.Frameworks[fw] {
			tags = append(tags, sarifText(fw+"/"+id))
		}
	}
	seen := map[string]bool{}
	out := tags[:0]
	for _, t := range tags {
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	if len(out) > sarifMaxTags {
		out = out[:sarifMaxTags]
	}
	return out
}

func ruleHelpText(c finding.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", sarifText(c.ID), sarifText(prose(firstNonEmpty(c.Title, c.ID))))
	if c.Description != "" {
		fmt.Fprintf(&b, "\n%s\n", sarifText(prose(c.Description)))
	}
	fmt.Fprintf(&b, "\nSeverity: %s\n", severityLabel(c.Severity))
	if c.Remediation != "" {
		fmt.Fprintf(&b, "\nRemediation: %s\n", sarifText(prose(c.Remediation)))
	}
	if fw := frameworkList(c.Frameworks); fw != "" {
		fmt.Fprintf(&b, "\nFrameworks: %s\n", sarifText(fw))
	}
	if len(c.References) > 0 {
		b.WriteString("\nReferences:\n")
		for _, ref := range c.References {
			fmt.Fprintf(&b, "- %s\n", sarifText(ref))
		}
	}
	return b.String()
}

func ruleHelpMarkdown(c finding.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**: %s\n", mdEscape(c.ID), mdEscape(prose(firstNonEmpty(c.Title, c.ID))))
	if c.Description != "" {
		fmt.Fprintf(&b, "\n%s\n", mdEscape(prose(c.Description)))
	}
	fmt.Fprintf(&b, "\n**Severity:** %s\n", severityLabel(c.Severity))
	if c.Remediation != "" {
		fmt.Fprintf(&b, "\n## Remediation\n\n%s\n", mdEscape(prose(c.Remediation)))
	}
	if fw := frameworkList(c.Frameworks); fw != "" {
		fmt.Fprintf(&b, "\n**Frameworks:** %s\n", mdEscape(fw))
	}
	if len(c.References) > 0 {
		b.WriteString("\n## References\n\n")
		for _, ref := range c.References {
			b.WriteString("- " + mdLink(ref) + "\n")
		}
	}
	return b.String()
}

// frameworkList renders frameworks as "cisa-scuba MS.AAD.1.1v1; cis-m365 5.2.2.3".
func frameworkList(fws map[string][]string) string {
	var parts []string
	for _, fw := range sortedKeys(fws) {
		if len(fws[fw]) == 0 {
			continue
		}
		parts = append(parts, fw+" "+strings.Join(fws[fw], ", "))
	}
	return strings.Join(parts, "; ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// clip shortens s to at most n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const mark = "…"
	cut := n - len(mark)
	for cut > 0 && !utf8RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func isWebURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
