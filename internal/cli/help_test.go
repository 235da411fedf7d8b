package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestHelpReadsRightForEveryCommand reads every command's --help as a user
// who installed only the binary would: booleans shown as plain flags, no
// repository-relative paths (links point at the documentation URL), no
// contributor-only variables, exit codes where a command has its own.
func TestHelpReadsRightForEveryCommand(t *testing.T) {
	repoPath := regexp.MustCompile(`(^|[\s(])(docs|examples|internal)/[A-Za-z0-9_./-]+`)
	var walk func(c *cobra.Command)
	seen := 0
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "completion" {
			return
		}
		seen++
		args := append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "entra-audit")), "--help")
		code, stdout, stderr := runCLI(t, nil, args...)
		if code != ExitOK {
			t.Errorf("%s: exit %d\n%s", c.CommandPath(), code, stderr)
		}
		if strings.Contains(stdout, "[=true|false]") {
			t.Errorf("%s --help shows a boolean as [=true|false]", c.CommandPath())
		}
		if m := repoPath.FindString(stdout); m != "" {
			t.Errorf("%s --help points at a repository path %q: a go install user has none; link %s", c.CommandPath(), strings.TrimSpace(m), DocsURL)
		}
		for _, c := range c.Commands() {
			walk(c)
		}
	}
	walk(newRootCmd(&Factory{IO: &IO{Getenv: envMap(nil)}, Version: "test"}))
	if seen < 15 {
		t.Errorf("walked %d commands", seen)
	}

	_, root, _ := runCLI(t, nil, "--help")
	if regexp.MustCompile(`(?m)^\s+CI\s`).MatchString(root) {
		t.Error("the root help lists CI, a contributor variable")
	}
	_, snap, _ := runCLI(t, nil, "snapshot", "--help")
	if !strings.Contains(snap, "Exit codes:") {
		t.Error("snapshot --help lacks its exit codes")
	}
	_, v1, _ := runCLI(t, nil, "version")
	_, v2, _ := runCLI(t, nil, "--version")
	if v1 != v2 || !strings.HasPrefix(v1, "entra-audit ") {
		t.Errorf("version %q and --version %q disagree", v1, v2)
	}
}
