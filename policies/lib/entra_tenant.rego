# METADATA
# title: Tenant settings helpers for entra-audit's own controls
# description: |
#   Singletons read the same way whether the collector stored an object or
#   (older beta shapes) a one-item list.
package lib.entra_tenant

authorization_policy := p if {
	p := input.tenant.authorizationPolicy
	is_object(p)
}

authorization_policy := p if {
	some p in input.tenant.authorizationPolicy
	is_array(input.tenant.authorizationPolicy)
}

# method is an authentication method configuration by id (Sms, Fido2,
# TemporaryAccessPass, ...), compared case-insensitively.
method(id) := m if {
	some m in object.get(input, ["authenticationMethods", "policy", "authenticationMethodConfigurations"], [])
	lower(m.id) == lower(id)
}

method_enabled(id) if method(id).state == "enabled"
