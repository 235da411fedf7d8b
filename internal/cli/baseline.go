package cli

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/drift"
	"github.com/entra-audit/entra-audit/internal/snapshot"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// openBaseline loads the --baseline tree. It is an input the user names,
// so every problem with it is a usage error (exit 2), found before any
// tenant is read.
func openBaseline(dir string) (*snapshot.Snapshot, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, usageError("--baseline %s: %v", dir, err)
	}
	s, err := snapshot.Load(dir)
	if err != nil {
		return nil, usageError("--baseline: %v", err)
	}
	return s, nil
}

// compareWithBaseline compares the live snapshot with the baseline,
// refusing two different tenants: their drift would be every object.
func compareWithBaseline(base, snap *snapshot.Snapshot) (*drift.Comparison, error) {
	if b, s := base.Manifest.Tenant.ID, snap.Manifest.Tenant.ID; b != "" && s != "" && b != s {
		return nil, usageError("the baseline %s is of tenant %s but the snapshot %s is of tenant %s: compare snapshots of one tenant",
			base.Dir, b, snap.Dir, s)
	}
	c, err := drift.Compare(base, snap)
	if err != nil {
		return nil, runtimeError(err)
	}
	return c, nil
}

// withDrift is the policy input document with input.drift added.
func withDrift(input map[string]any, c *drift.Comparison) map[string]any {
	if c == nil {
		return input
	}
	doc := maps.Clone(input)
	doc["drift"] = c.PolicyInput()
	return doc
}

// sameDir reports whether two paths name one directory (either may not exist yet).
func sameDir(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 != nil || err2 != nil {
		return false
	}
	if aa == bb {
		return true
	}
	sa, err1 := os.Stat(aa)
	sb, err2 := os.Stat(bb)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// baselineUpdateOptions are the flags of `entra-audit baseline update`.
type baselineUpdateOptions struct {
	From string
	To   string
}

func newCmdBaseline(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "baseline",
		Short: "Manage the committed baseline (the approved state of a tenant)",
		Long: `A baseline is a snapshot committed to the repository, conventionally under
baselines/<tenant>/: the state of the tenant that was reviewed and approved.
'entra-audit drift' and 'audit --baseline' compare a live snapshot with it.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newCmdBaselineUpdate(f))
	return cmd
}

func newCmdBaselineUpdate(f *Factory) *cobra.Command {
	opts := &baselineUpdateOptions{}
	cmd := &cobra.Command{
		Use:   "update --from SNAPSHOT --to DIR",
		Short: "Accept a snapshot as the new baseline",
		Long: `update copies the snapshot in --from to --to, atomically: --to holds either the
previous baseline or the new one, never a mix. --to must be new, empty or a
previous snapshot; anything else is refused and left untouched. It prints what
the update accepts (the drift from the previous baseline), so the commit that
follows is a reviewed decision.

Exit codes: 0 updated, 2 bad flags or a --from that is not a snapshot, 3 I/O error.`,
		Example: `  entra-audit scan --demo --out ./out/demo
  entra-audit baseline update --from ./out/demo/snapshot --to baselines/contoso-demo`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBaselineUpdate(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.From, "from", "", "the snapshot to accept (required)")
	fl.StringVar(&opts.To, "to", "", "the baseline directory to write, e.g. baselines/contoso (required)")
	return cmd
}

func runBaselineUpdate(_ context.Context, f *Factory, opts *baselineUpdateOptions) error {
	switch {
	case opts.From == "":
		return usageError("--from is required: the snapshot to accept as the baseline")
	case opts.To == "":
		return usageError("--to is required: the baseline directory, e.g. baselines/<tenant>")
	case sameDir(opts.From, opts.To):
		return usageError("--from and --to are the same directory")
	}
	from, err := snapshot.Load(opts.From)
	if err != nil {
		return usageError("--from: %v", err)
	}
	// What the update accepts, when there is a previous baseline to compare with.
	var accepted string
	if prev, err := snapshot.Load(opts.To); err == nil {
		c, err := compareWithBaseline(prev, from)
		if err != nil {
			return err
		}
		accepted = fmt.Sprintf(" (%d changed objects accepted since the previous baseline)", len(c.Drift.Changes))
	}
	if _, err := snapshot.Copy(opts.From, opts.To); err != nil {
		if errors.Is(err, snapshot.ErrNotSnapshot) {
			return usageError("--to: %v", err)
		}
		return runtimeError(err)
	}
	// collectedAt is read from the manifest, which a pull request can write.
	fmt.Fprintf(f.IO.Err, "Baseline %s updated from %s, collected %s%s\n", termsafe.String(opts.To), termsafe.String(opts.From),
		termsafe.String(from.Manifest.CollectedAt), accepted)
	return nil
}
