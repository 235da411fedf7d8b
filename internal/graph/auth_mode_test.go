package graph

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestAuthModesParse(t *testing.T) {
	modes := AuthModes()
	if modes[0] != "auto" || len(modes) != 8 {
		t.Fatalf("AuthModes() = %v", modes)
	}
	for _, m := range modes {
		got, err := ParseAuthMode(strings.ToUpper(m))
		if err != nil || string(got) != m {
			t.Errorf("ParseAuthMode(%q) = %q, %v", m, got, err)
		}
	}
	if got, err := ParseAuthMode(""); err != nil || got != AuthAuto {
		t.Errorf(`ParseAuthMode("") = %q, %v; want auto`, got, err)
	}
	_, err := ParseAuthMode("password")
	if err == nil || !strings.Contains(err.Error(), "github-oidc") {
		t.Errorf("unknown mode error should list the modes, got %v", err)
	}
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestAuthConfigFromEnv(t *testing.T) {
	cfg := AuthConfigFromEnv(envOf(map[string]string{
		"AZURE_TENANT_ID": " tid ", "AZURE_CLIENT_ID": "cid", "AZURE_CLIENT_SECRET": "sec",
		"AZURE_CLIENT_CERTIFICATE_PATH": "/c.pfx", "AZURE_CLIENT_CERTIFICATE_PASSWORD": " pw ",
		"AZURE_CLIENT_SEND_CERTIFICATE_CHAIN": "true", "AZURE_FEDERATED_TOKEN_FILE": "/f",
		"ACTIONS_ID_TOKEN_REQUEST_URL": "https://gh/x?a=1", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "rt",
		"ENTRA_AUDIT_ACCESS_TOKEN": "at", "ENTRA_AUDIT_ARM_ACCESS_TOKEN": "arm",
		"IDENTITY_ENDPOINT": "http://127.0.0.1:1/msi", "MSI_ENDPOINT": "http://other",
		"AZURE_AUTHORITY_HOST": "https://login.microsoftonline.us",
	}))
	want := AuthConfig{
		TenantID: "tid", ClientID: "cid", ClientSecret: "sec", CertPath: "/c.pfx", CertPassword: " pw ",
		SendCertificateChain: true, FederatedTokenFile: "/f", GitHubOIDCURL: "https://gh/x?a=1", GitHubOIDCToken: "rt",
		AccessToken: "at", ARMAccessToken: "arm", ManagedIdentityEndpoint: "http://127.0.0.1:1/msi",
		AuthorityHost: "https://login.microsoftonline.us",
	}
	if cfg.TenantID != want.TenantID || cfg.ClientID != want.ClientID || cfg.ClientSecret != want.ClientSecret ||
		cfg.CertPath != want.CertPath || cfg.CertPassword != want.CertPassword || cfg.SendCertificateChain != want.SendCertificateChain ||
		cfg.FederatedTokenFile != want.FederatedTokenFile || cfg.GitHubOIDCURL != want.GitHubOIDCURL ||
		cfg.GitHubOIDCToken != want.GitHubOIDCToken || cfg.AccessToken != want.AccessToken || cfg.ARMAccessToken != want.ARMAccessToken ||
		cfg.ManagedIdentityEndpoint != want.ManagedIdentityEndpoint || cfg.AuthorityHost != want.AuthorityHost {
		t.Errorf("AuthConfigFromEnv mismatch:\n got %#v\nwant %#v", cfg, want) // Secrets print redacted
	}
	if cfg := AuthConfigFromEnv(envOf(map[string]string{"MSI_ENDPOINT": "http://cloudshell"})); cfg.ManagedIdentityEndpoint != "http://cloudshell" {
		t.Errorf("MSI_ENDPOINT not picked up: %q", cfg.ManagedIdentityEndpoint)
	}
}

func TestAuthResolveModeAuto(t *testing.T) {
	ids := map[string]string{"AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range ids {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	gh := map[string]string{"ACTIONS_ID_TOKEN_REQUEST_URL": "https://gh/t?x=1", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "r"}
	cases := []struct {
		name     string
		env      map[string]string
		terminal bool
		want     AuthMode
	}{
		{"access token beats everything", with(map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": "x", "AZURE_CLIENT_SECRET": "s"}), true, AuthAccessToken},
		{"access token needs no ids", map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": "x"}, false, AuthAccessToken},
		{"secret beats certificate", with(map[string]string{"AZURE_CLIENT_SECRET": "s", "AZURE_CLIENT_CERTIFICATE_PATH": "/c"}), false, AuthSecret},
		{"certificate beats token file", with(map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": "/c", "AZURE_FEDERATED_TOKEN_FILE": "/f"}), false, AuthCertificate},
		{"token file beats github", with(map[string]string{"AZURE_FEDERATED_TOKEN_FILE": "/f", "ACTIONS_ID_TOKEN_REQUEST_URL": "u", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "r"}), false, AuthFederatedTokenFile},
		{"github oidc", with(gh), false, AuthGitHubOIDC},
		{"github beats managed identity", with(map[string]string{"ACTIONS_ID_TOKEN_REQUEST_URL": "u", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "r", "IDENTITY_ENDPOINT": "http://x"}), true, AuthGitHubOIDC},
		{"managed identity with client id", map[string]string{"AZURE_CLIENT_ID": "c", "IDENTITY_ENDPOINT": "http://127.0.0.1:1"}, true, AuthManagedIdentity},
		{"managed identity with tenant (cloud shell)", map[string]string{"AZURE_TENANT_ID": "t", "MSI_ENDPOINT": "http://x"}, false, AuthManagedIdentity},
		{"terminal gives device code", map[string]string{"AZURE_CLIENT_ID": "c"}, true, AuthDeviceCode},
	}
	for _, c := range cases {
		cfg := AuthConfigFromEnv(envOf(c.env))
		cfg.IsTerminal = c.terminal
		got, err := cfg.ResolveMode()
		if err != nil || got != c.want {
			t.Errorf("%s: ResolveMode() = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

func TestAuthResolveModeErrorsNameWhatToSet(t *testing.T) {
	cases := []struct {
		name     string
		cfg      AuthConfig
		contains []string
		noCreds  bool
	}{
		{"nothing set, no terminal", AuthConfig{}, []string{"ENTRA_AUDIT_ACCESS_TOKEN", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
			"AZURE_FEDERATED_TOKEN_FILE", "id-token: write", "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "--auth"}, true},
		{"github url without request token", AuthConfig{TenantID: "t", ClientID: "c", GitHubOIDCURL: "https://gh"}, []string{"ACTIONS_ID_TOKEN_REQUEST_TOKEN"}, true},
		{"managed identity endpoint without ids", AuthConfig{ManagedIdentityEndpoint: "http://x"}, []string{"ENTRA_AUDIT_ACCESS_TOKEN"}, true},
		{"secret without ids", AuthConfig{ClientSecret: "s"}, []string{"secret authentication needs", "AZURE_TENANT_ID", "AZURE_CLIENT_ID"}, false},
		{"certificate without client", AuthConfig{TenantID: "t", CertPath: "/c"}, []string{"AZURE_CLIENT_ID"}, false},
		{"device code without client id", AuthConfig{IsTerminal: true}, []string{"device-code", "AZURE_CLIENT_ID", "public client"}, false},
		{"forced secret", AuthConfig{Mode: AuthSecret, TenantID: "t", ClientID: "c", AccessToken: "x"}, []string{"AZURE_CLIENT_SECRET"}, false},
		{"forced certificate", AuthConfig{Mode: AuthCertificate, TenantID: "t", ClientID: "c"}, []string{"AZURE_CLIENT_CERTIFICATE_PATH"}, false},
		{"forced token file", AuthConfig{Mode: AuthFederatedTokenFile, TenantID: "t", ClientID: "c"}, []string{"AZURE_FEDERATED_TOKEN_FILE"}, false},
		{"forced github", AuthConfig{Mode: AuthGitHubOIDC, TenantID: "t", ClientID: "c"},
			[]string{"ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "id-token: write"}, false},
		{"forced access token", AuthConfig{Mode: AuthAccessToken, ClientSecret: "s"}, []string{"ENTRA_AUDIT_ACCESS_TOKEN", "az account get-access-token"}, false},
		{"unknown mode", AuthConfig{Mode: "kerberos"}, []string{"unknown auth mode", "device-code"}, false},
	}
	for _, c := range cases {
		_, err := c.cfg.ResolveMode()
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, s := range c.contains {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: error %q does not mention %q", c.name, err, s)
			}
		}
		if errors.Is(err, ErrNoCredentials) != c.noCreds {
			t.Errorf("%s: errors.Is(ErrNoCredentials) = %v, want %v", c.name, !c.noCreds, c.noCreds)
		}
	}
}

func TestAuthResolveModeForcingWins(t *testing.T) {
	all := AuthConfig{
		TenantID: "t", ClientID: "c", ClientSecret: "s", CertPath: "/c", FederatedTokenFile: "/f",
		GitHubOIDCURL: "https://gh", GitHubOIDCToken: "r", AccessToken: "a", ManagedIdentityEndpoint: "http://x",
	}
	for _, m := range AuthModes() {
		cfg := all
		cfg.Mode = AuthMode(m)
		got, err := cfg.ResolveMode()
		want := AuthMode(m)
		if m == "auto" {
			want = AuthAccessToken
		}
		if err != nil || got != want {
			t.Errorf("--auth %s: ResolveMode() = %q, %v; want %q", m, got, err, want)
		}
	}
	// Managed identity needs nothing when forced: on a VM MSAL asks IMDS.
	if got, err := (AuthConfig{Mode: AuthManagedIdentity}).ResolveMode(); err != nil || got != AuthManagedIdentity {
		t.Errorf("forced managed identity: %q, %v", got, err)
	}
	if !slices.Contains(AuthModes(), string(AuthFederatedTokenFile)) {
		t.Error("federated-token-file missing from AuthModes")
	}
}
