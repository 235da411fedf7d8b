package auditlog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/auditlog"
	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/finding"
)

// The Contoso demo's audit log attributes five of the six ways its live
// state drifted from the approved baseline (collected 2026-11-02T06:00Z)
// to who did them; the SMS method has no event, on purpose.
func TestDemoAuditLogAttributesContosoDrift(t *testing.T) {
	c, err := demo.NewClients(nil)
	if err != nil {
		t.Fatal(err)
	}
	events, err := auditlog.Read(context.Background(), c.Graph, from, to)
	if err != nil {
		t.Fatal(err)
	}
	// Eight events in the window (the Oct 29 one is filtered out by Graph):
	// five attributable, a password reset, an unrelated group membership
	// and a failed attempt.
	if len(events) != 8 {
		t.Fatalf("%d events in the window, want 8", len(events))
	}
	mod := func(typ, id, name string, related ...string) finding.ObjectChange {
		return finding.ObjectChange{Kind: finding.ChangeModified, Resource: finding.Resource{Type: typ, ID: id, Name: name}, Related: related}
	}
	d := &finding.Drift{Changes: []finding.ObjectChange{
		mod("conditionalAccess.policies", "3eabedcb-baa8-4dd4-88bd-64072bcfbe01", "CA005 Block high-risk sign-ins"),
		mod("conditionalAccess.policies", "ab9099a4-35a2-40ae-9af3-05535ec42e08", "CA002 Require MFA for all users"),
		{Kind: finding.ChangeAdded, Resource: finding.Resource{Type: "roles.assignments", ID: "lAPpYvVpN0KRkAEhdxReEFpp_BegB25KiCLo82wDEZk-1", Name: "Megan Bowen: Global Administrator"},
			Related: []string{"17fc695a-07a0-4a6e-8822-e8f36c031199", "62e90394-69f5-4237-9190-012177145e10"}},
		mod("crossTenantAccess.partners", "a9488d99-0bbb-4599-91ce-5dd2b45ed1f0", "Fabrikam"),
		{Kind: finding.ChangeAdded, Resource: finding.Resource{Type: "apps.appRoleAssignments", ID: "pqO3Q42aA0qYBntx2PVkE4Nf0lHXnA5Ek8JwVq0dCQA", Name: "Contoso HR Sync: RoleManagement.ReadWrite.Directory"},
			Related: []string{"43b7a3a6-9a8d-4a03-980d-7b71d8f56413", "5f0f2f4b-2b7e-4d2a-9c1e-0a9b8c7d6e51", "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"}},
		mod("authenticationMethods.policy", "authenticationMethodsPolicy", "Authentication Methods Policy"),
	}}
	auditlog.Attribute(d, events, nil, from, to, to, auditlog.RetentionPremium)

	note := "changes before 2026-11-04T00:00:00Z cannot be attributed because the directory audit log keeps 30 days"
	if r := d.Attribution; r.Status != finding.AttributionFound || r.Events != 8 || r.Message != note {
		t.Fatalf("run %+v", r)
	}
	for i, want := range []struct {
		activity string
		actor    finding.Actor
	}{
		{"Update conditional access policy", finding.Actor{Type: "user", ID: "9a1de644-815e-46d1-bb8f-aa1837f8a88b", Name: "lee.gu@contoso.com", IPAddress: "203.0.113.24"}},
		{"Update conditional access policy", finding.Actor{Type: "user", ID: "17fc695a-07a0-4a6e-8822-e8f36c031199", Name: "megan.bowen@contoso.com", IPAddress: "198.51.100.77"}},
		{"Add member to role", finding.Actor{Type: "user", ID: "23b8c1e9-3924-46de-beb1-3b9046685257", Name: "bg1@contoso.onmicrosoft.com", IPAddress: "192.0.2.181"}},
		{"Update a partner cross-tenant access setting", finding.Actor{Type: "user", ID: "9a1de644-815e-46d1-bb8f-aa1837f8a88b", Name: "lee.gu@contoso.com", IPAddress: "203.0.113.24"}},
		{"Add app role assignment to service principal", finding.Actor{Type: "app", ID: "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9da5", Name: "Fabrikam Mail Archiver", AppID: "f7a8b9c0-d1e2-4f3a-8b4c-5d6e7f8a9bb6"}},
	} {
		ch := d.Changes[i]
		a := ch.Attribution
		if a == nil || a.Status != finding.AttributionFound || len(a.Events) != 1 {
			t.Errorf("%s: %+v, want one attributing event", ch.Resource.Name, a)
			continue
		}
		if e := a.Events[0]; e.Activity != want.activity || e.Actor != want.actor || e.Result != "success" ||
			e.Time.Before(from.AddDate(0, 0, 1)) || e.Time.After(to) {
			t.Errorf("%s: %s by %+v at %s, want %s by %+v", ch.Resource.Name, e.Activity, e.Actor, e.Time, want.activity, want.actor)
		}
	}
	sms := d.Changes[5].Attribution
	if sms == nil || sms.Status != finding.AttributionNoEvent ||
		sms.Message != "no directory audit event between 2026-11-02T06:00:00Z and 2026-12-04T00:00:00Z names this object; "+note {
		t.Fatalf("SMS: %+v", sms)
	}
	for _, r := range c.Fake.Requests() {
		if !strings.Contains(r.URL, "$filter=") {
			t.Errorf("unfiltered request %s", r.URL)
		}
	}
}
