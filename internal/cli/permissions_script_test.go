package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The scripts are golden files: a change to what they do shows in review.
// The az one is also checked by bash -n and shellcheck. PowerShell and
// Terraform cannot be installed here, so their structure is checked and
// their golden files are read by hand; where they are installed, check
// them with
//
//	pwsh -NoProfile -Command '$null = [scriptblock]::Create((Get-Content -Raw testdata/permissions/powershell.ps1))'
//	cd $(mktemp -d) && cp .../terraform.tf main.tf && terraform init -backend=false && terraform validate
var scriptCases = []struct {
	name string
	args []string
}{
	{"az", []string{"--script", "az", "--github-repo", "contoso/tenant-config", "--github-environment", "entra-contoso"}},
	{"powershell", []string{"--script", "powershell", "--github-repo", "contoso/tenant-config", "--github-environment", "entra-contoso"}},
	{"terraform", []string{"--script", "terraform", "--github-repo", "contoso/tenant-config", "--github-environment", "entra-contoso"}},
	{"terraform-existing-app", []string{"--script", "terraform", "--app-id", "5d1c5a84-5a5e-4b8a-9b39-0a7a4f5b2c11"}},
	{"az-existing-app", []string{"--script", "az", "--app-id", "5d1c5a84-5a5e-4b8a-9b39-0a7a4f5b2c11"}},
}

var scriptExt = map[string]string{"az": ".sh", "powershell": ".ps1", "terraform": ".tf"}

func TestPermissionsScriptsAreTheGoldenOnes(t *testing.T) {
	for _, tc := range scriptCases {
		code, stdout, stderr := runCLI(t, nil, append([]string{"permissions"}, tc.args...)...)
		if code != ExitOK {
			t.Fatalf("%s: exit %d\n%s", tc.name, code, stderr)
		}
		kind := tc.args[1]
		golden := filepath.Join("testdata", "permissions", tc.name+scriptExt[kind])
		if updating() {
			if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if stdout != string(want) {
			t.Errorf("%s differs from %s (run go test ./internal/cli -run PermissionsScripts -update if intended)", tc.name, golden)
		}
	}
}

// TestPermissionsScriptsGrantExactlyTheListedPermissions: each script
// names every permission of the list once, and no other Graph permission.
func TestPermissionsScriptsGrantExactlyTheListedPermissions(t *testing.T) {
	want := scriptPermissions()
	permission := regexp.MustCompile(`['"]([A-Z][A-Za-z]+(?:\.[A-Za-z]+)+\.(?:All|Directory|AzureADGroup|AuthenticationMethod))['"]`)
	for _, tc := range scriptCases {
		_, stdout, _ := runCLI(t, nil, append([]string{"permissions"}, tc.args...)...)
		// The list the script grants; the operator's own sign-in scopes
		// (Connect-MgGraph -Scopes) are not grants.
		open := map[string]string{"az": "PERMISSIONS=(", "powershell": "$Permissions = @(", "terraform": "graph_permissions = ["}[tc.args[1]]
		start := strings.Index(stdout, open)
		if start < 0 {
			t.Fatalf("%s: no %q", tc.name, open)
		}
		block := stdout[start:]
		block = block[:strings.IndexAny(block[len(open):], ")]")+len(open)]
		counts := map[string]int{}
		for _, m := range permission.FindAllStringSubmatch(block, -1) {
			counts[m[1]]++
		}
		for _, p := range want {
			if counts[p] != 1 {
				t.Errorf("%s names %s %d times, want once", tc.name, p, counts[p])
			}
			delete(counts, p)
		}
		for p := range counts {
			t.Errorf("%s names %s, which the list does not", tc.name, p)
		}
	}
}

func TestPermissionsScriptForAzurePassesShellcheck(t *testing.T) {
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("shellcheck is not installed (.ci/run installs it)")
		}
		t.Skip("shellcheck is not installed")
	}
	for _, tc := range scriptCases {
		if tc.args[1] != "az" {
			continue
		}
		_, stdout, _ := runCLI(t, nil, append([]string{"permissions"}, tc.args...)...)
		file := filepath.Join(t.TempDir(), "setup.sh")
		if err := os.WriteFile(file, []byte(stdout), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("bash", "-n", file).CombinedOutput(); err != nil {
			t.Errorf("%s: bash -n: %v\n%s", tc.name, err, out)
		}
		if out, err := exec.Command(shellcheck, "--severity=style", file).CombinedOutput(); err != nil {
			t.Errorf("%s: shellcheck: %v\n%s", tc.name, err, out)
		}
	}
}

// TestPermissionsScriptsAreBalanced is the structural check PowerShell and
// Terraform get here: braces, brackets and parentheses pair up outside
// strings and comments, and no template action is left.
func TestPermissionsScriptsAreBalanced(t *testing.T) {
	for _, tc := range scriptCases {
		_, stdout, _ := runCLI(t, nil, append([]string{"permissions"}, tc.args...)...)
		if strings.Contains(stdout, "{{") || strings.Contains(stdout, "<no value>") {
			t.Errorf("%s: a template action is left", tc.name)
		}
		if err := balanced(stdout); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func balanced(src string) error {
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var stack []rune
	for n, line := range strings.Split(src, "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "#") {
			continue
		}
		var quote rune
		for _, r := range line {
			switch {
			case quote != 0:
				if r == quote {
					quote = 0
				}
			case r == '\'' || r == '"':
				quote = r
			case r == '(' || r == '[' || r == '{':
				stack = append(stack, r)
			case pairs[r] != 0:
				if len(stack) == 0 || stack[len(stack)-1] != pairs[r] {
					return &lineError{n + 1, string(r)}
				}
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) > 0 {
		return &lineError{0, string(stack)}
	}
	return nil
}

type lineError struct {
	line int
	what string
}

func (e *lineError) Error() string { return fmt.Sprintf("unbalanced %s at line %d", e.what, e.line) }

// TestPermissionsScriptRefusesUnsafeValues: a value that could change what
// a script does is refused before anything is printed.
func TestPermissionsScriptRefusesUnsafeValues(t *testing.T) {
	for _, args := range [][]string{
		{"--script", "bash"},
		{"--script", "az", "--github-repo", "contoso/x'; rm -rf ~; echo '", "--github-environment", "prod"},
		{"--script", "az", "--github-repo", "contoso/x", "--github-environment", "$(id)"},
		{"--script", "powershell", "--app-name", "it's"},
		{"--script", "terraform", "--app-name", "a\nb"},
		{"--script", "terraform", "--app-name", "${file(\"/etc/passwd\")}"},
		{"--script", "az", "--app-id", "not-a-guid"},
		{"--script", "az", "--github-repo", "contoso/x"},
		{"--script", "az", "--github-environment", "prod"},
		{"--script", "az", "--check"},
		{"--github-repo", "contoso/x"},
	} {
		code, stdout, stderr := runCLI(t, nil, append([]string{"permissions"}, args...)...)
		if code != ExitUsage || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, want exit %d and nothing printed\n%s", args, code, stdout, ExitUsage, stderr)
		}
	}
}

// TestScriptQuotingRoundTrips: whatever the validation lets through, each
// quoting function gives the shell back the same string.
func TestScriptQuotingRoundTrips(t *testing.T) {
	for _, s := range []string{"plain", "it's", `a"b`, "$(id)", "`id`", "a\\b", "${HOME}", "new\nline", ""} {
		out, err := exec.Command("bash", "-c", "printf %s "+shQuote(s)).Output()
		if err != nil || string(out) != s {
			t.Errorf("shQuote(%q) reads back as %q (%v)", s, out, err)
		}
	}
	if got := psQuote("it's"); got != "'it''s'" {
		t.Errorf("psQuote: %s", got)
	}
	if got := hclQuote(`a"${x}%{y}\`); got != `"a\"$${x}%%{y}\\"` {
		t.Errorf("hclQuote: %s", got)
	}
}
