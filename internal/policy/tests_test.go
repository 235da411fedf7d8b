package policy

import (
	"context"
	"path/filepath"
	"testing"
)

func TestRunTestsOfCustomFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"sample/sample.rego": customHeader + `
findings contains result.tenant_finding("tenant.securityDefaults", "security defaults are on", {}) if {
	input.tenant.securityDefaults.isEnabled
}
`,
		"sample/sample_test.rego": `
package custom.tenant.sample_test

import data.custom.tenant.sample

test_on_fails if {
	count(sample.findings) == 1 with input as {"tenant": {"securityDefaults": {"isEnabled": true}}}
}

test_off_passes if {
	count(sample.findings) == 1 with input as {"tenant": {"securityDefaults": {"isEnabled": false}}}
}
`,
	})
	rep, err := RunTests(context.Background(), TestOptions{Builtin: testPack(t), CustomDirs: []string{dir}, Coverage: true})
	if err != nil {
		t.Fatal(err)
	}
	passed, failed, _ := rep.Counts()
	if passed != 1 || failed != 1 {
		t.Fatalf("passed %d failed %d, want 1 and 1 (the second test is wrong on purpose)", passed, failed)
	}
	bad := rep.Results[1]
	if bad.Name != "test_off_passes" || bad.Passed || bad.File != filepath.Join(dir, "sample/sample_test.rego") || bad.Line != 9 {
		t.Errorf("failed test = %+v", bad)
	}
	// Coverage measures only the custom policy, not the built-in library.
	if _, ok := rep.Coverage.Files[filepath.Join(dir, "sample/sample.rego")]; !ok || len(rep.Coverage.Files) != 1 {
		t.Errorf("coverage files = %v", rep.Coverage.Files)
	}
	if rep.Coverage.Coverage != 100 {
		t.Errorf("coverage = %.1f%%, want 100%% (both tests evaluate the only rule)", rep.Coverage.Coverage)
	}
}
