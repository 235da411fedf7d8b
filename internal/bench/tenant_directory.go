package bench

import "encoding/json"

// directory adds users and groups.
func (g generator) directory() {
	g.add("/v1.0/users", g.s.Users, func(i int) json.RawMessage {
		upn, kind := "user%d@contoso.com", "Member"
		if i%20 == 19 {
			upn, kind = "user%d_fabrikam.com#EXT#@contoso.onmicrosoft.com", "Guest"
		}
		synced := "null"
		if i%5 < 3 {
			synced = "true"
		}
		return raw(`{"id":%q,"displayName":"User %d","userPrincipalName":"`+upn+`","userType":%q,"accountEnabled":%t,
			"onPremisesSyncEnabled":%s,"mail":null,"jobTitle":"Engineer","givenName":"User","surname":"%d"}`,
			id(kindUser, i), i, i, kind, i%17 != 0, synced, i)
	})
	g.add("/v1.0/groups", g.s.Groups, func(i int) json.RawMessage {
		if i < g.s.PIMGroups {
			return raw(`{"id":%q,"displayName":"PIM Group %d","description":"Privileged access group","isAssignableToRole":true,
				"securityEnabled":true,"mailEnabled":false,"groupTypes":[],"membershipRule":null,"membershipRuleProcessingState":null,
				"onPremisesSyncEnabled":null,"createdDateTime":"2025-02-01T08:00:00Z"}`, id(kindGroup, i), i)
		}
		types, rule, state, mail := `[]`, `null`, `null`, false
		switch i % 5 {
		case 0:
			types, rule, state = `["DynamicMembership"]`, `"user.department -eq \"Dept `+itoa(i)+`\""`, `"On"`
		case 1:
			types, mail = `["Unified"]`, true
		}
		return raw(`{"id":%q,"displayName":"Group %d","description":null,"isAssignableToRole":false,"securityEnabled":%t,
			"mailEnabled":%t,"groupTypes":%s,"membershipRule":%s,"membershipRuleProcessingState":%s,"onPremisesSyncEnabled":null,
			"createdDateTime":"2024-06-01T08:00:00Z"}`, id(kindGroup, i), i, !mail, mail, types, rule, state)
	})
}
