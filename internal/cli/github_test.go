package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/github/githubtest"
)

const ghToken = "ghs_clitesttoken"

// githubFake is a GitHub Enterprise Server-shaped fake with the Actions
// bot's installation token, repository octo/cfg and pull request 5, and
// the environment a workflow step would have for it.
func githubFake(t *testing.T) (*githubtest.Server, map[string]string) {
	t.Helper()
	srv := githubtest.New(t, githubtest.GHES)
	srv.AddInstallation(ghToken, "github-actions[bot]")
	srv.AddRepo("octo/cfg")
	srv.AddPull("octo/cfg", 5, "baseline-change", "main", "alice")
	env := map[string]string{
		EnvGitHubToken:      ghToken,
		EnvGitHubAPIURL:     srv.APIURL(),
		EnvGitHubRepository: "octo/cfg",
	}
	return srv, env
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGitHubCommentAgainstTheFake(t *testing.T) {
	srv, env := githubFake(t)
	body := writeFile(t, "review.md", "## entra-audit review\n\n2 controls newly fail.\n")
	code, stdout, stderr := runCLI(t, env, "github", "comment", "--pr", "5", "--body-file", body)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	got := srv.Comments("octo/cfg", 5)
	if len(got) != 1 || got[0].Author != "github-actions[bot]" || !strings.HasPrefix(got[0].Body, "<!-- entra-audit:review -->\n## entra-audit review") {
		t.Fatalf("comments %+v", got)
	}
	want := srv.URL() + "/octo/cfg/pull/5#issuecomment-" + strconv.FormatInt(got[0].ID, 10) + "\n"
	if stdout != want || !strings.Contains(stderr, "Created the entra-audit review comment on octo/cfg#5") {
		t.Errorf("stdout %q (want %q), stderr %q", stdout, want, stderr)
	}

	// Again, with the pull request taken from the event: the same comment.
	env[EnvGitHubEventPath] = writeFile(t, "event.json", `{"action":"synchronize","number":5,"pull_request":{"number":5}}`)
	body2 := writeFile(t, "review2.md", "## entra-audit review\n\nall clear\n")
	code, stdout2, stderr := runCLI(t, env, "github", "comment", "--body-file", body2)
	if code != ExitOK || stdout2 != want || !strings.Contains(stderr, "Updated") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout2, stderr)
	}
	if got := srv.Comments("octo/cfg", 5); len(got) != 1 || !strings.Contains(got[0].Body, "all clear") {
		t.Errorf("comments %+v", got)
	}
}

func TestGitHubCommentCutToFitNamesTheReportURL(t *testing.T) {
	srv, env := githubFake(t)
	var b strings.Builder
	b.WriteString("## Summary\nshort\n")
	for range 30 {
		b.WriteString("### Finding\n" + strings.Repeat("ж", 3000) + "\n")
	}
	body := writeFile(t, "big.md", b.String())
	code, _, stderr := runCLI(t, env, "github", "comment", "--pr", "5", "--body-file", body,
		"--report-url", "https://github.example/octo/cfg/actions/runs/9")
	if code != ExitOK || !strings.Contains(stderr, "was cut to fit GitHub's 65536-character limit") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	got := srv.Comments("octo/cfg", 5)[0].Body
	if !strings.HasSuffix(got, "The full report is at <https://github.example/octo/cfg/actions/runs/9>.\n") {
		t.Errorf("note: ...%s", got[len(got)-200:])
	}
}

func TestGitHubUsageErrorsComeBeforeAnyRequest(t *testing.T) {
	srv, env := githubFake(t)
	body := writeFile(t, "ok.md", "## ok\n")
	cases := []struct {
		name string
		env  func(map[string]string)
		args []string
		want string
	}{
		{"no token", func(e map[string]string) { delete(e, EnvGitHubToken) }, []string{"comment", "--pr", "5", "--body-file", body}, "GITHUB_TOKEN is not set"},
		{"bad repo", nil, []string{"comment", "--repo", "octo", "--pr", "5", "--body-file", body}, `--repo "octo": want OWNER/NAME`},
		{"bad repo path", nil, []string{"comment", "--repo", "octo/../x", "--pr", "5", "--body-file", body}, "want OWNER/NAME"},
		{"bad env repo", func(e map[string]string) { e[EnvGitHubRepository] = "a b/c" }, []string{"comment", "--pr", "5", "--body-file", body}, "GITHUB_REPOSITORY"},
		{"no repo", func(e map[string]string) { delete(e, EnvGitHubRepository) }, []string{"comment", "--pr", "5", "--body-file", body}, "--repo is required"},
		{"negative pr", nil, []string{"comment", "--pr", "-3", "--body-file", body}, "--pr -3"},
		{"no pr, no event", nil, []string{"comment", "--body-file", body}, "--pr is required"},
		{"event without pr", func(e map[string]string) {
			e[EnvGitHubEventPath] = writeFile(t, "push.json", `{"ref":"refs/heads/main"}`)
		},
			[]string{"comment", "--body-file", body}, "not about a pull request"},
		{"bad marker", nil, []string{"comment", "--pr", "5", "--marker", "x -->", "--body-file", body}, "--marker"},
		{"bad as", nil, []string{"comment", "--pr", "5", "--as", "not a login", "--body-file", body}, "--as"},
		{"bad report url", nil, []string{"comment", "--pr", "5", "--report-url", "javascript:alert(1)", "--body-file", body}, "--report-url"},
		{"no body", nil, []string{"comment", "--pr", "5"}, "--body-file is required"},
		{"missing body", nil, []string{"comment", "--pr", "5", "--body-file", filepath.Join(t.TempDir(), "nope.md")}, "no such file"},
		{"body not utf-8", nil, []string{"comment", "--pr", "5", "--body-file", writeFile(t, "bin.md", "\xff\xfe")}, "not valid UTF-8"},
		{"empty body", nil, []string{"comment", "--pr", "5", "--body-file", writeFile(t, "empty.md", " \n")}, "empty"},
		{"body is a dir", nil, []string{"comment", "--pr", "5", "--body-file", t.TempDir()}, "not a regular file"},
		{"bad api url", func(e map[string]string) { e[EnvGitHubAPIURL] = "http://ghes.example.com/api/v3" }, []string{"comment", "--pr", "5", "--body-file", body}, "GITHUB_API_URL"},
		{"pr no head", nil, []string{"pr", "--base", "main", "--title", "t", "--body-file", body}, "--head is required"},
		{"pr bad head", nil, []string{"pr", "--head", "a..b", "--base", "main", "--title", "t", "--body-file", body}, "--head"},
		{"pr same branches", nil, []string{"pr", "--head", "main", "--base", "main", "--title", "t", "--body-file", body}, "two branches"},
		{"pr title newline", nil, []string{"pr", "--head", "d", "--base", "main", "--title", "a\nb", "--body-file", body}, "--title"},
		{"pr no token", func(e map[string]string) { delete(e, EnvGitHubToken) }, []string{"pr", "--head", "d", "--base", "main", "--title", "t", "--body-file", body}, "GITHUB_TOKEN"},
		{"summary no env", nil, []string{"summary", "--file", body}, "GITHUB_STEP_SUMMARY is not set"},
	}
	for _, tc := range cases {
		e := map[string]string{}
		for k, v := range env {
			e[k] = v
		}
		if tc.env != nil {
			tc.env(e)
		}
		code, stdout, stderr := runCLI(t, e, append([]string{"github"}, tc.args...)...)
		if code != ExitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q (want %q)", tc.name, code, stdout, stderr, tc.want)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests before the flags were right: %q", n, srv.Requests())
	}
}

func TestGitHubAPIErrorIsExit3WithAHint(t *testing.T) {
	srv, env := githubFake(t)
	srv.ReadOnly(ghToken) // a fork's pull request
	body := writeFile(t, "ok.md", "## ok\n")
	code, stdout, stderr := runCLI(t, env, "github", "comment", "--pr", "5", "--body-file", body)
	if code != ExitRuntime || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	for _, want := range []string{"HTTP 403 Resource not accessible by integration", "pull-requests: write", "fork"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
	if strings.Contains(stderr, ghToken) {
		t.Error("the token was printed")
	}
}

func TestGitHubSummaryAppends(t *testing.T) {
	_, env := githubFake(t)
	summary := writeFile(t, "step_summary", "# earlier step\n")
	env[EnvGitHubStepSummary] = summary
	env[EnvGitHubToken] = "" // not needed
	code, stdout, stderr := runCLI(t, env, "github", "summary", "--file", writeFile(t, "d.md", "## drift\nnone"))
	if code != ExitOK || stdout != "" || !strings.Contains(stderr, "Appended the report to the job summary") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if b, _ := os.ReadFile(summary); string(b) != "# earlier step\n## drift\nnone\n" {
		t.Errorf("summary %q", b)
	}
}

func TestGitHubPullRequestAgainstTheFake(t *testing.T) {
	srv, env := githubFake(t)
	body := writeFile(t, "drift.md", "## Drift\n3 objects changed\n")
	args := []string{"github", "pr", "--head", "entra-audit/drift", "--base", "main", "--title", "Entra drift: 3 changes", "--body-file", body}
	code, stdout, stderr := runCLI(t, env, args...)
	if code != ExitOK || stdout != srv.URL()+"/octo/cfg/pull/6\n" || !strings.Contains(stderr, "Opened the pull request entra-audit/drift → main on octo/cfg") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	args[7] = "Entra drift: 4 changes"
	if code, stdout2, stderr := runCLI(t, env, args...); code != ExitOK || stdout2 != stdout || !strings.Contains(stderr, "Updated") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout2, stderr)
	}
	pulls := srv.Pulls("octo/cfg")
	if len(pulls) != 2 || pulls[1].Title != "Entra drift: 4 changes" || pulls[1].Body != "## Drift\n3 objects changed\n" {
		t.Errorf("pulls %+v", pulls)
	}
}

// TestGitHubEnvironmentIsDocumented: the variables `github` reads are in
// the README and in --help, like documentedEnv's.
func TestGitHubEnvironmentIsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var help strings.Builder
	Main([]string{"--help"}, &IO{Out: &help, Err: &help, Getenv: func(string) string { return "" }})
	for _, v := range []string{EnvGitHubToken, EnvGitHubAPIURL, EnvGitHubRepository, EnvGitHubStepSummary, EnvGitHubEventPath} {
		if !strings.Contains(string(b), v) {
			t.Errorf("README does not mention %s", v)
		}
		if !strings.Contains(help.String(), v) {
			t.Errorf("--help does not mention %s", v)
		}
	}
}
