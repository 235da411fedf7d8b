package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// ReviewMarkerForTest is the comment's marker (report.ReviewMarker).
const ReviewMarkerForTest = "<!-- entra-audit:review -->"

// The review tests run on a real git repository: the demo baseline and
// Contoso's configuration committed on main, the pull request's changes in
// the working tree (--head a directory) or on a branch (--head REV:PATH).

// reviewRepo makes a repository with baselines/contoso-demo and
// entra-audit.yaml committed on main, and returns its root.
func reviewRepo(t *testing.T) string {
	t.Helper()
	repo := t.TempDir()
	copyDir(t, demoBaselineDir, filepath.Join(repo, "baselines", "contoso-demo"))
	cfg, err := os.ReadFile("../../internal/demo/entra-audit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "entra-audit.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "init", "-q", "-b", "main")
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-q", "-m", "approved baseline")
	return repo
}

// gitIn runs git with a fixed identity and clock, so commit ids are stable.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_AUTHOR_DATE=2026-11-02T06:00:00Z", "GIT_COMMITTER_DATE=2026-11-02T06:00:00Z",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// reviewIn reviews main:baselines against the working tree's baselines.
func reviewIn(t *testing.T, repo string, extra ...string) (int, string, string) {
	t.Helper()
	args := append([]string{"review", "--repo", repo, "--base", "main:baselines", "--head", filepath.Join(repo, "baselines"),
		"--config", filepath.Join(repo, "entra-audit.yaml"), "--evaluation-time", fixedTime, "--head-sha", "0123456789abcdef0123456789abcdef01234567"}, extra...)
	env := map[string]string{"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "contoso/tenant-config", "GITHUB_RUN_ID": "42"}
	return runCLI(t, env, args...)
}

// golden compares got with testdata/review/<name>.md; -update rewrites it.
// The base commit's id is replaced by a placeholder: it changes with any
// change to the committed demo baseline, which the comment does not depend on.
func golden(t *testing.T, name, got string) {
	t.Helper()
	got = regexp.MustCompile(`against main\\:baselines \([0-9a-f]{12}\)`).ReplaceAllString(got, "against main\\:baselines (BASE-COMMIT)")
	p := filepath.Join("testdata", "review", name+".md")
	if updating() {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (run go test ./internal/cli -run Review -update if intended)", name, p)
	}
}

func TestReviewReportOnlyIsIntroduced(t *testing.T) {
	repo := reviewRepo(t)
	ca001 := filepath.Join(repo, "baselines/contoso-demo/conditional-access/policies/ca001-block-legacy-authentication--29a3b2e9.yaml")
	editFile(t, ca001, "\nstate: enabled\n", "\nstate: enabledForReportingButNotEnforced\n")
	code, md, stderr := reviewIn(t, repo, "--fail-on", "high")
	if code != ExitFindings {
		t.Errorf("review --fail-on high: exit %d, want %d (the change breaks a high control)\n%s", code, ExitFindings, stderr)
	}
	for _, want := range []string{ReviewMarkerForTest, "<!-- entra-audit:head 0123456789abcdef0123456789abcdef01234567 -->",
		"## entra-audit review: ⚠️ this change weakens the tenant's security", "> [!CAUTION]",
		"| high | MS.AAD.1.1v1 — Legacy authentication SHALL be blocked.", "EA.DRIFT.1v1",
		"state\\: enabled → enabledForReportingButNotEnforced",
		"(https://github.com/contoso/tenant-config/blob/0123456789abcdef0123456789abcdef01234567/baselines/contoso-demo/conditional-access/policies/ca001-block-legacy-authentication--29a3b2e9.yaml#L1)",
		"[this run's artifacts](https://github.com/contoso/tenant-config/actions/runs/42)"} {
		if !strings.Contains(md, want) {
			t.Errorf("the comment lacks %q", want)
		}
	}
	golden(t, "report-only", md)
	// --fail-on applies to introduced findings only: the demo's many
	// existing failures (kept) do not fail a change that introduces none.
	repo2 := reviewRepo(t)
	if code, _, stderr := reviewIn(t, repo2, "--fail-on", "low"); code != ExitOK {
		t.Errorf("an unchanged tree with --fail-on low: exit %d, want 0\n%s", code, stderr)
	}
}

func TestReviewWaiverOnly(t *testing.T) {
	repo := reviewRepo(t)
	f, err := os.OpenFile(filepath.Join(repo, "entra-audit.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("  - control: MS.AAD.3.5v2\n    reason: SMS stays for the call-centre until the FIDO2 rollout.\n    owner: identity-team@contoso.com\n    ticket: SEC-2001\n    expires: 2027-03-31\n")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := reviewIn(t, repo, "--out", out, "--fail-on", "high")
	if code != ExitOK {
		t.Errorf("a waiver only: exit %d, want 0 (nothing introduced)\n%s", code, stderr)
	}
	md, err := os.ReadFile(filepath.Join(out, "review.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "waives MS.AAD.3.5v2 until 2027\\-03\\-31, owner identity\\-team@&#8203;contoso.com \\(SEC\\-2001\\)") {
		t.Errorf("the comment does not say what the waiver accepts:\n%s", md)
	}
	var rv finding.Review
	b, _ := os.ReadFile(filepath.Join(out, "review.json"))
	if err := json.Unmarshal(b, &rv); err != nil {
		t.Fatal(err)
	}
	if rv.Verdict != finding.VerdictWeakens || len(rv.ConfigChanges) != 1 || rv.ConfigChanges[0].Kind != "waiver_added" ||
		len(rv.Tenants) != 1 || len(rv.Tenants[0].Resolved) == 0 {
		t.Errorf("review.json: verdict %s, config %+v, tenants %+v", rv.Verdict, rv.ConfigChanges, rv.Tenants)
	}
	golden(t, "waiver-only", string(md))
}

func TestReviewNothingRelevant(t *testing.T) {
	repo := reviewRepo(t)
	// A description that no control reads.
	editFile(t, filepath.Join(repo, "baselines/contoso-demo/conditional-access/policies/ca006-block-device-code-flow--451b4cf3.yaml"),
		"displayName: CA006 Block device code flow\n", "displayName: CA006 Block device-code flow\n")
	code, md, stderr := reviewIn(t, repo)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(md, "## entra-audit review: ✅ nothing security-relevant changed") || strings.Contains(md, "[!CAUTION]") {
		t.Errorf("not the short form:\n%s", md)
	}
	golden(t, "nothing-relevant", md)
}

// TestReviewHeadRevision reads both sides from git: a branch with the change.
func TestReviewHeadRevision(t *testing.T) {
	repo := reviewRepo(t)
	gitIn(t, repo, "checkout", "-q", "-b", "pr")
	editFile(t, filepath.Join(repo, "baselines/contoso-demo/conditional-access/policies/ca001-block-legacy-authentication--29a3b2e9.yaml"),
		"\nstate: enabled\n", "\nstate: disabled\n")
	gitIn(t, repo, "commit", "-q", "-am", "disable CA001")
	gitIn(t, repo, "checkout", "-q", "main")
	code, md, stderr := runCLI(t, nil, "review", "--repo", repo, "--base", "main:baselines/contoso-demo", "--head", "pr:baselines/contoso-demo",
		"--config", filepath.Join(repo, "entra-audit.yaml"), "--evaluation-time", fixedTime)
	if code != ExitOK || !strings.Contains(md, "CA001 Block legacy authentication was disabled since the baseline \\(main\\:baselines/contoso\\-demo\\)") {
		t.Errorf("exit %d\n%s\n%s", code, stderr, md)
	}
	if code, _, stderr := runCLI(t, nil, "review", "--repo", repo, "--base", "nosuch:baselines", "--head", "pr:baselines"); code != ExitUsage ||
		!strings.Contains(stderr, `revision "nosuch" is not in the repository`) {
		t.Errorf("unknown revision: exit %d\n%s", code, stderr)
	}
}

// TestReviewHostileNameIsInert: a pull request renames a policy to every
// kind of Markdown and HTML injection; the comment stays inert.
func TestReviewHostileNameIsInert(t *testing.T) {
	repo := reviewRepo(t)
	hostile := `@octocat <img src=x onerror=alert(1)> ![x](https://e.example/x.png) [click](javascript:alert(1)) <!-- entra-audit:review --> | broken | table ` + "```" + ` **bold** \u202e`
	ca001 := filepath.Join(repo, "baselines/contoso-demo/conditional-access/policies/ca001-block-legacy-authentication--29a3b2e9.yaml")
	quoted, _ := json.Marshal(hostile) // a JSON string is a YAML double-quoted scalar
	editFile(t, ca001, "displayName: CA001 Block legacy authentication\n", "displayName: "+string(quoted)+"\n")
	editFile(t, ca001, "\nstate: enabled\n", "\nstate: disabled\n")
	code, md, stderr := reviewIn(t, repo)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if n := strings.Count(md, ReviewMarkerForTest); n != 1 {
		t.Errorf("the marker appears %d times: a forged one got through", n)
	}
	outside := withoutDiffBlocksAndLinks(t, md)
	for name, bad := range map[string]*regexp.Regexp{
		"raw HTML":  regexp.MustCompile(`<(img|script|a |!--)`),
		"a mention": regexp.MustCompile(`@[A-Za-z0-9]`),
		"an image":  regexp.MustCompile(`(^|[^\\])!\[`),
		"a link":    regexp.MustCompile(`(^|[^\\])\]\(`),
		"emphasis":  regexp.MustCompile(`(^|[^\\])\*\*bold`),
	} {
		if loc := bad.FindStringIndex(outside); loc != nil {
			t.Errorf("the comment carries %s near %q", name, outside[max(0, loc[0]-40):min(len(outside), loc[1]+40)])
		}
	}
	// Every row keeps its table's column count, whatever pipes the name holds.
	lines := strings.Split(outside, "\n")
	cols := 0
	for i, line := range lines {
		cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		switch {
		case i+1 < len(lines) && strings.HasPrefix(lines[i+1], "|---"):
			cols = cells
		case strings.HasPrefix(line, "|---"):
		case strings.HasPrefix(line, "|") && cells != cols:
			t.Errorf("broken table row (%d cells, want %d): %q", cells, cols, line)
		}
	}
}

// withoutDiffBlocksAndLinks removes what the comment writes itself: the
// collapsible diffs (checked like summary.md's) and its own links to the
// repository, so that what remains must hold no markup from tenant data.
func withoutDiffBlocksAndLinks(t *testing.T, md string) string {
	t.Helper()
	own := regexp.MustCompile(`\]\((https://github\.com/contoso/tenant-config/[A-Za-z0-9/._~%#-]+)\)`)
	md = own.ReplaceAllString(md, "] (own link)")
	md = strings.ReplaceAll(md, ReviewMarkerForTest, "")
	md = regexp.MustCompile(`<!-- entra-audit:head [0-9a-f]+ -->`).ReplaceAllString(md, "")
	var out []string
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "<details><summary>") {
			if strings.ContainsAny(strings.TrimSuffix(strings.TrimPrefix(l, "<details><summary>"), "</summary>"), "<>") {
				t.Errorf("markup in a summary: %q", l)
			}
			continue
		}
		if l == "</details>" {
			continue
		}
		if strings.HasPrefix(l, "```") {
			fence := strings.TrimRight(l, "dif")
			for i++; i < len(lines) && lines[i] != fence; i++ {
				if strings.HasPrefix(strings.TrimLeft(lines[i], " "), fence) {
					t.Errorf("a line closes the diff fence: %q", lines[i])
				}
			}
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// TestReviewJudgesAPullRequestsOwnPolicies: a custom policy that the pull
// request deletes still judges the head (the base's policies decide), and
// the policy section says the PR removes it; a policy that never finishes
// ends as a failed section, not a hung job.
func TestReviewJudgesAPullRequestsOwnPolicies(t *testing.T) {
	repo := reviewRepo(t)
	copyDir(t, "../../examples/custom-policy", filepath.Join(repo, "policies"))
	// A second control, so that deleting the first leaves a policy folder.
	keep := filepath.Join(repo, "policies", "tenant", "keep")
	if err := os.MkdirAll(keep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(keep, "keep.rego"), []byte(`# METADATA
# title: Organization SHALL have a display name.
# custom:
#   id: ACME.KEEP.1v1
#   severity: low
#   family: tenant
#   frameworks: {}
#   remediation: none
#   references: []
#   requires: [tenant.organization]
package acme.keep

import data.lib.result

findings contains result.tenant_finding("tenant.organization", "no name", {}) if not input.tenant.organization.displayName
`), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-q", "-m", "our own controls")
	if err := os.RemoveAll(filepath.Join(repo, "policies", "tenant", "self_service_signup")); err != nil {
		t.Fatal(err)
	}
	code, md, stderr := reviewIn(t, repo, "--policy", filepath.Join(repo, "policies"))
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(md, "removes or disables ACME.TEN.1v1") || !strings.Contains(md, "what the pull request's own policies would change") {
		t.Errorf("the comment does not say the PR removes ACME.TEN.1v1:\n%s", md)
	}
	if !strings.Contains(md, "## entra-audit review: ⚠️") {
		t.Errorf("removing a control is not a weakening verdict")
	}

	slow := filepath.Join(repo, "policies", "tenant", "slow")
	if err := os.MkdirAll(slow, 0o755); err != nil {
		t.Fatal(err)
	}
	rego := `# METADATA
# title: A policy that never finishes
# custom:
#   id: ACME.SLOW.1v1
#   severity: low
#   family: tenant
#   frameworks: {}
#   remediation: none
#   references: []
#   requires: []
package acme.slow

findings contains {"resource": {"type": "tenant.organization", "id": sprintf("%d", [n])}, "message": "x"} if {
	some n in numbers.range(1, 100000000000)
	n < 0
}
`
	if err := os.WriteFile(filepath.Join(slow, "slow.rego"), []byte(rego), 0o644); err != nil {
		t.Fatal(err)
	}
	code, md, stderr = reviewIn(t, repo, "--policy", filepath.Join(repo, "policies"), "--head-policy-timeout", "2s")
	if code != ExitOK {
		t.Fatalf("a pathological PR policy: exit %d, want 0\n%s", code, stderr)
	}
	if !strings.Contains(md, "did not finish within the time limit") && !strings.Contains(md, "exceeded the memory limit") {
		t.Errorf("the policy section does not say the PR's policies hit a limit:\n%s", md)
	}
}
