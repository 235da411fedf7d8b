package snapshot

import "context"

// Conditional Access: policies, named locations, authentication strengths
// (built-in and custom) and authentication contexts. All need Entra ID P1;
// a tenant without it answers 403
// Authentication_RequestFromNonPremiumTenantOrB2CTenant (recorded as
// license_required) or, as often, an empty list (recorded as collected with
// count 0: policies read tenant.subscribedSkus before concluding anything).
// Graph paces these endpoints at 1 request/second per tenant; the client
// serialises them, so this collector reads them one after the other.

const licenseP1 = "Microsoft Entra ID P1"

// NewConditionalAccessCollector reads the conditionalAccess family.
func NewConditionalAccessCollector() Collector { return conditionalAccessCollector{} }

type conditionalAccessCollector struct{}

func (conditionalAccessCollector) Family() string { return "conditionalAccess" }

func (conditionalAccessCollector) Resources() []Resource {
	perm := []string{"Policy.Read.All"}
	return []Resource{
		{Key: "conditionalAccess.policies", Path: "conditional-access/policies", Permissions: perm, License: licenseP1},
		{Key: "conditionalAccess.namedLocations", Path: "conditional-access/named-locations", Permissions: perm, License: licenseP1},
		{Key: "conditionalAccess.authenticationStrengths", Path: "conditional-access/authentication-strengths", Permissions: perm, License: licenseP1},
		{Key: "conditionalAccess.authenticationContexts", Path: "conditional-access/authentication-contexts", Permissions: perm, License: licenseP1},
	}
}

var conditionalAccessPaths = []struct{ key, path string }{
	{"conditionalAccess.policies", "/v1.0/identity/conditionalAccess/policies"},
	{"conditionalAccess.namedLocations", "/v1.0/identity/conditionalAccess/namedLocations"},
	{"conditionalAccess.authenticationStrengths", "/v1.0/policies/authenticationStrengthPolicies"},
	{"conditionalAccess.authenticationContexts", "/v1.0/identity/conditionalAccess/authenticationContextClassReferences"},
}

func (conditionalAccessCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	for _, p := range conditionalAccessPaths {
		if _, err := collectList(ctx, src.Graph, rec, p.key, p.path); err != nil {
			return err
		}
	}
	return nil
}
