package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/auditlog"
	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/report"
	"github.com/entra-audit/entra-audit/internal/snapshot"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// driftOptions are the flags of `entra-audit drift`.
type driftOptions struct {
	Baseline    string
	Snapshot    string
	Out         string
	Formats     []string
	FailOnDrift bool
	AllowErrors bool // resources that could not be compared do not fail --fail-on-drift
	Attribute   bool
	Demo        bool // attribute from the embedded demo tenant's audit log
	Connect     connectOptions
	now         func() time.Time
}

func newCmdDrift(f *Factory) *cobra.Command {
	opts := &driftOptions{now: time.Now}
	cmd := &cobra.Command{
		Use:   "drift --baseline DIR --snapshot DIR",
		Short: "Compare a snapshot with the committed baseline, field by field",
		Long: `drift compares a snapshot (the live state) with a baseline (the approved state,
committed under baselines/<tenant>/), offline: objects added, removed and
modified, each modification as Graph property paths with old and new values
and the names of the ids they reference, and a unified diff per changed file.
The order of sets, null versus empty, and volatile fields are not drift; a
resource collected in only one of the two trees is reported as not
comparable, never as every object removed.

With --attribute it signs in (connection flags as for 'snapshot', or --demo)
and reads the directory audit log (AuditLog.Read.All) between the two
collection times, to say who changed each object and when. Without the
permission, or for changes older than the log's retention (7 days on Entra ID
Free, 30 with P1/P2), it says so per object; it never guesses.

It prints a summary and, with --out, writes drift.json and drift.md.

Exit codes: 0 no drift (or drift without --fail-on-drift), 1 with
--fail-on-drift: drift, or a resource that could not be compared (unless
--allow-errors), 2 bad flags or trees, 3 runtime error.`,
		Example: `  entra-audit drift --baseline baselines/contoso --snapshot ./out/snapshot --out ./out
  entra-audit drift --baseline baselines/contoso-demo --snapshot ./out/demo/snapshot --attribute --demo`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDrift(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Baseline, "baseline", "b", "", "the baseline snapshot, e.g. baselines/<tenant> (required)")
	fl.StringVarP(&opts.Snapshot, "snapshot", "s", "", "the live snapshot to compare with it (required)")
	fl.StringVarP(&opts.Out, "out", "o", "", "directory to write drift.json and drift.md to")
	fl.StringSliceVarP(&opts.Formats, "format", "f", nil, "output formats with --out, comma-separated: "+strings.Join(report.DriftFormats(), ", ")+" (default all)")
	fl.BoolVar(&opts.FailOnDrift, "fail-on-drift", false, "exit 1 when anything drifted or a resource could not be compared")
	fl.BoolVar(&opts.AllowErrors, "allow-errors", false, "with --fail-on-drift, let resources that could not be compared (not collected in a tree) pass")
	fl.BoolVar(&opts.Attribute, "attribute", false, "read the directory audit log to say who made each change (signs in)")
	fl.BoolVar(&opts.Demo, "demo", false, "with --attribute, read the embedded demo tenant's audit log")
	opts.Connect.bind(fl)
	return cmd
}

func runDrift(ctx context.Context, f *Factory, opts *driftOptions) error {
	switch {
	case opts.Baseline == "":
		return usageError("--baseline is required: the committed baseline snapshot (baselines/<tenant>)")
	case opts.Snapshot == "":
		return usageError("--snapshot is required: the snapshot to compare with the baseline")
	case opts.Demo && !opts.Attribute:
		return usageError("--demo only chooses where --attribute reads the audit log: add --attribute")
	}
	formats, err := report.CheckDriftFormats(opts.Formats)
	if err != nil {
		return usageError("--format: %v", err)
	}
	var g *graph.Client
	if opts.Attribute && !opts.Demo {
		// Flags are checked before the trees are read; signing in waits until they are.
		if _, _, err := opts.Connect.resolve(f.IO.Getenv); err != nil {
			return err
		}
	}
	base, err := openBaseline(opts.Baseline)
	if err != nil {
		return err
	}
	snap, err := snapshot.Load(opts.Snapshot)
	if err != nil {
		return usageError("--snapshot: %v%s", err, snapshotBelow(opts.Snapshot))
	}
	cmp, err := compareWithBaseline(base, snap)
	if err != nil {
		return err
	}
	if opts.Attribute {
		if g, err = graphClient(ctx, f, opts.Demo, &opts.Connect); err != nil {
			return err
		}
		attributeDrift(ctx, f, g, snap, cmp.Drift, opts.now)
	}
	var paths []string
	if opts.Out != "" {
		if paths, err = report.WriteDrift(ctx, opts.Out, cmp.Drift, formats); err != nil {
			return runtimeError(err)
		}
	}
	writeDriftSummary(f.IO.Err, cmp.Drift)
	for _, p := range paths {
		fmt.Fprintf(f.IO.Err, "wrote %s\n", termsafe.String(p))
	}
	if opts.FailOnDrift {
		if why := driftTrips(cmp.Drift, opts.AllowErrors); why != "" {
			fmt.Fprintf(f.IO.Err, "Failing (--fail-on-drift): %s\n", why)
			return &ExitError{Code: ExitFindings}
		}
	}
	return nil
}

// driftTrips says why --fail-on-drift fails ("" when it does not):
// something changed, or, unless allowed, something could not be compared
// (a resource nobody could check is not "no drift").
func driftTrips(d *finding.Drift, allowErrors bool) string {
	var parts []string
	if n := len(d.Changes); n > 0 {
		parts = append(parts, fmt.Sprintf("%d objects drifted from the baseline", n))
	}
	if !allowErrors {
		var keys []string
		for _, r := range d.Resources {
			if r.Status != finding.ResourceCompared {
				keys = append(keys, r.Resource)
			}
		}
		if len(keys) > 0 {
			parts = append(parts, fmt.Sprintf("%d resources could not be compared (%s; --allow-errors accepts that)", len(keys), strings.Join(keys, ", ")))
		}
	}
	return strings.Join(parts, "; ")
}

// graphClient is the Graph client of the demo tenant or of the tenant the
// connection flags name.
func graphClient(ctx context.Context, f *Factory, useDemo bool, conn *connectOptions) (*graph.Client, error) {
	if useDemo {
		c, err := demo.NewClients(f.logger())
		if err != nil {
			return nil, runtimeError(fmt.Errorf("demo tenant: %w", err))
		}
		return c.Graph, nil
	}
	c, err := conn.connect(ctx, f)
	if err != nil {
		return nil, err
	}
	return c.Graph, nil
}

// attributeDrift reads the audit log between the baseline's and the
// snapshot's (snap's) collection times and attaches who made each change.
// A failed read is recorded per object, never fatal.
func attributeDrift(ctx context.Context, f *Factory, g *graph.Client, snap *snapshot.Snapshot, d *finding.Drift, now func() time.Time) {
	from, to := d.Baseline.CollectedAt, d.Snapshot.CollectedAt
	if to.Before(from) {
		from, to = to, from // a baseline newer than the snapshot: the window is the same
	}
	var events []finding.AuditEvent
	var err error
	if len(d.Changes) > 0 {
		events, err = auditlog.Read(ctx, g, from, to)
		if err != nil && f.Logger != nil {
			f.Logger.Warn("directory audit log not read", "error", err)
		}
	}
	auditlog.Attribute(d, events, err, from, to, now(), retention(snap))
}

// retention is how long the tenant's directory audit log keeps events:
// 30 days with Entra ID P1 or P2 (a service plan of the subscribed SKUs),
// else 7.
func retention(snap *snapshot.Snapshot) time.Duration {
	res, _ := snapshot.ResourceByKey("tenant.subscribedSkus")
	for _, sku := range snap.Objects(res) {
		plans, _ := sku["servicePlans"].([]any)
		for _, p := range plans {
			name, _ := p.(map[string]any)["servicePlanName"].(string)
			if name == "AAD_PREMIUM" || name == "AAD_PREMIUM_P2" {
				return auditlog.RetentionPremium
			}
		}
	}
	return auditlog.RetentionFree
}

// writeDriftSummary prints the drift in a few lines: the count, resources
// not compared, and one line per change with who made it. Tenant strings
// go through termText.
func writeDriftSummary(w io.Writer, d *finding.Drift) {
	if d == nil {
		return
	}
	fmt.Fprintf(w, "Drift from %s (collected %s): %d changed objects\n", termsafe.String(d.Baseline.Dir),
		d.Baseline.CollectedAt.UTC().Format(time.RFC3339), len(d.Changes))
	for _, r := range d.Resources {
		if r.Status != finding.ResourceCompared {
			fmt.Fprintf(w, "  not comparable: %s (%s)\n", r.Resource, termsafe.String(r.Reason))
		}
	}
	for _, c := range d.Changes {
		line := fmt.Sprintf("  %-8s %s (%s)", c.Kind, termsafe.String(cmp.Or(c.Resource.Name, c.Resource.ID)), c.Resource.Type)
		if len(c.Fields) > 0 {
			var paths []string
			for _, fc := range c.Fields {
				paths = append(paths, fc.Path)
			}
			line += ": " + termsafe.String(strings.Join(paths, ", "))
		}
		fmt.Fprintln(w, line)
		if len(c.Weakens) > 0 {
			fmt.Fprintf(w, "           weakens %s\n", strings.Join(c.Weakens, ", "))
		}
		if a := c.Attribution; a != nil {
			fmt.Fprintf(w, "           %s\n", termsafe.String(attributionLine(a)))
		}
	}
	if a := d.Attribution; a != nil && a.Message != "" {
		fmt.Fprintf(w, "  note: %s\n", termsafe.String(a.Message))
	}
}

// attributionLine says who changed an object, for the terminal.
func attributionLine(a *finding.Attribution) string {
	if a.Status != finding.AttributionFound {
		return "who: " + a.Message
	}
	var parts []string
	for _, e := range a.Events {
		parts = append(parts, fmt.Sprintf("%s at %s (%s)", cmp.Or(e.Actor.Name, e.Actor.ID, "unknown actor"),
			e.Time.UTC().Format(time.RFC3339), e.Activity))
	}
	return "by " + strings.Join(parts, "; ")
}
