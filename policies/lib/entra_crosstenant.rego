# METADATA
# title: Cross-tenant access helpers for entra-audit's own controls
# description: |
#   Partners are judged against data.config.trustedTenants. In a partner
#   configuration, null means "inherit the default", which the default's
#   own controls judge. Graph returns every setting of the default and of
#   each partner (null in a partner: inherited); an absent one is reported
#   in `missing` (default_missing, partner_missing).
package lib.entra_crosstenant

import data.lib.config
import data.lib.props
import data.lib.result

default_policy := object.get(input, ["crossTenantAccess", "default"], {})

partners := props.list(object.get(input, ["crossTenantAccess", "partners"], []))

# default_missing and partner_missing are the `missing` entries for the
# paths the default or each partner lacks (every partner needs its
# tenantId); access_missing adds, for a usersAndGroups setting at path, its
# accessType and each target's target.
default_missing(paths) := props.missing_in("crossTenantAccess.default", default_policy, paths)

partner_missing(paths) := {m | some p in partners; some m in props.missing_in("crossTenantAccess.partners", p, array.concat(["tenantId"], paths))}

access_missing(type, obj, path) := props.missing_in(type, obj, [sprintf("%s.accessType", [path]), sprintf("%s.targets", [path])]) | {
result.missing_property(type, obj, sprintf("%s.targets[%d].target", [path, i])) |
	some i, t in props.list(props.get(obj, sprintf("%s.targets", [path]), []))
	props.absent(t, "target")
}

is_trusted(tenant_id) if {
	some t in config.trusted_tenants
	lower(props.str(t)) == lower(props.str(tenant_id))
}

# partner_name: partners carry no display name; identity sync does.
partner_name(p) := p.identitySynchronization.displayName if {
	is_string(p.identitySynchronization.displayName)
} else := object.get(p, "tenantId", "without tenant id")

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
	some t in props.list(props.get(setting, "targets", []))
	t.target == "AllUsers"
}
