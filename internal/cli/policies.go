package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/policies"
)

func newCmdPolicies(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policies",
		Short: "List, document and test the controls (built-in and custom)",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newCmdPoliciesList(f), newCmdPoliciesDoc(f), newCmdPoliciesTest(f))
	return cmd
}

func newCmdPoliciesList(f *Factory) *cobra.Command {
	var dirs []string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every control: id, severity, family, frameworks, title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			controls, err := loadControls(cmd.Context(), dirs)
			if err != nil {
				return err
			}
			return writeControlTable(f.IO.Out, controls)
		},
	}
	cmd.Flags().StringArrayVarP(&dirs, "policy", "p", nil, "custom policy folder to include (repeatable)")
	return cmd
}

func newCmdPoliciesDoc(f *Factory) *cobra.Command {
	var dirs []string
	cmd := &cobra.Command{
		Use:   "doc",
		Short: "Print the Markdown catalogue of the controls (" + DocsURL + "controls.md)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			controls, err := loadControls(cmd.Context(), dirs)
			if err != nil {
				return err
			}
			_, err = io.WriteString(f.IO.Out, controlsMarkdown(controls))
			return err
		},
	}
	cmd.Flags().StringArrayVarP(&dirs, "policy", "p", nil, "custom policy folder to include (repeatable)")
	return cmd
}

func newCmdPoliciesTest(f *Factory) *cobra.Command {
	var verbose, coverage bool
	cmd := &cobra.Command{
		Use:   "test [DIR]...",
		Short: "Run the Rego unit tests of custom policy folders (or of the built-in pack)",
		Long: `test runs the *_test.rego tests of the given custom policy folders, with the
built-in helper library (data.lib.*) available, under the same sandbox as an
audit: a test or policy calling http.send, net.lookup_ip_addr, opa.runtime,
time.now_ns, rand.intn or uuid.rfc4122 is refused. The folders' controls are
checked against the METADATA contract first. Without DIR it runs the built-in
pack's own tests.

Exit codes: 0 all passed, 1 a test failed, 2 the policies do not load.`,
		Example: `  entra-audit policies test ./our-policies
  entra-audit policies test --coverage`,
		RunE: func(cmd *cobra.Command, dirs []string) error {
			return runPoliciesTest(cmd.Context(), f, dirs, verbose, coverage)
		},
	}
	cmd.Flags().BoolVar(&verbose, "verbose-tests", false, "list every test, not only failures")
	cmd.Flags().BoolVar(&coverage, "coverage", false, "report Rego line coverage of the policies under test")
	return cmd
}

func runPoliciesTest(ctx context.Context, f *Factory, dirs []string, verbose, coverage bool) error {
	if len(dirs) > 0 {
		if _, err := loadControls(ctx, dirs); err != nil {
			return err
		}
	}
	rep, err := policy.RunTests(ctx, policy.TestOptions{Builtin: policies.FS, CustomDirs: dirs, Coverage: coverage})
	if err != nil {
		var le *policy.LoadError
		if errors.As(err, &le) {
			return usageError("%v", err)
		}
		return runtimeError(err)
	}
	out := f.IO.Out
	for _, r := range rep.Results {
		status := "PASS"
		switch {
		case r.Skipped:
			status = "SKIP"
		case !r.Passed:
			status = "FAIL"
		}
		if status == "FAIL" || verbose {
			fmt.Fprintf(out, "%s %s:%d %s.%s\n", status, r.File, r.Line, strings.TrimPrefix(r.Package, "data."), r.Name)
			if r.Error != "" {
				fmt.Fprintf(out, "     %s\n", r.Error)
			}
			if r.Output != "" {
				fmt.Fprintf(out, "     %s\n", strings.ReplaceAll(strings.TrimSpace(r.Output), "\n", "\n     "))
			}
		}
	}
	passed, failed, skipped := rep.Counts()
	summary := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if skipped > 0 {
		summary += fmt.Sprintf(", %d skipped", skipped)
	}
	fmt.Fprintln(out, summary)
	if rep.Coverage != nil {
		fmt.Fprintf(out, "line coverage %.1f%% (%d of %d lines)\n", rep.Coverage.Coverage, rep.Coverage.CoveredLines,
			rep.Coverage.CoveredLines+rep.Coverage.NotCoveredLines)
	}
	if passed+failed == 0 {
		return usageError("no Rego tests found: name test files *_test.rego and test rules test_*")
	}
	if failed > 0 {
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

// loadControls loads the built-in pack and custom folders; problems are
// usage errors (exit 2).
func loadControls(ctx context.Context, dirs []string) ([]finding.Control, error) {
	engine, err := loadEngine(ctx, nil, dirs)
	if err != nil {
		return nil, err
	}
	return engine.Controls(), nil
}

func writeControlTable(w io.Writer, controls []finding.Control) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tFAMILY\tFRAMEWORKS\tTITLE")
	for _, c := range controls {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.Severity, c.Family, frameworkList(c, " "), c.Title)
	}
	return tw.Flush()
}

// frameworkList renders frameworks as "cis-m365:5.2.2.2 eidsca:EIDSCA.AP01",
// sorted, without the self-referencing cisa-scuba entry of a SCuBA control.
func frameworkList(c finding.Control, sep string) string {
	fw := c.Frameworks
	names := make([]string, 0, len(fw))
	for k := range fw {
		names = append(names, k)
	}
	sort.Strings(names)
	var parts []string
	for _, k := range names {
		for _, id := range fw[k] {
			if id == c.ID {
				continue
			}
			parts = append(parts, k+":"+id)
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, sep)
}
