package graph_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func TestCredentialAccessToken(t *testing.T) {
	a := newAuthority(t, graphtest.AuthorityOptions{})
	graphTok := graphtest.FakeJWT(map[string]any{"aud": "https://graph.microsoft.com", "exp": time.Now().Add(time.Hour).Unix()})
	// Even with app credentials around, a ready token wins and no authority is called.
	cfg := configFor(a, map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": graphTok, "AZURE_CLIENT_SECRET": "unused"})
	cfg.GraphURL = "https://127.0.0.1:9/" // a fake Graph server's scope maps to the Graph token too
	cred := newCredential(t, cfg, graph.AuthAccessToken)

	for _, scope := range []string{graphScope, "https://graph.microsoft.us/.default", "https://127.0.0.1:9/.default"} {
		if got := token(t, cred, scope); got != graphTok {
			t.Errorf("Token(%s) did not return ENTRA_AUDIT_ACCESS_TOKEN", scope)
		}
	}
	_, err := cred.Token(t.Context(), armScope)
	if !errors.Is(err, graph.ErrNoTokenForScope) || !strings.Contains(err.Error(), "ENTRA_AUDIT_ARM_ACCESS_TOKEN") {
		t.Errorf("ARM without ENTRA_AUDIT_ARM_ACCESS_TOKEN: %v, want ErrNoTokenForScope naming the variable", err)
	}
	if _, err := cred.Token(t.Context(), "https://vault.azure.net/.default"); !errors.Is(err, graph.ErrNoTokenForScope) {
		t.Errorf("unknown resource: %v, want ErrNoTokenForScope", err)
	}
	if n := len(a.TokenRequests()); n != 0 {
		t.Errorf("access-token mode called the authority %d times", n)
	}
}

func TestCredentialAccessTokenARMAndExpiry(t *testing.T) {
	armTok := "opaque-arm-token" // not a JWT: used as is, no expiry check possible
	expired := graphtest.FakeJWT(map[string]any{"exp": time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()})
	cred, mode, err := graph.NewCredential(t.Context(), graph.AuthConfig{AccessToken: graph.Secret(expired), ARMAccessToken: graph.Secret(armTok)})
	if err != nil || mode != graph.AuthAccessToken {
		t.Fatalf("NewCredential: %v %v", mode, err)
	}
	for _, scope := range []string{armScope, "https://management.core.windows.net//.default", "https://management.usgovcloudapi.net/.default"} {
		if got := token(t, cred, scope); got != armTok {
			t.Errorf("Token(%s) did not return the ARM token", scope)
		}
	}
	_, err = cred.Token(t.Context(), graphScope)
	if err == nil || !strings.Contains(err.Error(), "expired") || !strings.Contains(err.Error(), "az account get-access-token --resource-type ms-graph") {
		t.Errorf("expired token: %v", err)
	}
	if err != nil && (strings.Contains(err.Error(), expired) || errors.Is(err, graph.ErrNoTokenForScope)) {
		t.Errorf("expired token error leaks the token or claims 'not available': %v", err)
	}
}
