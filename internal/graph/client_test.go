package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

const testToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.SECRET-test-token"

type staticToken string

func (s staticToken) Token(context.Context, string) (string, error) { return string(s), nil }

// users builds n user objects u0001.. with a predictable shape.
func users(n int) []json.RawMessage {
	out := make([]json.RawMessage, n)
	for i := range out {
		out[i] = json.RawMessage(fmt.Sprintf(`{"id":"u%04d","displayName":"User %d","accountEnabled":%t,"userType":"Member"}`, i+1, i+1, i%2 == 0))
	}
	return out
}

// startFake serves tenant over loopback TLS and returns a client for it
// with a virtual clock (no real sleeping).
func startFake(t testing.TB, tenant *graphtest.Tenant, sopts graphtest.ServerOptions, mod func(*graph.Options)) (*graphtest.Server, *graph.Client, *graphtest.Clock) {
	t.Helper()
	clock := graphtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if sopts.Now == nil {
		sopts.Now = clock.Now
	}
	srv := graphtest.NewServer(tenant, sopts)
	t.Cleanup(srv.Close)
	opts := graph.Options{
		BaseURL:    srv.URL,
		Credential: staticToken(testToken),
		HTTPClient: srv.Client(),
		Sleep:      clock.Sleep,
		Now:        clock.Now,
	}
	if mod != nil {
		mod(&opts)
	}
	c, err := graph.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, clock
}

func TestGetDecodesSingletonAndSendsHeaders(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.SetObject("/v1.0/policies/authorizationPolicy", json.RawMessage(`{"id":"authorizationPolicy","allowInvitesFrom":"everyone"}`))
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{RequireToken: testToken}, nil)

	var got struct {
		ID               string `json:"id"`
		AllowInvitesFrom string `json:"allowInvitesFrom"`
	}
	// Graph matches paths case-insensitively; the fake does too.
	if err := c.Get(context.Background(), "/v1.0/policies/AuthorizationPolicy", &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "authorizationPolicy" || got.AllowInvitesFrom != "everyone" {
		t.Fatalf("decoded %+v", got)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || !reqs[0].Authorized || reqs[0].Status != 200 {
		t.Fatalf("requests %+v", reqs)
	}
}

func TestGetRawMessageAndSelect(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/servicePrincipals",
		json.RawMessage(`{"id":"sp1","appId":"00000003-0000-0000-c000-000000000000","displayName":"Microsoft Graph","tags":["x"]}`))
	_, c, _ := startFake(t, tenant, graphtest.ServerOptions{}, nil)

	var raw json.RawMessage
	if err := c.Get(context.Background(), "/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')?$select=displayName", &raw); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m["displayName"] != "Microsoft Graph" || m["id"] != "sp1" || m["tags"] != nil || m["appId"] != nil {
		t.Fatalf("alternate key + $select gave %s", raw)
	}
}

func TestNewValidatesBaseURL(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://graph.microsoft.com", true},
		{"https://graph.microsoft.us/", true},
		{"http://127.0.0.1:8080", true},
		{"http://127.8.9.10", true},
		{"http://[::1]:9000", true},
		{"http://localhost:1234", true},
		{"http://graph.microsoft.com", false},
		{"http://10.0.0.1", false},
		{"http://localhost.evil.example", false},
		{"ftp://127.0.0.1", false},
		{"graph.microsoft.com", false},
		{"", false},
		{"https://graph.microsoft.com/?x=1", false},
		{"https://user:pw@graph.microsoft.com", false},
	} {
		_, err := graph.New(graph.Options{BaseURL: tc.url})
		if (err == nil) != tc.ok {
			t.Errorf("New(%q) error = %v, want ok=%v", tc.url, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "base URL") {
			t.Errorf("New(%q) error %q does not say what is wrong", tc.url, err)
		}
	}
}

func TestErrorsAreClassified(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.SetError("/v1.0/roleManagement/directory/roleAssignments", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	tenant.SetError("/v1.0/identity/conditionalAccess/policies", 403, "AccessDenied", "You cannot perform the requested operation, required scopes are missing in the token.")
	tenant.SetError("/beta/roleManagement/directory/roleEligibilitySchedules", 400, "AadPremiumLicenseRequired", "The tenant needs an AAD Premium 2 license.")
	tenant.SetError("/v1.0/reports/authenticationMethods/userRegistrationDetails", 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license")
	tenant.AddCollection("/v1.0/domains", json.RawMessage(`{"id":"contoso.com"}`))
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{}, nil)

	for _, tc := range []struct {
		path   string
		status int
		code   string
		kind   graph.ErrorKind
	}{
		{"/v1.0/roleManagement/directory/roleAssignments", 403, "Authorization_RequestDenied", graph.KindMissingPermission},
		{"/v1.0/identity/conditionalAccess/policies", 403, "AccessDenied", graph.KindMissingPermission},
		{"/beta/roleManagement/directory/roleEligibilitySchedules", 400, "AadPremiumLicenseRequired", graph.KindLicenseRequired},
		{"/v1.0/reports/authenticationMethods/userRegistrationDetails", 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", graph.KindLicenseRequired},
		{"/v1.0/domains/contoso.com/federationConfiguration", 404, "Request_ResourceNotFound", graph.KindNotFound},
		{"/v1.0/nothingHere", 404, "Request_ResourceNotFound", graph.KindNotFound},
	} {
		srv.ResetRequests()
		_, err := c.ListAll(context.Background(), tc.path)
		var ge *graph.Error
		if !errors.As(err, &ge) {
			t.Fatalf("%s: error %v is not *graph.Error", tc.path, err)
		}
		if ge.Status != tc.status || ge.Code != tc.code || ge.Kind != tc.kind || graph.KindOf(err) != tc.kind {
			t.Errorf("%s: got status %d code %q kind %v, want %d %q %v", tc.path, ge.Status, ge.Code, ge.Kind, tc.status, tc.code, tc.kind)
		}
		if !strings.HasPrefix(ge.RequestID, "00000000-0000-4000-8000-") || !strings.Contains(err.Error(), ge.RequestID) {
			t.Errorf("%s: request-id %q not kept in %q", tc.path, ge.RequestID, err)
		}
		if ge.Attempts != 1 || len(srv.Requests()) != 1 {
			t.Errorf("%s: a %d was retried: attempts %d, requests %d", tc.path, tc.status, ge.Attempts, len(srv.Requests()))
		}
	}
}

func TestARMErrorShapeAndRequestIDHeader(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.SetError("/providers/Microsoft.Management/managementGroups", 403, "AuthorizationFailed", "The client does not have authorization to perform action.")
	_, c, _ := startFake(t, tenant, graphtest.ServerOptions{}, nil)
	err := c.Get(context.Background(), "/providers/Microsoft.Management/managementGroups?api-version=2020-05-01", nil)
	var ge *graph.Error
	if !errors.As(err, &ge) || ge.Code != "AuthorizationFailed" || ge.Kind != graph.KindMissingPermission || ge.RequestID == "" {
		t.Fatalf("ARM error = %#v", err)
	}
	// ARM rejects calls without api-version.
	err = c.Get(context.Background(), "/subscriptions", nil)
	if !errors.As(err, &ge) || ge.Code != "MissingApiVersionParameter" {
		t.Fatalf("missing api-version: %v", err)
	}
}

func TestUnauthorizedIsNotRetriedAndTokenNeverInErrorsOrLogs(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.SetObject("/v1.0/organization/o1", json.RawMessage(`{"id":"o1"}`))
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{RequireToken: "the-right-token"}, func(o *graph.Options) { o.Logger = logger })

	err := c.Get(context.Background(), "/v1.0/organization/o1", nil)
	if graph.KindOf(err) != graph.KindUnauthorized {
		t.Fatalf("got %v, want unauthorized", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Fatalf("401 sent %d times, want 1", n)
	}
	for _, s := range []string{err.Error(), logs.String()} {
		if strings.Contains(s, testToken) || strings.Contains(s, "SECRET") || strings.Contains(strings.ToLower(s), "authorization:") {
			t.Fatalf("token leaked: %s", s)
		}
	}
	if !strings.Contains(logs.String(), "status=401") || !strings.Contains(logs.String(), "request-id=") {
		t.Fatalf("debug log lacks status or request-id: %s", logs.String())
	}
}

func TestCredentialErrorIsReported(t *testing.T) {
	tenant := graphtest.NewTenant()
	srv, _, _ := startFake(t, tenant, graphtest.ServerOptions{}, nil)
	c, err := graph.New(graph.Options{BaseURL: srv.URL, HTTPClient: srv.Client(), Credential: failingCred{}})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Get(context.Background(), "/v1.0/users", nil)
	if err == nil || !strings.Contains(err.Error(), "no certificate") || !strings.Contains(err.Error(), "/.default") {
		t.Fatalf("got %v", err)
	}
	if len(srv.Requests()) != 0 {
		t.Fatal("a request was sent without a token")
	}
}

type failingCred struct{}

func (failingCred) Token(context.Context, string) (string, error) {
	return "", errors.New("no certificate configured")
}

func TestRedirectToForeignHostIsRefused(t *testing.T) {
	evil := graphtest.NewServer(nil, graphtest.ServerOptions{})
	defer evil.Close()
	redirector := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.URL+"/v1.0/users", http.StatusFound)
	})
	// httptest TLS servers share one certificate, so this client would
	// happily follow the redirect (Go keeps Authorization for the same
	// hostname on another port): only the client's guard stops it.
	hs := httptest.NewTLSServer(redirector)
	defer hs.Close()
	hc := hs.Client()
	c, err := graph.New(graph.Options{BaseURL: hs.URL, HTTPClient: hc, Credential: staticToken(testToken)})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Get(context.Background(), "/v1.0/users", nil)
	if !errors.Is(err, graph.ErrForeignOrigin) {
		t.Fatalf("redirect to another host: got %v, want ErrForeignOrigin", err)
	}
	if n := len(evil.Requests()); n != 0 {
		t.Fatalf("foreign host received %d requests", n)
	}
}
