package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestSummaryColourOnlyOnATerminalWithoutNoColor: ANSI colour appears in
// the audit summary on a terminal, and never with NO_COLOR set or when
// stderr is not a terminal (CI logs, pipes).
func TestSummaryColourOnlyOnATerminalWithoutNoColor(t *testing.T) {
	snap := demoSnapshot(t)
	cases := []struct {
		name      string
		terminal  bool
		noColor   string
		wantColor bool
	}{
		{"terminal", true, "", true},
		{"terminal with NO_COLOR", true, "1", false},
		{"pipe", false, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			env := map[string]string{"NO_COLOR": tc.noColor, "CI": "true"}
			io := &IO{In: strings.NewReader(""), Out: &out, Err: &errb, ErrIsTerminal: tc.terminal,
				Getenv: func(k string) string { return env[k] }}
			code := Main([]string{"audit", "--snapshot", snap, "--out", filepath.Join(t.TempDir(), "out"),
				"--format", "json", "--evaluation-time", fixedTime}, io)
			if code != ExitOK {
				t.Fatalf("audit: exit %d\n%s", code, errb.String())
			}
			stderr := errb.String()
			if got := strings.Contains(stderr, ansiRed+"fail "+ansiReset); got != tc.wantColor {
				t.Errorf("red fail in the summary: %v, want %v\n%s", got, tc.wantColor, stderr)
			}
			if !tc.wantColor && strings.Contains(stderr, "\x1b[") {
				t.Errorf("escape sequences without colour:\n%q", stderr)
			}
		})
	}
}
