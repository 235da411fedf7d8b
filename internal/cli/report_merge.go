package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/fleet"
	"github.com/entra-audit/entra-audit/internal/report"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// fleetDocsURL documents the tenant list, scan --tenants and the index.
const fleetDocsURL = InformationURI + "/blob/main/docs/fleet.md"

type reportMergeOptions struct {
	Out string
	Top int
}

func newCmdReport(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Work with written reports: the index across tenants",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newCmdReportMerge(f))
	return cmd
}

func newCmdReportMerge(f *Factory) *cobra.Command {
	opts := &reportMergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge DIR... --out OUT",
		Short: "Build the index across tenants from their scan output folders",
		Long: `merge reads the scan output folders of several tenants (each a scan --out
folder: findings.json, scan.json, and drift.json or the drift inside
findings.json) and writes the index that scan --tenants writes: index.html,
index.md and index.json in OUT, with each tenant's result, its controls by
status, its most severe findings, its drift and links to its reports.

Each folder's name is the tenant's name (^[a-z0-9][a-z0-9-]{0,62}$). A
folder without a readable findings.json, or whose scan.json says the scan
failed, is shown as a failed scan with its reason; it does not stop the
others. In GitHub Actions, the matrix legs' report artefacts, downloaded
and named after their tenants, are these folders (` + fleetDocsURL + `).

Exit codes: 0 the index was written (whatever the tenants' results: each
scan's own exit code is in the index), 2 bad arguments, 3 the index could
not be written.`,
		Example: `  entra-audit report merge out/contoso out/fabrikam --out out
  entra-audit report merge fleet/* --out fleet`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReportMerge(cmd.Context(), f, opts, args)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "the folder to write index.html, index.md and index.json to (required)")
	cmd.Flags().IntVar(&opts.Top, "top", fleet.DefaultTop, "the most severe failing findings the index shows per tenant")
	return cmd
}

// tenantDir is a tenant's name and scan output folder.
type tenantDir struct{ name, dir string }

func runReportMerge(ctx context.Context, f *Factory, opts *reportMergeOptions, args []string) error {
	switch {
	case opts.Out == "":
		return usageError("--out is required: the folder to write the index to")
	case len(args) == 0:
		return usageError("name at least one tenant's scan output folder")
	case opts.Top < 1:
		return usageError("--top must be at least 1")
	}
	var dirs []tenantDir
	seen := map[string]string{}
	for _, dir := range args {
		name := filepath.Base(filepath.Clean(dir))
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return usageError("%s is not a folder: name each tenant's scan output folder", termsafe.String(dir))
		}
		if !fleet.ValidName(name) {
			return usageError("%s: the folder's name %q is the tenant's name and must match %s", termsafe.String(dir),
				termsafe.String(name), fleet.NamePattern())
		}
		if other, dup := seen[name]; dup {
			return usageError("%s and %s are both tenant %q: one folder per tenant", termsafe.String(other), termsafe.String(dir), name)
		}
		seen[name] = dir
		dirs = append(dirs, tenantDir{name: name, dir: dir})
	}
	return writeIndex(ctx, f, f.IO.Err, opts.Out, dirs, opts.Top)
}

// writeIndex reads the tenants' folders, writes the index into out and
// prints its summary.
func writeIndex(ctx context.Context, f *Factory, w io.Writer, out string, dirs []tenantDir, top int) error {
	links := reportLinks()
	scanned := make([]fleet.Scanned, 0, len(dirs))
	for _, d := range dirs {
		s, err := fleet.Read(d.name, d.dir, links)
		if err != nil {
			s = fleet.Scanned{Name: d.name, Dir: d.dir, Problem: err.Error()}
		}
		scanned = append(scanned, s)
	}
	idx := fleet.Build(scanned, fleet.Options{Top: top, IndexDir: out,
		Tool: finding.Tool{Name: "entra-audit", Version: f.Version, InformationURI: InformationURI}})
	paths, err := report.WriteIndex(ctx, out, idx)
	if err != nil {
		return runtimeError(err)
	}
	writeIndexSummary(w, idx, paths)
	return nil
}

// reportLinks are the report files a scan writes, for the index's links.
func reportLinks() []finding.ReportLink {
	var links []finding.ReportLink
	for _, name := range report.Names() {
		if w, err := report.Lookup(name); err == nil {
			links = append(links, finding.ReportLink{Format: w.Name(), Path: w.FileName()})
		}
	}
	return links
}

// writeIndexSummary prints the totals, a line per tenant that did not
// pass cleanly, the files written and where to look.
func writeIndexSummary(w io.Writer, idx finding.Index, paths []string) {
	t := idx.Totals
	fmt.Fprintf(w, "\nIndex of %d tenants: %d ok, %d with findings at or above their failOn, %d failed\n", t.Tenants, t.OK, t.Findings, t.Failed)
	for _, tn := range idx.Tenants {
		switch tn.Outcome {
		case finding.OutcomeFailed:
			fmt.Fprintf(w, "  failed    %s (exit %d): %s\n", tn.Name, tn.ExitCode, termsafe.String(tn.Error))
		case finding.OutcomeFindings:
			fmt.Fprintf(w, "  findings  %s (exit %d): %d fail, %d error\n", tn.Name, tn.ExitCode, tn.Counts.Fail, tn.Counts.Error)
		}
	}
	for _, p := range paths {
		fmt.Fprintf(w, "wrote %s\n", termsafe.String(p))
	}
	for _, p := range paths {
		if strings.HasSuffix(p, ".html") {
			if abs, err := filepath.Abs(p); err == nil {
				p = abs
			}
			fmt.Fprintf(w, "\nOpen the index: %s\n", termsafe.String(p))
		}
	}
}
