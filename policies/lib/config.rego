# METADATA
# title: Configuration helpers
# description: |
#   The engine loads entra-audit.yaml into data.config:
#     data.config.breakGlass.users          [object ids]
#     data.config.breakGlass.groups         [group ids holding only those accounts]
#     data.config.trustedTenants            [tenant ids]
#     data.config.controls[<id>].exclusions {users, groups, roles,
#                                            servicePrincipals, guestTypes}
#     data.config.controls[<id>].roleExclusions {users, groups}
#   Controls call these with rego.metadata.chain() so their ID stays written
#   once, in their METADATA.
package lib.config

# control_id is the ID in the calling control's METADATA.
control_id(chain) := id if {
	some entry in chain
	id := entry.annotations.custom.id
}

default _controls := {}

_controls := data.config.controls

_control(chain) := object.get(_controls, control_id(chain), {})

# exclusions declared for the calling control, each list present (maybe empty).
exclusions(chain) := {k: object.get(declared, k, []) |
	declared := object.get(_control(chain), "exclusions", {})
	some k in ["users", "groups", "roles", "servicePrincipals", "guestTypes"]
}

# role_exclusions are permanent role holders declared for the calling control.
role_exclusions(chain) := {k: object.get(declared, k, []) |
	declared := object.get(_control(chain), "roleExclusions", {})
	some k in ["users", "groups"]
}

default break_glass_users := []

break_glass_users := data.config.breakGlass.users

# break_glass_groups are groups that hold only emergency-access accounts:
# excluding one of them excludes the accounts (the snapshot has no group
# membership to check that by).
default break_glass_groups := []

break_glass_groups := data.config.breakGlass.groups

default trusted_tenants := []

trusted_tenants := data.config.trustedTenants
