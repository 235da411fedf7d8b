package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// scanOptions are the flags of `entra-audit scan`: those of snapshot and
// audit, minus the audit's --snapshot, which scan makes itself.
type scanOptions struct {
	snapshot       snapshotOptions
	Out            string
	SnapshotDir    string
	Config         string
	PolicyDirs     []string
	Formats        []string
	FailOn         string
	AllowErrors    bool
	EvaluationTime string
	Baseline       string
	PolicyTimeout  time.Duration
	Attribute      bool
	now            func() time.Time
}

func newCmdScan(f *Factory) *cobra.Command {
	opts := &scanOptions{now: time.Now}
	cmd := &cobra.Command{
		Use:   "scan --out DIR [--demo]",
		Short: "Snapshot a tenant, audit it and write every report in one go",
		Long: `scan runs 'entra-audit snapshot' and then 'entra-audit audit' on the result:
the snapshot goes to DIR/snapshot (or --snapshot-dir) and the reports to DIR:
findings.json, results.sarif, report.html, summary.md, junit.xml and
action-plan.csv (--format picks a subset). It ends with a summary of the
failing controls and the path of report.html.

With --demo it reads the embedded demo tenant (Contoso), so it needs no
credentials and no network, and audits it with Contoso's own configuration
(its break-glass accounts, declared exclusions and a waiver) unless --config names
another file. Otherwise it signs in as 'entra-audit snapshot'
does.

Exit codes: 0 nothing failed at or above --fail-on, 1 a control at or above
--fail-on failed or could not be evaluated (error; --allow-errors lets errors
pass), 2 bad flags, configuration or policies, 3 runtime error.`,
		Example: `  # Try it: the embedded demo tenant, no credentials needed
  entra-audit scan --demo --out ./out

  # A real tenant, failing the build on high-severity findings
  entra-audit scan --tenant contoso.onmicrosoft.com --out ./out --fail-on high`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runScan(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Out, "out", "o", "", "directory to write the reports to (required); the snapshot goes to DIR/snapshot")
	fl.StringVar(&opts.SnapshotDir, "snapshot-dir", "", "directory to write the snapshot to (default DIR/snapshot)")
	fl.BoolVar(&opts.snapshot.Demo, "demo", false, "scan the embedded demo tenant (Contoso) instead of a real one")
	fl.IntVar(&opts.snapshot.Concurrency, "concurrency", 4, "families collected at once")
	opts.snapshot.Connect.bind(fl)
	fl.StringVarP(&opts.Config, "config", "c", "", "entra-audit.yaml: exclusions, break-glass accounts, severity overrides, waivers")
	fl.StringArrayVarP(&opts.PolicyDirs, "policy", "p", nil, "custom policy folder (repeatable); see docs/policy-authoring.md")
	fl.StringSliceVarP(&opts.Formats, "format", "f", nil, "report formats, comma-separated (default all; findings.json is always written)")
	bindFailOn(fl, &opts.FailOn, &opts.AllowErrors)
	bindBaseline(fl, &opts.Baseline)
	fl.BoolVar(&opts.Attribute, "attribute", true, "with --baseline, read the directory audit log to say who made each change (--attribute=false skips it)")
	fl.StringVar(&opts.EvaluationTime, "evaluation-time", "", "evaluate as of this RFC 3339 time (reproducible reports; default now)")
	bindPolicyTimeout(fl, &opts.PolicyTimeout)
	return cmd
}

// runScan is runSnapshot then runAudit, with every input (flags,
// configuration, policies, baseline) checked before the tenant is read, so
// a typo costs neither a whole collection nor the previous snapshot.
func runScan(ctx context.Context, f *Factory, opts *scanOptions) error {
	if opts.Out == "" {
		return usageError("--out is required: the directory to write the reports (and the snapshot) to")
	}
	if _, err := parseFailOn(opts.FailOn); err != nil {
		return err
	}
	formats, err := auditFormats(opts.Formats)
	if err != nil {
		return err
	}
	if opts.EvaluationTime != "" {
		if _, err := time.Parse(time.RFC3339, opts.EvaluationTime); err != nil {
			return usageError("--evaluation-time %q is not an RFC 3339 time (2026-11-26T10:00:00Z)", opts.EvaluationTime)
		}
	}
	if err := checkPolicyTimeout(opts.PolicyTimeout); err != nil {
		return err
	}
	snapDir := opts.SnapshotDir
	if snapDir == "" {
		snapDir = filepath.Join(opts.Out, "snapshot")
	}
	audit := &auditOptions{
		Snapshot:       snapDir,
		Out:            opts.Out,
		Config:         opts.Config,
		PolicyDirs:     opts.PolicyDirs,
		Formats:        formats,
		FailOn:         opts.FailOn,
		AllowErrors:    opts.AllowErrors,
		EvaluationTime: opts.EvaluationTime,
		Baseline:       opts.Baseline,
		PolicyTimeout:  opts.PolicyTimeout,
		demoConfig:     opts.snapshot.Demo,
		now:            opts.now,
	}
	if audit.engine, err = audit.loadEngine(ctx, f); err != nil {
		return err
	}
	if opts.Baseline != "" {
		if sameDir(opts.Baseline, snapDir) {
			return usageError("--snapshot-dir is the --baseline directory: the scan would overwrite the baseline it compares with; " +
				"write the snapshot elsewhere and accept it with 'entra-audit baseline update'")
		}
		if audit.baseline, err = openBaseline(opts.Baseline); err != nil {
			return err
		}
	}
	snap := opts.snapshot
	snap.Out = snapDir
	client, err := takeSnapshot(ctx, f, &snap)
	if err != nil {
		return err
	}
	if opts.Baseline != "" && opts.Attribute {
		audit.attribute = func(ctx context.Context, live *snapshot.Snapshot, d *finding.Drift) {
			attributeDrift(ctx, f, client, live, d, opts.now)
		}
	}
	fmt.Fprintln(f.IO.Err)
	auditErr := runAudit(ctx, f, audit)
	if code := exitCode(auditErr); code == ExitOK || code == ExitFindings {
		// The reports were written: say where to look, also when --fail-on trips.
		main := "findings.json"
		if slices.Contains(formats, "html") {
			main = "report.html"
		}
		path := filepath.Join(opts.Out, main)
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		fmt.Fprintf(f.IO.Err, "\nOpen the report: %s\n", path)
	}
	return auditErr
}
