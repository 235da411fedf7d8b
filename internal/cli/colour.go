package cli

import (
	"fmt"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// palette colours status words in console summaries; the zero value (no
// terminal, or NO_COLOR set) leaves text as it is, so logs and CI output
// stay plain.
type palette struct{ on bool }

const (
	ansiReset  = "\x1b[0m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBold   = "\x1b[1m"
)

// status pads s to width and colours it: fail red, error yellow, pass green.
func (p palette) status(s finding.Status, width int) string {
	text := padRight(string(s), width)
	if !p.on {
		return text
	}
	switch s {
	case finding.StatusFail:
		return ansiRed + text + ansiReset
	case finding.StatusError:
		return ansiYellow + text + ansiReset
	case finding.StatusPass:
		return ansiGreen + text + ansiReset
	}
	return text
}

// severity pads s to width and makes critical and high bold.
func (p palette) severity(s finding.Severity, width int) string {
	text := padRight(string(s), width)
	if p.on && (s == finding.SeverityCritical || s == finding.SeverityHigh) {
		return ansiBold + text + ansiReset
	}
	return text
}

func padRight(s string, width int) string { return fmt.Sprintf("%-*s", width, s) }
