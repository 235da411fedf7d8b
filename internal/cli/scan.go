package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/fleet"
	"github.com/entra-audit/entra-audit/internal/report"
	"github.com/entra-audit/entra-audit/internal/snapshot"
	"github.com/entra-audit/entra-audit/internal/termsafe"
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
	// scan --tenants FILE: each tenant of the list scanned into OUT/<name>.
	Tenants  string
	Parallel int                    // tenants scanned at once
	Top      int                    // findings per tenant in the index
	given    func(name string) bool // whether a flag was set on the command line
	// lazyBaseline opens the baseline when the tenant's turn comes rather
	// than while preparing, so scan --tenants holds at most --parallel.
	lazyBaseline bool
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

With --tenants FILE it scans every tenant of the list (the nightly
workflow's tenants.yaml; each entry may carry its own connection, config,
policies, baseline and failOn, or demo: true) into OUT/<name>, exactly as
'scan --out OUT/<name>' would, --parallel at a time, and writes the index
across them into OUT: index.html, index.md and index.json. The whole list,
and every tenant's configuration and policies, are checked before any
tenant is read; then a tenant that fails does not stop the others, and the
exit code is the worst tenant's (3, then 2, then 1). Progress lines start
with the tenant's name. See ` + fleetDocsURL + `.

Besides the reports it writes scan.json: the exit code and, when the scan
failed, why (for 'report merge').

Exit codes: 0 nothing failed at or above --fail-on, 1 a control at or above
--fail-on failed or could not be evaluated (error; --allow-errors lets errors
pass), 2 bad flags, configuration or policies, 3 runtime error.`,
		Example: `  # Try it: the embedded demo tenant, no credentials needed
  entra-audit scan --demo --out ./out

  # Every tenant of a list, four at a time, and the index across them
  entra-audit scan --tenants tenants.yaml --out ./out/fleet --parallel 8

  # A real tenant, failing the build on high-severity findings
  entra-audit scan --tenant contoso.onmicrosoft.com --out ./out --fail-on high`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.given = cmd.Flags().Changed
			if opts.Tenants == "" && (opts.given("parallel") || opts.given("top")) {
				return usageError("--parallel and --top apply to a tenant list: add --tenants FILE")
			}
			return runScan(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Tenants, "tenants", "", "scan every tenant of this list (tenants.yaml) into OUT/<name> and write the index across them into OUT")
	fl.IntVar(&opts.Parallel, "parallel", 4, "with --tenants, tenants scanned at once")
	fl.IntVar(&opts.Top, "top", fleet.DefaultTop, "with --tenants, the most severe failing findings the index shows per tenant")
	fl.StringVarP(&opts.Out, "out", "o", "", "directory to write the reports to (required); the snapshot goes to DIR/snapshot")
	fl.StringVar(&opts.SnapshotDir, "snapshot-dir", "", "directory to write the snapshot to (default DIR/snapshot)")
	fl.BoolVar(&opts.snapshot.Demo, "demo", false, "scan the embedded demo tenant (Contoso) instead of a real one")
	fl.IntVar(&opts.snapshot.Concurrency, "concurrency", 4, "families collected at once")
	opts.snapshot.Connect.bind(fl)
	fl.StringVarP(&opts.Config, "config", "c", "", "entra-audit.yaml: exclusions, break-glass accounts, severity overrides, waivers")
	fl.StringArrayVarP(&opts.PolicyDirs, "policy", "p", nil, "custom policy folder (repeatable); see "+DocsURL+"policy-authoring.md")
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
// a typo costs neither a whole collection nor the previous snapshot. Once
// the inputs are checked it writes scan.json into --out, also when the
// scan fails, so `report merge` can say how each tenant's scan ended.
func runScan(ctx context.Context, f *Factory, opts *scanOptions) error {
	if opts.Tenants != "" {
		return runScanTenants(ctx, f, opts)
	}
	p, err := prepareScan(ctx, f, opts, nil)
	if err != nil {
		return err
	}
	return p.finish(f, p.run(ctx, f))
}

// preparedScan is a scan whose flags, configuration and policies were
// checked: what is left is to open the baseline and read the tenant.
type preparedScan struct {
	opts    *scanOptions
	audit   *auditOptions
	formats []string
}

// prepareScan checks the flags and loads the policies (through engines
// when it is given: scan --tenants compiles each configuration and policy
// set once).
func prepareScan(ctx context.Context, f *Factory, opts *scanOptions, engines *engineCache) (*preparedScan, error) {
	if opts.Out == "" {
		return nil, usageError("--out is required: the directory to write the reports (and the snapshot) to")
	}
	if _, err := parseFailOn(opts.FailOn); err != nil {
		return nil, err
	}
	formats, err := auditFormats(opts.Formats)
	if err != nil {
		return nil, err
	}
	if opts.EvaluationTime != "" {
		if _, err := time.Parse(time.RFC3339, opts.EvaluationTime); err != nil {
			return nil, usageError("--evaluation-time %q is not an RFC 3339 time (2026-11-26T10:00:00Z)", opts.EvaluationTime)
		}
	}
	if err := checkPolicyTimeout(opts.PolicyTimeout); err != nil {
		return nil, err
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
	if audit.engine, err = engines.load(ctx, f, audit); err != nil {
		return nil, err
	}
	if opts.Baseline != "" {
		if sameDir(opts.Baseline, snapDir) {
			return nil, usageError("--snapshot-dir is the --baseline directory: the scan would overwrite the baseline it compares with; " +
				"write the snapshot elsewhere and accept it with 'entra-audit baseline update'")
		}
		if !opts.lazyBaseline {
			if audit.baseline, err = openBaseline(opts.Baseline); err != nil {
				return nil, err
			}
		}
	}
	return &preparedScan{opts: opts, audit: audit, formats: formats}, nil
}

// run opens the baseline, reads the tenant, audits it and writes the reports.
func (p *preparedScan) run(ctx context.Context, f *Factory) error {
	opts, audit := p.opts, p.audit
	if opts.Baseline != "" && audit.baseline == nil {
		var err error
		if audit.baseline, err = openBaseline(opts.Baseline); err != nil {
			return err
		}
	}
	snap := opts.snapshot
	snap.Out = audit.Snapshot
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
		if slices.Contains(p.formats, "html") {
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

// finish writes scan.json for the run's outcome err and returns err. A
// scan.json that cannot be written fails a scan that succeeded: its folder
// would pass for another outcome.
func (p *preparedScan) finish(f *Factory, err error) error {
	failOn, _ := parseFailOn(p.opts.FailOn)
	res := finding.ScanResult{ExitCode: exitCode(err), FailOn: failOn}
	var ee *ExitError
	if err != nil && (!errors.As(err, &ee) || ee.Err != nil) {
		res.Error = fleet.OneLine(err.Error())
	}
	if _, werr := report.WriteScanResult(p.opts.Out, res); werr != nil {
		if err == nil || exitCode(err) == ExitFindings {
			return runtimeError(werr)
		}
		fmt.Fprintf(f.IO.Err, "warning: %s\n", termsafe.String(werr.Error()))
	}
	return err
}
