package snapshot_test

import (
	"testing"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

const (
	idFabrikam  = "a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"
	idNorthwind = "fc377a4c-4a15-444d-85e7-ce8a3a578a8e"
)

func TestCrossTenantContoso(t *testing.T) {
	env := newFamilyEnv(t, contosoTenant(t), false)
	res := env.run(t, snapshot.NewCrossTenantCollector())

	outcome(t, res, "crossTenantAccess.policy", snapshot.StatusCollected)
	def := outcome(t, res, "crossTenantAccess.default", snapshot.StatusCollected).Objects[0]
	if dump(def["b2bDirectConnectInbound"]) == "" || def["inboundTrust"].(map[string]any)["isMfaAccepted"] != false {
		t.Errorf("default: %s", dump(def))
	}
	mto := outcome(t, res, "crossTenantAccess.multiTenantOrganization", snapshot.StatusCollected).Objects[0]
	if mto["state"] != "inactive" {
		t.Errorf("multi-tenant organization state %v, want inactive", mto["state"])
	}

	partners := map[string]snapshot.Object{}
	for _, p := range outcome(t, res, "crossTenantAccess.partners", snapshot.StatusCollected).Objects {
		partners[p["tenantId"].(string)] = p
	}
	if len(partners) != 2 {
		t.Fatalf("partners: %d, want 2", len(partners))
	}
	sync, _ := partners[idFabrikam]["identitySynchronization"].(map[string]any)
	if sync["displayName"] != "Fabrikam" || dump(sync["userSyncInbound"]) != `{"isSyncAllowed":true}` {
		t.Errorf("Fabrikam identity synchronization: %s", dump(sync))
	}
	if v, ok := partners[idNorthwind]["identitySynchronization"]; !ok || v != nil {
		t.Errorf("Northwind (404): identitySynchronization %v (present %v), want null", v, ok)
	}
	for _, r := range env.requestsTo("/identitySynchronization") {
		if !r.InBatch {
			t.Errorf("identity synchronization read outside $batch: %s", r.URL)
		}
	}
	if n := len(env.requestsTo("/identitySynchronization")); n != 2 {
		t.Errorf("identity synchronization requests: %d, want 2", n)
	}
}

func TestCrossTenantMissingPermission(t *testing.T) {
	tn := contosoTenant(t)
	tn.SetError("/v1.0/policies/crossTenantAccessPolicy/partners", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	tn.SetError("/v1.0/tenantRelationships/multiTenantOrganization", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewCrossTenantCollector())
	outcome(t, res, "crossTenantAccess.default", snapshot.StatusCollected)
	if o := outcome(t, res, "crossTenantAccess.partners", snapshot.StatusMissingPermission); o.Permission != "Policy.Read.All" {
		t.Errorf("partners: permission %q", o.Permission)
	}
	if o := outcome(t, res, "crossTenantAccess.multiTenantOrganization", snapshot.StatusMissingPermission); o.Permission != "MultiTenantOrganization.ReadBasic.All" {
		t.Errorf("multi-tenant organization: permission %q", o.Permission)
	}
}
