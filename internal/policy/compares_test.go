package policy

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/policies"
)

// driftControl is a change-aware custom control: it reads the live CA
// policies and judges the changes of two compared resources.
const driftControl = `
# METADATA
# title: Enforced Conditional Access policies SHALL stay enforced.
# custom:
#   id: ACME.DRIFT.1v1
#   severity: high
#   family: drift
#   frameworks: {}
#   remediation: Enable the policy again.
#   references: []
#   requires:
#     - conditionalAccess.policies
#   compares:
#     - conditionalAccess.policies
#     - apps.oauth2PermissionGrants
package custom.drift.sample

import data.lib.result

findings contains result.finding(c.resource, c.after, sprintf("%s is no longer enabled", [c.name])) if {
	some c in input.drift.changes
	c.kind == "modified"
	c.before.state == "enabled"
	c.after.state != "enabled"
}
`

// withDrift adds input.drift to the test input: CA005 went from enabled to
// report-only, and resources holds the given comparison statuses.
func withDrift(resources map[string]any) map[string]any {
	in := testInput()
	in["drift"] = map[string]any{
		"baseline":  map[string]any{"dir": "baselines/contoso", "tenantId": "bdd640fb-0667-4ad1-9c80-317fa3b1799d", "collectedAt": "2026-11-02T06:00:00Z"},
		"resources": resources,
		"changes": []any{map[string]any{
			"kind": "modified", "resource": "conditionalAccess.policies",
			"id": "3eabedcb-baa8-4dd4-88bd-64072bcfbe01", "name": "CA005 Block high-risk sign-ins",
			"before": map[string]any{"id": "3eabedcb-baa8-4dd4-88bd-64072bcfbe01", "displayName": "CA005 Block high-risk sign-ins", "state": "enabled"},
			"after": map[string]any{"id": "3eabedcb-baa8-4dd4-88bd-64072bcfbe01", "displayName": "CA005 Block high-risk sign-ins",
				"state": "enabledForReportingButNotEnforced"},
			"fields": []any{map[string]any{"path": "state", "before": "enabled", "after": "enabledForReportingButNotEnforced"}},
		}},
	}
	return in
}

func compared(keys ...string) map[string]any {
	out := map[string]any{}
	for _, k := range keys {
		out[k] = map[string]any{"status": "compared"}
	}
	return out
}

func driftResult(t *testing.T, in map[string]any) finding.Result {
	t.Helper()
	dir := writeFiles(t, map[string]string{"sample.rego": driftControl})
	e := mustLoad(t, LoadOptions{CustomDirs: []string{dir}})
	return resultByID(t, mustEvaluate(t, e, in), "ACME.DRIFT.1v1")
}

func TestComparesWithoutBaselineIsNotApplicable(t *testing.T) {
	r := driftResult(t, testInput())
	if r.Status != finding.StatusNotApplicable || r.Message != "needs a baseline to compare with: run with --baseline DIR" ||
		len(r.Findings) != 0 || len(r.Gaps) != 0 {
		t.Errorf("without input.drift: result = %+v, want not_applicable naming --baseline", r)
	}
	if r.Family != "drift" {
		t.Errorf("family = %q, want drift", r.Family)
	}

	// A required live resource not collected is still an error first.
	in := testInput()
	delete(in["collection"].(map[string]any), "conditionalAccess.policies")
	if r := driftResult(t, in); r.Status != finding.StatusError || len(r.Gaps) != 1 || r.Gaps[0].Status != "not_collected" {
		t.Errorf("requires gap without a baseline: result = %+v, want error (requires before compares)", r)
	}
}

func TestComparesNotComparableIsErrorNeverPass(t *testing.T) {
	// The CA change alone would fail the control; it must not pass or fail
	// when part of what it compares cannot be told.
	res := compared("conditionalAccess.policies")
	res["apps.oauth2PermissionGrants"] = map[string]any{"status": "not_comparable",
		"reason": "not collected in the baseline (missing_permission)"}
	r := driftResult(t, withDrift(res))
	want := []finding.Gap{{Resource: "apps.oauth2PermissionGrants", Status: "not_comparable",
		Message: "not collected in the baseline (missing_permission)"}}
	if r.Status != finding.StatusError || !slices.Equal(r.Gaps, want) || len(r.Findings) != 0 {
		t.Fatalf("result = %+v, want error with gaps %+v", r, want)
	}
	if r.Message != "cannot compare with the baseline (baselines/contoso): apps.oauth2PermissionGrants: "+
		"not collected in the baseline (missing_permission)" {
		t.Errorf("message = %q", r.Message)
	}

	// A compared resource the comparison does not list is not comparable either.
	r = driftResult(t, withDrift(compared("conditionalAccess.policies")))
	want = []finding.Gap{{Resource: "apps.oauth2PermissionGrants", Status: "not_comparable",
		Message: "the comparison with the baseline does not cover this resource"}}
	if r.Status != finding.StatusError || !slices.Equal(r.Gaps, want) {
		t.Errorf("absent from input.drift.resources: result = %+v, want error with gaps %+v", r, want)
	}

	// Any status but compared counts, and a reason-less one says its status.
	res = compared("apps.oauth2PermissionGrants")
	res["conditionalAccess.policies"] = map[string]any{"status": "partial"}
	r = driftResult(t, withDrift(res))
	if r.Status != finding.StatusError || len(r.Gaps) != 1 || r.Gaps[0].Message != `the comparison gives it status "partial"` {
		t.Errorf("status partial: result = %+v, want error", r)
	}
}

func TestComparesEvaluatesWhenEverythingIsCompared(t *testing.T) {
	r := driftResult(t, withDrift(compared("conditionalAccess.policies", "apps.oauth2PermissionGrants")))
	if r.Status != finding.StatusFail || len(r.Findings) != 1 ||
		r.Findings[0].Message != "CA005 Block high-risk sign-ins is no longer enabled" ||
		r.Findings[0].Location == nil || r.Findings[0].Resource.ID != "3eabedcb-baa8-4dd4-88bd-64072bcfbe01" {
		t.Errorf("result = %+v, want fail on CA005, located in the live snapshot", r)
	}
	// Controls without compares ignore the comparison entirely.
	dir := writeFiles(t, map[string]string{"sample.rego": driftControl})
	ev := mustEvaluate(t, mustLoad(t, LoadOptions{CustomDirs: []string{dir}}), withDrift(map[string]any{}))
	if s := resultByID(t, ev, "T.CA.10v1").Status; s != finding.StatusFail {
		t.Errorf("T.CA.10v1 with a drift section: status %s, want fail as without", s)
	}
}

func TestComparesMetadata(t *testing.T) {
	cases := []struct {
		name, compares, want string
	}{
		{"unknown resource", "#   compares:\n#     - tenant.securityDefault",
			`12: METADATA custom.compares: "tenant.securityDefault" is not a snapshot resource key`},
		{"not a list", "#   compares: tenant.securityDefaults", "12: METADATA custom.compares must be a list of snapshot resource keys"},
		{"empty", "#   compares: []", "12: METADATA custom.compares is empty"},
		{"duplicate", "#   compares:\n#     - tenant.securityDefaults\n#     - tenant.securityDefaults",
			"12: METADATA custom.compares lists tenant.securityDefaults twice"},
		{"misspelt", "#   compare:\n#     - tenant.securityDefaults",
			"12: METADATA custom.compare is not a known field (known: id, severity, family, frameworks, remediation, references, requires, compares, reads)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(customHeader, "#     - tenant.securityDefaults\n",
				"#     - tenant.securityDefaults\n"+tc.compares+"\n", 1)
			src += "\nmanual := \"x\"\n"
			dir := writeFiles(t, map[string]string{"c.rego": src})
			_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
			want := "custom policy " + filepath.Join(dir, "c.rego") + ":" + tc.want
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Load = %v\nwant it to contain %q", err, want)
			}
		})
	}
	// compares is optional: the header without it loads (TestMetadataStrictness
	// covers the required fields).
	dir := writeFiles(t, map[string]string{"c.rego": customHeader + "\nmanual := \"x\"\n"})
	mustLoad(t, LoadOptions{CustomDirs: []string{dir}})
}

// TestBuiltinDriftControls runs the built-in change-aware controls through
// the engine: without a baseline every one is not_applicable; with one, a
// resource it compares that is not comparable makes it an error.
func TestBuiltinDriftControls(t *testing.T) {
	e := mustLoad(t, LoadOptions{Builtin: policies.FS})
	in := map[string]any{
		"meta": map[string]any{"schemaVersion": 1, "tenantId": "bdd640fb-0667-4ad1-9c80-317fa3b1799d"},
		"collection": map[string]any{
			"principals.users":          map[string]any{"status": "collected"},
			"principals.groups":         map[string]any{"status": "collected"},
			"crossTenantAccess.default": map[string]any{"status": "collected"},
			"apps.servicePrincipals":    map[string]any{"status": "collected"},
		},
	}
	var ids []string
	for _, r := range mustEvaluate(t, e, in).Results {
		if r.Family == "drift" {
			ids = append(ids, r.ID)
			if r.Status != finding.StatusNotApplicable || r.Message != noBaselineMessage {
				t.Errorf("%s without a baseline: %s (%s), want not_applicable", r.ID, r.Status, r.Message)
			}
		}
	}
	want := []string{"EA.DRIFT.1v1", "EA.DRIFT.2v1", "EA.DRIFT.3v1", "EA.DRIFT.4v1", "EA.DRIFT.5v1", "EA.DRIFT.6v1",
		"EA.DRIFT.7v1", "EA.DRIFT.8v1"}
	if !slices.Equal(ids, want) {
		t.Fatalf("drift controls %v, want %v", ids, want)
	}

	resources := map[string]any{}
	for _, k := range ResourceKeys {
		resources[k] = map[string]any{"status": "compared"}
	}
	resources["apps.oauth2PermissionGrants"] = map[string]any{"status": "not_comparable",
		"reason": "not collected in the baseline (missing_permission)"}
	in["drift"] = map[string]any{"baseline": map[string]any{"dir": "baselines/contoso-demo"}, "resources": resources, "changes": []any{}}
	ev := mustEvaluate(t, e, in)
	r := resultByID(t, ev, "EA.DRIFT.8v1")
	gaps := []finding.Gap{{Resource: "apps.oauth2PermissionGrants", Status: "not_comparable",
		Message: "not collected in the baseline (missing_permission)"}}
	if r.Status != finding.StatusError || !slices.Equal(r.Gaps, gaps) {
		t.Errorf("EA.DRIFT.8v1 = %+v, want error with %+v", r, gaps)
	}
	for _, r := range ev.Results {
		if r.Family == "drift" && r.ID != "EA.DRIFT.8v1" && r.Status != finding.StatusPass {
			t.Errorf("%s with a baseline and no changes: %s (%s), want pass", r.ID, r.Status, r.Message)
		}
	}
}
