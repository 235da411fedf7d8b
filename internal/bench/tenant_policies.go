package bench

import (
	"encoding/json"
	"fmt"
)

// conditionalAccess adds policies that exclude users and groups, target
// groups or roles and exclude named locations, and the locations.
func (g generator) conditionalAccess() {
	s := g.s
	states := []string{"enabled", "enabled", "enabledForReportingButNotEnforced", "disabled"}
	g.add("/v1.0/identity/conditionalAccess/policies", s.CAPolicies, func(p int) json.RawMessage {
		include := `"includeUsers":["All"],"includeGroups":[],"includeRoles":[]`
		switch p % 5 {
		case 1:
			include = fmt.Sprintf(`"includeUsers":[],"includeGroups":[%q],"includeRoles":[]`, g.plainGroup(2*s.CAPolicies+p))
		case 2:
			include = fmt.Sprintf(`"includeUsers":[],"includeGroups":[],"includeRoles":[%q]`, builtInRoles[p%len(builtInRoles)])
		}
		return raw(`{"id":%q,"displayName":"CA%04d Require MFA for workload %d","state":%q,
			"createdDateTime":"2024-01-01T00:00:00Z","modifiedDateTime":"2026-01-01T00:00:00Z","templateId":null,
			"conditions":{"clientAppTypes":["all"],"signInRiskLevels":[],"userRiskLevels":[],"servicePrincipalRiskLevels":[],
			"applications":{"includeApplications":["All"],"excludeApplications":[],"includeUserActions":[],"includeAuthenticationContextClassReferences":[]},
			"users":{%s,"excludeUsers":[%q,%q],"excludeGroups":[%q],"excludeRoles":[]},
			"locations":{"includeLocations":["All"],"excludeLocations":[%q]},"platforms":null,"devices":null},
			"grantControls":{"operator":"OR","builtInControls":["mfa"],"customAuthenticationFactors":[],"termsOfUse":[],"authenticationStrength":null},
			"sessionControls":{"signInFrequency":{"isEnabled":true,"type":"hours","value":%d,"frequencyInterval":"timeBased"}}}`,
			id(kindPolicy, p), p, p, states[p%len(states)], include, g.caUser(2*p), g.caUser(2*p+1), g.plainGroup(p),
			id(kindLocation, p%s.NamedLocations), 1+p%12)
	})
	g.add("/v1.0/identity/conditionalAccess/namedLocations", s.NamedLocations, func(i int) json.RawMessage {
		return raw(`{"@odata.type":"#microsoft.graph.ipNamedLocation","id":%q,"displayName":"Branch office %d",
			"createdDateTime":"2022-11-08T12:00:00Z","modifiedDateTime":"2024-11-08T12:00:00Z","isTrusted":%t,
			"ipRanges":[{"@odata.type":"#microsoft.graph.iPv4CidrRange","cidrAddress":"10.%d.%d.0/24"}]}`,
			id(kindLocation, i), i, i%2 == 0, i/256, i%256)
	})
}

// partners adds cross-tenant partners, every other one with an identity
// synchronization policy, each with its tenant's public information.
func (g generator) partners() {
	g.add("/v1.0/policies/crossTenantAccessPolicy/partners", g.s.Partners, func(i int) json.RawMessage {
		tid := id(kindPartner, i)
		if i%2 == 0 {
			g.tn.SetObject("/v1.0/policies/crossTenantAccessPolicy/partners/"+tid+"/identitySynchronization",
				raw(`{"tenantId":%q,"displayName":"Partner %d","userSyncInbound":{"isSyncAllowed":%t}}`, tid, i, i%4 == 0))
		}
		g.tn.SetObject("/v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='"+tid+"')",
			raw(`{"tenantId":%q,"displayName":"Partner %d","defaultDomainName":"partner%d.example","federationBrandName":null}`, tid, i, i))
		return raw(`{"tenantId":%q,"isServiceProvider":%t,"isInMultiTenantOrganization":false,
			"inboundTrust":{"isMfaAccepted":%t,"isCompliantDeviceAccepted":false,"isHybridAzureADJoinedDeviceAccepted":false},
			"automaticUserConsentSettings":{"inboundAllowed":false,"outboundAllowed":false},
			"b2bCollaborationInbound":null,"b2bCollaborationOutbound":null,"b2bDirectConnectInbound":null,"b2bDirectConnectOutbound":null,
			"tenantRestrictions":null}`, tid, i%10 == 0, i%3 == 0)
	})
}
