package graph

import (
	"net/http"
	"strings"
)

// Environment variables read by AuthConfigFromEnv. The AZURE_* names are the
// Azure SDK's, so existing pipeline settings work unchanged.
const (
	EnvTenantID             = "AZURE_TENANT_ID"
	EnvClientID             = "AZURE_CLIENT_ID"
	EnvClientSecret         = "AZURE_CLIENT_SECRET"
	EnvCertificatePath      = "AZURE_CLIENT_CERTIFICATE_PATH"
	EnvCertificatePassword  = "AZURE_CLIENT_CERTIFICATE_PASSWORD"
	EnvSendCertificateChain = "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN"
	EnvFederatedTokenFile   = "AZURE_FEDERATED_TOKEN_FILE"
	EnvAuthorityHost        = "AZURE_AUTHORITY_HOST"
	EnvGitHubOIDCURL        = "ACTIONS_ID_TOKEN_REQUEST_URL"
	EnvGitHubOIDCToken      = "ACTIONS_ID_TOKEN_REQUEST_TOKEN"
	EnvAccessToken          = "ENTRA_AUDIT_ACCESS_TOKEN"
	EnvARMAccessToken       = "ENTRA_AUDIT_ARM_ACCESS_TOKEN"
	// Managed identity endpoints, set by the Azure host (App Service,
	// Functions, Container Apps, Arc: IDENTITY_ENDPOINT; Cloud Shell, Azure
	// ML: MSI_ENDPOINT). VMs have none: IMDS is always there.
	EnvIdentityEndpoint = "IDENTITY_ENDPOINT"
	EnvMSIEndpoint      = "MSI_ENDPOINT"
)

// GitHubOIDCAudience is the audience Entra ID expects on a GitHub Actions
// token presented as a client assertion.
const GitHubOIDCAudience = "api://AzureADTokenExchange"

// AuthConfig is everything needed to build a Credential. The CLI fills it
// from flags on top of AuthConfigFromEnv.
type AuthConfig struct {
	Mode     AuthMode // "" or "auto": pick from what is set (see ResolveMode)
	TenantID string   // AZURE_TENANT_ID or --tenant
	ClientID string   // AZURE_CLIENT_ID or --client-id

	ClientSecret Secret // AZURE_CLIENT_SECRET

	CertPath             string // AZURE_CLIENT_CERTIFICATE_PATH: PEM (cert + unencrypted RSA key) or PFX/P12
	CertPassword         Secret // AZURE_CLIENT_CERTIFICATE_PASSWORD, for PFX
	SendCertificateChain bool   // AZURE_CLIENT_SEND_CERTIFICATE_CHAIN: send x5c (subject name + issuer auth)

	FederatedTokenFile string // AZURE_FEDERATED_TOKEN_FILE, re-read for every assertion

	GitHubOIDCURL   string // ACTIONS_ID_TOKEN_REQUEST_URL
	GitHubOIDCToken Secret // ACTIONS_ID_TOKEN_REQUEST_TOKEN

	AccessToken    Secret // ENTRA_AUDIT_ACCESS_TOKEN: a ready Graph token
	ARMAccessToken Secret // ENTRA_AUDIT_ARM_ACCESS_TOKEN: a ready ARM token (optional)

	// ManagedIdentityClientID selects a user-assigned identity; empty means
	// ClientID if set (the Azure SDK convention), else system-assigned.
	ManagedIdentityClientID string
	// ManagedIdentityEndpoint is IDENTITY_ENDPOINT or MSI_ENDPOINT when the
	// host provides one; auto mode uses it only to decide.
	ManagedIdentityEndpoint string

	// AuthorityHost is the cloud's login host or an --authority-url override,
	// e.g. https://login.microsoftonline.us. MSAL requires https. Empty means
	// the global cloud.
	AuthorityHost string
	// GraphURL and ARMURL tell access-token mode which scope each ready token
	// answers (the cloud's hosts, or a test server). Every known cloud's
	// hosts are recognised without them.
	GraphURL, ARMURL string

	HTTPClient       *http.Client         // for the authority and GitHub; nil = default
	DeviceCodePrompt func(message string) // shows the device-code instructions; nil = stderr
	IsTerminal       bool                 // stdin/stderr is a terminal: device code is possible
}

// AuthConfigFromEnv fills an AuthConfig from the variables above. getenv is
// usually os.Getenv; tests pass a map lookup.
func AuthConfigFromEnv(getenv func(string) string) AuthConfig {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	endpoint := get(EnvIdentityEndpoint)
	if endpoint == "" {
		endpoint = get(EnvMSIEndpoint)
	}
	return AuthConfig{
		TenantID:                get(EnvTenantID),
		ClientID:                get(EnvClientID),
		ClientSecret:            Secret(get(EnvClientSecret)),
		CertPath:                get(EnvCertificatePath),
		CertPassword:            Secret(getenv(EnvCertificatePassword)), // passwords may carry spaces
		SendCertificateChain:    isTrue(get(EnvSendCertificateChain)),
		FederatedTokenFile:      get(EnvFederatedTokenFile),
		GitHubOIDCURL:           get(EnvGitHubOIDCURL),
		GitHubOIDCToken:         Secret(get(EnvGitHubOIDCToken)),
		AccessToken:             Secret(get(EnvAccessToken)),
		ARMAccessToken:          Secret(get(EnvARMAccessToken)),
		ManagedIdentityEndpoint: endpoint,
		AuthorityHost:           get(EnvAuthorityHost),
	}
}

func isTrue(v string) bool {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
