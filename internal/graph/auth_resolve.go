package graph

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoCredentials means auto mode found nothing to authenticate with. The
// error text lists what to set.
var ErrNoCredentials = errors.New("no credentials found")

// ResolveMode returns the mode NewCredential will use: c.Mode when forced
// (--auth), else the first match of
//
//  1. ENTRA_AUDIT_ACCESS_TOKEN           -> access-token
//  2. AZURE_CLIENT_SECRET                -> secret
//  3. AZURE_CLIENT_CERTIFICATE_PATH      -> certificate
//  4. AZURE_FEDERATED_TOKEN_FILE         -> federated-token-file
//  5. ACTIONS_ID_TOKEN_REQUEST_URL+TOKEN -> github-oidc
//  6. client or tenant id + IDENTITY_ENDPOINT/MSI_ENDPOINT -> managed-identity
//  7. a terminal                         -> device-code
//
// It also checks that the chosen mode has what it needs; errors name the
// environment variables (and flags) to set.
func (c AuthConfig) ResolveMode() (AuthMode, error) {
	mode, err := ParseAuthMode(string(c.Mode))
	if err != nil {
		return "", err
	}
	if mode == AuthAuto {
		if mode, err = c.pickMode(); err != nil {
			return "", err
		}
	}
	if err := c.checkMode(mode); err != nil {
		return "", err
	}
	return mode, nil
}

func (c AuthConfig) pickMode() (AuthMode, error) {
	switch {
	case c.AccessToken.IsSet():
		return AuthAccessToken, nil
	case c.ClientSecret.IsSet():
		return AuthSecret, nil
	case c.CertPath != "":
		return AuthCertificate, nil
	case c.FederatedTokenFile != "":
		return AuthFederatedTokenFile, nil
	case c.GitHubOIDCURL != "" && c.GitHubOIDCToken.IsSet():
		return AuthGitHubOIDC, nil
	case (c.ClientID != "" || c.TenantID != "") && c.ManagedIdentityEndpoint != "":
		return AuthManagedIdentity, nil
	case c.IsTerminal:
		return AuthDeviceCode, nil
	}
	return "", fmt.Errorf("%w: set one of\n"+
		"  %s (a ready Graph token: az account get-access-token --resource-type ms-graph --query accessToken -o tsv)\n"+
		"  %s + %s + %s\n"+
		"  %s + %s + %s (PEM or PFX; %s for a PFX password)\n"+
		"  %s + %s + %s (workload identity)\n"+
		"  %s + %s in GitHub Actions with `permissions: id-token: write` (sets %s and %s)\n"+
		"  %s or %s on an Azure host with a managed identity (or --auth managed-identity on a VM)\n"+
		"or run in a terminal for device-code sign-in; --auth forces a mode (%s)",
		ErrNoCredentials,
		EnvAccessToken,
		EnvTenantID, EnvClientID, EnvClientSecret,
		EnvTenantID, EnvClientID, EnvCertificatePath, EnvCertificatePassword,
		EnvTenantID, EnvClientID, EnvFederatedTokenFile,
		EnvTenantID, EnvClientID, EnvGitHubOIDCURL, EnvGitHubOIDCToken,
		EnvTenantID, EnvClientID,
		strings.Join(AuthModes(), "|"))
}

// authNeed pairs a missing setting with how the user provides it.
type authNeed struct {
	missing bool
	what    string
}

func (c AuthConfig) checkMode(mode AuthMode) error {
	tenant := authNeed{c.TenantID == "", EnvTenantID + " (or --tenant)"}
	client := authNeed{c.ClientID == "", EnvClientID + " (or --client-id)"}
	var needs []authNeed
	hint := ""
	switch mode {
	case AuthSecret:
		needs = []authNeed{tenant, client, {!c.ClientSecret.IsSet(), EnvClientSecret}}
	case AuthCertificate:
		needs = []authNeed{tenant, client, {c.CertPath == "", EnvCertificatePath}}
	case AuthFederatedTokenFile:
		needs = []authNeed{tenant, client, {c.FederatedTokenFile == "", EnvFederatedTokenFile}}
	case AuthGitHubOIDC:
		needs = []authNeed{tenant, client, {c.GitHubOIDCURL == "", EnvGitHubOIDCURL}, {!c.GitHubOIDCToken.IsSet(), EnvGitHubOIDCToken}}
		hint = "; GitHub sets the ACTIONS_ID_TOKEN_* variables only for jobs with `permissions: id-token: write`," +
			" and the app registration needs a federated credential for this repository's subject"
	case AuthDeviceCode:
		needs = []authNeed{client}
		hint = "; device code needs your own app registration with \"Allow public client flows\" enabled" +
			" and delegated Graph permissions (no well-known client id is assumed)"
	case AuthAccessToken:
		needs = []authNeed{{!c.AccessToken.IsSet(), EnvAccessToken}}
		hint = "; get one with: az account get-access-token --resource-type ms-graph --query accessToken -o tsv"
	case AuthManagedIdentity:
		// Nothing required: without an endpoint variable MSAL asks IMDS (VMs).
	default:
		return fmt.Errorf("auth mode %q cannot be resolved", mode)
	}
	var missing []string
	for _, n := range needs {
		if n.missing {
			missing = append(missing, n.what)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s authentication needs %s%s", mode, strings.Join(missing, ", "), hint)
	}
	return nil
}
