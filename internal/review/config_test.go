package review

import (
	"testing"

	"github.com/entra-audit/entra-audit/internal/policy"
)

func mustConfig(t *testing.T, text string) *policy.Config {
	t.Helper()
	c, err := policy.ParseConfig("test.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDiffConfigNamesWhatAChangeAccepts(t *testing.T) {
	base := mustConfig(t, `
breakGlass:
  users: [23b8c1e9-3924-46de-beb1-3b9046685257]
trustedTenants: [a9488d99-0bbb-4599-91ce-5dd2b45ed1f0]
controls:
  MS.AAD.3.2v2:
    exclusions:
      groups: [6c307511-b2b9-437a-a8df-6ec4ce4a2bbd]
  MS.AAD.7.1v1:
    severity: high
waivers:
  - control: MS.AAD.7.2v1
    reason: migration
    owner: identity-team@contoso.com
    expires: 2027-03-31
  - control: EA.AM.1v1
    reason: call centre
    owner: a@contoso.com
    expires: 2027-01-31
`)
	head := mustConfig(t, `
breakGlass:
  users: [23b8c1e9-3924-46de-beb1-3b9046685257, bd9c66b3-ad3c-4d6d-9a3d-1fa7bc8960a9]
trustedTenants: []
controls:
  MS.AAD.3.2v2:
    exclusions:
      groups: [6c307511-b2b9-437a-a8df-6ec4ce4a2bbd]
      users: [c241330b-01a9-471f-9e8a-774bcf36d58b]
  MS.AAD.7.1v1:
    severity: low
  MS.AAD.5.1v1:
    disabled: true
waivers:
  - control: MS.AAD.7.2v1
    reason: migration
    owner: identity-team@contoso.com
    expires: 2027-09-30
  - control: MS.AAD.3.5v2
    resourceIds: [Sms]
    reason: call centre
    owner: b@contoso.com
    ticket: SEC-9
    expires: 2027-02-28
`)
	got := map[string]bool{}
	for _, c := range diffConfig(base, head) {
		got[c.Kind+" "+c.Control+" "+c.Text] = c.Weakens
	}
	want := map[string]bool{
		"waiver_added MS.AAD.3.5v2 waives MS.AAD.3.5v2 for 1 object(s) (Sms) until 2027-02-28, owner b@contoso.com (SEC-9): call centre":                                                                        true,
		"waiver_changed MS.AAD.7.2v1 changes the waiver of MS.AAD.7.2v1 (was until 2027-03-31, owner identity-team@contoso.com): now MS.AAD.7.2v1 until 2027-09-30, owner identity-team@contoso.com: migration": true,
		"waiver_removed EA.AM.1v1 no longer waives EA.AM.1v1 until 2027-01-31, owner a@contoso.com: call centre":                                                                                                false,
		"control_disabled MS.AAD.5.1v1 disables MS.AAD.5.1v1":                                                                                 true,
		"severity_changed MS.AAD.7.1v1 changes the severity of MS.AAD.7.1v1 from high to low":                                                 true,
		"exclusion_added MS.AAD.3.2v2 accepts more excluded users for MS.AAD.3.2v2: c241330b-01a9-471f-9e8a-774bcf36d58b":                     true,
		"break_glass_added  declares more break-glass users (exempt from the controls that check them): bd9c66b3-ad3c-4d6d-9a3d-1fa7bc8960a9": true,
		"trusted_tenant_removed  declares fewer trusted partner tenants: a9488d99-0bbb-4599-91ce-5dd2b45ed1f0":                                false,
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("missing or wrong (weakens=%v): %s", w, k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected change: %s", k)
		}
	}
	if d := diffConfig(base, base); len(d) != 0 {
		t.Errorf("a configuration differs from itself: %+v", d)
	}
}

func TestParseSpec(t *testing.T) {
	dir := t.TempDir()
	for in, want := range map[string]Spec{
		dir:                         {Dir: dir},
		"origin/main:baselines":     {Rev: "origin/main", Path: "baselines"},
		"HEAD~1:baselines/contoso/": {Rev: "HEAD~1", Path: "baselines/contoso"},
		"main:../../etc":            {Rev: "main", Path: "etc"},
		"abc123:":                   {Rev: "abc123", Path: ""},
	} {
		got, err := ParseSpec(in)
		if err != nil || got != want {
			t.Errorf("ParseSpec(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"no-such-dir", ":path", "--upload-pack=x:y"} {
		if _, err := ParseSpec(bad); err == nil {
			t.Errorf("ParseSpec(%q) accepted", bad)
		}
	}
}
