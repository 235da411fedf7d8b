package report

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

func TestLookupUnknownFormatNamesValidOnes(t *testing.T) {
	_, err := Lookup("pdf")
	if err == nil {
		t.Fatal("Lookup(pdf) succeeded")
	}
	for _, n := range Names() {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not name format %q", err, n)
		}
	}
	if w, err := Lookup(" JSON "); err != nil || w.Name() != "json" {
		t.Errorf("Lookup(JSON) = %v, %v", w, err)
	}
}

func TestWriteAllWritesEveryFormatAtomically(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	paths, err := WriteAll(context.Background(), dir, fixtureReport(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(Names()) {
		t.Fatalf("wrote %d files, want %d: %v", len(paths), len(Names()), paths)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	for i, n := range Names() {
		w, _ := Lookup(n)
		if filepath.Base(paths[i]) != w.FileName() {
			t.Errorf("path %d = %s, want %s", i, paths[i], w.FileName())
		}
	}
}

func TestWriteAllRejectsUnknownFormatBeforeWriting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	_, err := WriteAll(context.Background(), dir, fixtureReport(), []string{"json", "docx"})
	if err == nil || !strings.Contains(err.Error(), "docx") {
		t.Fatalf("err = %v, want unknown format docx", err)
	}
	if _, statErr := os.Stat(dir); !os.IsNotExist(statErr) {
		t.Errorf("output directory created despite the error")
	}
}

func TestJSONRoundTripsTheReport(t *testing.T) {
	var buf strings.Builder
	if err := (jsonWriter{}).Write(context.Background(), &buf, fixtureReport()); err != nil {
		t.Fatal(err)
	}
	var back finding.Report
	if err := json.Unmarshal([]byte(buf.String()), &back); err != nil {
		t.Fatalf("findings.json does not decode into finding.Report: %v", err)
	}
	want := normalized(fixtureReport())
	if len(back.Controls) != len(want.Controls) || back.Tenant != want.Tenant || back.SchemaVersion != finding.ReportSchemaVersion {
		t.Errorf("round trip lost data: %+v", back.Tenant)
	}
	if !back.EvaluatedAt.Equal(want.EvaluatedAt) {
		t.Errorf("evaluatedAt = %v, want %v", back.EvaluatedAt, want.EvaluatedAt)
	}
}

func TestJSONEmptyReportHasListsNotNull(t *testing.T) {
	var buf strings.Builder
	if err := (jsonWriter{}).Write(context.Background(), &buf, finding.Report{}); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"controls": []`, `"collection": []`, `"schemaVersion": "1"`} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("empty report JSON lacks %s:\n%s", key, buf.String())
		}
	}
}

// Every writer copes with an empty report and with a sparse one (no
// times, tenant-only fields, an unknown status) without failing.
func TestWritersHandleSparseReports(t *testing.T) {
	sparse := finding.Report{
		Tenant: finding.Tenant{ID: "t"},
		Controls: []finding.Result{
			{Control: finding.Control{ID: "X.1"}, Status: finding.StatusFail},
			{Control: finding.Control{ID: "X.2", Severity: "bogus"}},
		},
	}
	for _, r := range []finding.Report{{}, sparse} {
		for _, name := range Names() {
			w, _ := Lookup(name)
			var buf strings.Builder
			if err := w.Write(context.Background(), &buf, r); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if buf.Len() == 0 {
				t.Errorf("%s wrote nothing", name)
			}
		}
	}
}
