package policy

import (
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

const (
	reportingApp = "3139d32c-93cd-49bf-9c94-1cf0dc98d2c1"
	hrSyncApp    = "e2acf72f-9e57-4f7a-a0ee-89aed453dd32"
)

// twoSecrets makes T.APP.1v1 fail on both applications.
func twoSecrets() map[string]any {
	in := testInput()
	apps := in["apps"].(map[string]any)["applications"].([]any)
	apps[0].(map[string]any)["passwordCredentials"] = []any{map[string]any{"endDateTime": "2026-12-01T00:00:00Z"}}
	return in
}

func evaluateWith(t *testing.T, yamlText string, in map[string]any) *Evaluation {
	t.Helper()
	return mustEvaluate(t, mustLoad(t, LoadOptions{Config: mustConfig(t, yamlText)}), in)
}

func TestWaiverActive(t *testing.T) {
	ev := evaluateWith(t, `
waivers:
  - control: T.CA.10v1
    reason: Pilot of the high-risk policy.
    owner: identity-team
    ticket: SEC-1
    expires: 2026-11-26
`, testInput())
	r := resultByID(t, ev, "T.CA.10v1")
	if r.Status != finding.StatusWaived || r.Waiver == nil || r.Waiver.Expired || r.Waiver.Ticket != "SEC-1" {
		t.Fatalf("result = %+v, want waived (a waiver holds through its expiry day)", r)
	}
	if r.Message != "waived until 2026-11-26 by identity-team: Pilot of the high-risk policy." || len(r.Findings) != 1 {
		t.Errorf("message = %q findings = %d", r.Message, len(r.Findings))
	}
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings = %q", ev.Warnings)
	}
}

func TestWaiverExpired(t *testing.T) {
	ev := evaluateWith(t, `
waivers:
  - control: T.CA.10v1
    reason: Pilot.
    owner: identity-team
    expires: 2026-11-25
`, testInput())
	r := resultByID(t, ev, "T.CA.10v1")
	if r.Status != finding.StatusFail || r.Waiver == nil || !r.Waiver.Expired {
		t.Fatalf("result = %+v, want fail with the expired waiver", r)
	}
	if r.Message != "waiver expired on 2026-11-25; 1 finding" {
		t.Errorf("message = %q", r.Message)
	}
}

func TestWaiverResourceScoped(t *testing.T) {
	const partial = `
waivers:
  - control: T.APP.1v1
    resourceIds: [` + reportingApp + `]
    reason: Vendor rotates it on 2026-12-01.
    owner: apps-team
    expires: 2027-01-31
`
	ev := evaluateWith(t, partial, twoSecrets())
	r := resultByID(t, ev, "T.APP.1v1")
	if r.Status != finding.StatusFail || r.Message != "1 finding (1 more waived)" {
		t.Fatalf("result = %+v, want fail with the other finding", r)
	}
	var waived []string
	for _, f := range r.Findings {
		if f.Waiver != nil {
			waived = append(waived, f.Resource.ID)
		}
	}
	if !slices.Equal(waived, []string{reportingApp}) || r.Waiver != nil {
		t.Errorf("waived findings = %v (result waiver %+v), want only %s", waived, r.Waiver, reportingApp)
	}

	// Waiving the only finding waives the result.
	r = resultByID(t, evaluateWith(t, partial, testInput()), "T.APP.1v1")
	if r.Status != finding.StatusWaived || r.Message != "all 1 finding waived" {
		t.Errorf("result = %+v, want waived", r)
	}

	// An expired resource waiver fails again and says so.
	expired := strings.Replace(partial, "2027-01-31", "2026-11-01", 1)
	r = resultByID(t, evaluateWith(t, expired, testInput()), "T.APP.1v1")
	if r.Status != finding.StatusFail || r.Message != "waiver expired on 2026-11-01; 1 finding" || !r.Findings[0].Waiver.Expired {
		t.Errorf("result = %+v, want fail: waiver expired", r)
	}
}

func TestWaiverMatchingNothingWarns(t *testing.T) {
	ev := evaluateWith(t, `
waivers:
  - control: T.CA.2v1
    reason: r
    owner: o
    expires: 2027-01-01
  - control: T.APP.1v1
    resourceIds: [00000000-0000-0000-0000-000000000001]
    reason: r
    owner: o
    expires: 2027-01-01
  - control: T.APP.1v1
    resourceIds: [`+reportingApp+`, 00000000-0000-0000-0000-000000000002]
    reason: r
    owner: o
    expires: 2027-01-01
`, testInput())
	want := []string{
		"config entra-audit.yaml:2: waiver for T.CA.2v1 matches nothing: the control's status is manual",
		"config entra-audit.yaml:6: waiver for T.APP.1v1 matches nothing: no finding is about 00000000-0000-0000-0000-000000000001",
		"config entra-audit.yaml:11: waiver for T.APP.1v1 names resources with no finding: 00000000-0000-0000-0000-000000000002",
	}
	if !slices.Equal(ev.Warnings, want) {
		t.Errorf("warnings =\n%s\nwant\n%s", strings.Join(ev.Warnings, "\n"), strings.Join(want, "\n"))
	}
	if r := resultByID(t, ev, "T.APP.1v1"); r.Status != finding.StatusWaived {
		t.Errorf("T.APP.1v1 = %s, want waived by the third waiver", r.Status)
	}
	if r := resultByID(t, ev, "T.CA.2v1"); r.Status != finding.StatusManual || r.Waiver != nil {
		t.Errorf("a waiver must not touch a manual result: %+v", r)
	}
}

func TestWaiverOfDisabledControlWarns(t *testing.T) {
	ev := evaluateWith(t, `
controls:
  T.APP.1v1: {disabled: true}
waivers:
  - control: T.APP.1v1
    reason: r
    owner: o
    expires: 2027-01-01
`, testInput())
	if !slices.Contains(ev.Warnings, "config entra-audit.yaml:4: waiver for T.APP.1v1 matches nothing: the control is disabled") {
		t.Errorf("warnings = %q", ev.Warnings)
	}
}
