package snapshot_test

import (
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// renderDemo collects every family of tn (with ARM) and renders the tree.
func renderDemo(t *testing.T, tn *graphtest.Tenant) map[string][]byte {
	t.Helper()
	res := newFamilyEnv(t, tn, true).run(t, snapshot.Catalog()...)
	files, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Objects without a name of their own are named after what they point at,
// and the ids they hold read as names.
func TestDemoFileNamesAndCommentsReadLikeTheTenant(t *testing.T) {
	files := renderDemo(t, demoTenant(t))
	for name, lines := range map[string][]string{
		"roles/assignments/global-administrator--megan-bowen--5353ba3e.yaml": {
			"roleDefinitionId: 62e90394-69f5-4237-9190-012177145e10 # Global Administrator"},
		"roles/eligibility-schedule-instances/privileged-role-administrator--lee-gu--0bfae7d7.yaml":    nil,
		"roles/assignment-schedule-instances/security-administrator--tier0-admins--ae8f4c51.yaml":      nil,
		"roles/group-eligibility-schedule-instances/tier0-admins--grady-archie--member--f46a1fba.yaml": nil,
		"roles/policy-assignments/global-administrator--31905e06.yaml":                                 nil,
		"cross-tenant-access/partners/northwind-traders--fc377a4c.yaml":                                nil,
		"multicloud/azure/role-assignments/user-access-administrator--megan-bowen--root--3f1e5d7c.yaml": {
			"id: /providers/Microsoft.Authorization/roleAssignments/3f1e5d7c-9b2a-4c6e-8d0f-1a3b5c7d9e01\n",
			"roleDefinitionId: /providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9 # User Access Administrator"},
		"multicloud/azure/role-assignments/owner--fabrikam-guest-alex--contoso-production--5a7c9e1b.yaml": nil,
		"apps/app-role-assignments/contoso-hr-sync--rolemanagement-readwrite-directory--e10291cc.yaml": {
			"appRoleId: 9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8 # RoleManagement.ReadWrite.Directory"},
		"apps/app-role-assignments/fabrikam-mail-archiver--full-access-as-app--bf039fbc.yaml": {"# full_access_as_app"},
		"multicloud/federation-apps/aws-iam-identity-center--ec1b8ca1.yaml":                   {"appRoleId: 8774f594-1d59-4279-b9d9-59ef09a23530 # msiam_access"},
	} {
		b, ok := files[name]
		if !ok {
			t.Errorf("no file %s", name)
			continue
		}
		for _, l := range lines {
			if !strings.Contains(string(b), l) {
				t.Errorf("%s lacks %q:\n%s", name, l, b)
			}
		}
	}
	for name := range files {
		if strings.Contains(name, "/object--") {
			t.Errorf("%s: an object without a readable name", name)
		}
	}
}

// Azure built-in roles are named even when their definitions cannot be read.
func TestAzureBuiltInRolesNamedWithoutDefinitions(t *testing.T) {
	tn := demoTenant(t)
	tn.SetError("/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", 403, "AuthorizationFailed", "no")
	files := renderDemo(t, tn)
	b := files["multicloud/azure/role-assignments/user-access-administrator--megan-bowen--root--3f1e5d7c.yaml"]
	if !strings.Contains(string(b), "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9 # User Access Administrator") {
		t.Errorf("role not named:\n%s", b)
	}
}
