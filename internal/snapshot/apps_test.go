package snapshot_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

const (
	roleManagementReadWrite = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"
	graphSPPath             = "/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')"
)

func TestAppsContoso(t *testing.T) {
	env := newFamilyEnv(t, demoTenant(t), false)
	res := env.run(t, snapshot.NewAppsCollector())

	sps := outcome(t, res, "apps.servicePrincipals", snapshot.StatusCollected).Objects
	if len(sps) != 7 {
		t.Errorf("service principals: %d, want 7", len(sps))
	}
	for _, sp := range sps {
		roles, has := sp["appRoles"].([]any)
		if sp["appId"] != "00000003-0000-0000-c000-000000000000" {
			if has {
				t.Errorf("%s keeps appRoles; only Microsoft Graph's are kept", sp["displayName"])
			}
			continue
		}
		found := false
		for _, r := range roles {
			m := r.(map[string]any)
			found = found || (m["id"] == roleManagementReadWrite && m["value"] == "RoleManagement.ReadWrite.Directory")
		}
		if !found {
			t.Errorf("Microsoft Graph appRoles lack RoleManagement.ReadWrite.Directory: %s", dump(roles))
		}
	}
	if n := len(outcome(t, res, "apps.applications", snapshot.StatusCollected).Objects); n != 2 {
		t.Errorf("applications: %d, want 2", n)
	}

	// Graph's holders from one paged collection, Exchange Online's (the
	// well-known API a third-party app holds a role on) through $batch.
	grants := outcome(t, res, "apps.appRoleAssignments", snapshot.StatusCollected).Objects
	var pairs []string
	for _, g := range grants {
		pairs = append(pairs, g["principalDisplayName"].(string)+" -> "+g["resourceDisplayName"].(string)+" "+g["appRoleId"].(string))
	}
	slices.Sort(pairs)
	want := []string{
		"Contoso HR Sync -> Microsoft Graph 06b708a9-e830-4db3-a914-8e69da51d44f",
		"Contoso HR Sync -> Microsoft Graph 9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
		"Contoso HR Sync -> Microsoft Graph df021288-bdef-4463-88db-98f22de89214",
		"Contoso Reporting -> Microsoft Graph 7ab1d382-f21e-4acd-a863-ba3e13f7da61",
		"Fabrikam Mail Archiver -> Office 365 Exchange Online dc890d15-9560-4a4c-9b7f-a736ec74ec40",
	}
	if !slices.Equal(pairs, want) {
		t.Errorf("app role assignments:\n got %v\nwant %v", pairs, want)
	}
	for _, r := range env.fake.Requests() {
		p := strings.ToLower(r.Path)
		if strings.HasPrefix(p, "/v1.0/serviceprincipals/") && !r.InBatch {
			t.Errorf("per-service-principal request outside $batch: %s", r.URL)
		}
		for _, client := range []string{idHRSyncSP, "759cde66-bacf-43d0-8b1f-9163ce9ff57f"} {
			if strings.Contains(p, client) {
				t.Errorf("per-app call for a client app: %s", r.URL)
			}
		}
	}

	// The demo identity lacks Directory.Read.All (the cast's error example).
	if o := outcome(t, res, "apps.oauth2PermissionGrants", snapshot.StatusMissingPermission); o.Permission != "Directory.Read.All" {
		t.Errorf("oauth2PermissionGrants: permission %q", o.Permission)
	}
	if n := len(outcome(t, res, "apps.permissionClassifications", snapshot.StatusCollected).Objects); n != 5 {
		t.Errorf("permission classifications: %d, want 5", n)
	}
}

func TestAppsDelegatedGrants(t *testing.T) {
	tn := demoTenant(t)
	tn.AddCollection("/v1.0/oauth2PermissionGrants", []byte(`{"id":"ZpX4Y1l2mUC-0vBaYh0Qy1a2b3c4","clientId":"759cde66-bacf-43d0-8b1f-9163ce9ff57f",
		"consentType":"AllPrincipals","principalId":null,"resourceId":"5f0f2f4b-2b7e-4d2a-9c1e-0a9b8c7d6e51","scope":"User.Read Mail.Read"}`))
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewAppsCollector())
	g := outcome(t, res, "apps.oauth2PermissionGrants", snapshot.StatusCollected).Objects
	if len(g) != 1 || g[0]["consentType"] != "AllPrincipals" || g[0]["scope"] != "User.Read Mail.Read" {
		t.Errorf("grants: %s", dump(g))
	}
	files, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	name := "apps/oauth2-permission-grants/contoso-reporting--microsoft-graph--allprincipals--" + snapshot.ShortHashForTest("ZpX4Y1l2mUC-0vBaYh0Qy1a2b3c4") + ".yaml"
	if _, ok := files[name]; !ok {
		t.Errorf("no %s in %v", name, keys(files))
	}
}

func TestAppsSecretsNeverRecorded(t *testing.T) {
	tn := demoTenant(t)
	const secret, keyBlob = "s3cr3t-Value~never-in-snapshots", "TUlJQ2tEQ0NBWGlnQXdJQkFnSVFKZ2VlWXZ0RUVLT3E="
	tn.AddCollection("/v1.0/applications", []byte(`{"id":"0a1b2c3d-0000-4000-8000-00000000a001","appId":"0a1b2c3d-0000-4000-8000-00000000a002",
		"displayName":"Leaky App","passwordCredentials":[{"keyId":"0a1b2c3d-0000-4000-8000-00000000a003","hint":"s3c","secretText":"`+secret+`",
		"endDateTime":"2027-01-01T00:00:00Z"}],"keyCredentials":[{"keyId":"0a1b2c3d-0000-4000-8000-00000000a004","key":"`+keyBlob+`",
		"type":"AsymmetricX509Cert","usage":"Verify","endDateTime":"2027-01-01T00:00:00Z"}]}`))
	res := newFamilyEnv(t, tn, false).run(t, snapshot.NewAppsCollector())

	apps := outcome(t, res, "apps.applications", snapshot.StatusCollected).Objects
	if len(apps) != 3 {
		t.Fatalf("applications: %d, want 3", len(apps))
	}
	leaky := dump(apps)
	if !strings.Contains(leaky, "0a1b2c3d-0000-4000-8000-00000000a003") || !strings.Contains(leaky, `"endDateTime":"2027-01-01T00:00:00Z"`) {
		t.Errorf("credential metadata lost: %s", leaky)
	}
	files, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "test", Now: func() time.Time { return time.Unix(0, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("rendered %d files", len(files))
	}
	for name, b := range files {
		text := string(b)
		for _, bad := range []string{secret, keyBlob, "hint:", "secretText", "Xy7", "q8~"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
	for _, o := range res.Outcomes {
		text := dump(o.Objects)
		for _, bad := range []string{secret, keyBlob, `"hint"`, `"secretText"`, `"key":`} {
			if strings.Contains(text, bad) {
				t.Errorf("%s: recorded objects contain %q", o.Key, bad)
			}
		}
	}
}
