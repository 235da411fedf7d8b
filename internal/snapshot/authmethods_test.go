package snapshot_test

import (
	"testing"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

func TestAuthMethodsContosoFromBeta(t *testing.T) {
	env := newFamilyEnv(t, demoTenant(t), false)
	res := env.run(t, snapshot.NewAuthMethodsCollector())

	o := outcome(t, res, "authenticationMethods.policy", snapshot.StatusCollected)
	if len(o.Objects) != 1 {
		t.Fatalf("policy objects: %d", len(o.Objects))
	}
	p := o.Objects[0]
	if p["policyMigrationState"] != "migrationComplete" {
		t.Errorf("policyMigrationState %v", p["policyMigrationState"])
	}
	// Beta-only settings are what the beta read is for.
	for _, f := range []string{"systemCredentialPreferences", "reportSuspiciousActivitySettings", "registrationEnforcement"} {
		if _, ok := p[f]; !ok {
			t.Errorf("policy lacks %s", f)
		}
	}
	states := map[string]any{}
	for _, c := range p["authenticationMethodConfigurations"].([]any) {
		m := c.(map[string]any)
		states[m["id"].(string)] = m["state"]
		if m["id"] == "Fido2" && m["isAttestationEnforced"] != false {
			t.Errorf("Fido2 isAttestationEnforced %v", m["isAttestationEnforced"])
		}
	}
	want := map[string]string{"Sms": "enabled", "Voice": "enabled", "Email": "enabled",
		"MicrosoftAuthenticator": "enabled", "Fido2": "enabled", "TemporaryAccessPass": "disabled"}
	for id, state := range want {
		if states[id] != state {
			t.Errorf("%s: state %v, want %s", id, states[id], state)
		}
	}
	if len(env.requestsTo("/v1.0/policies/authenticationMethodsPolicy")) != 0 {
		t.Error("v1.0 read although beta answered")
	}
}

func TestAuthMethodsFallsBackToV1(t *testing.T) {
	tn := demoTenant(t)
	tn.SetError("/beta/policies/authenticationMethodsPolicy", 404, "Request_ResourceNotFound", "not in this cloud")
	tn.SetObject("/v1.0/policies/authenticationMethodsPolicy", []byte(`{"id":"authenticationMethodsPolicy","policyMigrationState":"preMigration","authenticationMethodConfigurations":[]}`))
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewAuthMethodsCollector())
	if p := outcome(t, res, "authenticationMethods.policy", snapshot.StatusCollected).Objects[0]; p["policyMigrationState"] != "preMigration" {
		t.Errorf("v1.0 policy not recorded: %v", p)
	}
}

func TestAuthMethodsMissingPermission(t *testing.T) {
	tn := demoTenant(t)
	tn.SetError("/beta/policies/authenticationMethodsPolicy", 403, "AccessDenied", "You cannot perform the requested operation, required scopes are missing in the token.")
	env := newFamilyEnv(t, tn, false)
	res := env.run(t, snapshot.NewAuthMethodsCollector())
	if o := outcome(t, res, "authenticationMethods.policy", snapshot.StatusMissingPermission); o.Permission != "Policy.Read.All" {
		t.Errorf("permission %q", o.Permission)
	}
	if len(env.requestsTo("/v1.0/policies/authenticationMethodsPolicy")) != 0 {
		t.Error("a missing permission was retried on v1.0")
	}
}
