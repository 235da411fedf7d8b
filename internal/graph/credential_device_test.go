package graph_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func TestCredentialDeviceCode(t *testing.T) {
	a := newAuthority(t, graphtest.AuthorityOptions{DeviceCodePending: 1, DelegatedScopes: []string{"Directory.Read.All", "Policy.Read.All"}})
	var mu sync.Mutex
	var prompts []string
	cfg := configFor(a, nil)
	cfg.IsTerminal = true
	cfg.DeviceCodePrompt = func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		prompts = append(prompts, msg)
	}
	cred := newCredential(t, cfg, graph.AuthDeviceCode)

	tok := token(t, cred, graphScope)
	scopes, err := graph.TokenScopes(tok)
	if err != nil || strings.Join(scopes, " ") != "Directory.Read.All Policy.Read.All" {
		t.Errorf("TokenScopes = %v, %v", scopes, err)
	}
	armTok := token(t, cred, armScope) // silently, from the refresh token
	if armTok == tok {
		t.Error("ARM scope got the Graph token")
	}
	if again := token(t, cred, graphScope); again != tok {
		t.Error("second Graph call was not served from the cache")
	}

	mu.Lock()
	defer mu.Unlock()
	if len(prompts) != 1 || !strings.Contains(prompts[0], a.URL+"/devicelogin") || !strings.Contains(prompts[0], "enter the code") {
		t.Errorf("prompts = %q, want one device-code message", prompts)
	}
	var grants []string
	for _, r := range a.TokenRequests() {
		if r.ClientID != testClientID || r.HasClientSecret || r.HasClientAssertion {
			t.Errorf("public client request carried client credentials: %+v", r.GrantType)
		}
		grants = append(grants, strings.TrimPrefix(r.GrantType, "urn:ietf:params:oauth:grant-type:"))
	}
	want := "device_code device_code refresh_token"
	if strings.Join(grants, " ") != want {
		t.Errorf("grants = %v, want one pending poll, the redemption, then a refresh for ARM", grants)
	}
}
