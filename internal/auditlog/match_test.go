package auditlog

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// Ids of the matching table.
const (
	policyCA005     = "3eabedcb-baa8-4dd4-88bd-64072bcfbe01"
	policyCA002     = "ab9099a4-35a2-40ae-9af3-05535ec42e08"
	policyCA007     = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e" // excludes Isaiah and Fabrikam's guests
	policyUntouched = "451b4cf3-6123-4df7-b656-af7229d4beef"
	megan           = "17fc695a-07a0-4a6e-8822-e8f36c031199"
	isaiah          = "c241330b-01a9-471f-9e8a-774bcf36d58b"
	globalAdmin     = "62e90394-69f5-4237-9190-012177145e10"
	securityAdmin   = "194ae4cb-b126-40b2-bd5b-6091b380977d"
	gaDirectoryRole = "8d1e3f5a-2c4b-4e6d-9f70-1a3b5c7d9e02"
	hrSync          = "43b7a3a6-9a8d-4a03-980d-7b71d8f56413"
	msGraphSP       = "5f0f2f4b-2b7e-4d2a-9c1e-0a9b8c7d6e51"
	roleMgmtRW      = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"
	userReadAll     = "df021288-bdef-4463-88db-98f22de89214"
	fabrikam        = "a9488d99-0bbb-4599-91ce-5dd2b45ed1f0"
	northwind       = "fc377a4c-4a15-444d-85e7-ce8a3a578a8e"
	ctapObject      = "6f2b4d8a-0c1e-4a3b-9d5f-7e8a0b1c2d3f" // the cross-tenant access policy object
)

// Realistic directoryAudit shapes, by the name the table uses.
var tableEvents = map[string]string{
	"ca005 update": `{"id":"IPCGraph_5b1f0c3e_R7K2M_41823077","category":"Policy","correlationId":"5b1f0c3e-8a2d-4e6f-9c17-2d4b6a8e0f13",
		"result":"success","resultReason":"","activityDisplayName":"Update conditional access policy","activityDateTime":"2026-11-05T14:22:31.4812374Z",
		"loggedByService":"Conditional Access","operationType":"Update",
		"initiatedBy":{"user":{"id":"9a1de644-815e-46d1-bb8f-aa1837f8a88b","displayName":null,"userPrincipalName":"lee.gu@contoso.com","ipAddress":"203.0.113.24","userType":null,"homeTenantId":null,"homeTenantName":null},"app":null},
		"targetResources":[{"id":"` + policyCA005 + `","displayName":"CA005 Block high-risk sign-ins","type":"Policy","userPrincipalName":null,"groupType":null,
			"modifiedProperties":[{"displayName":"ConditionalAccessPolicy",
				"oldValue":"{\"id\":\"` + policyCA005 + `\",\"displayName\":\"CA005 Block high-risk sign-ins\",\"state\":\"enabled\"}",
				"newValue":"{\"id\":\"` + policyCA005 + `\",\"displayName\":\"CA005 Block high-risk sign-ins (report-only)\",\"state\":\"enabledForReportingButNotEnforced\"}"}],
			"administrativeUnits":[]}],"additionalDetails":[]}`,
	"ca005 update before the window": `{"id":"IPCGraph_old","result":"success","activityDisplayName":"Update conditional access policy",
		"activityDateTime":"2026-11-01T23:59:59Z","loggedByService":"Conditional Access","category":"Policy",
		"initiatedBy":{"user":{"id":"17fc695a-07a0-4a6e-8822-e8f36c031199","userPrincipalName":"megan.bowen@contoso.com"}},
		"targetResources":[{"id":"` + policyCA005 + `","displayName":"CA005 Block high-risk sign-ins","type":"Policy","modifiedProperties":[]}]}`,
	"ca005 failed update": `{"id":"IPCGraph_failed","result":"failure","resultReason":"Microsoft.AAD.CAP.AuthorizationFailure",
		"activityDisplayName":"Update conditional access policy","activityDateTime":"2026-11-04T08:03:57.1287745Z","loggedByService":"Conditional Access",
		"initiatedBy":{"user":{"id":"47378190-96da-4dac-b2ff-5d2a386ecbe0","userPrincipalName":"grady.archie@contoso.com"}},
		"targetResources":[{"id":"` + policyCA005 + `","displayName":"CA005 Block high-risk sign-ins","type":"Policy","modifiedProperties":[]}]}`,
	"ca005 update timed out": `{"id":"IPCGraph_timeout","result":"timeout","activityDisplayName":"Update conditional access policy",
		"activityDateTime":"2026-11-04T08:10:00Z","initiatedBy":{"user":{"id":"47378190-96da-4dac-b2ff-5d2a386ecbe0","userPrincipalName":"grady.archie@contoso.com"}},
		"targetResources":[{"id":"` + strings.ToUpper(policyCA005) + `","type":"Policy"}]}`,
	"ca007 update mentioning Isaiah and Fabrikam": `{"id":"IPCGraph_ca007","result":"success","activityDisplayName":"Update conditional access policy",
		"activityDateTime":"2026-11-06T10:00:00Z","loggedByService":"Conditional Access","category":"Policy",
		"initiatedBy":{"user":{"id":"9a1de644-815e-46d1-bb8f-aa1837f8a88b","userPrincipalName":"lee.gu@contoso.com"}},
		"targetResources":[{"id":"` + policyCA007 + `","displayName":"CA007 Guests","type":"Policy","modifiedProperties":[{"displayName":"ConditionalAccessPolicy",
			"oldValue":"{\"conditions\":{\"users\":{\"excludeUsers\":[]}}}",
			"newValue":"{\"conditions\":{\"users\":{\"excludeUsers\":[\"` + isaiah + `\"],\"excludeGuestsOrExternalUsers\":{\"guestOrExternalUserTypes\":\"b2bCollaborationGuest\",\"externalTenants\":{\"membershipKind\":\"enumerated\",\"members\":[\"` + fabrikam + `\"]}}}}}"}]}]}`,
	"add member to role GA": `{"id":"Directory_e2a6b8d0_9XW3T_77410286","category":"RoleManagement","correlationId":"e2a6b8d0-4c1f-4e3a-9b75-0d8f6a4c2e19",
		"result":"success","resultReason":"","activityDisplayName":"Add member to role","activityDateTime":"2026-11-22T02:14:55.6650934Z",
		"loggedByService":"Core Directory","operationType":"Assign",
		"initiatedBy":{"user":{"id":"23b8c1e9-3924-46de-beb1-3b9046685257","displayName":null,"userPrincipalName":"bg1@contoso.onmicrosoft.com","ipAddress":"192.0.2.181"},"app":null},
		"targetResources":[
			{"id":"` + megan + `","displayName":null,"type":"User","userPrincipalName":"megan.bowen@contoso.com","modifiedProperties":[
				{"displayName":"Role.ObjectID","oldValue":null,"newValue":"\"` + gaDirectoryRole + `\""},
				{"displayName":"Role.DisplayName","oldValue":null,"newValue":"\"Global Administrator\""},
				{"displayName":"Role.TemplateId","oldValue":null,"newValue":"\"` + globalAdmin + `\""},
				{"displayName":"Role.WellKnownObjectName","oldValue":null,"newValue":"\"CompanyAdministrator\""}]},
			{"id":"` + gaDirectoryRole + `","displayName":"Global Administrator","type":"Role","modifiedProperties":[]}],"additionalDetails":[]}`,
	"add member to role Security Administrator": `{"id":"Directory_secadmin","result":"success","activityDisplayName":"Add member to role",
		"activityDateTime":"2026-11-23T09:00:00Z","loggedByService":"Core Directory","category":"RoleManagement",
		"initiatedBy":{"user":{"id":"23b8c1e9-3924-46de-beb1-3b9046685257","userPrincipalName":"bg1@contoso.onmicrosoft.com"}},
		"targetResources":[{"id":"` + megan + `","type":"User","userPrincipalName":"megan.bowen@contoso.com","modifiedProperties":[
				{"displayName":"Role.DisplayName","oldValue":null,"newValue":"\"Security Administrator\""},
				{"displayName":"Role.TemplateId","oldValue":null,"newValue":"\"` + securityAdmin + `\""}]},
			{"id":"aa1b2c3d-0000-4000-8000-000000000194","displayName":"Security Administrator","type":"Role"}]}`,
	"add app role assignment": `{"id":"Directory_8c4e6a2f_5LM8R_77708153","category":"ApplicationManagement","result":"success",
		"activityDisplayName":"Add app role assignment to service principal","activityDateTime":"2026-11-28T21:33:08.8392017Z",
		"loggedByService":"Core Directory","operationType":"Assign",
		"initiatedBy":{"user":null,"app":{"appId":"f7a8b9c0-d1e2-4f3a-8b4c-5d6e7f8a9bb6","displayName":"Fabrikam Mail Archiver","servicePrincipalId":"7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9da5","servicePrincipalName":null}},
		"targetResources":[
			{"id":"` + msGraphSP + `","displayName":"Microsoft Graph","type":"ServicePrincipal","modifiedProperties":[
				{"displayName":"AppRole.Id","oldValue":null,"newValue":"\"` + roleMgmtRW + `\""},
				{"displayName":"AppRole.Value","oldValue":null,"newValue":"\"RoleManagement.ReadWrite.Directory\""},
				{"displayName":"ServicePrincipal.ObjectID","oldValue":null,"newValue":"\"` + hrSync + `\""},
				{"displayName":"ServicePrincipal.DisplayName","oldValue":null,"newValue":"\"Contoso HR Sync\""}]},
			{"id":"` + hrSync + `","displayName":"Contoso HR Sync","type":"ServicePrincipal","modifiedProperties":[]}]}`,
	"remove another app role": `{"id":"Directory_remove_userreadall","result":"success","activityDisplayName":"Remove app role assignment from service principal",
		"activityDateTime":"2026-11-29T08:00:00Z","loggedByService":"Core Directory","category":"ApplicationManagement",
		"initiatedBy":{"user":{"id":"9a1de644-815e-46d1-bb8f-aa1837f8a88b","userPrincipalName":"lee.gu@contoso.com"}},
		"targetResources":[
			{"id":"` + msGraphSP + `","displayName":"Microsoft Graph","type":"ServicePrincipal","modifiedProperties":[
				{"displayName":"AppRole.Id","oldValue":"\"` + userReadAll + `\"","newValue":null},
				{"displayName":"AppRole.Value","oldValue":"\"User.Read.All\"","newValue":null},
				{"displayName":"ServicePrincipal.ObjectID","oldValue":"\"` + hrSync + `\"","newValue":null}]},
			{"id":"` + hrSync + `","displayName":"Contoso HR Sync","type":"ServicePrincipal","modifiedProperties":[]}]}`,
	"update policy cross-tenant Fabrikam": `{"id":"Directory_ctap_update","category":"Policy","result":"success","activityDisplayName":"Update policy",
		"activityDateTime":"2026-11-24T15:30:00Z","loggedByService":"Core Directory","operationType":"Update",
		"initiatedBy":{"user":{"id":"9a1de644-815e-46d1-bb8f-aa1837f8a88b","userPrincipalName":"lee.gu@contoso.com","ipAddress":"203.0.113.24"}},
		"targetResources":[{"id":"` + ctapObject + `","displayName":"CrossTenantAccessPolicy","type":"Policy","modifiedProperties":[
			{"displayName":"PolicyDetail",
			 "oldValue":"[\"{\\\"TenantId\\\":\\\"` + fabrikam + `\\\",\\\"InboundTrust\\\":null}\"]",
			 "newValue":"[\"{\\\"TenantId\\\":\\\"` + fabrikam + `\\\",\\\"InboundTrust\\\":{\\\"IsMfaAccepted\\\":true,\\\"IsCompliantDeviceAccepted\\\":true}}\"]"}]}]}`,
	"partner setting Fabrikam": `{"id":"Directory_0f3b5d7e_2HN6V_77592044","category":"CrossTenantAccessSettings","result":"success",
		"activityDisplayName":"Update a partner cross-tenant access setting","activityDateTime":"2026-11-25T10:05:33.2104418Z",
		"loggedByService":"Core Directory","operationType":"Update",
		"initiatedBy":{"user":{"id":"9a1de644-815e-46d1-bb8f-aa1837f8a88b","userPrincipalName":"lee.gu@contoso.com"}},
		"targetResources":[{"id":"` + fabrikam + `","displayName":null,"type":"Policy","modifiedProperties":[
			{"displayName":"PartnerIdentifier","oldValue":"\"` + fabrikam + `\"","newValue":"\"` + fabrikam + `\""}]}]}`,
	"partner setting Northwind, by property only": `{"id":"Directory_northwind","category":"CrossTenantAccessSettings","result":"success",
		"activityDisplayName":"Update a partner cross-tenant access setting","activityDateTime":"2026-11-26T10:00:00Z",
		"initiatedBy":{"user":{"id":"9a1de644-815e-46d1-bb8f-aa1837f8a88b","userPrincipalName":"lee.gu@contoso.com"}},
		"targetResources":[{"id":"` + ctapObject + `","type":"Policy","modifiedProperties":[
			{"displayName":"PartnerIdentifier","oldValue":null,"newValue":"\"` + northwind + `\""},
			{"displayName":"PartnerPolicyDetail","oldValue":null,"newValue":"{\"b2bDirectConnectInbound\":{\"usersAndGroups\":{\"accessType\":\"allowed\"}}}"}]}]}`,
	"auth methods policy update": `{"id":"Authentication Methods_4d6f8a0b_1ZG16_116958925","category":"ApplicationManagement","result":"success",
		"activityDisplayName":"Authentication Methods Policy Update","activityDateTime":"2026-11-15T12:00:00Z","loggedByService":"Authentication Methods",
		"operationType":"Update","initiatedBy":{"user":{"id":"972a8469-1641-4f82-8b9d-2434e465e150","userPrincipalName":"adele.vance@contoso.com"}},
		"targetResources":[{"id":"authenticationMethodsPolicy","displayName":"Authentication Methods Policy","type":"Policy","modifiedProperties":[
			{"displayName":"AuthenticationMethodsPolicy","oldValue":"{\"authenticationMethodConfigurations\":[{\"id\":\"Sms\",\"state\":\"disabled\"}]}",
			 "newValue":"{\"authenticationMethodConfigurations\":[{\"id\":\"Sms\",\"state\":\"enabled\"}]}"}]}]}`,
	"auth methods policy update naming no id": `{"id":"Authentication Methods_noid","category":"ApplicationManagement","result":"success",
		"activityDisplayName":"Authentication Methods Policy Update","activityDateTime":"2026-11-16T12:00:00Z","loggedByService":"Authentication Methods",
		"initiatedBy":{"user":{"id":"972a8469-1641-4f82-8b9d-2434e465e150","userPrincipalName":"adele.vance@contoso.com"}},
		"targetResources":[{"id":"00000000-0000-0000-0000-000000000000","displayName":"Authentication Methods Policy","type":"Policy","modifiedProperties":[]}]}`,
	"add member to group Marketing": `{"id":"Directory_6d8f0b2c_3TY5U_77661390","category":"GroupManagement","result":"success","activityDisplayName":"Add member to group",
		"activityDateTime":"2026-11-26T11:47:19.9001562Z","loggedByService":"Core Directory","operationType":"Assign",
		"initiatedBy":{"user":{"id":"972a8469-1641-4f82-8b9d-2434e465e150","userPrincipalName":"adele.vance@contoso.com"}},
		"targetResources":[{"id":"5e7a9c1d-3b2f-4d6e-8a14-7c9b0e2f4d31","type":"User","userPrincipalName":"johanna.lorenz@contoso.com","modifiedProperties":[
				{"displayName":"Group.ObjectID","oldValue":null,"newValue":"\"3c6e8a0b-2d4f-4a7c-9e51-6b8d0f2a4c72\""}]},
			{"id":"3c6e8a0b-2d4f-4a7c-9e51-6b8d0f2a4c72","displayName":"Marketing","type":"Group","groupType":"unifiedGroups"}]}`,
	"add delegated permission grant": `{"id":"Directory_grant","category":"ApplicationManagement","result":"success",
		"activityDisplayName":"Add delegated permission grant","activityDateTime":"2026-11-27T09:30:00Z","loggedByService":"Core Directory",
		"operationType":"Assign","initiatedBy":{"user":{"id":"972a8469-1641-4f82-8b9d-2434e465e150","userPrincipalName":"adele.vance@contoso.com"}},
		"targetResources":[
			{"id":"` + msGraphSP + `","displayName":"Microsoft Graph","type":"ServicePrincipal","modifiedProperties":[
				{"displayName":"DelegatedPermissionGrant.Scope","oldValue":null,"newValue":"\" User.Read Mail.Read\""},
				{"displayName":"DelegatedPermissionGrant.ConsentType","oldValue":null,"newValue":"\"AllPrincipals\""}]},
			{"id":"` + hrSync + `","displayName":"Contoso HR Sync","type":"ServicePrincipal","modifiedProperties":[]}]}`,
	"reset password": `{"id":"Directory_reset","category":"UserManagement","result":"success","activityDisplayName":"Reset user password",
		"activityDateTime":"2026-11-08T09:12:40.3318705Z","loggedByService":"Core Directory",
		"initiatedBy":{"user":{"id":"972a8469-1641-4f82-8b9d-2434e465e150","userPrincipalName":"adele.vance@contoso.com"}},
		"targetResources":[{"id":"0d4f7a2e-6c1b-4e8a-9f35-8b2c7d1e6a90","type":"User","userPrincipalName":"diego.siciliani@contoso.com","modifiedProperties":[]}]}`,
}

func change(typ, id, name string, related ...string) finding.ObjectChange {
	return finding.ObjectChange{Kind: finding.ChangeModified, Resource: finding.Resource{Type: typ, ID: id, Name: name}, Related: related}
}

func TestAttributeMatchingRule(t *testing.T) {
	var events []finding.AuditEvent
	for name, raw := range tableEvents {
		ev, err := decodeEvent(json.RawMessage(raw))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		events = append(events, ev)
	}
	from := time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
	to := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		change finding.ObjectChange
		want   []string // event ids, oldest first; none: no_event
	}{
		{"CA policy by its target id; failed, timed-out and earlier updates left out",
			change("conditionalAccess.policies", policyCA005, "CA005"), []string{"IPCGraph_5b1f0c3e_R7K2M_41823077"}},
		{"CA policy id case-insensitively",
			change("conditionalAccess.policies", strings.ToUpper(policyCA007), "CA007"), []string{"IPCGraph_ca007"}},
		{"a CA policy no event names", change("conditionalAccess.policies", policyUntouched, "CA006"), nil},
		{"role assignment: principal as target, role template id in Role.TemplateId",
			change("roles.assignments", "lAPpYvVpN0KRkAEhdxReEFpp_BegB25KiCLo82wDEZk-1", "Megan GA", megan, globalAdmin),
			[]string{"Directory_e2a6b8d0_9XW3T_77410286"}},
		{"PIM schedule instance of the same assignment shares its event",
			change("roles.assignmentScheduleInstances", "lAPpYvVpN0KRkAEhdxReEFpp_BegB25KiCLo82wDEZk-1", "Megan GA", strings.ToUpper(megan), globalAdmin),
			[]string{"Directory_e2a6b8d0_9XW3T_77410286"}},
		{"another role of the same principal matches only its own event",
			change("roles.assignments", "y-secadmin-1", "Megan Security Admin", megan, securityAdmin), []string{"Directory_secadmin"}},
		{"a role assignment with one usable related id never matches by the principal alone",
			change("roles.assignments", "x-1", "Megan ?", megan, "00000000-0000-0000-0000-000000000000"), nil},
		{"a non-relationship object is not matched through related ids",
			change("roles.definitions", "custom-role", "Custom", megan, globalAdmin), nil},
		{"app role assignment: service principals as targets, AppRole.Id",
			change("apps.appRoleAssignments", "pqO3Q42aA0qYBntx2PVkE4Nf0lHXnA5Ek8JwVq0dCQA", "HR Sync RoleManagement.ReadWrite.Directory", roleMgmtRW, hrSync, msGraphSP),
			[]string{"Directory_8c4e6a2f_5LM8R_77708153"}},
		{"an app role assignment of another role between the same service principals: only its own removal",
			change("apps.appRoleAssignments", "pqO3Q42aA0qYBntx2PVkE6wQ2nIZpC7Gm0LyXs2fESC", "HR Sync User.Read.All", userReadAll, hrSync, msGraphSP),
			[]string{"Directory_remove_userreadall"}},
		{"partner by the policy detail's TenantId and by its PartnerIdentifier, oldest first",
			change("crossTenantAccess.partners", fabrikam, "Fabrikam"), []string{"Directory_ctap_update", "Directory_0f3b5d7e_2HN6V_77592044"}},
		{"another partner by PartnerIdentifier only",
			change("crossTenantAccess.partners", northwind, "Northwind"), []string{"Directory_northwind"}},
		{"delegated grant to all principals: client and resource as targets",
			change("apps.oauth2PermissionGrants", "grant-all", "HR Sync on Graph", hrSync, msGraphSP), []string{"Directory_grant"}},
		{"a per-user grant also needs its principal named",
			change("apps.oauth2PermissionGrants", "grant-megan", "HR Sync on Graph for Megan", hrSync, msGraphSP, megan), nil},
		{"a user listed inside a CA policy's value is not its event",
			change("principals.users", isaiah, "Isaiah Langer"), nil},
		{"authentication methods policy when the event targets its id; never by display name",
			change("authenticationMethods.policy", "authenticationMethodsPolicy", "Authentication Methods Policy"),
			[]string{"Authentication Methods_4d6f8a0b_1ZG16_116958925"}},
		{"a service principal is the target of its grant and app role events",
			change("apps.servicePrincipals", hrSync, "Contoso HR Sync", "b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d61", "bdd640fb-0667-4ad1-9c80-317fa3b1799d"),
			[]string{"Directory_grant", "Directory_8c4e6a2f_5LM8R_77708153", "Directory_remove_userreadall"}},
	} {
		d := &finding.Drift{Changes: []finding.ObjectChange{tc.change}}
		Attribute(d, events, nil, from, to, time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), RetentionPremium)
		a := d.Changes[0].Attribution
		var got []string
		for _, ev := range a.Events {
			got = append(got, ev.ID)
		}
		switch {
		case tc.want == nil && (a.Status != finding.AttributionNoEvent || len(got) > 0):
			t.Errorf("%s: %s %v, want no_event", tc.name, a.Status, got)
		case tc.want != nil && (a.Status != finding.AttributionFound || !slices.Equal(got, tc.want)):
			t.Errorf("%s: %s %v, want attributed %v", tc.name, a.Status, got, tc.want)
		}
	}
}
