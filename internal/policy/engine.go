package policy

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// LoadOptions says which policies to load and how to judge their results.
type LoadOptions struct {
	// Builtin is the built-in pack (policies.FS); nil loads none.
	Builtin fs.FS
	// CustomDirs are custom policy folders (or .rego files), from --policy.
	CustomDirs []string
	// Config is entra-audit.yaml; nil means an empty configuration.
	Config *Config
	// KnownResources are the resource keys METADATA `requires` may name;
	// nil means ResourceKeys.
	KnownResources []string
}

// Engine holds the compiled, validated controls, each prepared once.
type Engine struct {
	controls []*control
	config   *Config
}

type control struct {
	meta finding.Control
	// compares are the resources whose changes since the baseline the
	// control judges (METADATA custom.compares); empty for most controls.
	compares []string
	pkg      ast.Ref
	query    rego.PreparedEvalQuery
	disabled bool
}

// Load reads, validates, sandboxes and compiles the policies and prepares
// one query per control. Every problem (syntax, METADATA, forbidden
// builtin, duplicate or unknown control ID) is reported at once, as a
// *LoadError naming file and line.
func Load(ctx context.Context, opts LoadOptions) (*Engine, error) {
	files, err := readAll(opts, false)
	if err != nil {
		return nil, err
	}
	known := opts.KnownResources
	if known == nil {
		known = ResourceKeys
	}
	checker := metaChecker{known: map[string]bool{}}
	for _, k := range known {
		checker.known[k] = true
	}

	var problems []string
	controls, ctlProblems := collectControls(files, checker)
	problems = append(problems, ctlProblems...)
	cfg := opts.Config
	if cfg == nil {
		cfg = &Config{}
	}
	ids := make([]string, 0, len(controls))
	for _, c := range controls {
		ids = append(ids, c.meta.ID)
	}
	problems = append(problems, cfg.checkControls(ids)...)
	if len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}

	compiler, err := compile(files)
	if err != nil {
		return nil, err
	}
	doc, err := cfg.document()
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	// AST values on read: OPA reads Go data as lazy objects that fill a
	// cache as they are read, and library values holding one (lib.config)
	// are shared by controls running at once (sharedCache).
	store := inmem.NewFromObjectWithOpts(map[string]any{"config": doc},
		inmem.OptRoundTripOnWrite(true), inmem.OptReturnASTValuesOnRead(true))
	for _, c := range controls {
		c.query, err = rego.New(
			rego.Query(controlQuery(c.pkg)),
			rego.Compiler(compiler),
			rego.Store(store),
			rego.Capabilities(Capabilities()),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare control %s: %w", c.meta.ID, err)
		}
		cc := cfg.Controls[c.meta.ID]
		c.disabled = cc.Disabled
		if cc.Severity != "" {
			c.meta.Severity = finding.Severity(cc.Severity)
		}
	}
	return &Engine{controls: controls, config: cfg}, nil
}

// readAll reads the built-in pack and the custom folders and checks that
// custom modules stay out of the built-in namespaces and the sandbox holds.
func readAll(opts LoadOptions, withTests bool) ([]*moduleFile, error) {
	var files []*moduleFile
	if opts.Builtin != nil {
		b, err := readModules(opts.Builtin, "", true, withTests)
		if err != nil {
			return nil, err
		}
		files = append(files, b...)
	}
	builtinPkgs := map[string]string{}
	for _, f := range files {
		builtinPkgs[f.module.Package.Path.String()] = f.name
	}
	var problems []string
	for _, dir := range opts.CustomDirs {
		custom, err := readCustom(dir, withTests)
		if err != nil {
			if le, ok := err.(*LoadError); ok {
				problems = append(problems, le.Problems...)
				continue
			}
			return nil, err
		}
		for _, f := range custom {
			pkg := f.module.Package.Path.String()
			switch {
			case builtinPkgs[pkg] != "":
				problems = append(problems, fmt.Sprintf("custom policy %s:%d: package %s is a built-in package (%s): "+
					"use your own, e.g. package custom.<family>.<name>", f.name, f.module.Package.Location.Row,
					strings.TrimPrefix(pkg, "data."), builtinPkgs[pkg]))
			case strings.HasPrefix(pkg, "data.entra.") || strings.HasPrefix(pkg, "data.entra_test"):
				problems = append(problems, fmt.Sprintf("custom policy %s:%d: package %s: the entra namespace is "+
					"reserved for built-in controls: use e.g. package custom.<family>.<name>", f.name,
					f.module.Package.Location.Row, strings.TrimPrefix(pkg, "data.")))
			}
		}
		files = append(files, custom...)
	}
	if len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	if err := checkSandbox(files); err != nil {
		return nil, err
	}
	return files, nil
}

// collectControls validates the METADATA of every control module and
// rejects duplicate IDs and packages.
func collectControls(files []*moduleFile, checker metaChecker) ([]*control, []string) {
	var problems []string
	var out []*control
	byID := map[string]*moduleFile{}
	byPkg := map[string]*moduleFile{}
	for _, f := range files {
		if f.test || !isControl(f.module) {
			continue
		}
		pkg := f.module.Package.Path.String()
		if other, dup := byPkg[pkg]; dup {
			problems = append(problems, fmt.Sprintf("%s %s:%d: control package %s is also declared in %s: "+
				"one control, one package", f.origin(), f.name, f.module.Package.Location.Row,
				strings.TrimPrefix(pkg, "data."), other.name))
			continue
		}
		byPkg[pkg] = f
		meta, compares, p := checker.control(f)
		problems = append(problems, p...)
		if len(p) > 0 {
			continue
		}
		if other, dup := byID[meta.ID]; dup {
			what := "is also declared by " + other.name
			if other.builtin && !f.builtin {
				what = "is already a built-in control (" + other.name + ")"
			}
			problems = append(problems, fmt.Sprintf("%s %s:%d: control ID %s %s: choose another ID",
				f.origin(), f.name, fieldLine(f.module, packageAnnotation(f.module).Location.Row, "id"),
				meta.ID, what))
			continue
		}
		byID[meta.ID] = f
		out = append(out, &control{meta: meta, compares: compares, pkg: f.module.Package.Path})
	}
	slices.SortFunc(out, func(a, b *control) int { return compareID(a.meta.ID, b.meta.ID) })
	return out, problems
}

// compile compiles every module together under the sandbox capabilities.
func compile(files []*moduleFile) (*ast.Compiler, error) {
	modules := make(map[string]*ast.Module, len(files))
	origin := map[string]string{}
	for _, f := range files {
		modules[f.name] = f.module
		origin[f.name] = f.origin()
	}
	compiler := newCompiler()
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, &LoadError{Problems: describeASTError(compiler.Errors, func(file string) string {
			if o, ok := origin[file]; ok {
				return o
			}
			return "policy"
		})}
	}
	return compiler, nil
}

func newCompiler() *ast.Compiler {
	return ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithEnablePrintStatements(false)
}

// controlQuery collects what a control yields. Comprehensions keep each
// part independent: an undefined rule gives an empty list, not an
// undefined query.
func controlQuery(pkg ast.Ref) string {
	p := pkg.String()
	return strings.Join([]string{
		fmt.Sprintf("findings := [f | some f in %s.findings]", p),
		fmt.Sprintf("evidence := [e | some e in %s.evidence]", p),
		fmt.Sprintf("manual := [m | m := %s.manual]", p),
		fmt.Sprintf("not_applicable := [n | n := %s.not_applicable]", p),
		fmt.Sprintf("missing := [m | some m in %s.missing]", p),
	}, "; ")
}

// Controls describes every loaded control, sorted by ID, with configured
// severity overrides applied.
func (e *Engine) Controls() []finding.Control {
	out := make([]finding.Control, len(e.controls))
	for i, c := range e.controls {
		out[i] = c.meta
	}
	return out
}
