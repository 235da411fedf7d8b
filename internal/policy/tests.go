package policy

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestOptions says which Rego unit tests to run. With CustomDirs set, the
// tests of those folders run (against the built-in library); otherwise the
// built-in pack's own tests run.
type TestOptions struct {
	Builtin    fs.FS
	CustomDirs []string
	// Coverage measures Rego line coverage of the non-test files under test.
	Coverage bool
	// Timeout bounds each test; zero means 10 s.
	Timeout time.Duration
}

// TestResult is one Rego test's outcome.
type TestResult struct {
	Package string
	Name    string
	File    string
	Line    int
	Passed  bool
	Skipped bool
	Error   string // evaluation error, when it failed with one
	Output  string // print() output, captured
}

// TestReport is a test run: results sorted by file and line, and coverage.
type TestReport struct {
	Results  []TestResult
	Coverage *cover.Report // nil unless requested
}

// Counts returns how many tests passed, failed and were skipped.
func (r *TestReport) Counts() (passed, failed, skipped int) {
	for _, t := range r.Results {
		switch {
		case t.Skipped:
			skipped++
		case t.Passed:
			passed++
		default:
			failed++
		}
	}
	return passed, failed, skipped
}

// RunTests runs Rego unit tests under the same sandbox as Load: a test that
// calls a forbidden builtin is refused the same way.
func RunTests(ctx context.Context, opts TestOptions) (*TestReport, error) {
	var files []*moduleFile
	var err error
	if len(opts.CustomDirs) > 0 {
		lib, err := readAll(LoadOptions{Builtin: opts.Builtin}, false)
		if err != nil {
			return nil, err
		}
		custom, err := readAll(LoadOptions{CustomDirs: opts.CustomDirs}, true)
		if err != nil {
			return nil, err
		}
		files = append(lib, custom...)
	} else {
		files, err = readAll(LoadOptions{Builtin: opts.Builtin}, true)
		if err != nil {
			return nil, err
		}
	}
	modules := map[string]*ast.Module{}
	measured := map[string]*ast.Module{}
	for _, f := range files {
		modules[f.name] = f.module
		if !f.test && (len(opts.CustomDirs) == 0 || !f.builtin) {
			measured[f.name] = f.module
		}
	}
	// Compile first so errors read like Load's (file:line, origin).
	if _, err := compile(files); err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	var cov *cover.Cover
	runner := tester.NewRunner().
		SetCompiler(newCompiler().WithEnablePrintStatements(true)).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetTimeout(timeout).
		SetModules(modules)
	if opts.Coverage {
		cov = cover.New()
		runner = runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("run Rego tests: %w", err)
	}
	report := &TestReport{}
	for r := range ch {
		t := TestResult{
			Package: r.Package, Name: r.Name, Passed: r.Pass(), Skipped: r.Skip,
			Output: string(r.Output),
		}
		if r.Location != nil {
			t.File, t.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			t.Error = r.Error.Error()
		}
		report.Results = append(report.Results, t)
	}
	slices.SortFunc(report.Results, func(a, b TestResult) int {
		if a.File != b.File {
			return compareID(a.File, b.File)
		}
		return a.Line - b.Line
	})
	if cov != nil {
		report.Coverage = coverageOf(cov.Report(measured), measured)
	}
	return report, nil
}

// coverageOf keeps the measured files of a coverage report (the tracer also
// saw the tests and, for custom folders, the built-in library) and totals
// them again.
func coverageOf(all cover.Report, measured map[string]*ast.Module) *cover.Report {
	out := &cover.Report{Files: map[string]*cover.FileReport{}}
	for name, fr := range all.Files {
		if _, ok := measured[name]; !ok {
			continue
		}
		out.Files[name] = fr
		out.CoveredLines += fr.CoveredLines
		out.NotCoveredLines += fr.NotCoveredLines
	}
	if total := out.CoveredLines + out.NotCoveredLines; total > 0 {
		out.Coverage = 100 * float64(out.CoveredLines) / float64(total)
	}
	return out
}
