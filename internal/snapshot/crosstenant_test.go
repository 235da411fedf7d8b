package snapshot_test

import (
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

const (
	idFabrikam  = "a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"
	idNorthwind = "fc377a4c-4a15-444d-85e7-ce8a3a578a8e"
)

func TestCrossTenantContoso(t *testing.T) {
	env := newFamilyEnv(t, demoTenant(t), false)
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
	tn := demoTenant(t)
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

// Partner tenants are named through findTenantInformationByTenantId, in
// one $batch: Northwind, without identity synchronization, gets a name.
func TestCrossTenantPartnerTenantInformation(t *testing.T) {
	env := newFamilyEnv(t, demoTenant(t), false)
	res := env.run(t, snapshot.NewCrossTenantCollector())
	info := outcome(t, res, "crossTenantAccess.partnerTenantInformation", snapshot.StatusCollected).Objects
	got := map[string]string{}
	for _, o := range info {
		got[o["tenantId"].(string)] = o["displayName"].(string) + " " + o["defaultDomainName"].(string)
		if _, ok := o["@odata.context"]; ok {
			t.Errorf("@odata.context kept: %s", dump(o))
		}
	}
	if got[idFabrikam] != "Fabrikam fabrikam.com" || got[idNorthwind] != "Northwind Traders northwindtraders.com" || len(got) != 2 {
		t.Errorf("tenant information: %v", got)
	}
	reqs := env.requestsTo("findTenantInformationByTenantId")
	if len(reqs) != 2 {
		t.Errorf("tenant information requests: %d, want 2", len(reqs))
	}
	for _, r := range reqs {
		if !r.InBatch {
			t.Errorf("tenant information read outside $batch: %s", r.URL)
		}
	}
	files, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	northwind := files["cross-tenant-access/partners/northwind-traders--fc377a4c.yaml"]
	if northwind == nil {
		t.Fatalf("no partner file named after Northwind: %v", keys(files))
	}
	if b := files["cross-tenant-access/partner-tenant-information/fabrikam--a9488d99.yaml"]; b == nil {
		t.Errorf("no tenant information file for Fabrikam: %v", keys(files))
	}
	if _, ok := files["cross-tenant-access/partners/fabrikam--a9488d99.yaml"]; !ok {
		t.Errorf("no partner file named after Fabrikam: %v", keys(files))
	}
}

func TestCrossTenantPartnerTenantInformationPermissions(t *testing.T) {
	// Without CrossTenantInformation.ReadBasic.All: named as missing, partners kept.
	tn := demoTenant(t)
	for _, id := range []string{idFabrikam, idNorthwind} {
		tn.SetError("/v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='"+id+"')", 403, "Authorization_RequestDenied",
			"Insufficient privileges to complete the operation.")
	}
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewCrossTenantCollector())
	if o := outcome(t, res, "crossTenantAccess.partnerTenantInformation", snapshot.StatusMissingPermission); o.Permission != "CrossTenantInformation.ReadBasic.All" {
		t.Errorf("tenant information: permission %q", o.Permission)
	}
	outcome(t, res, "crossTenantAccess.partners", snapshot.StatusCollected)

	// A tenant Graph no longer knows is left out.
	tn = demoTenant(t)
	tn.SetError("/v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='"+idNorthwind+"')", 404, "Request_ResourceNotFound", "gone")
	res = newFamilyEnv(t, tn, false).run(t, snapshot.NewCrossTenantCollector())
	if o := outcome(t, res, "crossTenantAccess.partnerTenantInformation", snapshot.StatusCollected); len(o.Objects) != 1 {
		t.Errorf("tenant information: %s", dump(o.Objects))
	}

	// Without the partner list there is nothing to look up: the partner
	// list's permission is the one named.
	tn = demoTenant(t)
	tn.SetError("/v1.0/policies/crossTenantAccessPolicy/partners", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	res = newFamilyEnv(t, tn, false).run(t, snapshot.NewCrossTenantCollector())
	if o := outcome(t, res, "crossTenantAccess.partnerTenantInformation", snapshot.StatusMissingPermission); o.Permission != "Policy.Read.All" ||
		!strings.Contains(o.Message, "partners could not be listed") {
		t.Errorf("tenant information: %+v", o)
	}
}
