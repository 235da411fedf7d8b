package policy

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

func TestEvaluateStatuses(t *testing.T) {
	e := mustLoad(t, LoadOptions{})
	ev := mustEvaluate(t, e, testInput())

	var ids []string
	for _, r := range ev.Results {
		ids = append(ids, r.ID)
	}
	want := []string{"T.APP.1v1", "T.CA.2v1", "T.CA.10v1", "T.ROLE.3v1", "T.TEN.1v1"}
	if !slices.Equal(ids, want) {
		t.Fatalf("result order = %v, want %v (natural order by ID)", ids, want)
	}
	statuses := map[string]finding.Status{}
	for _, r := range ev.Results {
		statuses[r.ID] = r.Status
	}
	wantStatus := map[string]finding.Status{
		"T.APP.1v1": finding.StatusFail, "T.CA.2v1": finding.StatusManual, "T.CA.10v1": finding.StatusFail,
		"T.ROLE.3v1": finding.StatusError, "T.TEN.1v1": finding.StatusNotApplicable,
	}
	for id, s := range wantStatus {
		if statuses[id] != s {
			t.Errorf("%s status = %q, want %q", id, statuses[id], s)
		}
	}
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings = %v, want none", ev.Warnings)
	}

	ca := resultByID(t, ev, "T.CA.10v1")
	wantFinding := finding.Finding{
		Resource: finding.Resource{Type: "conditionalAccess.policies", ID: "3eabedcb-baa8-4dd4-88bd-64072bcfbe01", Name: "CA005 Block high-risk sign-ins"},
		Location: &finding.Location{File: "conditionalAccess.policies/3eabedcb-baa8-4dd4-88bd-64072bcfbe01.yaml", Line: 3},
		Message:  "the policy is not enabled",
	}
	if len(ca.Findings) != 1 || !equalFinding(ca.Findings[0], wantFinding) {
		t.Errorf("T.CA.10v1 findings = %+v, want [%+v]", ca.Findings, wantFinding)
	}
	if ca.Severity != finding.SeverityHigh || ca.Family != "conditionalAccess" || ca.Source != "builtin" ||
		!slices.Equal(ca.Frameworks["cis-m365"], []string{"5.2.2.1"}) || ca.Title != "Conditional Access policies are enabled." {
		t.Errorf("T.CA.10v1 control = %+v", ca.Control)
	}

	app := resultByID(t, ev, "T.APP.1v1")
	if len(app.Findings) != 1 || app.Findings[0].Resource.ID != "3139d32c-93cd-49bf-9c94-1cf0dc98d2c1" ||
		app.Findings[0].Evidence["endDateTime"] != "2026-12-06T10:00:00Z" {
		t.Errorf("T.APP.1v1 findings = %+v: want only Contoso Reporting (10 days left at the evaluation time)", app.Findings)
	}
	manual := resultByID(t, ev, "T.CA.2v1")
	if manual.Manual != "Open Entra admin center > Monitoring > Sign-in logs and review failures." {
		t.Errorf("manual instructions = %q", manual.Manual)
	}
	na := resultByID(t, ev, "T.TEN.1v1")
	if na.Message != "the tenant has no Microsoft Entra ID P2 licence" || len(na.Findings) != 0 {
		t.Errorf("not_applicable result = %+v", na)
	}
}

func equalFinding(a, b finding.Finding) bool {
	if (a.Location == nil) != (b.Location == nil) || (a.Location != nil && *a.Location != *b.Location) {
		return false
	}
	return a.Resource == b.Resource && a.Message == b.Message && len(a.Evidence) == len(b.Evidence)
}

func TestPassListsEvidence(t *testing.T) {
	e := mustLoad(t, LoadOptions{})
	in := testInput()
	pols := in["conditionalAccess"].(map[string]any)["policies"].([]any)
	pols[1].(map[string]any)["state"] = "enabled"
	r := resultByID(t, mustEvaluate(t, e, in), "T.CA.10v1")
	if r.Status != finding.StatusPass || len(r.Findings) != 2 || r.Message != "2 objects satisfy it" {
		t.Fatalf("pass result = %+v, want pass with both policies as evidence", r)
	}
	if r.Findings[0].Message != "the policy is enabled" || r.Findings[0].Location == nil {
		t.Errorf("evidence = %+v", r.Findings[0])
	}
}

func TestRequiresNotCollectedIsErrorNeverPass(t *testing.T) {
	e := mustLoad(t, LoadOptions{})
	// The role control would pass on an empty list; the licence gap wins.
	in := testInput()
	in["roles"] = map[string]any{"eligibilityScheduleInstances": []any{}}
	r := resultByID(t, mustEvaluate(t, e, in), "T.ROLE.3v1")
	want := []finding.Gap{{Resource: "roles.eligibilityScheduleInstances", Status: "license_required",
		License: "Microsoft Entra ID P2", Message: "Graph answered 403 AadPremiumLicenseRequired"}}
	if r.Status != finding.StatusError || !slices.Equal(r.Gaps, want) {
		t.Fatalf("result = %+v, want error with gap %+v", r, want)
	}
	if r.Message != "data not collected: roles.eligibilityScheduleInstances (license required: needs Microsoft Entra ID P2)" {
		t.Errorf("message = %q", r.Message)
	}

	// A missing permission names the permission.
	in = testInput()
	in["collection"].(map[string]any)["apps.applications"] = map[string]any{
		"status": "missing_permission", "permission": "Application.Read.All"}
	r = resultByID(t, mustEvaluate(t, e, in), "T.APP.1v1")
	if r.Status != finding.StatusError || r.Gaps[0].Permission != "Application.Read.All" ||
		r.Message != "data not collected: apps.applications (missing permission: grant Application.Read.All)" {
		t.Errorf("result = %+v", r)
	}

	// A resource absent from the manifest is not collected either.
	in = testInput()
	delete(in["collection"].(map[string]any), "tenant.securityDefaults")
	r = resultByID(t, mustEvaluate(t, e, in), "T.TEN.1v1")
	if r.Status != finding.StatusError || r.Gaps[0].Status != "not_collected" {
		t.Errorf("result = %+v, want error not_collected", r)
	}
}

func TestEvaluationTimeIsPassedIn(t *testing.T) {
	e := mustLoad(t, LoadOptions{})
	in := testInput()
	if _, err := e.Evaluate(context.Background(), in, EvalOptions{}); err == nil {
		t.Fatal("Evaluate without a time: want an error")
	}
	if _, ok := in["meta"].(map[string]any)["evaluationTime"]; ok {
		t.Fatal("Evaluate changed the caller's input")
	}
	// Two years later both secrets are past: both fail.
	later := evalTime.AddDate(2, 0, 0)
	ev, err := e.Evaluate(context.Background(), in, EvalOptions{Time: later})
	if err != nil {
		t.Fatal(err)
	}
	if r := resultByID(t, ev, "T.APP.1v1"); len(r.Findings) != 2 || r.Findings[0].Location != nil {
		t.Errorf("at %s: findings = %+v, want 2 without locations (no locator)", later, r.Findings)
	}
}

func TestSeverityOverrideAndDisabled(t *testing.T) {
	cfg := mustConfig(t, `
controls:
  T.CA.10v1:
    severity: low
  T.APP.1v1:
    disabled: true
`)
	e := mustLoad(t, LoadOptions{Config: cfg})
	ev := mustEvaluate(t, e, testInput())
	if r := resultByID(t, ev, "T.CA.10v1"); r.Severity != finding.SeverityLow {
		t.Errorf("severity = %s, want the override low", r.Severity)
	}
	for _, r := range ev.Results {
		if r.ID == "T.APP.1v1" {
			t.Errorf("disabled control T.APP.1v1 was evaluated: %+v", r)
		}
	}
	if !slices.Equal(ev.Warnings, []string{"control T.APP.1v1 is disabled by the configuration"}) {
		t.Errorf("warnings = %q", ev.Warnings)
	}
}

func TestExclusionsReachPolicies(t *testing.T) {
	cfg := mustConfig(t, `
controls:
  T.CA.10v1:
    exclusions:
      groups: [3eabedcb-baa8-4dd4-88bd-64072bcfbe01]
`)
	ev := mustEvaluate(t, mustLoad(t, LoadOptions{Config: cfg}), testInput())
	if r := resultByID(t, ev, "T.CA.10v1"); r.Status != finding.StatusPass {
		t.Errorf("status = %s, want pass: the declared exclusion must reach data.config", r.Status)
	}
}

func TestNaturalOrder(t *testing.T) {
	ids := []string{"MS.AAD.10.1v1", "MS.AAD.2.1v1", "EA.CA.01v1", "MS.AAD.1.1v1", "MS.AAD.3.10v1", "MS.AAD.3.2v2", "EA.APP.2v1"}
	slices.SortFunc(ids, compareID)
	want := []string{"EA.APP.2v1", "EA.CA.01v1", "MS.AAD.1.1v1", "MS.AAD.2.1v1", "MS.AAD.3.2v2", "MS.AAD.3.10v1", "MS.AAD.10.1v1"}
	if !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
}

func TestEvaluationErrorIsAnErrorResultNotARunFailure(t *testing.T) {
	dir := writeFiles(t, map[string]string{"c.rego": customHeader + `
findings contains result.tenant_finding("tenant.securityDefaults", "x", {"n": to_number("not a number")}) if {
	input.tenant.securityDefaults.isEnabled
}
`})
	e := mustLoad(t, LoadOptions{CustomDirs: []string{dir}})
	ev := mustEvaluate(t, e, testInput())
	r := resultByID(t, ev, "ACME.TEN.1v1")
	if r.Status != finding.StatusError || len(r.Gaps) != 0 || !strings.HasPrefix(r.Message, "the policy failed to evaluate: ") {
		t.Errorf("result = %+v, want error (strict builtin errors) without gaps", r)
	}
	if len(ev.Warnings) != 1 || !strings.HasPrefix(ev.Warnings[0], "control ACME.TEN.1v1: evaluation failed: ") {
		t.Errorf("warnings = %q", ev.Warnings)
	}
	if resultByID(t, ev, "T.CA.10v1").Status != finding.StatusFail {
		t.Error("one failing policy stopped the others")
	}
}

func TestDurationsPerControl(t *testing.T) {
	ev := mustEvaluate(t, mustLoad(t, LoadOptions{}), testInput())
	if len(ev.Durations) != len(ev.Results) {
		t.Errorf("durations for %d controls, results %d", len(ev.Durations), len(ev.Results))
	}
}
