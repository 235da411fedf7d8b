package cli

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/report"
	"github.com/entra-audit/entra-audit/internal/review"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// reviewOptions are the flags of `entra-audit review`.
type reviewOptions struct {
	Base, Head     string
	Repo           string
	Config         string
	PolicyDirs     []string
	Out            string
	FailOn         string
	AllowErrors    bool
	EvaluationTime string
	HeadSHA        string
	PolicyTimeout  time.Duration
	PolicyMemoryMB int
	now            func() time.Time
}

func newCmdReview(f *Factory) *cobra.Command {
	opts := &reviewOptions{now: time.Now}
	cmd := &cobra.Command{
		Use:   "review --base DIR|REV:PATH --head DIR|REV:PATH",
		Short: "Judge a change to baselines, the configuration or policies (a pull request)",
		Long: `review evaluates the base and the head tree, offline and without tenant
credentials, and says which findings the change introduces, resolves and keeps,
what drifted between the trees (field by field, with names), and what the
configuration change accepts (waivers, disabled controls, exclusions).

A tree is a directory, or REV:PATH read from the local git repository without
network (origin/main:baselines/contoso; fetch the base branch first). It is one
snapshot, or a folder of them (baselines/), reviewed per tenant folder.

--config and --policy are read at each side's revision when they lie inside the
repository, so a change that only adds a waiver or edits a policy is reviewed
too. The verdict that counts judges the head's data with the base's policies: a
pull request's Rego could simply delete the control it would fail. What the
head's own policies would change is a separate section, evaluated in the
sandbox under --head-policy-timeout and --head-policy-memory.

Without --out it prints the review as Markdown (the PR comment) on standard
output; with --out it writes review.md and review.json there. Links point at
the reviewed commit when GITHUB_SERVER_URL and GITHUB_REPOSITORY are set.

Exit codes: 0 nothing introduced at or above --fail-on, 1 an introduced finding
(or an introduced error, unless --allow-errors) at or above --fail-on, 2 bad
flags, trees, configuration or base policies, 3 runtime error.`,
		Example: `  entra-audit review --base origin/main:baselines --head baselines --config entra-audit.yaml --fail-on high
  entra-audit review --base baselines/contoso-demo --head ./out/demo/snapshot --out ./out/review`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReview(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Base, "base", "", "the tree before the change: a directory or REV:PATH (required)")
	fl.StringVar(&opts.Head, "head", "", "the tree after the change: a directory or REV:PATH (required)")
	fl.StringVar(&opts.Repo, "repo", ".", "the git repository revisions are read from")
	fl.StringVarP(&opts.Config, "config", "c", "", "entra-audit.yaml (read at each side's revision when inside the repository)")
	fl.StringArrayVarP(&opts.PolicyDirs, "policy", "p", nil, "custom policy folder (repeatable; read at each side's revision when inside the repository)")
	fl.StringVarP(&opts.Out, "out", "o", "", "write review.md and review.json here instead of Markdown on standard output")
	bindFailOn(fl, &opts.FailOn, &opts.AllowErrors)
	fl.StringVar(&opts.EvaluationTime, "evaluation-time", "", "evaluate as of this RFC 3339 time (reproducible reviews; default now)")
	fl.StringVar(&opts.HeadSHA, "head-sha", "", "the reviewed commit, for links and the comment's marker (default: the head revision, else the repository's HEAD)")
	fl.DurationVar(&opts.PolicyTimeout, "head-policy-timeout", review.DefaultPolicyTimeout, "time limit for evaluating the head's own policies (all of them)")
	fl.IntVar(&opts.PolicyMemoryMB, "head-policy-memory", int(review.DefaultPolicyMemory>>20), "heap limit in MiB for evaluating the head's own policies")
	return cmd
}

func runReview(ctx context.Context, f *Factory, opts *reviewOptions) error {
	if opts.Base == "" || opts.Head == "" {
		return usageError("--base and --head are required: the trees before and after the change (a directory or REV:PATH)")
	}
	failOn, err := parseFailOn(opts.FailOn)
	if err != nil {
		return err
	}
	at := opts.now().UTC()
	if opts.EvaluationTime != "" {
		if at, err = time.Parse(time.RFC3339, opts.EvaluationTime); err != nil {
			return usageError("--evaluation-time %q is not an RFC 3339 time (2026-11-26T10:00:00Z)", opts.EvaluationTime)
		}
	}
	if opts.PolicyTimeout <= 0 || opts.PolicyMemoryMB <= 0 {
		return usageError("--head-policy-timeout and --head-policy-memory must be positive")
	}
	base, err := review.ParseSpec(opts.Base)
	if err != nil {
		return usageError("--base: %v", err)
	}
	head, err := review.ParseSpec(opts.Head)
	if err != nil {
		return usageError("--head: %v", err)
	}
	links := finding.ReviewLinks{ServerURL: f.IO.Getenv("GITHUB_SERVER_URL"), Repository: f.IO.Getenv("GITHUB_REPOSITORY"), HeadSHA: opts.HeadSHA}
	if links.HeadSHA == "" {
		links.HeadSHA = headCommit(ctx, opts.Repo, head)
	}
	if id := f.IO.Getenv("GITHUB_RUN_ID"); id != "" && links.ServerURL != "" && links.Repository != "" {
		links.RunURL = fmt.Sprintf("%s/%s/actions/runs/%s", strings.TrimSuffix(links.ServerURL, "/"), links.Repository, id)
	}
	rv, err := review.Run(ctx, review.Options{
		Repo: opts.Repo, Base: base, Head: head, Config: opts.Config, PolicyDirs: opts.PolicyDirs, Time: at,
		LoadEngine: func(ctx context.Context, cfg *policy.Config, dirs []string) (*policy.Engine, error) {
			return loadEngine(ctx, cfg, dirs)
		},
		PolicyTimeout: opts.PolicyTimeout, PolicyMemory: uint64(opts.PolicyMemoryMB) << 20, Links: links,
	})
	if err != nil {
		// Policy problems keep their code (a bad base policy is a usage error);
		// anything else is about the trees, configuration or revisions given.
		var ee *ExitError
		if errors.As(err, &ee) {
			return &ExitError{Code: ee.Code, Err: fmt.Errorf("review: %w", err)}
		}
		return usageError("review: %v", err)
	}
	if opts.Out == "" {
		if err := report.ReviewMarkdown(f.IO.Out, rv); err != nil {
			return runtimeError(err)
		}
	} else {
		paths, err := report.WriteReview(ctx, opts.Out, rv)
		if err != nil {
			return runtimeError(err)
		}
		for _, p := range paths {
			fmt.Fprintf(f.IO.Err, "wrote %s\n", termsafe.String(p))
		}
	}
	writeReviewSummary(f, rv)
	if failOn != "" {
		if trip := review.Tripping(rv, failOn, opts.AllowErrors); len(trip) > 0 {
			var ids []string
			for _, t := range trip {
				ids = append(ids, t.Control)
			}
			fmt.Fprintf(f.IO.Err, "Failing: the change introduces %d findings at severity %s or above (--fail-on %s): %s\n",
				len(trip), failOn, failOn, termsafe.String(strings.Join(ids, ", ")))
			return &ExitError{Code: ExitFindings}
		}
	}
	return nil
}

func writeReviewSummary(f *Factory, rv *finding.Review) {
	fmt.Fprintf(f.IO.Err, "Review: %s\n", rv.Verdict)
	for _, t := range rv.Tenants {
		changed := 0
		if t.Drift != nil {
			changed = len(t.Drift.Changes)
		}
		fmt.Fprintf(f.IO.Err, "  %s: %d introduced, %d resolved, %d still failing, %d changed objects\n", termsafe.String(t.Name),
			len(t.Introduced), len(t.Resolved), len(t.Kept), changed)
	}
	for _, c := range rv.ConfigChanges {
		fmt.Fprintf(f.IO.Err, "  configuration: %s\n", termsafe.String(c.Text))
	}
}

// headCommit is the commit a head revision names, else the repository's HEAD ("" outside git).
func headCommit(ctx context.Context, repo string, head review.Spec) string {
	rev := "HEAD"
	if head.Rev != "" {
		rev = head.Rev
	}
	out, err := exec.CommandContext(ctx, "git", "-C", repo, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
