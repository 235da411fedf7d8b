package policies

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
)

// TestRegoIsFormatted keeps every built-in module as `opa fmt` writes it, so
// a diff of a control shows only what changed.
func TestRegoIsFormatted(t *testing.T) {
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return err
		}
		src, err := fs.ReadFile(FS, path)
		if err != nil {
			return err
		}
		out, err := format.SourceWithOpts(path, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		if string(out) != string(src) {
			t.Errorf("policies/%s is not formatted as opa fmt writes it", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
