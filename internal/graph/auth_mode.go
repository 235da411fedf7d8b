package graph

import (
	"fmt"
	"strings"
)

// AuthMode names how entra-audit obtains tokens.
type AuthMode string

const (
	AuthAuto               AuthMode = "auto"                 // pick from the environment (default)
	AuthSecret             AuthMode = "secret"               // app registration + client secret
	AuthCertificate        AuthMode = "certificate"          // app registration + certificate (PEM or PFX)
	AuthFederatedTokenFile AuthMode = "federated-token-file" // workload identity (Kubernetes, any OIDC issuer writing a file)
	AuthGitHubOIDC         AuthMode = "github-oidc"          // GitHub Actions OIDC token as client assertion
	AuthManagedIdentity    AuthMode = "managed-identity"     // Azure managed identity (App Service, VM, Arc, Cloud Shell)
	AuthDeviceCode         AuthMode = "device-code"          // interactive user sign-in on another device
	AuthAccessToken        AuthMode = "access-token"         // a ready bearer token (az account get-access-token)
)

var authModes = []AuthMode{
	AuthAuto, AuthSecret, AuthCertificate, AuthFederatedTokenFile, AuthGitHubOIDC,
	AuthManagedIdentity, AuthDeviceCode, AuthAccessToken,
}

// AuthModes lists the accepted --auth values, "auto" first.
func AuthModes() []string {
	out := make([]string, len(authModes))
	for i, m := range authModes {
		out[i] = string(m)
	}
	return out
}

// ParseAuthMode accepts a --auth value (case-insensitive; "" means auto).
func ParseAuthMode(s string) (AuthMode, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "" {
		return AuthAuto, nil
	}
	for _, m := range authModes {
		if string(m) == v {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown auth mode %q: use one of %s", s, strings.Join(AuthModes(), ", "))
}
