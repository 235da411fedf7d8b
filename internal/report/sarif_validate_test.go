package report

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

type validation struct {
	File      string `json:"file"`
	Multitool struct {
		OK     bool     `json:"ok"`
		Errors []string `json:"errors"`
	} `json:"multitool"`
	Schema struct {
		OK     bool     `json:"ok"`
		Errors []string `json:"errors"`
	} `json:"schema"`
}

// validateSARIF runs tools/sarif-validate (Microsoft SARIF Multitool with
// GitHub rules + ajv with the SARIF 2.1.0 schema) over files.
func validateSARIF(t *testing.T, files ...string) map[string]validation {
	t.Helper()
	dir := requireTool(t, "sarif-validate")
	cmd := exec.Command("node", append([]string{filepath.Join(dir, "validate.js"), "--json"}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("sarif-validate: %v\n%s%s", err, out, stderr.String())
	}
	var results []validation
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("sarif-validate output: %v\n%s%s", err, out, stderr.String())
	}
	byFile := map[string]validation{}
	for _, v := range results {
		byFile[v.File] = v
	}
	return byFile
}

func writeTemp(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSARIFPassesValidators is the CI gate of issue 5: our SARIF passes
// both validators with zero errors, and deliberately broken files fail
// them, which shows the gate can fail.
func TestSARIFPassesValidators(t *testing.T) {
	tmp := t.TempDir()
	fixture := writeTemp(t, tmp, "fixture.sarif", mustRender(t, sarifWriter{}, fixtureReport()))
	hostile := writeTemp(t, tmp, "hostile.sarif", mustRender(t, sarifWriter{}, hostileReport(t)))
	truncated := writeTemp(t, tmp, "truncated.sarif", mustRender(t, sarifWriter{maxResults: 3}, fixtureReport()))
	// --evaluation-time can put the evaluation before the collection.
	early := fixtureReport()
	early.EvaluatedAt = early.CollectedAt.Add(-24 * time.Hour)
	backdated := writeTemp(t, tmp, "backdated.sarif", mustRender(t, sarifWriter{}, early))
	sparse := writeTemp(t, tmp, "sparse.sarif", mustRender(t, sarifWriter{}, finding.Report{
		Tenant:   finding.Tenant{ID: "t"},
		Controls: []finding.Result{{Control: finding.Control{ID: "X.1"}, Status: finding.StatusFail}},
	}))
	brokenGitHub, _ := filepath.Abs(filepath.Join("testdata", "broken-github.sarif"))
	brokenSchema, _ := filepath.Abs(filepath.Join("testdata", "broken-schema.sarif"))
	files := []string{fixture, hostile, truncated, backdated, sparse, brokenGitHub, brokenSchema}
	if demo := os.Getenv("ENTRA_AUDIT_DEMO_SARIF"); demo != "" {
		files = append(files, demo)
	}

	got := validateSARIF(t, files...)
	for _, f := range []string{fixture, hostile, truncated, backdated, sparse, os.Getenv("ENTRA_AUDIT_DEMO_SARIF")} {
		if f == "" {
			continue
		}
		v, ok := got[f]
		if !ok {
			t.Fatalf("no validation result for %s", f)
		}
		if !v.Multitool.OK || !v.Schema.OK {
			t.Errorf("%s: multitool errors %v; schema errors %v", filepath.Base(f), v.Multitool.Errors, v.Schema.Errors)
		}
	}

	gh := got[brokenGitHub]
	if gh.Multitool.OK {
		t.Errorf("multitool accepted broken-github.sarif")
	}
	for _, rule := range []string{"GH1001", "GH1006", "GH1007", "GH2012"} {
		if !strings.Contains(strings.Join(gh.Multitool.Errors, "\n"), rule) {
			t.Errorf("multitool did not report %s on broken-github.sarif: %v", rule, gh.Multitool.Errors)
		}
	}
	sc := got[brokenSchema]
	if sc.Schema.OK {
		t.Errorf("ajv accepted broken-schema.sarif (level high, startLine 0)")
	}
	if joined := strings.Join(sc.Schema.Errors, "\n"); !strings.Contains(joined, "/level") || !strings.Contains(joined, "startLine") {
		t.Errorf("ajv did not name the bad level and startLine: %s", joined)
	}
}

func mustRender(t *testing.T, w Writer, r finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(context.Background(), &buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
