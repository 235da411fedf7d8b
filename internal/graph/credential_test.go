package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

const (
	testTenant   = "11111111-2222-3333-4444-555555555555"
	testClientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
	graphScope   = "https://graph.microsoft.com/.default"
	armScope     = "https://management.azure.com/.default"
	jwtBearer    = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
)

func newAuthority(t *testing.T, opts graphtest.AuthorityOptions) *graphtest.Authority {
	t.Helper()
	if opts.Tenant == "" {
		opts.Tenant = testTenant
	}
	if opts.ClientID == "" {
		opts.ClientID = testClientID
	}
	a := graphtest.NewAuthority(opts)
	t.Cleanup(a.Close)
	return a
}

// configFor builds the config a pipeline environment would give, pointed at the fake.
func configFor(a *graphtest.Authority, env map[string]string) graph.AuthConfig {
	full := map[string]string{"AZURE_TENANT_ID": testTenant, "AZURE_CLIENT_ID": testClientID}
	for k, v := range env {
		full[k] = v
	}
	cfg := graph.AuthConfigFromEnv(func(k string) string { return full[k] })
	cfg.AuthorityHost = a.URL
	cfg.HTTPClient = a.Client()
	return cfg
}

func newCredential(t *testing.T, cfg graph.AuthConfig, want graph.AuthMode) graph.Credential {
	t.Helper()
	cred, mode, err := graph.NewCredential(context.Background(), cfg)
	if err != nil {
		t.Fatalf("NewCredential: %v", err)
	}
	if mode != want {
		t.Fatalf("mode = %q, want %q", mode, want)
	}
	return cred
}

func token(t *testing.T, cred graph.Credential, scope string) string {
	t.Helper()
	tok, err := cred.Token(context.Background(), scope)
	if err != nil {
		t.Fatalf("Token(%s): %v", scope, err)
	}
	if tok == "" {
		t.Fatalf("Token(%s) is empty", scope)
	}
	return tok
}

// checkClientCredentials asserts what every app-only token request carries.
func checkClientCredentials(t *testing.T, r graphtest.TokenRequest, scope string, withSecret bool) {
	t.Helper()
	if r.GrantType != "client_credentials" || r.ClientID != testClientID || r.Tenant != testTenant {
		t.Errorf("request grant=%q client=%q tenant=%q", r.GrantType, r.ClientID, r.Tenant)
	}
	if !strings.Contains(" "+r.Scope+" ", " "+scope+" ") {
		t.Errorf("scope %q does not contain %q", r.Scope, scope)
	}
	if r.HasClientSecret != withSecret {
		t.Errorf("client_secret present = %v, want %v", r.HasClientSecret, withSecret)
	}
	if withSecret {
		if r.HasClientAssertion {
			t.Error("secret request also carried a client_assertion")
		}
		return
	}
	if !r.HasClientAssertion || r.ClientAssertionType != jwtBearer {
		t.Errorf("client_assertion present=%v type=%q, want a %s assertion", r.HasClientAssertion, r.ClientAssertionType, jwtBearer)
	}
}

func TestCredentialSecret(t *testing.T) {
	a := newAuthority(t, graphtest.AuthorityOptions{ClientSecret: "app-secret~1", Roles: []string{"Directory.Read.All", "Policy.Read.All"}})
	cred := newCredential(t, configFor(a, map[string]string{"AZURE_CLIENT_SECRET": "app-secret~1"}), graph.AuthSecret)

	tok := token(t, cred, graphScope)
	roles, err := graph.TokenRoles(tok)
	if err != nil || strings.Join(roles, ",") != "Directory.Read.All,Policy.Read.All" {
		t.Errorf("TokenRoles = %v, %v", roles, err)
	}
	if again := token(t, cred, graphScope); again != tok {
		t.Error("second call for the same scope did not come from MSAL's cache")
	}
	reqs := a.TokenRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d token requests, want 1 (the second call is cached)", len(reqs))
	}
	checkClientCredentials(t, reqs[0], graphScope, true)
	if got := reqs[0].Form.Get("client_secret"); got != "app-secret~1" {
		t.Errorf("client_secret sent = %q", got)
	}
}

func TestCredentialSecretFailureHidesSecret(t *testing.T) {
	const secret = "Wr0ng~Secret+Value/with=chars"
	// This authority echoes the posted form into its error text, as a
	// careless proxy might: the secret must still not reach the error.
	a := newAuthority(t, graphtest.AuthorityOptions{ClientSecret: "the-right-one", EchoRequestInErrors: true})
	cred := newCredential(t, configFor(a, map[string]string{"AZURE_CLIENT_SECRET": secret}), graph.AuthSecret)

	_, err := cred.Token(context.Background(), graphScope)
	if err == nil {
		t.Fatal("a wrong secret got a token")
	}
	msg := err.Error()
	for _, s := range []string{secret, "Wr0ng", "Secret%2BValue"} {
		if strings.Contains(msg, s) {
			t.Errorf("error leaks %q: %s", s, msg)
		}
	}
	for _, s := range []string{"invalid_client", "AADSTS7000215", "401", "Secret ID", "secret"} {
		if !strings.Contains(msg, s) {
			t.Errorf("error %q should mention %q", msg, s)
		}
	}
	var ae *graph.AuthError
	if !errors.As(err, &ae) || ae.Status != 401 || ae.Code != "invalid_client" || ae.Mode != graph.AuthSecret {
		t.Errorf("want *AuthError 401 invalid_client, got %#v", err)
	}
	if len(a.TokenRequests()) == 0 || !a.TokenRequests()[0].HasClientSecret {
		t.Error("the authority never saw the request")
	}
}

func TestCredentialInvalidClientWithoutEcho(t *testing.T) {
	a := newAuthority(t, graphtest.AuthorityOptions{})
	a.FailInvalidClient(true)
	cred := newCredential(t, configFor(a, map[string]string{"AZURE_CLIENT_SECRET": "expired-secret-value"}), graph.AuthSecret)
	_, err := cred.Token(context.Background(), graphScope)
	if err == nil || !strings.Contains(err.Error(), "AADSTS7000215") || strings.Contains(err.Error(), "expired-secret-value") {
		t.Errorf("got %v", err)
	}
	a.FailInvalidClient(false)
	token(t, cred, graphScope) // recovers once the authority accepts the client again
}

func TestCredentialRejectsPlainHTTPAuthority(t *testing.T) {
	cfg := graph.AuthConfig{Mode: graph.AuthSecret, TenantID: testTenant, ClientID: testClientID, ClientSecret: "s", AuthorityHost: "http://127.0.0.1:1"}
	_, _, err := graph.NewCredential(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "https") {
		t.Errorf("http authority: %v", err)
	}
	cfg.AuthorityHost, cfg.TenantID = "https://login.microsoftonline.com", "../evil"
	if _, _, err := graph.NewCredential(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "AZURE_TENANT_ID") {
		t.Errorf("bad tenant: %v", err)
	}
}

func TestTokenRolesAndScopes(t *testing.T) {
	tok := graphtest.FakeJWT(map[string]any{"roles": []string{"Policy.Read.All"}, "scp": "User.Read Directory.Read.All"})
	roles, err := graph.TokenRoles(tok)
	if err != nil || len(roles) != 1 || roles[0] != "Policy.Read.All" {
		t.Errorf("TokenRoles = %v, %v", roles, err)
	}
	scopes, err := graph.TokenScopes(tok)
	if err != nil || strings.Join(scopes, ",") != "User.Read,Directory.Read.All" {
		t.Errorf("TokenScopes = %v, %v", scopes, err)
	}
	if roles, err := graph.TokenRoles(graphtest.FakeJWT(map[string]any{"aud": "x"})); err != nil || len(roles) != 0 {
		t.Errorf("no roles claim: %v, %v", roles, err)
	}
	for _, bad := range []string{"", "opaque-token", "a.b", "a.!!!.c", "a.bm90IGpzb24.c"} {
		if _, err := graph.TokenRoles(bad); err == nil {
			t.Errorf("TokenRoles(%q) accepted a non-JWT", bad)
		}
	}
}
