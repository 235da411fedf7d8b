package snapshot

import (
	"context"

	"github.com/entra-audit/entra-audit/internal/graph"
)

const keyAuthMethodsPolicy = "authenticationMethods.policy"

// The authentication methods policy is read from beta: only beta returns
// systemCredentialPreferences (system-preferred MFA), the full
// reportSuspiciousActivitySettings and beta-only method settings such as
// Authenticator's companionAppAllowedState. Where beta does not answer (a
// national cloud without it), v1.0 is read instead; policies must treat
// the beta-only fields as optional either way.
const (
	authMethodsPolicyBeta = "/beta/policies/authenticationMethodsPolicy"
	authMethodsPolicyV1   = "/v1.0/policies/authenticationMethodsPolicy"
)

type authMethodsCollector struct{}

// NewAuthMethodsCollector reads the authentication methods policy with
// every method configuration inline.
func NewAuthMethodsCollector() Collector { return authMethodsCollector{} }

func (authMethodsCollector) Family() string { return "authenticationMethods" }

func (authMethodsCollector) Resources() []Resource {
	return []Resource{{
		Key: keyAuthMethodsPolicy, Path: "authentication-methods/policy.yaml", Singleton: true,
		Permissions: []string{"Policy.Read.All", "Policy.Read.AuthenticationMethod"},
	}}
}

func (authMethodsCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	policy, err := getObject(ctx, src.Graph, authMethodsPolicyBeta)
	if err != nil && ctx.Err() == nil {
		switch graph.KindOf(err) {
		case graph.KindMissingPermission, graph.KindLicenseRequired, graph.KindUnauthorized, graph.KindThrottled:
			// v1.0 would answer the same.
		default:
			policy, err = getObject(ctx, src.Graph, authMethodsPolicyV1)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(keyAuthMethodsPolicy, err)
		return nil
	}
	rec.PutOne(keyAuthMethodsPolicy, policy)
	return nil
}
