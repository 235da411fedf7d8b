package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"
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
	fl.StringVar(&opts.EvaluationTime, "evaluation-time", "", "evaluate as of this RFC 3339 time (reproducible reports; default now)")
	return cmd
}

// runScan is runSnapshot then runAudit, with the flags checked up front so
// a typo does not cost a whole collection.
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
	snapDir := opts.SnapshotDir
	if snapDir == "" {
		snapDir = filepath.Join(opts.Out, "snapshot")
	}
	snap := opts.snapshot
	snap.Out = snapDir
	if err := runSnapshot(ctx, f, &snap); err != nil {
		return err
	}
	fmt.Fprintln(f.IO.Err)
	audit := &auditOptions{
		Snapshot:       snapDir,
		Out:            opts.Out,
		Config:         opts.Config,
		PolicyDirs:     opts.PolicyDirs,
		Formats:        formats,
		FailOn:         opts.FailOn,
		AllowErrors:    opts.AllowErrors,
		EvaluationTime: opts.EvaluationTime,
		demoConfig:     opts.snapshot.Demo,
		now:            opts.now,
	}
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
