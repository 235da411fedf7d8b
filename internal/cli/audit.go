package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/drift"
	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/report"
	"github.com/entra-audit/entra-audit/internal/snapshot"
	"github.com/entra-audit/entra-audit/internal/termsafe"
	"github.com/entra-audit/entra-audit/policies"
)

// auditOptions are the flags of `entra-audit audit`.
type auditOptions struct {
	Snapshot       string
	Out            string
	Config         string
	PolicyDirs     []string
	Formats        []string
	FailOn         string
	AllowErrors    bool          // errors at or above --fail-on do not fail the run
	EvaluationTime string        // RFC 3339; empty = now
	Baseline       string        // a baseline to compare with: drift and change-aware controls
	PolicyTimeout  time.Duration // bounds each control's evaluation
	demoConfig     bool          // without Config, apply the demo tenant's own (scan --demo)
	now            func() time.Time
	// Set by scan, which checks its inputs before reading the tenant:
	engine    *policy.Engine                                            // the loaded policies; nil: load them here
	baseline  *snapshot.Snapshot                                        // the loaded --baseline; nil: load it here
	attribute func(context.Context, *snapshot.Snapshot, *finding.Drift) // who made each change (scan has a connection)
}

func newCmdAudit(f *Factory) *cobra.Command {
	opts := &auditOptions{now: time.Now}
	cmd := &cobra.Command{
		Use:   "audit --snapshot DIR --out DIR",
		Short: "Audit a snapshot against the built-in and custom controls",
		Long: `audit evaluates the built-in controls (the CISA SCuBA Entra ID baseline and
entra-audit's own) and any custom policy folders on a snapshot, offline, and
writes the reports to the output directory: findings.json always, and the other
formats chosen with --format.

Each control yields one status: pass, fail, not_applicable, manual, error (the
data it needs was not collected: the result names the missing permission or
licence; or a property Graph always returns is absent: the result names it)
or waived. Policies run sandboxed: no network, no environment, no wall clock.

The tenant's cloud is the one the snapshot's manifest records (snapshot
--cloud); cloud in entra-audit.yaml applies only when the manifest does not
know it (cloud: unknown, as snapshot records when --graph-url replaced the
endpoint without --cloud). When both are known and differ, audit stops with
an error naming both (exit 2). Controls read the result as input.meta.cloud,
and where it came from as input.meta.cloudSource (manifest, config or none).

Exit codes: 0 nothing failed at or above --fail-on, 1 a control at or above
--fail-on failed or could not be evaluated (error; --allow-errors lets errors
pass), 2 bad flags, configuration or policies, 3 runtime error.`,
		Example: `  entra-audit audit --snapshot ./snapshot --out ./out
  entra-audit audit --snapshot ./snapshot --out ./out --config entra-audit.yaml --fail-on high
  entra-audit audit --snapshot ./snapshot --out ./out --policy ./our-policies --format json,sarif`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runAudit(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Snapshot, "snapshot", "s", "", "snapshot directory to audit (required)")
	fl.StringVarP(&opts.Out, "out", "o", "", "directory to write the reports to (required)")
	fl.StringVarP(&opts.Config, "config", "c", "", "entra-audit.yaml: exclusions, break-glass accounts, severity overrides, waivers")
	fl.StringArrayVarP(&opts.PolicyDirs, "policy", "p", nil, "custom policy folder (repeatable); see "+DocsURL+"policy-authoring.md")
	fl.StringSliceVarP(&opts.Formats, "format", "f", nil, "report formats, comma-separated: "+strings.Join(report.Names(), ", ")+" (default all)")
	bindFailOn(fl, &opts.FailOn, &opts.AllowErrors)
	fl.StringVar(&opts.EvaluationTime, "evaluation-time", "", "evaluate as of this RFC 3339 time (reproducible reports; default now)")
	bindBaseline(fl, &opts.Baseline)
	bindPolicyTimeout(fl, &opts.PolicyTimeout)
	return cmd
}

// bindBaseline declares --baseline (audit and scan).
func bindBaseline(fl *pflag.FlagSet, dir *string) {
	fl.StringVar(dir, "baseline", "", "a committed baseline snapshot (baselines/<tenant>): report the drift from it and judge the changes")
}

// bindPolicyTimeout declares --policy-timeout (audit and scan).
func bindPolicyTimeout(fl *pflag.FlagSet, d *time.Duration) {
	fl.DurationVar(d, "policy-timeout", policy.DefaultTimeout, "time limit of each control's evaluation; a control that runs longer ends as an error, the others still run")
}

// checkPolicyTimeout refuses a zero or negative --policy-timeout.
func checkPolicyTimeout(d time.Duration) error {
	if d <= 0 {
		return usageError("--policy-timeout %s: must be positive (default %s)", d, policy.DefaultTimeout)
	}
	return nil
}

// runAudit loads, evaluates, writes and summarises.
func runAudit(ctx context.Context, f *Factory, opts *auditOptions) error {
	failOn, err := parseFailOn(opts.FailOn)
	if err != nil {
		return err
	}
	formats, err := auditFormats(opts.Formats)
	if err != nil {
		return err
	}
	if err := checkPolicyTimeout(opts.PolicyTimeout); err != nil {
		return err
	}
	switch {
	case opts.Snapshot == "":
		return usageError("--snapshot is required: the snapshot directory to audit (make one with 'entra-audit snapshot')")
	case opts.Out == "":
		return usageError("--out is required: the directory to write the reports to")
	}
	if st, err := os.Stat(opts.Out); err == nil && !st.IsDir() {
		return usageError("--out %s is a file: name the directory to write the reports to", opts.Out)
	}
	at := opts.now().UTC()
	if opts.EvaluationTime != "" {
		if at, err = time.Parse(time.RFC3339, opts.EvaluationTime); err != nil {
			return usageError("--evaluation-time %q is not an RFC 3339 time (2026-11-26T10:00:00Z)", opts.EvaluationTime)
		}
	}
	engine, base := opts.engine, opts.baseline
	if engine == nil {
		if engine, err = opts.loadEngine(ctx, f); err != nil {
			return err
		}
	}
	if base == nil && opts.Baseline != "" {
		if base, err = openBaseline(opts.Baseline); err != nil {
			return err
		}
	}
	if _, err := os.Stat(opts.Snapshot); err != nil {
		return usageError("--snapshot %s: %v", opts.Snapshot, err)
	}
	// A directory that is not a snapshot, or a damaged one, is bad input
	// (exit 2), as for drift and baseline update.
	snap, err := snapshot.Load(opts.Snapshot)
	if err != nil {
		return usageError("--snapshot: %v%s", err, snapshotBelow(opts.Snapshot))
	}
	var cmp *drift.Comparison
	if base != nil {
		if cmp, err = compareWithBaseline(base, snap); err != nil {
			return err
		}
		if opts.attribute != nil {
			opts.attribute(ctx, snap, cmp.Drift)
		}
	}
	ev, err := engine.Evaluate(ctx, withDrift(snap.Input, cmp), policy.EvalOptions{Time: at, Locator: snapshotLocator{snap},
		Timeout: opts.PolicyTimeout})
	if err != nil {
		return evalError(err)
	}
	if cmp != nil {
		// The same controls on the baseline say which of them each change made fail.
		was, err := engine.Evaluate(ctx, base.Input, policy.EvalOptions{Time: at, Timeout: opts.PolicyTimeout})
		if err != nil {
			return runtimeError(fmt.Errorf("evaluate the baseline: %w", err))
		}
		drift.Weakened(cmp.Drift, was.Results, ev.Results)
	}
	if f.Logger != nil {
		f.Logger.Debug("evaluated controls", "slowest", slowest(ev.Durations, 5))
	}
	nameFindings(ev.Results, snap)
	rep := buildReport(f, snap, ev, at, opts.Snapshot)
	if cmp != nil {
		rep.Drift = cmp.Drift
	}
	paths, err := report.WriteAll(ctx, opts.Out, rep, formats)
	if err != nil {
		return runtimeError(err)
	}
	var tripping []finding.Result
	if failOn != "" {
		tripping = rep.Tripping(failOn, opts.AllowErrors)
	}
	writeAuditSummary(f.IO.Err, palette{f.IO.Color()}, rep, paths, failOn, tripping)
	if len(tripping) > 0 {
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

// evalError is exit 2 for a snapshot and configuration that disagree on
// the cloud (the audit must not guess which is right), else exit 3.
func evalError(err error) error {
	var conflict *policy.CloudConflictError
	if errors.As(err, &conflict) {
		return usageError("%v", err)
	}
	return runtimeError(err)
}

// bindFailOn declares --fail-on and --allow-errors (audit and scan).
func bindFailOn(fl *pflag.FlagSet, failOn *string, allowErrors *bool) {
	fl.StringVar(failOn, "fail-on", "never", "exit 1 when a control fails, or cannot be evaluated (error), at or above this severity: critical, high, medium, low, info or never")
	fl.BoolVar(allowErrors, "allow-errors", false, "with --fail-on, let controls that could not be evaluated (error) pass; by default they fail the run")
}

// loadEngine reads the configuration and compiles the policies, saying
// which configuration it applied.
func (opts *auditOptions) loadEngine(ctx context.Context, f *Factory) (*policy.Engine, error) {
	cfg, source, err := opts.config()
	if err != nil {
		return nil, err
	}
	if source != "" {
		fmt.Fprintf(f.IO.Err, "Configuration: %s\n", termsafe.String(source))
	}
	return loadEngine(ctx, cfg, opts.PolicyDirs)
}

// config reads --config, or the embedded demo configuration when scan
// --demo gave no --config, and says which it read (empty for none). Every
// problem in it is a usage error (exit 2).
func (opts *auditOptions) config() (*policy.Config, string, error) {
	var (
		cfg    *policy.Config
		source string
		err    error
	)
	switch {
	case opts.Config != "":
		source = opts.Config
		cfg, err = policy.LoadConfig(opts.Config)
	case opts.demoConfig:
		source = demo.ConfigName + ", the demo tenant's own (--config replaces it)"
		cfg, err = policy.ParseConfig(demo.ConfigName, demo.Config)
	default:
		return nil, "", nil
	}
	if err != nil {
		return nil, "", usageError("%w", err)
	}
	return cfg, source, nil
}

// loadEngine reads the policies with the configuration (nil for none);
// every problem in them is a usage error (exit 2).
func loadEngine(ctx context.Context, cfg *policy.Config, policyDirs []string) (*policy.Engine, error) {
	engine, err := policy.Load(ctx, policy.LoadOptions{Builtin: policies.FS, CustomDirs: policyDirs, Config: cfg,
		KnownResources: resourceKeys()})
	if err != nil {
		var le *policy.LoadError
		if errors.As(err, &le) {
			return nil, usageError("%w", err)
		}
		return nil, runtimeError(err)
	}
	return engine, nil
}

// resourceKeys are the snapshot catalogue's resource keys: what METADATA
// `requires` may name.
func resourceKeys() []string {
	var keys []string
	for _, r := range snapshot.Resources(snapshot.Catalog()) {
		keys = append(keys, r.Key)
	}
	return keys
}

func parseFailOn(v string) (finding.Severity, error) {
	if strings.EqualFold(strings.TrimSpace(v), "never") {
		return "", nil
	}
	s, err := finding.ParseSeverity(v)
	if err != nil {
		return "", usageError("--fail-on %q: use critical, high, medium, low, info or never", v)
	}
	return s, nil
}

// auditFormats checks --format and makes sure findings.json is written:
// it is the audit's canonical output.
func auditFormats(formats []string) ([]string, error) {
	if len(formats) == 0 {
		return report.Names(), nil
	}
	out := []string{"json"}
	for _, name := range formats {
		w, err := report.Lookup(name)
		if err != nil {
			return nil, usageError("--format: %v", err)
		}
		if !slices.Contains(out, w.Name()) {
			out = append(out, w.Name())
		}
	}
	return out, nil
}

// nameFindings gives findings about objects without a name of their own
// (role assignments, grants: Rego names them by id) the snapshot's
// readable name, "Global Administrator / Megan Bowen".
func nameFindings(results []finding.Result, snap *snapshot.Snapshot) {
	for i := range results {
		for j := range results[i].Findings {
			r := &results[i].Findings[j].Resource
			if r.ID != "" && (r.Name == "" || r.Name == r.ID) {
				if l := snap.Label(r.Type, r.ID); l != "" {
					r.Name = l
				}
			}
		}
	}
}

// snapshotLocator lets the engine point findings at snapshot files without
// importing the snapshot package.
type snapshotLocator struct{ s *snapshot.Snapshot }

func (l snapshotLocator) Locate(key, id string) (finding.Location, bool) {
	if file, line, ok := l.s.Locate(key, id); ok {
		return finding.Location{File: file, Line: line}, true
	}
	// A finding about a part of a singleton (one method configuration of
	// the authentication methods policy) points at that part's id line in
	// the singleton's file, or at the file.
	res, ok := snapshot.ResourceByKey(key)
	if !ok || !res.Singleton {
		return finding.Location{}, false
	}
	rel := strings.TrimSuffix(res.Path, "/")
	if _, err := os.Stat(filepath.Join(l.s.Dir, rel)); err != nil {
		return finding.Location{}, false
	}
	return finding.Location{File: rel, Line: idLine(filepath.Join(l.s.Dir, rel), id)}, true
}

// idLine finds the line of `id: <id>` in a YAML file; 1 when absent.
func idLine(path, id string) int {
	b, err := os.ReadFile(path)
	if err != nil || id == "" {
		return 1
	}
	for i, line := range strings.Split(string(b), "\n") {
		t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- "))
		if t == "id: "+id || strings.HasPrefix(t, "id: "+id+" #") {
			return i + 1
		}
	}
	return 1
}

func buildReport(f *Factory, snap *snapshot.Snapshot, ev *policy.Evaluation, at time.Time, dir string) finding.Report {
	m := snap.Manifest
	collected, _ := m.CollectedTime()
	rep := finding.Report{
		SchemaVersion: finding.ReportSchemaVersion,
		Tool:          finding.Tool{Name: "entra-audit", Version: f.Version, InformationURI: InformationURI},
		Tenant: finding.Tenant{ID: m.Tenant.ID, DefaultDomain: m.Tenant.DefaultDomain,
			DisplayName: m.Tenant.DisplayName, Cloud: m.Cloud},
		CollectedAt: collected,
		EvaluatedAt: at,
		SnapshotDir: filepath.ToSlash(filepath.Clean(dir)),
		Controls:    ev.Results,
		Warnings:    append(slices.Clone(snap.Warnings), ev.Warnings...),
	}
	keys := make([]string, 0, len(m.Resources))
	for k := range m.Resources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := m.Resources[k]
		cs := finding.CollectionStatus{Resource: k, Status: e.Status, Permission: e.Permission, License: e.License,
			Message: e.Message, RequestID: e.RequestID}
		if e.Count != nil {
			cs.Count = *e.Count
		}
		rep.Collection = append(rep.Collection, cs)
	}
	return rep
}

// writeAuditSummary prints the counts, the failing and erroring controls
// (most severe first), warnings and the files written.
func writeAuditSummary(w io.Writer, pal palette, rep finding.Report, paths []string, failOn finding.Severity, tripping []finding.Result) {
	counts := rep.Counts()
	var parts []string
	for _, s := range finding.Statuses() {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], strings.ReplaceAll(string(s), "_", " ")))
		}
	}
	fmt.Fprintf(w, "Audited %s: %d controls: %s\n", termsafe.String(tenantName(rep.Tenant)), len(rep.Controls), strings.Join(parts, ", "))
	var shown []finding.Result
	for _, r := range rep.Controls {
		if r.Status == finding.StatusFail || r.Status == finding.StatusError {
			shown = append(shown, r)
		}
	}
	sort.SliceStable(shown, func(i, j int) bool {
		if shown[i].Status != shown[j].Status {
			return shown[i].Status == finding.StatusFail
		}
		return shown[i].Severity.Rank() > shown[j].Severity.Rank()
	})
	for _, r := range shown {
		// Titles and messages come from policies (custom ones from a pull request) and Graph errors.
		fmt.Fprintf(w, "  %s %s %-14s %s (%s)\n", pal.status(r.Status, 5), pal.severity(r.Severity, 8), termsafe.String(r.ID),
			termsafe.String(strings.TrimSuffix(r.Title, ".")), termsafe.String(r.Message))
	}
	writeDriftSummary(w, rep.Drift)
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "warning: %s\n", termsafe.String(warn))
	}
	for _, p := range paths {
		fmt.Fprintf(w, "wrote %s\n", termsafe.String(p))
	}
	var failed, errored []string
	for _, r := range tripping {
		if r.Status == finding.StatusError {
			errored = append(errored, r.ID)
		} else {
			failed = append(failed, r.ID)
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(w, "Failing: %d controls fail at severity %s or above (--fail-on %s): %s\n", len(failed), failOn, failOn, strings.Join(failed, ", "))
	}
	if len(errored) > 0 {
		fmt.Fprintf(w, "Failing: %d controls at severity %s or above could not be evaluated (error, see above): %s; fix the collection, or pass --allow-errors to accept that\n",
			len(errored), failOn, strings.Join(errored, ", "))
	}
}

func tenantName(t finding.Tenant) string {
	switch {
	case t.DefaultDomain != "":
		return t.DefaultDomain
	case t.DisplayName != "":
		return t.DisplayName
	}
	return t.ID
}

// slowest names the n controls that took longest.
func slowest(d map[string]time.Duration, n int) string {
	ids := make([]string, 0, len(d))
	for id := range d {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(d[b], d[a]) })
	var parts []string
	for _, id := range ids[:min(n, len(ids))] {
		parts = append(parts, fmt.Sprintf("%s %s", id, d[id].Round(time.Millisecond)))
	}
	return strings.Join(parts, ", ")
}

// snapshotBelow points at the snapshot a scan wrote below dir (scan --out
// DIR puts it in DIR/snapshot), the usual reason a directory is not one.
func snapshotBelow(dir string) string {
	below := filepath.Join(dir, "snapshot")
	if _, err := os.Stat(filepath.Join(below, snapshot.ManifestFile)); err == nil {
		return fmt.Sprintf("; %s holds one (a scan writes its snapshot there): --snapshot %s", below, below)
	}
	return ""
}
