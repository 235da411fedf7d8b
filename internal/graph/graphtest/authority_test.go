package graphtest

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func postForm(t *testing.T, a *Authority, path string, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := a.Client().PostForm(a.URL+path, form)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("POST %s: decoding reply: %v", path, err)
	}
	return resp.StatusCode, body
}

func TestAuthorityOpenIDConfigurationMatchesHost(t *testing.T) {
	a := NewAuthority(AuthorityOptions{Tenant: "contoso-tenant"})
	defer a.Close()
	resp, err := a.Client().Get(a.URL + "/contoso-tenant/v2.0/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&doc)
	if !strings.HasPrefix(a.URL, "https://127.0.0.1:") {
		t.Fatalf("URL = %q, want https loopback", a.URL)
	}
	for k, want := range map[string]string{
		"issuer":         a.URL + "/contoso-tenant/v2.0",
		"token_endpoint": a.URL + "/contoso-tenant/oauth2/v2.0/token",
	} {
		if doc[k] != want {
			t.Errorf("%s = %q, want %q", k, doc[k], want)
		}
	}
	resp2, err := a.Client().Get(a.URL + "/other-tenant/v2.0/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown tenant: status %d, want 400", resp2.StatusCode)
	}
}

func TestAuthorityClientCredentials(t *testing.T) {
	a := NewAuthority(AuthorityOptions{Tenant: "t1", ClientID: "app-1", ClientSecret: "right-secret", Roles: []string{"Policy.Read.All"}})
	defer a.Close()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"app-1"},
		"client_secret": {"right-secret"}, "scope": {"https://graph.microsoft.com/.default openid"}}

	status, body := postForm(t, a, "/t1/oauth2/v2.0/token", form)
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, body)
	}
	_, claims, ok := DecodeJWT(body["access_token"].(string))
	if !ok {
		t.Fatalf("access_token is not JWT-shaped: %v", body["access_token"])
	}
	if claims["aud"] != "https://graph.microsoft.com" || claims["appid"] != "app-1" || claims["tid"] != "t1" {
		t.Errorf("claims = %v", claims)
	}
	if roles, _ := claims["roles"].([]any); len(roles) != 1 || roles[0] != "Policy.Read.All" {
		t.Errorf("roles = %v", claims["roles"])
	}

	cases := []struct {
		name   string
		edit   func(url.Values)
		status int
		aadsts string
	}{
		{"wrong secret", func(f url.Values) { f.Set("client_secret", "wrong") }, 401, "AADSTS7000215"},
		{"no credential", func(f url.Values) { f.Del("client_secret") }, 401, "AADSTS7000218"},
		{"wrong client", func(f url.Values) { f.Set("client_id", "app-2") }, 400, "AADSTS700016"},
		{"no .default scope", func(f url.Values) { f.Set("scope", "User.Read") }, 400, "AADSTS1002012"},
		{"assertion of wrong type", func(f url.Values) {
			f.Del("client_secret")
			f.Set("client_assertion", "x.y.z")
			f.Set("client_assertion_type", "bogus")
		}, 400, "AADSTS90014"},
	}
	for _, c := range cases {
		f := url.Values{}
		for k, v := range form {
			f[k] = slices.Clone(v)
		}
		c.edit(f)
		status, body := postForm(t, a, "/t1/oauth2/v2.0/token", f)
		desc, _ := body["error_description"].(string)
		if status != c.status || !strings.HasPrefix(desc, c.aadsts+":") {
			t.Errorf("%s: status %d %q, want %d %s", c.name, status, desc, c.status, c.aadsts)
		}
	}

	a.FailInvalidClient(true)
	if status, _ := postForm(t, a, "/t1/oauth2/v2.0/token", form); status != http.StatusUnauthorized {
		t.Errorf("FailInvalidClient: status %d, want 401", status)
	}
	reqs := a.TokenRequests()
	if len(reqs) != 2+len(cases) {
		t.Fatalf("recorded %d requests, want %d", len(reqs), 2+len(cases))
	}
	if r := reqs[0]; r.GrantType != "client_credentials" || r.ClientID != "app-1" || !r.HasClientSecret || r.HasClientAssertion || r.Tenant != "t1" {
		t.Errorf("first request recorded as %+v", r)
	}
}

func TestAuthorityEchoRequestInErrors(t *testing.T) {
	a := NewAuthority(AuthorityOptions{ClientSecret: "right", EchoRequestInErrors: true})
	defer a.Close()
	_, body := postForm(t, a, "/t/oauth2/v2.0/token", url.Values{"grant_type": {"client_credentials"},
		"client_id": {"c"}, "client_secret": {"leaky-value"}, "scope": {"https://graph.microsoft.com/.default"}})
	if desc, _ := body["error_description"].(string); !strings.Contains(desc, "leaky-value") {
		t.Errorf("echoing authority should copy the form into errors, got %q", desc)
	}
}

func TestAuthorityGitHubOIDC(t *testing.T) {
	a := NewAuthority(AuthorityOptions{GitHub: GitHubOIDCOptions{RequestToken: "req-token"}})
	defer a.Close()
	if !strings.Contains(a.GitHubOIDCURL(), "?") {
		t.Fatalf("GitHubOIDCURL %q should already carry a query, like the runner's", a.GitHubOIDCURL())
	}
	get := func(bearer, audience string) (int, string) {
		u := a.GitHubOIDCURL()
		if audience != "" {
			u += "&audience=" + url.QueryEscape(audience)
		}
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+bearer)
		resp, err := a.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct{ Value string }
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body.Value
	}
	if status, _ := get("wrong", "api://AzureADTokenExchange"); status != http.StatusUnauthorized {
		t.Errorf("wrong bearer: status %d, want 401", status)
	}
	_, t1 := get("req-token", "api://AzureADTokenExchange")
	_, t2 := get("req-token", "api://AzureADTokenExchange")
	if t1 == "" || t1 == t2 {
		t.Fatalf("want two distinct tokens, got %q and %q", t1, t2)
	}
	_, claims, _ := DecodeJWT(t1)
	if claims["aud"] != "api://AzureADTokenExchange" || claims["iss"] != "https://token.actions.githubusercontent.com" {
		t.Errorf("claims = %v", claims)
	}
	calls := a.GitHub.Calls()
	if len(calls) != 3 || calls[0].Authorized || !calls[1].Authorized || calls[1].Audience != "api://AzureADTokenExchange" {
		t.Errorf("calls = %+v", calls)
	}

	// Entra refuses a GitHub token minted for another audience.
	_, wrongAud := get("req-token", "")
	status, body := postForm(t, a, "/t/oauth2/v2.0/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"c"},
		"client_assertion_type": {assertionTypeJWTBearer}, "client_assertion": {wrongAud}, "scope": {"https://graph.microsoft.com/.default"}})
	if desc, _ := body["error_description"].(string); status != 400 || !strings.HasPrefix(desc, "AADSTS700212") {
		t.Errorf("wrong-audience assertion: %d %q, want 400 AADSTS700212", status, desc)
	}
}

func TestAuthorityDeviceCodeAndRefresh(t *testing.T) {
	a := NewAuthority(AuthorityOptions{Tenant: "t", ClientID: "pub", DeviceCodePending: 2, DelegatedScopes: []string{"Directory.Read.All"}})
	defer a.Close()
	status, dc := postForm(t, a, "/t/oauth2/v2.0/devicecode", url.Values{"client_id": {"pub"}, "scope": {"https://graph.microsoft.com/.default"}})
	if status != 200 || !strings.Contains(dc["message"].(string), dc["user_code"].(string)) {
		t.Fatalf("devicecode: %d %v", status, dc)
	}
	redeem := url.Values{"grant_type": {grantDeviceCode}, "client_id": {"pub"}, "device_code": {dc["device_code"].(string)},
		"scope": {"https://graph.microsoft.com/.default openid offline_access profile"}}
	for i := 0; i < 2; i++ {
		if status, body := postForm(t, a, "/t/oauth2/v2.0/token", redeem); status != 400 || body["error"] != "authorization_pending" {
			t.Fatalf("poll %d: %d %v, want authorization_pending", i, status, body)
		}
	}
	status, tok := postForm(t, a, "/t/oauth2/v2.0/token", redeem)
	if status != 200 || tok["refresh_token"] == nil || tok["id_token"] == nil || tok["client_info"] == nil {
		t.Fatalf("redeem: %d %v", status, tok)
	}
	_, claims, _ := DecodeJWT(tok["access_token"].(string))
	if claims["scp"] != "Directory.Read.All" || claims["idtyp"] != "user" {
		t.Errorf("delegated claims = %v", claims)
	}
	if status, _ := postForm(t, a, "/t/oauth2/v2.0/token", redeem); status != 400 {
		t.Errorf("a device code must be redeemable once, got %d", status)
	}
	status, arm := postForm(t, a, "/t/oauth2/v2.0/token", url.Values{"grant_type": {"refresh_token"}, "client_id": {"pub"},
		"refresh_token": {tok["refresh_token"].(string)}, "scope": {"https://management.azure.com/.default offline_access"}})
	_, armClaims, _ := DecodeJWT(arm["access_token"].(string))
	if status != 200 || armClaims["aud"] != "https://management.azure.com" {
		t.Errorf("refresh for ARM: %d %v", status, armClaims)
	}
}

// The binary may use graphtest for demos, so its non-test files must not
// pull in package testing.
func TestAuthorityFilesDoNotImportTesting(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	checked := 0
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasSuffix(base, "_test.go") || !(strings.HasPrefix(base, "authority") || strings.HasPrefix(base, "oidc")) {
			continue
		}
		checked++
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			if imp.Path.Value == `"testing"` {
				t.Errorf("%s imports testing", f)
			}
		}
	}
	if checked < 3 {
		t.Fatalf("checked only %d files; the authority files were not found", checked)
	}
}
