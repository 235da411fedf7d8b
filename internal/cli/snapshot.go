package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/snapshot"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// snapshotOptions are the flags of `entra-audit snapshot`.
type snapshotOptions struct {
	Out         string
	Demo        bool
	Concurrency int
	Resume      bool
	Connect     connectOptions
}

func newCmdSnapshot(f *Factory) *cobra.Command {
	opts := &snapshotOptions{}
	cmd := &cobra.Command{
		Use:   "snapshot --out DIR",
		Short: "Read the tenant's security configuration into a YAML tree",
		Long: `snapshot reads the tenant through Microsoft Graph (and Azure Resource Manager
for Azure role assignments) and writes its security configuration to DIR: one
YAML file per object, a manifest.yaml saying what was collected and what could
not be (missing permission or licence), and comments naming every referenced
id. DIR is replaced atomically; it must be new, empty or a previous snapshot.

A missing permission or licence is reported, not fatal. Run 'entra-audit
permissions' to see what to grant.

While it reads, each finished family is kept in DIR.resume next to DIR; a
run that was stopped (Ctrl-C, a cancelled job, a lost network) continues
with --resume, reading only the families it had not finished, and writes
the snapshot an uninterrupted run would have written. DIR.resume is removed
once the snapshot is written.

Exit codes: 0 written (gaps included); 2 bad flags, or DIR is not a
snapshot; 3 the run failed or was stopped, or a resource failed for another
reason than a missing permission or licence.`,
		Example: `  # The embedded demo tenant, no credentials needed
  entra-audit snapshot --demo --out ./snapshot

  # A ready access token and a Graph endpoint are enough
  ENTRA_AUDIT_ACCESS_TOKEN=... entra-audit snapshot --graph-url https://graph.microsoft.com --out ./snapshot`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSnapshot(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Out, "out", "o", "", "directory to write the snapshot to (required)")
	fl.BoolVar(&opts.Demo, "demo", false, "snapshot the embedded demo tenant (Contoso) instead of a real one")
	fl.IntVar(&opts.Concurrency, "concurrency", 4, "families collected at once")
	fl.BoolVar(&opts.Resume, "resume", false, "continue a stopped run: families kept in DIR.resume are not read again")
	opts.Connect.bind(fl)
	return cmd
}

// runSnapshot collects, writes and summarises. Exit codes: 0 when written
// (gaps included), 2 for bad flags, 3 when the run failed or a resource
// failed for a reason other than a missing permission or licence.
func runSnapshot(ctx context.Context, f *Factory, opts *snapshotOptions) error {
	_, err := takeSnapshot(ctx, f, opts)
	return err
}

// takeSnapshot is runSnapshot returning the Graph client it read through
// (scan reads the audit log with it).
func takeSnapshot(ctx context.Context, f *Factory, opts *snapshotOptions) (*graph.Client, error) {
	if opts.Out == "" {
		return nil, usageError("--out is required: the directory to write the snapshot to")
	}
	if opts.Concurrency < 1 {
		return nil, usageError("--concurrency must be at least 1")
	}
	src, client, cloud, tenantID, err := snapshotSources(ctx, f, opts)
	if err != nil {
		return nil, err
	}
	cp := snapshot.CheckpointFor(opts.Out)
	// A line per finished family everywhere (CI logs say where the time
	// went); the status line redrawn in place only on a terminal.
	copts := snapshot.Options{Concurrency: opts.Concurrency, Logger: f.logger(), TenantID: tenantID,
		Checkpoint: cp, Resume: opts.Resume, Progress: f.IO.Err, LiveProgress: f.IO.Progress()}
	res, err := snapshot.Collect(ctx, src, copts)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, runtimeError(fmt.Errorf("%w; the families finished are kept in %s: run again with --resume to continue",
				err, termsafe.String(cp.Dir())))
		}
		return nil, runtimeError(err)
	}
	if len(res.Resumed) > 0 {
		fmt.Fprintf(f.IO.Err, "Resumed %d families from %s: %s\n", len(res.Resumed), termsafe.String(cp.Dir()), strings.Join(res.Resumed, ", "))
	}
	sum := snapshot.Summarize(res)
	if sum.Unauthorized > 0 || sum.Objects == 0 {
		// A refused token or an endpoint that answers nothing: keep the
		// previous snapshot rather than replace it with a hollow one.
		_ = sum.WriteText(f.IO.Err)
		reason := "nothing could be read"
		if sum.Unauthorized > 0 {
			reason = fmt.Sprintf("the API refused the token (401) for %d resource(s): check the tenant, the token's audience and expiry", sum.Unauthorized)
		}
		return nil, runtimeError(fmt.Errorf("%s; %s was left unchanged", reason, opts.Out))
	}
	if err := snapshot.Write(opts.Out, res, snapshot.WriteOptions{ToolVersion: f.Version, Cloud: cloud}); err != nil {
		if errors.Is(err, snapshot.ErrNotSnapshot) {
			return nil, usageError("%v", err)
		}
		return nil, runtimeError(err)
	}
	if err := cp.Remove(); err != nil {
		fmt.Fprintf(f.IO.Err, "warning: %s\n", termsafe.String(err.Error()))
	}
	name := res.Tenant.DisplayName
	if name == "" {
		name = "tenant"
	}
	fmt.Fprintf(f.IO.Err, "Snapshot of %s (%s): %d objects written to %s\n", termsafe.String(name), termsafe.String(res.Tenant.ID), sum.Objects, opts.Out)
	if err := sum.WriteText(f.IO.Err); err != nil {
		return nil, runtimeError(err)
	}
	if sum.Failed > 0 {
		var keys []string
		for _, g := range sum.Gaps {
			if g.Status == snapshot.StatusFailed {
				keys = append(keys, g.Key)
			}
		}
		return nil, runtimeError(fmt.Errorf("%d resource(s) failed (%s); the snapshot was written without them", sum.Failed, strings.Join(keys, ", ")))
	}
	return client, nil
}

// snapshotSources returns the APIs to read: the embedded demo tenant in
// process, or the tenant the connection flags point at.
func snapshotSources(ctx context.Context, f *Factory, opts *snapshotOptions) (src snapshot.Sources, g *graph.Client, cloud, tenantID string, err error) {
	if opts.Demo {
		c, err := demo.NewClients(f.logger())
		if err != nil {
			return src, nil, "", "", runtimeError(fmt.Errorf("demo tenant: %w", err))
		}
		return snapshot.Sources{Graph: c.Graph, ARM: c.ARM, Batch: snapshot.BatchVia(c.Graph)}, c.Graph, "global", demo.TenantID, nil
	}
	conn, err := opts.Connect.connect(ctx, f)
	if err != nil {
		return src, nil, "", "", err
	}
	src = snapshot.Sources{Graph: conn.Graph, Batch: snapshot.BatchVia(conn.Graph)}
	if conn.ARM != nil { // keep a nil interface, not a typed nil, when there is no ARM
		src.ARM = conn.ARM
	}
	return src, conn.Graph, opts.Connect.recordedCloud(conn.Cloud), opts.Connect.Tenant, nil
}
