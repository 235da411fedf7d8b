package bench

import (
	"encoding/json"
	"fmt"
)

// exchangeOnlineAppID is a well-known API the demo tenant has a service
// principal for; some apps ask application permissions of it.
const exchangeOnlineAppID = "00000002-0000-0ff1-ce00-000000000000"

// apps adds service principals (federation apps with their assignees,
// custom APIs with the clients holding their permissions, line-of-business
// apps), their app registrations, application permissions on Microsoft
// Graph and delegated grants.
func (g generator) apps() {
	s := g.s
	g.add("/v1.0/servicePrincipals", s.ServicePrincipals, g.servicePrincipal)
	for i := range s.FederationApps {
		g.add("/v1.0/servicePrincipals/"+g.sp(i)+"/appRoleAssignedTo", 5, func(j int) json.RawMessage {
			who, kind := g.user(3*s.roleHolderUsers()+5*i+j), "User"
			if j == 4 {
				who, kind = g.plainGroup(3*s.CAPolicies+i), "Group"
			}
			return raw(`{"id":"bench-fed-%04d-%d","appRoleId":%q,"principalId":%q,"principalType":%q,"principalDisplayName":"Assignee %d",
				"resourceId":%q,"resourceDisplayName":"Federation app %d","createdDateTime":"2025-08-12T13:40:00Z","deletedDateTime":null}`,
				i, j, id(kindAppRole, i), who, kind, j, g.sp(i), i)
		})
	}
	for c := range s.CustomAPIs {
		api := g.sp(s.FederationApps + c)
		g.add("/v1.0/servicePrincipals/"+api+"/appRoleAssignedTo", 3, func(j int) json.RawMessage {
			return raw(`{"id":"bench-api-%04d-%d","appRoleId":%q,"principalId":%q,"principalType":"ServicePrincipal",
				"principalDisplayName":"Client %d","resourceId":%q,"resourceDisplayName":"Contoso API %d","createdDateTime":"2025-04-01T10:00:00Z"}`,
				c, j, id(kindAppRole, s.FederationApps+c), g.lobSP(13*c+j), j, api, c)
		})
	}
	g.add("/v1.0/applications", s.Applications, g.application)
	g.add("/v1.0/servicePrincipals(appId='"+msGraphAppID+"')/appRoleAssignedTo", s.AppRoleAssignments, func(i int) json.RawMessage {
		return raw(`{"id":"bench-ara-%06d","appRoleId":%q,"createdDateTime":"2025-04-01T10:00:00Z","principalDisplayName":"Line-of-business app %d",
			"principalId":%q,"principalType":"ServicePrincipal","resourceDisplayName":"Microsoft Graph","resourceId":%q,"deletedDateTime":null}`,
			i, graphAppRoles[i%len(graphAppRoles)], i, g.lobSP(i), msGraphSPID)
	})
	// Replaces the demo's 403: a tenant read with Directory.Read.All.
	g.add("/v1.0/oauth2PermissionGrants", s.DelegatedGrants, func(i int) json.RawMessage {
		consent, principal := "AllPrincipals", "null"
		if i%3 == 0 {
			consent, principal = "Principal", fmt.Sprintf("%q", g.user(i))
		}
		return raw(`{"id":"bench-dg-%06d","clientId":%q,"consentType":%q,"principalId":%s,"resourceId":%q,"scope":"User.Read openid profile offline_access"}`,
			i, g.lobSP(i), consent, principal, msGraphSPID)
	})
}

// servicePrincipal i: a federation app (AWS or Google Cloud), a custom
// API, or a line-of-business app.
func (g generator) servicePrincipal(i int) json.RawMessage {
	name, names, sso, required, roles := fmt.Sprintf("Line-of-business app %d", i), fmt.Sprintf(`"api://lob-%d"`, i), "null", false, "[]"
	switch fa := g.s.FederationApps; {
	case i < fa && i%2 == 0:
		name, names, sso, required = fmt.Sprintf("AWS IAM Identity Center %d", i), fmt.Sprintf(`"https://signin.aws.amazon.com/saml#%d"`, i), `"saml"`, true
	case i < fa:
		name, names, sso, required = fmt.Sprintf("Google Cloud %d", i), fmt.Sprintf(`"google.com/a/contoso%d.com"`, i), `"saml"`, true
	case i < fa+g.s.CustomAPIs:
		name, names = fmt.Sprintf("Contoso API %d", i-fa), fmt.Sprintf(`"api://contoso-api-%d"`, i-fa)
	}
	if i < g.s.FederationApps+g.s.CustomAPIs {
		roles = fmt.Sprintf(`[{"id":%q,"value":"Access.%d","displayName":"Access %d","allowedMemberTypes":["User","Application"],"isEnabled":true}]`,
			id(kindAppRole, i), i, i)
	}
	return raw(`{"id":%q,"appId":%q,"displayName":%q,"servicePrincipalType":"Application","accountEnabled":%t,
		"appOwnerOrganizationId":%q,"appRoleAssignmentRequired":%t,"signInAudience":"AzureADMyOrg",
		"tags":["WindowsAzureActiveDirectoryIntegratedApp"],"verifiedPublisher":{"displayName":null},
		"passwordCredentials":[],"keyCredentials":[],"servicePrincipalNames":[%q,%s],"preferredSingleSignOnMode":%s,"appRoles":%s}`,
		g.sp(i), id(kindAppID, i), name, i%23 != 0, demoTenantID, required, id(kindAppID, i), names, sso, roles)
}

// application i is the registration of service principal i: application
// permissions on Microsoft Graph, one in ten also on a custom API, one in
// 25 on Exchange Online; half have a client secret.
func (g generator) application(i int) json.RawMessage {
	access := fmt.Sprintf(`{"resourceAppId":%q,"resourceAccess":[{"id":%q,"type":"Role"}]}`, msGraphAppID, graphAppRoles[i%len(graphAppRoles)])
	if i%10 == 0 {
		api := g.s.FederationApps + (i/10)%g.s.CustomAPIs
		access += fmt.Sprintf(`,{"resourceAppId":%q,"resourceAccess":[{"id":%q,"type":"Role"}]}`, id(kindAppID, api), id(kindAppRole, api))
	}
	if i%25 == 0 {
		access += fmt.Sprintf(`,{"resourceAppId":%q,"resourceAccess":[{"id":"dc890d15-9560-4a4c-9b7f-a736ec74ec40","type":"Role"}]}`, exchangeOnlineAppID)
	}
	secrets := "[]"
	if i%2 == 0 {
		secrets = fmt.Sprintf(`[{"keyId":%q,"displayName":"ci","startDateTime":"2025-01-01T00:00:00Z","endDateTime":"2027-01-01T00:00:00Z","hint":"abc","secretText":null}]`,
			id(kindSchedule, 400_000+i))
	}
	return raw(`{"id":%q,"appId":%q,"displayName":"Line-of-business app %d","signInAudience":"AzureADMyOrg","identifierUris":["api://lob-%d"],
		"passwordCredentials":%s,"keyCredentials":[],"requiredResourceAccess":[%s]}`,
		id(kindApp, i), id(kindAppID, i), i, i, secrets, access)
}
