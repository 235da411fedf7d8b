package snapshot

import (
	"context"

	"github.com/entra-audit/entra-audit/internal/graph"
)

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

// preferUnknownEnums asks Graph for enum members added after v1.0's
// "unknownFutureValue" sentinel (grant control riskRemediation,
// authentication method modes added since), which it otherwise hides
// behind that sentinel; policies must see the real value.
const preferUnknownEnums = "include-unknown-enum-members"

var conditionalAccessPaths = []struct {
	key, path    string
	unknownEnums bool // send Prefer: include-unknown-enum-members
}{
	{"conditionalAccess.policies", "/v1.0/identity/conditionalAccess/policies", true},
	{"conditionalAccess.namedLocations", "/v1.0/identity/conditionalAccess/namedLocations", false},
	{"conditionalAccess.authenticationStrengths", "/v1.0/policies/authenticationStrengthPolicies", true},
	{"conditionalAccess.authenticationContexts", "/v1.0/identity/conditionalAccess/authenticationContextClassReferences", false},
}

func (conditionalAccessCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	for _, p := range conditionalAccessPaths {
		callCtx := ctx
		if p.unknownEnums {
			callCtx = graph.WithHeader(ctx, "Prefer", preferUnknownEnums)
		}
		if _, err := collectList(callCtx, src.Graph, rec, p.key, p.path); err != nil {
			return err
		}
	}
	return nil
}
