package graphtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// AuthorityOptions configures the fake Microsoft identity platform.
type AuthorityOptions struct {
	Tenant       string   // the only tenant served; "" serves any tenant path segment
	ClientID     string   // the only client id accepted; "" accepts any
	ClientSecret string   // when set, the only client secret accepted
	Roles        []string // app roles put in the "roles" claim of app-only tokens

	// DelegatedScopes go in the "scp" claim of device-code (delegated) tokens.
	DelegatedScopes []string
	// DeviceCodePending is how many "authorization_pending" replies the token
	// endpoint gives before a device code is redeemed (the user "signs in").
	DeviceCodePending int
	// UserPrincipalName of the user who signs in with a device code.
	UserPrincipalName string

	// EchoRequestInErrors makes failed token requests copy the posted form into
	// error_description: a badly behaved authority, used to prove that callers
	// strip secrets from error text.
	EchoRequestInErrors bool

	GitHub GitHubOIDCOptions // the fake GitHub Actions OIDC endpoint served at /_github/token
}

// TokenRequest is what one POST to the token endpoint carried. Form is the
// raw form, secrets included, for tests to inspect; never log it.
type TokenRequest struct {
	Tenant              string
	GrantType           string
	ClientID            string
	Scope               string
	HasClientSecret     bool
	HasClientAssertion  bool
	ClientAssertionType string
	ClientAssertion     string
	Form                url.Values
}

// Authority is a fake Entra ID authority (login.microsoftonline.com) over
// TLS, good enough for MSAL for Go: OpenID discovery, instance discovery,
// client credentials (secret or assertion), device code and refresh tokens.
// It also serves a fake GitHub Actions OIDC endpoint (see GitHubOIDCURL).
type Authority struct {
	URL    string // https://127.0.0.1:port, the authority host
	GitHub *GitHubOIDC

	srv  *httptest.Server
	opts AuthorityOptions

	mu                sync.Mutex
	requests          []TokenRequest
	failInvalidClient bool
	issued            int
	deviceCodes       map[string]int // device code -> pending replies left
	refreshTokens     map[string]bool
}

const (
	grantClientCredentials = "client_credentials"
	grantDeviceCode        = "urn:ietf:params:oauth:grant-type:device_code"
	grantRefreshToken      = "refresh_token"
	assertionTypeJWTBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
	githubTokenPath        = "/_github/token"
)

// NewAuthority starts the fake authority. Call Close when done.
func NewAuthority(opts AuthorityOptions) *Authority {
	if opts.UserPrincipalName == "" {
		opts.UserPrincipalName = "auditor@contoso.example"
	}
	a := &Authority{
		opts:          opts,
		GitHub:        NewGitHubOIDC(opts.GitHub),
		deviceCodes:   map[string]int{},
		refreshTokens: map[string]bool{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", a.openIDConfiguration)
	mux.HandleFunc("GET /common/discovery/instance", a.instanceDiscovery)
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", a.token)
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/devicecode", a.deviceCode)
	mux.Handle("GET "+githubTokenPath, a.GitHub)
	a.srv = httptest.NewTLSServer(mux)
	a.URL = a.srv.URL
	return a
}

// Close shuts the server down.
func (a *Authority) Close() { a.srv.Close() }

// Client returns an HTTP client that trusts the fake's TLS certificate.
func (a *Authority) Client() *http.Client { return a.srv.Client() }

// GitHubOIDCURL is what a runner puts in ACTIONS_ID_TOKEN_REQUEST_URL. Like
// the real one it already carries a query string.
func (a *Authority) GitHubOIDCURL() string {
	return a.URL + githubTokenPath + "?api-version=2.0"
}

// TokenRequests returns every token-endpoint request so far, oldest first.
func (a *Authority) TokenRequests() []TokenRequest {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]TokenRequest(nil), a.requests...)
}

// FailInvalidClient makes client-credential requests fail with
// invalid_client AADSTS7000215 (a wrong or expired secret) while on is true.
func (a *Authority) FailInvalidClient(on bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.failInvalidClient = on
}

func (a *Authority) tenantOK(w http.ResponseWriter, tenant string) bool {
	if a.opts.Tenant == "" || strings.EqualFold(tenant, a.opts.Tenant) ||
		tenant == "organizations" || tenant == "common" {
		return true
	}
	writeOAuthError(w, http.StatusBadRequest, "invalid_request", 90002,
		fmt.Sprintf("Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", tenant))
	return false
}

func (a *Authority) openIDConfiguration(w http.ResponseWriter, r *http.Request) {
	tenant := r.PathValue("tenant")
	if !a.tenantOK(w, tenant) {
		return
	}
	base := a.URL + "/" + tenant
	writeJSON(w, http.StatusOK, map[string]any{
		"authorization_endpoint":        base + "/oauth2/v2.0/authorize",
		"token_endpoint":                base + "/oauth2/v2.0/token",
		"device_authorization_endpoint": base + "/oauth2/v2.0/devicecode",
		// MSAL >= 1.5 requires the issuer on the authority's scheme and host.
		"issuer":                                base + "/v2.0",
		"jwks_uri":                              base + "/discovery/v2.0/keys",
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"tenant_region_scope":                   "WW",
	})
}

func (a *Authority) instanceDiscovery(w http.ResponseWriter, r *http.Request) {
	tenant := "common"
	if u, err := url.Parse(r.URL.Query().Get("authorization_endpoint")); err == nil {
		if parts := strings.Split(strings.Trim(u.Path, "/"), "/"); parts[0] != "" {
			tenant = parts[0]
		}
	}
	host := strings.TrimPrefix(a.URL, "https://")
	writeJSON(w, http.StatusOK, map[string]any{
		"tenant_discovery_endpoint": a.URL + "/" + tenant + "/v2.0/.well-known/openid-configuration",
		"api-version":               "1.1",
		"metadata": []map[string]any{{
			"preferred_network": host, "preferred_cache": host, "aliases": []string{host},
		}},
	})
}

func (a *Authority) token(w http.ResponseWriter, r *http.Request) {
	tenant := r.PathValue("tenant")
	if !a.tenantOK(w, tenant) {
		return
	}
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body could not be parsed.")
		return
	}
	f := r.PostForm
	req := TokenRequest{
		Tenant:              tenant,
		GrantType:           f.Get("grant_type"),
		ClientID:            f.Get("client_id"),
		Scope:               f.Get("scope"),
		HasClientSecret:     f.Get("client_secret") != "",
		HasClientAssertion:  f.Get("client_assertion") != "",
		ClientAssertionType: f.Get("client_assertion_type"),
		ClientAssertion:     f.Get("client_assertion"),
		Form:                f,
	}
	a.mu.Lock()
	a.requests = append(a.requests, req)
	a.mu.Unlock()

	fail := func(status int, code string, aadsts int, msg string) {
		if a.opts.EchoRequestInErrors {
			msg += " Request was: " + f.Encode()
		}
		writeOAuthError(w, status, code, aadsts, msg)
	}
	if req.ClientID == "" {
		fail(http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.")
		return
	}
	if a.opts.ClientID != "" && req.ClientID != a.opts.ClientID {
		fail(http.StatusBadRequest, "unauthorized_client", 700016,
			fmt.Sprintf("Application with identifier '%s' was not found in the directory '%s'.", req.ClientID, tenant))
		return
	}
	switch req.GrantType {
	case grantClientCredentials:
		a.clientCredentials(w, req, tenant, fail)
	case grantDeviceCode, "device_code": // MSAL for Go sends the short form
		a.redeemDeviceCode(w, req, tenant, fail)
	case grantRefreshToken:
		a.redeemRefreshToken(w, req, tenant, fail)
	default:
		fail(http.StatusBadRequest, "unsupported_grant_type", 70003,
			fmt.Sprintf("The app requested an unsupported grant type '%s'.", req.GrantType))
	}
}

type failFunc func(status int, code string, aadsts int, msg string)

func (a *Authority) clientCredentials(w http.ResponseWriter, req TokenRequest, tenant string, fail failFunc) {
	a.mu.Lock()
	failClient := a.failInvalidClient
	a.mu.Unlock()
	resource, ok := defaultScopeResource(req.Scope)
	switch {
	case req.HasClientSecret == req.HasClientAssertion:
		fail(http.StatusUnauthorized, "invalid_client", 7000218,
			"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
	case req.HasClientAssertion && req.ClientAssertionType != assertionTypeJWTBearer:
		fail(http.StatusBadRequest, "invalid_request", 90014,
			"The required field 'client_assertion_type' is missing or not "+assertionTypeJWTBearer+".")
	case failClient || (req.HasClientSecret && a.opts.ClientSecret != "" && req.Form.Get("client_secret") != a.opts.ClientSecret):
		fail(http.StatusUnauthorized, "invalid_client", 7000215, fmt.Sprintf(
			"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", req.ClientID))
	case req.HasClientAssertion && a.GitHub.issued(req.ClientAssertion) && a.GitHub.audienceOf(req.ClientAssertion) != a.GitHub.opts.Audience:
		fail(http.StatusBadRequest, "invalid_client", 700212,
			"No matching federated identity record found for presented assertion audience '"+a.GitHub.audienceOf(req.ClientAssertion)+"'.")
	case !ok:
		fail(http.StatusBadRequest, "invalid_scope", 1002012,
			fmt.Sprintf("The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", req.Scope))
	default:
		claims := a.baseClaims(tenant, resource)
		claims["appid"] = req.ClientID
		claims["azp"] = req.ClientID
		claims["idtyp"] = "app"
		claims["oid"] = "00000000-0000-0000-0000-0000000000a1"
		claims["roles"] = append([]string{}, a.opts.Roles...)
		writeJSON(w, http.StatusOK, map[string]any{
			"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599,
			"access_token": FakeJWT(claims),
		})
	}
}

// baseClaims are the claims every fake access token carries; jti makes each
// token distinct so tests can tell a cached token from a fresh one.
func (a *Authority) baseClaims(tenant, resource string) map[string]any {
	a.mu.Lock()
	a.issued++
	n := a.issued
	a.mu.Unlock()
	if a.opts.Tenant != "" {
		tenant = a.opts.Tenant
	}
	now := time.Now().Unix()
	return map[string]any{
		"aud": resource, "iss": "https://sts.windows.net/" + tenant + "/", "tid": tenant,
		"iat": now, "nbf": now, "exp": now + 3599, "ver": "1.0",
		"jti": fmt.Sprintf("graphtest-%d", n),
	}
}

// defaultScopeResource finds the "<resource>/.default" scope among the
// space-separated scopes MSAL sends (it adds openid, profile, offline_access).
func defaultScopeResource(scope string) (string, bool) {
	for _, s := range strings.Fields(scope) {
		if r, ok := strings.CutSuffix(s, "/.default"); ok && r != "" {
			return r, true
		}
	}
	return "", false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store, no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeOAuthError answers like Entra ID: an OAuth error plus AADSTS text.
func writeOAuthError(w http.ResponseWriter, status int, code string, aadsts int, msg string) {
	writeJSON(w, status, map[string]any{
		"error":             code,
		"error_description": fmt.Sprintf("AADSTS%d: %s Trace ID: 00000000-0000-0000-0000-000000000000 Correlation ID: 00000000-0000-0000-0000-000000000000 Timestamp: 2026-01-01 00:00:00Z", aadsts, msg),
		"error_codes":       []int{aadsts},
		"timestamp":         "2026-01-01 00:00:00Z",
		"trace_id":          "00000000-0000-0000-0000-000000000000",
		"correlation_id":    "00000000-0000-0000-0000-000000000000",
		"error_uri":         "https://login.microsoftonline.com/error?code=" + fmt.Sprint(aadsts),
	})
}
