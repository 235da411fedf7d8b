# METADATA
# title: Tenant settings helpers for entra-audit's own controls
# description: |
#   Singletons read the same way whether the collector stored an object or
#   (older beta shapes) a one-item list. Authentication method
#   configurations by id, and what a control reports `missing` when Graph's
#   always-present configuration or one of its properties is absent.
package lib.entra_tenant

import data.lib.props
import data.lib.result

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
	some m in _configurations
	lower(props.str(m.id)) == lower(id)
}

_methods_policy := object.get(input, ["authenticationMethods", "policy"], {})

_configurations := props.list(props.get(_methods_policy, "authenticationMethodConfigurations", []))

method_enabled(id) if method(id).state == "enabled"

# method_missing is the `missing` entries of method configuration id:
# Graph returns every built-in method's configuration with its state, so
# an absent configuration, or one without state or one of `fields`, cannot
# be judged (never "disabled").
method_missing(id, fields) := {result.missing_property(
	"authenticationMethods.policy", _methods_policy,
	sprintf("authenticationMethodConfigurations[%s]", [id]),
)} if {
	is_object(_methods_policy)
	not props.absent(_methods_policy, "authenticationMethodConfigurations")
	not method(id)
} else := props.missing_in("authenticationMethods.policy", method(id), array.concat(["state"], fields)) if {
	method(id)
} else := props.missing_in("authenticationMethods.policy", _methods_policy, ["authenticationMethodConfigurations"])
