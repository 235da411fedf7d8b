package graph_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// appServiceIdentity fakes the App Service / Functions / Container Apps
// managed identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER). MSAL
// accepts a plain-http loopback endpoint there, as the real one is.
type appServiceIdentity struct {
	mu    sync.Mutex
	calls []map[string]string
}

func (f *appServiceIdentity) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.mu.Lock()
	f.calls = append(f.calls, map[string]string{"header": r.Header.Get("X-IDENTITY-HEADER"),
		"resource": q.Get("resource"), "client_id": q.Get("client_id"), "api-version": q.Get("api-version")})
	f.mu.Unlock()
	if r.Header.Get("X-IDENTITY-HEADER") != "identity-header-secret" {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"access_token": graphtest.FakeJWT(map[string]any{"aud": q.Get("resource"), "roles": []string{"Directory.Read.All"}}),
		"expires_on":   strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10),
		"resource":     q.Get("resource"),
		"token_type":   "Bearer",
		"client_id":    q.Get("client_id"),
	})
}

func TestCredentialManagedIdentityAppService(t *testing.T) {
	fake := &appServiceIdentity{}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	// MSAL reads these from the process environment itself.
	t.Setenv("IDENTITY_ENDPOINT", srv.URL+"/msi/token")
	t.Setenv("IDENTITY_HEADER", "identity-header-secret")
	t.Setenv("IDENTITY_SERVER_THUMBPRINT", "")
	t.Setenv("MSI_ENDPOINT", "")

	// A user-assigned identity picked by AZURE_CLIENT_ID, as the Azure SDK does.
	const uami = "99999999-8888-7777-6666-555555555555"
	cfg := graph.AuthConfigFromEnv(func(k string) string {
		return map[string]string{"AZURE_CLIENT_ID": uami, "IDENTITY_ENDPOINT": srv.URL + "/msi/token"}[k]
	})
	cred := newCredential(t, cfg, graph.AuthManagedIdentity)
	tok := token(t, cred, graphScope)
	if roles, _ := graph.TokenRoles(tok); len(roles) != 1 {
		t.Errorf("roles = %v", roles)
	}
	if again := token(t, cred, graphScope); again != tok {
		t.Error("second call was not served from MSAL's cache")
	}

	fake.mu.Lock()
	defer fake.mu.Unlock()
	if len(fake.calls) != 1 {
		t.Fatalf("identity endpoint called %d times, want 1", len(fake.calls))
	}
	c := fake.calls[0]
	if c["resource"] != "https://graph.microsoft.com" || c["client_id"] != uami || c["header"] != "identity-header-secret" || c["api-version"] == "" {
		t.Errorf("identity request = %v, want resource without /.default, the user-assigned client id and the header", c)
	}
}

func TestCredentialManagedIdentityFailureIsReported(t *testing.T) {
	fake := &appServiceIdentity{}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	t.Setenv("IDENTITY_ENDPOINT", srv.URL+"/msi/token")
	t.Setenv("IDENTITY_HEADER", "wrong-header")
	t.Setenv("IDENTITY_SERVER_THUMBPRINT", "")
	t.Setenv("MSI_ENDPOINT", "")

	cred := newCredential(t, graph.AuthConfig{Mode: graph.AuthManagedIdentity, ManagedIdentityClientID: "77777777-0000-0000-0000-000000000001"}, graph.AuthManagedIdentity)
	_, err := cred.Token(t.Context(), "https://management.azure.com/.default")
	if err == nil {
		t.Fatal("a refused managed identity request produced a token")
	}
	var ae *graph.AuthError
	if !errors.As(err, &ae) || ae.Status != http.StatusUnauthorized || ae.Mode != graph.AuthManagedIdentity {
		t.Errorf("want *AuthError 401 managed-identity, got %v", err)
	}
}
