package policy

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// moduleFile is one parsed Rego file and where it came from.
type moduleFile struct {
	name    string // display path: lib/config.rego (built-in) or ./custom/x.rego
	module  *ast.Module
	builtin bool
	test    bool // a _test.rego file
}

func (f *moduleFile) origin() string { return originName(f.builtin) }

func originName(builtin bool) string {
	if builtin {
		return "built-in policy"
	}
	return "custom policy"
}

// isTestFile reports whether a Rego file holds tests (and test fixtures):
// loaded by the test runner, never for an audit.
func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// readModules parses every .rego file under fsys (sorted by path), naming
// each prefix + its path. Test files are included only when withTests.
func readModules(fsys fs.FS, prefix string, builtin, withTests bool) ([]*moduleFile, error) {
	var files []*moduleFile
	var problems []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".rego" || (isTestFile(p) && !withTests) {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := prefix + p
		mod, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
			Capabilities:      Capabilities(),
		})
		if err != nil {
			problems = append(problems, describeASTError(err, func(string) string { return originName(builtin) })...)
			return nil
		}
		files = append(files, &moduleFile{name: name, module: mod, builtin: builtin, test: isTestFile(p)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read policies under %q: %w", strings.TrimSuffix(prefix, "/"), err)
	}
	if len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	return files, nil
}

// readCustom reads a custom policy folder (or a single .rego file).
func readCustom(dir string, withTests bool) ([]*moduleFile, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, &LoadError{Problems: []string{fmt.Sprintf("custom policy folder %s: %v", dir, err)}}
	}
	if !info.IsDir() {
		if path.Ext(dir) != ".rego" {
			return nil, &LoadError{Problems: []string{fmt.Sprintf("custom policy %s: not a folder or a .rego file", dir)}}
		}
		parent, base := splitFile(dir)
		files, err := readModules(os.DirFS(parent), prefixFor(parent), false, withTests)
		if err != nil {
			return nil, err
		}
		return slices.DeleteFunc(files, func(f *moduleFile) bool { return path.Base(f.name) != base }), nil
	}
	files, err := readModules(os.DirFS(dir), prefixFor(dir), false, withTests)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, &LoadError{Problems: []string{fmt.Sprintf("custom policy folder %s: no .rego files", dir)}}
	}
	return files, nil
}

func splitFile(p string) (dir, base string) {
	i := strings.LastIndexAny(p, `/\`)
	if i < 0 {
		return ".", p
	}
	return p[:i], p[i+1:]
}

func prefixFor(dir string) string {
	if dir == "." {
		return "./"
	}
	return strings.TrimRight(dir, `/\`) + "/"
}

// describeASTError turns parser or compiler errors into file:line lines.
func describeASTError(err error, originOf func(file string) string) []string {
	var errs ast.Errors
	if e, ok := err.(ast.Errors); ok {
		errs = e
	} else if e, ok := err.(*ast.Error); ok {
		errs = ast.Errors{e}
	} else {
		return []string{fmt.Sprintf("policies: %v", err)}
	}
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		if e.Location != nil {
			out = append(out, fmt.Sprintf("%s %s:%d: %s", originOf(e.Location.File), e.Location.File, e.Location.Row, e.Message))
		} else {
			out = append(out, fmt.Sprintf("policies: %s", e.Message))
		}
	}
	return out
}

// LoadError lists everything wrong with the policies or the configuration,
// one problem a line, each naming its file and line.
type LoadError struct {
	Problems []string
}

func (e *LoadError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0]
	}
	return fmt.Sprintf("%d problems:\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}
