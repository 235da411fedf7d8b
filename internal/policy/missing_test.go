package policy

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/policies"
)

// propsPack is testPack with the real lib/props.rego.
func propsPack(t *testing.T) fs.FS {
	m := testPack(t).(fstest.MapFS)
	b, err := fs.ReadFile(policies.FS, "lib/props.rego")
	if err != nil {
		t.Fatal(err)
	}
	m["lib/props.rego"] = &fstest.MapFile{Data: b}
	return m
}

// missingControl is a custom control whose `missing` rule names the
// properties absent from tenant.securityDefaults, with findings, manual
// and not_applicable alongside to show that absent comes first.
const missingControl = `# METADATA
# title: Security defaults are judged only when complete.
# custom:
#   id: ACME.TEN.8v1
#   severity: high
#   family: tenant
#   frameworks: {}
#   remediation: Fix it.
#   references: []
#   requires:
#     - tenant.securityDefaults
#   reads:
#     - tenant.securityDefaults.isEnabled
package custom.tenant.missing

import data.lib.props
import data.lib.result

_defaults := input.tenant.securityDefaults

missing contains m if some m in props.missing_in("tenant.securityDefaults", _defaults, ["isEnabled", "description"])

missing contains "tenant.securityDefaults.displayName" if not _defaults.displayName

findings contains result.tenant_finding("tenant.securityDefaults", "judged anyway", {}) if true

not_applicable := "never" if input.meta.na

manual := "never" if input.meta.manual
`

func TestMissingPropertiesAreAnError(t *testing.T) {
	e := mustLoad(t, LoadOptions{Builtin: propsPack(t), CustomDirs: []string{writeFiles(t, map[string]string{"c.rego": missingControl})}})
	in := testInput()
	meta := in["meta"].(map[string]any)
	meta["na"], meta["manual"] = true, true
	r := resultByID(t, mustEvaluate(t, e, in), "ACME.TEN.8v1")
	if r.Status != finding.StatusError || len(r.Findings) != 0 {
		t.Fatalf("status %s with %d findings, want error before manual, not_applicable and findings", r.Status, len(r.Findings))
	}
	want := []finding.Gap{
		{Resource: "tenant.securityDefaults", Status: StatusPropertyMissing, Message: "description is absent"},
		{Resource: "tenant.securityDefaults", Status: StatusPropertyMissing, Message: "displayName is absent"},
	}
	if len(r.Gaps) != len(want) || r.Gaps[0] != want[0] || r.Gaps[1] != want[1] {
		t.Errorf("gaps = %+v\nwant %+v", r.Gaps, want)
	}
	for _, s := range []string{"cannot be judged", "tenant.securityDefaults description is absent", "take a new snapshot"} {
		if !strings.Contains(r.Message, s) {
			t.Errorf("message %q lacks %q", r.Message, s)
		}
	}

	sd := in["tenant"].(map[string]any)["securityDefaults"].(map[string]any)
	sd["description"], sd["displayName"] = nil, "Security Defaults"
	delete(meta, "na")
	delete(meta, "manual")
	if r := resultByID(t, mustEvaluate(t, e, in), "ACME.TEN.8v1"); r.Status != finding.StatusFail {
		t.Errorf("with every property present (one null): %s %q, want fail", r.Status, r.Message)
	}
}

func TestMissingGaps(t *testing.T) {
	gaps, err := missingGaps([]any{
		map[string]any{"resource": map[string]any{"type": "conditionalAccess.policies", "id": "p1", "name": "CA1"},
			"property": "conditions.users.excludeUsers"},
		"tenant.authorizationPolicy.allowInvitesFrom",
		"tenant.authorizationPolicy.allowInvitesFrom",
		map[string]any{"resource": map[string]any{"type": "authenticationMethods.policy", "id": "Fido2", "name": "Fido2"},
			"property": "state"},
		map[string]any{"resource": map[string]any{"type": "tenant.domains", "id": "", "name": "x"}, "property": "isRoot"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"authenticationMethods.policy Fido2: state is absent",
		"conditionalAccess.policies 'CA1' (p1): conditions.users.excludeUsers is absent",
		"tenant.authorizationPolicy allowInvitesFrom is absent",
		"tenant.domains 'x': isRoot is absent",
	}
	var got []string
	for _, g := range gaps {
		got = append(got, g.Resource+" "+g.Message)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []any{"tenant", 3, map[string]any{"property": "x"}} {
		if _, err := missingGaps([]any{bad}); err == nil {
			t.Errorf("missingGaps(%v) accepted a malformed entry", bad)
		}
	}
	var many []finding.Gap
	for range 7 {
		many = append(many, finding.Gap{Resource: "r", Message: "p is absent"})
	}
	if m := missingMessage(many); !strings.Contains(m, "and 2 more") {
		t.Errorf("message of 7 gaps does not cut at %d: %s", maxMissingInMessage, m)
	}
}

func TestMalformedMissingEntryIsAnError(t *testing.T) {
	src := strings.Replace(missingControl, `missing contains "tenant.securityDefaults.displayName" if not _defaults.displayName`,
		`missing contains 42 if true`, 1)
	e := mustLoad(t, LoadOptions{Builtin: propsPack(t), CustomDirs: []string{writeFiles(t, map[string]string{"c.rego": src})}})
	ev := mustEvaluate(t, e, testInput())
	if r := resultByID(t, ev, "ACME.TEN.8v1"); r.Status != finding.StatusError || !strings.Contains(r.Message, "malformed missing entry") {
		t.Errorf("%s %q, want error naming the malformed entry", r.Status, r.Message)
	}
}
