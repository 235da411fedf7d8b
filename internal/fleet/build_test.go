package fleet

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

func result(id string, sev finding.Severity, st finding.Status, fs ...finding.Finding) finding.Result {
	return finding.Result{Control: finding.Control{ID: id, Title: id + " title", Severity: sev}, Status: st, Message: id + " message", Findings: fs}
}

func object(name, msg string) finding.Finding {
	return finding.Finding{Resource: finding.Resource{Type: "applications", ID: "id-" + name, Name: name}, Message: msg}
}

// fakeReport fails two high controls (one tenant-wide), one critical with
// two objects (one waived), and has a finding waived as a whole.
func fakeReport() *finding.Report {
	waived := object("waived-app", "waived")
	waived.Waiver = &finding.Waiver{Owner: "sec", Expires: "2099-01-01"}
	expired := object("old-waiver", "expired waiver")
	expired.Waiver = &finding.Waiver{Owner: "sec", Expires: "2020-01-01", Expired: true}
	return &finding.Report{
		Tenant: finding.Tenant{ID: "t-1", DefaultDomain: "contoso.com", DisplayName: "Contoso"},
		Controls: []finding.Result{
			result("EA.B.1", finding.SeverityHigh, finding.StatusFail, object("zeta", "z fails")),
			result("EA.A.1", finding.SeverityHigh, finding.StatusFail),
			result("EA.C.1", finding.SeverityCritical, finding.StatusFail, object("beta", "b fails"), waived, expired),
			result("EA.D.1", finding.SeverityLow, finding.StatusPass),
			result("EA.E.1", finding.SeverityLow, finding.StatusError),
			result("EA.F.1", finding.SeverityLow, finding.StatusWaived),
			result("EA.G.1", finding.SeverityLow, finding.StatusManual),
			result("EA.H.1", finding.SeverityLow, finding.StatusNotApplicable),
			result("EA.I.1", finding.SeverityLow, finding.StatusPass),
		},
	}
}

func TestBuildSummarisesATenant(t *testing.T) {
	d := &finding.Drift{
		Resources: []finding.DriftResource{{Resource: "a", Status: finding.ResourceCompared}, {Resource: "b", Status: finding.ResourceNotComparable}},
		Changes: []finding.ObjectChange{
			{Kind: finding.ChangeAdded, Weakens: []string{"EA.C.1", "EA.A.1"}},
			{Kind: finding.ChangeModified, Weakens: []string{"EA.A.1"}},
			{Kind: finding.ChangeRemoved},
		},
	}
	s := Scanned{Name: "contoso", Dir: filepath.Join("out", "contoso"), Report: fakeReport(), Drift: d,
		Result:  &finding.ScanResult{ExitCode: 1, FailOn: finding.SeverityHigh},
		Reports: []finding.ReportLink{{Format: "html", Path: "report.html"}}}
	idx := Build([]Scanned{s}, Options{Top: 3, IndexDir: "out"})
	got := idx.Tenants[0]
	if got.Outcome != finding.OutcomeFindings || got.ExitCode != 1 || got.FailOn != finding.SeverityHigh || got.Error != "" {
		t.Errorf("outcome %s exit %d failOn %s error %q", got.Outcome, got.ExitCode, got.FailOn, got.Error)
	}
	if want := (finding.StatusCounts{Fail: 3, Error: 1, Waived: 1, Manual: 1, NotApplicable: 1, Pass: 2}); got.Counts != want {
		t.Errorf("counts %+v, want %+v", got.Counts, want)
	}
	var worst []string
	for _, w := range got.Worst {
		worst = append(worst, w.Control+"/"+w.Object.Name)
	}
	// Critical first (the waived object left out, the expired waiver kept), then high by control.
	if want := []string{"EA.C.1/beta", "EA.C.1/old-waiver", "EA.A.1/"}; !reflect.DeepEqual(worst, want) {
		t.Errorf("worst %v, want %v", worst, want)
	}
	if got.FailingAll != 4 {
		t.Errorf("failing findings %d, want 4", got.FailingAll)
	}
	if got.Worst[2].Message != "EA.A.1 message" {
		t.Errorf("a tenant-wide failure carries %q, want the control's message", got.Worst[2].Message)
	}
	want := &finding.DriftSummary{Changed: 3, Added: 1, Removed: 1, Modified: 1, Weakening: 2,
		Weakened: []string{"EA.A.1", "EA.C.1"}, NotComparable: 1}
	if !reflect.DeepEqual(got.Drift, want) {
		t.Errorf("drift %+v, want %+v", got.Drift, want)
	}
	if !reflect.DeepEqual(got.Reports, []finding.ReportLink{{Format: "html", Path: "contoso/report.html"}}) {
		t.Errorf("reports %+v", got.Reports)
	}
	if idx.Totals.Weakening != 2 || idx.Totals.Findings != 1 || idx.Totals.Counts != got.Counts {
		t.Errorf("totals %+v", idx.Totals)
	}
}

// TestBuildOutcomes: what makes a tenant ok, findings or failed, and the
// exit code and one-line reason the index gives it.
func TestBuildOutcomes(t *testing.T) {
	for _, c := range []struct {
		name    string
		s       Scanned
		outcome string
		exit    int
		err     string
	}{
		{"scanned, nothing tripped", Scanned{Report: fakeReport(), Result: &finding.ScanResult{}}, finding.OutcomeOK, 0, ""},
		{"an audit's folder (no scan.json)", Scanned{Report: fakeReport()}, finding.OutcomeOK, 0, ""},
		{"failOn tripped", Scanned{Report: fakeReport(), Result: &finding.ScanResult{ExitCode: 1}}, finding.OutcomeFindings, 1, ""},
		{"sign-in failed", Scanned{Result: &finding.ScanResult{ExitCode: 3, Error: "sign-in failed:\n  AADSTS7000215"}},
			finding.OutcomeFailed, 3, "sign-in failed:; AADSTS7000215"},
		{"no credentials (exit 2)", Scanned{Result: &finding.ScanResult{ExitCode: 2, Error: "no credentials"}}, finding.OutcomeFailed, 2, "no credentials"},
		{"stale findings beside a failed scan", Scanned{Report: fakeReport(), Result: &finding.ScanResult{ExitCode: 3, Error: "boom"}},
			finding.OutcomeFailed, 3, "boom"},
		{"nothing at all", Scanned{}, finding.OutcomeFailed, 3, "no findings.json: the scan did not finish (its log says why)"},
		{"a broken file", Scanned{Report: fakeReport(), Result: &finding.ScanResult{}, Problem: "drift.json: unexpected EOF"},
			finding.OutcomeFailed, 3, "drift.json: unexpected EOF"},
	} {
		c.s.Name = "t"
		got := Build([]Scanned{c.s}, Options{}).Tenants[0]
		if got.Outcome != c.outcome || got.ExitCode != c.exit || got.Error != c.err {
			t.Errorf("%s: %s exit %d %q; want %s exit %d %q", c.name, got.Outcome, got.ExitCode, got.Error, c.outcome, c.exit, c.err)
		}
		if got.Outcome == finding.OutcomeFailed && (got.Counts != finding.StatusCounts{} || len(got.Worst) > 0 || got.Tenant != finding.Tenant{}) {
			t.Errorf("%s: a failed tenant shows counts, findings or a tenant: %+v", c.name, got)
		}
	}
}

func TestBuildSortsTenantsAndDefaultsTop(t *testing.T) {
	var many []finding.Finding
	for _, n := range []string{"f", "e", "d", "c", "b", "a", "g"} {
		many = append(many, object(n, n))
	}
	rep := &finding.Report{Controls: []finding.Result{result("EA.X.1", finding.SeverityHigh, finding.StatusFail, many...)}}
	idx := Build([]Scanned{{Name: "zz", Report: rep}, {Name: "aa"}, {Name: "mm", Report: rep}}, Options{})
	var names []string
	for _, tn := range idx.Tenants {
		names = append(names, tn.Name)
	}
	if !reflect.DeepEqual(names, []string{"aa", "mm", "zz"}) || idx.Top != DefaultTop {
		t.Errorf("tenants %v, top %d", names, idx.Top)
	}
	if w := idx.Tenants[1].Worst; len(w) != DefaultTop || w[0].Object.Name != "a" || idx.Tenants[1].FailingAll != 7 {
		t.Errorf("worst %+v", w)
	}
	if idx.Totals.Tenants != 3 || idx.Totals.OK != 2 || idx.Totals.Failed != 1 {
		t.Errorf("totals %+v", idx.Totals)
	}
}

func TestOneLine(t *testing.T) {
	long := make([]rune, 500)
	for i := range long {
		long[i] = 'é'
	}
	if got := []rune(OneLine(string(long))); len(got) != maxError || got[len(got)-1] != '…' {
		t.Errorf("long: %d runes", len(got))
	}
	if got := OneLine("  a\r\n\n b \n"); got != "a; b" {
		t.Errorf("got %q", got)
	}
}

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{"contoso": true, "c-1": true, "1": true, "-c": false, "C": false, "a/b": false, "": false,
		"a234567890123456789012345678901234567890123456789012345678901234": false} {
		if ValidName(name) != want {
			t.Errorf("ValidName(%q) = %v", name, !want)
		}
	}
}
