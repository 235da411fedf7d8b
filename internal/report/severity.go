package report

import "github.com/entra-audit/entra-audit/internal/finding"

// sarifLevel maps a control severity to a SARIF result level, as trivy and
// checkov do: critical/high are errors, medium warnings, the rest notes.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.SeverityCritical, finding.SeverityHigh:
		return "error"
	case finding.SeverityMedium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the GitHub security-severity score for a severity,
// centred in GitHub's bands (>9.0 critical, 7.0–8.9 high, 4.0–6.9 medium,
// 0.1–3.9 low). Info has no score: GitHub reads 0.0 as "none" anyway, and
// leaving it out keeps informational controls from posing as security
// alerts. ok is false when no score applies.
func securitySeverity(s finding.Severity) (score string, ok bool) {
	switch s {
	case finding.SeverityCritical:
		return "9.5", true
	case finding.SeverityHigh:
		return "8.0", true
	case finding.SeverityMedium:
		return "5.5", true
	case finding.SeverityLow:
		return "2.0", true
	}
	return "", false
}

// severityLabel is the display name of a severity; unknown ones show as such.
func severityLabel(s finding.Severity) string {
	if s.Rank() == 0 {
		return "unknown"
	}
	return string(s)
}
