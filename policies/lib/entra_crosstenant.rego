# METADATA
# title: Cross-tenant access helpers for entra-audit's own controls
# description: |
#   Partners are judged against data.config.trustedTenants. In a partner
#   configuration, null means "inherit the default", which the default's
#   own controls judge.
package lib.entra_crosstenant

import data.lib.config

default_policy := object.get(input, ["crossTenantAccess", "default"], {})

partners := object.get(input, ["crossTenantAccess", "partners"], [])

is_trusted(tenant_id) if {
	some t in config.trusted_tenants
	lower(t) == lower(tenant_id)
}

# partner_name: partners carry no display name; identity sync does.
partner_name(p) := p.identitySynchronization.displayName if {
	is_string(p.identitySynchronization.displayName)
} else := p.tenantId

# open_to_all_users: a usersAndGroups setting lets every external user in.
# "blocked" for some listed users or groups allows everybody else.
open_to_all_users(setting) if {
	setting.accessType == "allowed"
	_targets_all_users(setting)
}

open_to_all_users(setting) if {
	setting.accessType == "blocked"
	not _targets_all_users(setting)
}

# fully_blocked: nobody gets in through this setting.
fully_blocked(setting) if {
	setting.accessType == "blocked"
	_targets_all_users(setting)
}

_targets_all_users(setting) if {
	some t in object.get(setting, "targets", [])
	t.target == "AllUsers"
}
