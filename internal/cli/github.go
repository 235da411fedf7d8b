package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/github"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// The environment GitHub Actions sets, read by `entra-audit github`.
const (
	EnvGitHubToken       = "GITHUB_TOKEN"
	EnvGitHubAPIURL      = "GITHUB_API_URL"
	EnvGitHubRepository  = "GITHUB_REPOSITORY"
	EnvGitHubStepSummary = "GITHUB_STEP_SUMMARY"
	EnvGitHubEventPath   = "GITHUB_EVENT_PATH"
)

// maxBodyFile bounds a body file: a report many times the size GitHub
// accepts is a wrong file, not a report to trim.
const maxBodyFile = 8 << 20

// githubTarget is the repository flags shared by comment and pr.
type githubTarget struct {
	Repo      string
	ReportURL string
	BodyFile  string
	owner     string
	name      string
}

type githubCommentOptions struct {
	githubTarget
	PR     int
	Marker string
	As     string
}

type githubSummaryOptions struct {
	File string
}

type githubPROptions struct {
	githubTarget
	Head, Base, Title string
}

func newCmdGitHub(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "github",
		Short: "Post results to GitHub: the sticky PR comment, the job summary, the drift pull request",
		Long: `github posts a rendered report (drift.md, a review's Markdown) to GitHub from a
workflow: one pull request comment that each run edits in place, the job
summary, or a pull request that proposes a new baseline.

It reads the token from GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN:
${{ github.token }}), the API from GITHUB_API_URL (GitHub Enterprise Server;
default https://api.github.com) and the repository from GITHUB_REPOSITORY.
Bodies over GitHub's limits (65,536 characters for a comment or a pull
request body, 1 MiB for a step's summary) lose whole sections from the end,
and a note says which and where the full report is.

Exit codes: 0 done, 2 bad flags or environment (checked before any request),
3 GitHub refused or could not be reached.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newCmdGitHubComment(f), newCmdGitHubSummary(f), newCmdGitHubPR(f))
	return cmd
}

func (o *githubTarget) bind(cmd *cobra.Command, bodyWhat string) {
	fl := cmd.Flags()
	fl.StringVarP(&o.Repo, "repo", "R", "", "the repository, OWNER/NAME (default $"+EnvGitHubRepository+")")
	fl.StringVar(&o.BodyFile, "body-file", "", bodyWhat+" (Markdown; - for standard input) (required)")
	fl.StringVar(&o.ReportURL, "report-url", "", "where the full report is (a run's artifact URL), named when the body is cut to fit")
}

func newCmdGitHubComment(f *Factory) *cobra.Command {
	opts := &githubCommentOptions{}
	cmd := &cobra.Command{
		Use:   "comment --pr N --body-file FILE",
		Short: "Create or update entra-audit's sticky comment on a pull request",
		Long: `comment writes FILE as entra-audit's comment on pull request N, editing the
comment it wrote before instead of adding another.

The comment carries a hidden marker line, <!-- entra-audit:MARKER -->. A
comment is taken for ours only when it carries the marker and was written by
our account: the token's own user, or, for tokens that may not read GET /user
(the Actions GITHUB_TOKEN and other installation tokens), github-actions[bot],
or the login given with --as (another GitHub App: my-app[bot]). A look-alike
comment by anyone else is never edited. Of several of ours, the newest is
updated and the others are left alone.

--pr defaults to the pull request of the event that started the workflow
(GITHUB_EVENT_PATH: pull_request.number, or issue.number on a pull request's
comment). It prints the comment's URL on stdout.`,
		Example: `  entra-audit github comment --pr 42 --body-file out/review.md --report-url "$RUN_URL"
  entra-audit github comment --repo contoso/entra-config --pr 42 --marker drift --body-file out/drift.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGitHubComment(cmd.Context(), f, opts)
		},
	}
	opts.bind(cmd, "the comment")
	fl := cmd.Flags()
	fl.IntVar(&opts.PR, "pr", 0, "the pull request number (default: the event's, from $"+EnvGitHubEventPath+")")
	fl.StringVar(&opts.Marker, "marker", "review", "names the comment: one sticky comment per marker (letters, digits, . _ -)")
	fl.StringVar(&opts.As, "as", "", "the login whose comments are ours, for an app's installation token (my-app[bot]); default: the token's user, else github-actions[bot]")
	return cmd
}

func newCmdGitHubSummary(f *Factory) *cobra.Command {
	opts := &githubSummaryOptions{}
	cmd := &cobra.Command{
		Use:   "summary --file FILE",
		Short: "Append a report to the job summary ($GITHUB_STEP_SUMMARY)",
		Long: `summary appends FILE to the step's job summary, the file GitHub Actions names
in GITHUB_STEP_SUMMARY, keeping that file within its 1 MiB limit: what does
not fit loses whole sections from the end, with a note. No token is needed.`,
		Example: `  entra-audit github summary --file out/drift.md`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGitHubSummary(f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.File, "file", "", "the Markdown to append (- for standard input) (required)")
	return cmd
}

func newCmdGitHubPR(f *Factory) *cobra.Command {
	opts := &githubPROptions{}
	cmd := &cobra.Command{
		Use:   "pr --head BRANCH --base BRANCH --title TITLE --body-file FILE",
		Short: "Open or update the pull request from a branch (the drift pull request)",
		Long: `pr opens a pull request from BRANCH into the base branch, or, when one is
already open from that branch into that base, updates its title and body. The
branch must be pushed first (the workflow does that with git). It prints the
pull request's URL on stdout.`,
		Example: `  git push --force origin HEAD:entra-audit/drift
  entra-audit github pr --head entra-audit/drift --base main --title "Entra drift: 3 changes" --body-file out/drift.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGitHubPR(cmd.Context(), f, opts)
		},
	}
	opts.bind(cmd, "the pull request's description")
	fl := cmd.Flags()
	fl.StringVar(&opts.Head, "head", "", "the branch to merge, in the same repository (required)")
	fl.StringVar(&opts.Base, "base", "", "the branch to merge into, e.g. main (required)")
	fl.StringVar(&opts.Title, "title", "", "the pull request's title (required)")
	return cmd
}

func runGitHubComment(ctx context.Context, f *Factory, opts *githubCommentOptions) error {
	if err := opts.check(f); err != nil {
		return err
	}
	switch {
	case opts.PR < 0:
		return usageError("--pr %d: a pull request number is positive", opts.PR)
	case opts.PR == 0:
		n, err := eventPullRequest(f.IO.Getenv(EnvGitHubEventPath))
		if err != nil {
			return err
		}
		opts.PR = n
	}
	if !github.ValidMarker(opts.Marker) {
		return usageError("--marker %q: use up to 128 letters, digits, '.', '_' and '-'", termsafe.String(opts.Marker))
	}
	if opts.As != "" && !githubLogin.MatchString(opts.As) {
		return usageError("--as %q: not a GitHub login (a user name, or an app's name[bot])", termsafe.String(opts.As))
	}
	body, err := readBodyFile("--body-file", opts.BodyFile, f.IO.In)
	if err != nil {
		return err
	}
	c, err := githubClient(f)
	if err != nil {
		return err
	}
	c.As = opts.As

	full := github.WithMarker(body, opts.Marker)
	fitted := github.FitComment(full, github.CommentLimit, opts.ReportURL)
	where := fmt.Sprintf("%s/%s#%d", opts.owner, opts.name, opts.PR)
	url, created, err := c.UpsertComment(ctx, opts.owner, opts.name, opts.PR, opts.Marker, fitted)
	if err != nil && !errors.Is(err, github.ErrAuthorMismatch) {
		return runtimeError(err)
	}
	fmt.Fprintln(f.IO.Out, termsafe.String(url))
	verb := "Updated"
	if created {
		verb = "Created"
	}
	fmt.Fprintf(f.IO.Err, "%s the entra-audit %s comment on %s\n", verb, opts.Marker, where)
	if fitted != full {
		fmt.Fprintf(f.IO.Err, "The body (%d characters) was cut to fit GitHub's %d-character limit; a note at its end says what was left out.\n",
			utf8.RuneCountInString(full), github.CommentLimit)
	}
	if err != nil {
		fmt.Fprintf(f.IO.Err, "warning: %s\n", termsafe.String(err.Error()))
	}
	return nil
}

func runGitHubSummary(f *Factory, opts *githubSummaryOptions) error {
	path := f.IO.Getenv(EnvGitHubStepSummary)
	if path == "" {
		return usageError("%s is not set: 'github summary' appends to a GitHub Actions step's job summary, which only a workflow provides", EnvGitHubStepSummary)
	}
	body, err := readBodyFile("--file", opts.File, f.IO.In)
	if err != nil {
		return err
	}
	var before int64
	if st, err := os.Stat(path); err == nil {
		before = st.Size()
	}
	if err := github.AppendSummary(path, body); err != nil {
		return runtimeError(err)
	}
	msg := "Appended the report to the job summary"
	if st, err := os.Stat(path); err == nil && st.Size()-before < int64(len(body)) {
		msg += ", cut to fit its 1 MiB limit (a note at its end says what was left out)"
	}
	fmt.Fprintln(f.IO.Err, msg)
	return nil
}

func runGitHubPR(ctx context.Context, f *Factory, opts *githubPROptions) error {
	if err := opts.check(f); err != nil {
		return err
	}
	for _, b := range []struct{ flag, v string }{{"--head", opts.Head}, {"--base", opts.Base}} {
		if b.v == "" {
			return usageError("%s is required: a branch name", b.flag)
		}
		if !validBranch(b.v) {
			return usageError("%s %q: not a branch name", b.flag, termsafe.String(b.v))
		}
	}
	if opts.Head == opts.Base {
		return usageError("--head and --base are both %q: a pull request needs two branches", opts.Head)
	}
	switch t := opts.Title; {
	case strings.TrimSpace(t) == "":
		return usageError("--title is required")
	case utf8.RuneCountInString(t) > 256:
		return usageError("--title has %d characters; GitHub allows 256", utf8.RuneCountInString(t))
	case strings.ContainsFunc(t, unicode.IsControl):
		return usageError("--title %q: one line, no control characters", termsafe.String(t))
	}
	body, err := readBodyFile("--body-file", opts.BodyFile, f.IO.In)
	if err != nil {
		return err
	}
	c, err := githubClient(f)
	if err != nil {
		return err
	}
	fitted := github.FitPullRequestBody(body, github.CommentLimit, opts.ReportURL)
	url, created, err := c.UpsertPullRequest(ctx, opts.owner, opts.name, opts.Head, opts.Base, opts.Title, fitted)
	if err != nil {
		return runtimeError(err)
	}
	fmt.Fprintln(f.IO.Out, termsafe.String(url))
	verb := "Updated"
	if created {
		verb = "Opened"
	}
	fmt.Fprintf(f.IO.Err, "%s the pull request %s → %s on %s/%s\n", verb, opts.Head, opts.Base, opts.owner, opts.name)
	if fitted != body {
		fmt.Fprintf(f.IO.Err, "The body was cut to fit GitHub's %d-character limit; a note at its end says what was left out.\n", github.CommentLimit)
	}
	return nil
}

var (
	// GitHub owner and repository names: letters, digits, '-', '_' and '.'.
	githubRepo = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})$`)
	// A user's login, or an app's "name[bot]".
	githubLogin = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$`)
)

// check validates the flags comment and pr share; --repo defaults to
// $GITHUB_REPOSITORY.
func (o *githubTarget) check(f *Factory) error {
	repo, from := o.Repo, "--repo"
	if repo == "" {
		repo, from = f.IO.Getenv(EnvGitHubRepository), EnvGitHubRepository
	}
	if repo == "" {
		return usageError("--repo is required outside GitHub Actions (%s is not set): OWNER/NAME", EnvGitHubRepository)
	}
	m := githubRepo.FindStringSubmatch(repo)
	if m == nil || m[2] == "." || m[2] == ".." {
		return usageError("%s %q: want OWNER/NAME, e.g. contoso/entra-config", from, termsafe.String(repo))
	}
	o.owner, o.name = m[1], m[2]
	if o.ReportURL != "" && !github.SafeURL(o.ReportURL) {
		return usageError("--report-url %q: want a plain http(s) URL (no spaces, quotes or angle brackets)", termsafe.String(o.ReportURL))
	}
	if o.BodyFile == "" {
		return usageError("--body-file is required: the Markdown to post")
	}
	return nil
}

// validBranch is the subset of git's ref-name rules a workflow's branch
// name meets.
func validBranch(b string) bool {
	if len(b) > 255 || strings.HasPrefix(b, "-") || strings.HasPrefix(b, "/") || strings.HasSuffix(b, "/") ||
		strings.HasSuffix(b, ".") || strings.HasSuffix(b, ".lock") || b == "@" {
		return false
	}
	for _, bad := range []string{"..", "//", "@{", "/."} {
		if strings.Contains(b, bad) {
			return false
		}
	}
	return !strings.ContainsFunc(b, func(r rune) bool {
		return r <= ' ' || r == 0x7f || strings.ContainsRune("~^:?*[\\", r)
	})
}

// readBodyFile reads a Markdown body: a regular file (or - for standard
// input) of valid UTF-8, not empty, at most maxBodyFile bytes.
func readBodyFile(flag, path string, stdin io.Reader) (string, error) {
	if path == "" {
		return "", usageError("%s is required: the Markdown to post", flag)
	}
	var r io.Reader
	if path == "-" {
		if stdin == nil {
			return "", usageError("%s -: no standard input", flag)
		}
		r = stdin
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return "", usageError("%s: %v", flag, err)
		}
		defer fh.Close()
		if st, err := fh.Stat(); err != nil || !st.Mode().IsRegular() {
			return "", usageError("%s %s: not a regular file", flag, termsafe.String(path))
		}
		r = fh
	}
	b, err := io.ReadAll(io.LimitReader(r, maxBodyFile+1))
	switch {
	case err != nil:
		return "", usageError("%s: %v", flag, err)
	case len(b) > maxBodyFile:
		return "", usageError("%s %s: larger than %d MiB; not a report", flag, termsafe.String(path), maxBodyFile>>20)
	case !utf8.Valid(b):
		return "", usageError("%s %s: not valid UTF-8", flag, termsafe.String(path))
	case strings.ContainsRune(string(b), 0):
		return "", usageError("%s %s: holds NUL bytes; not Markdown", flag, termsafe.String(path))
	case strings.TrimSpace(string(b)) == "":
		return "", usageError("%s %s: empty", flag, termsafe.String(path))
	}
	return string(b), nil
}

// githubClient is the API client for $GITHUB_TOKEN and $GITHUB_API_URL.
func githubClient(f *Factory) (*github.Client, error) {
	token := f.IO.Getenv(EnvGitHubToken)
	if token == "" {
		return nil, usageError("%s is not set: give the job's token to the step (env: %s: ${{ github.token }}) or export a token", EnvGitHubToken, EnvGitHubToken)
	}
	c, err := github.New(token, f.IO.Getenv(EnvGitHubAPIURL), &http.Client{Timeout: time.Minute})
	if err != nil {
		return nil, usageError("%s: %v", EnvGitHubAPIURL, err)
	}
	return c, nil
}

// eventPullRequest is the pull request of the workflow's event: a
// pull_request or pull_request_target event's pull_request.number, or an
// issue_comment event's issue.number when the issue is a pull request.
func eventPullRequest(path string) (int, error) {
	if path == "" {
		return 0, usageError("--pr is required outside GitHub Actions (%s is not set)", EnvGitHubEventPath)
	}
	fh, err := os.Open(path)
	if err != nil {
		return 0, usageError("--pr not given and %s unreadable: %v", EnvGitHubEventPath, err)
	}
	defer fh.Close()
	var ev struct {
		PullRequest *struct {
			Number int `json:"number"`
		} `json:"pull_request"`
		Issue *struct {
			Number      int             `json:"number"`
			PullRequest json.RawMessage `json:"pull_request"`
		} `json:"issue"`
	}
	if err := json.NewDecoder(io.LimitReader(fh, 64<<20)).Decode(&ev); err != nil {
		return 0, usageError("--pr not given and %s is not an event payload: %v", EnvGitHubEventPath, err)
	}
	switch {
	case ev.PullRequest != nil && ev.PullRequest.Number > 0:
		return ev.PullRequest.Number, nil
	case ev.Issue != nil && len(ev.Issue.PullRequest) > 0 && string(ev.Issue.PullRequest) != "null" && ev.Issue.Number > 0:
		return ev.Issue.Number, nil
	}
	return 0, usageError("--pr is required: this workflow's event is not about a pull request")
}
