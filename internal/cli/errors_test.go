package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/policy"
)

// TestProblemsPrintALineEach: several problems read as a list, one per
// line, each line inert (escapes, a leading "::" defused), so a hostile
// file name cannot forge a line of its own.
func TestProblemsPrintALineEach(t *testing.T) {
	var b bytes.Buffer
	err := usageError("%w", &policy.LoadError{Problems: []string{
		"config a.yaml:1: unknown key x",
		"::warning::forged\nsecond line \x1b[31m",
	}})
	writeError(&b, fmt.Errorf("audit: %w", err))
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"entra-audit: error: 2 problems:",
		"  config a.yaml:1: unknown key x",
		`  \u003a:warning::forged\u000asecond line \u001b[31m`,
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), b.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d: %q, want %q", i+1, lines[i], want[i])
		}
	}
	b.Reset()
	writeError(&b, fmt.Errorf("set one of\n  A\n::error::forged\x1b"))
	if got, want := b.String(), "entra-audit: error: set one of\n  A\n  \\u003a:error::forged\\u001b\n"; got != want {
		t.Errorf("a message of several lines: %q, want %q", got, want)
	}
}
