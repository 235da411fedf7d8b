package graph_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func TestCredentialFederatedTokenFile(t *testing.T) {
	a := newAuthority(t, graphtest.AuthorityOptions{})
	file := filepath.Join(t.TempDir(), "azure-identity-token")
	first := graphtest.FakeJWT(map[string]any{"iss": "https://oidc.example/k8s", "sub": "system:serviceaccount:audit:entra-audit", "n": 1})
	if err := os.WriteFile(file, []byte(first+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cred := newCredential(t, configFor(a, map[string]string{"AZURE_FEDERATED_TOKEN_FILE": file}), graph.AuthFederatedTokenFile)
	token(t, cred, graphScope)

	// Kubernetes rotates the projected token: the next assertion must carry
	// the new file contents, not a copy read at start-up.
	second := graphtest.FakeJWT(map[string]any{"iss": "https://oidc.example/k8s", "sub": "system:serviceaccount:audit:entra-audit", "n": 2})
	if err := os.WriteFile(file, []byte(second), 0o600); err != nil {
		t.Fatal(err)
	}
	token(t, cred, armScope)
	token(t, cred, graphScope) // cached: no third request

	reqs := a.TokenRequests()
	if len(reqs) != 2 {
		t.Fatalf("%d token requests, want 2", len(reqs))
	}
	checkClientCredentials(t, reqs[0], graphScope, false)
	checkClientCredentials(t, reqs[1], armScope, false)
	if reqs[0].ClientAssertion != first {
		t.Errorf("first assertion = %q, want the file's contents %q", reqs[0].ClientAssertion, first)
	}
	if reqs[1].ClientAssertion != second {
		t.Errorf("second assertion = %q, want the rotated file's contents %q", reqs[1].ClientAssertion, second)
	}

	// An emptied file is reported, not sent.
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := cred.Token(t.Context(), "https://example.invalid/.default"); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty token file: %v", err)
	}
}

func TestCredentialGitHubOIDC(t *testing.T) {
	a := newAuthority(t, graphtest.AuthorityOptions{GitHub: graphtest.GitHubOIDCOptions{RequestToken: "runner-request-token-123"}})
	cfg := configFor(a, map[string]string{
		"ACTIONS_ID_TOKEN_REQUEST_URL":   a.GitHubOIDCURL(),
		"ACTIONS_ID_TOKEN_REQUEST_TOKEN": a.GitHub.RequestToken(),
	})
	cred := newCredential(t, cfg, graph.AuthGitHubOIDC)
	token(t, cred, graphScope)
	token(t, cred, armScope)

	calls := a.GitHub.Calls()
	if len(calls) != 2 {
		t.Fatalf("GitHub OIDC endpoint called %d times, want once per assertion (2)", len(calls))
	}
	reqs := a.TokenRequests()
	if len(reqs) != 2 {
		t.Fatalf("%d token requests, want 2", len(reqs))
	}
	for i, c := range calls {
		if !c.Authorized {
			t.Errorf("call %d: bearer request token not sent", i)
		}
		if c.Audience != "api://AzureADTokenExchange" {
			t.Errorf("call %d: audience %q, want api://AzureADTokenExchange", i, c.Audience)
		}
		if reqs[i].ClientAssertion != c.Token {
			t.Errorf("token request %d did not carry the GitHub token fetched for it", i)
		}
	}
	if calls[0].Token == calls[1].Token {
		t.Error("the same GitHub token was reused: each assertion must fetch a fresh one")
	}
	checkClientCredentials(t, reqs[0], graphScope, false)
	checkClientCredentials(t, reqs[1], armScope, false)
}

func TestCredentialGitHubOIDCWithoutPermission(t *testing.T) {
	a := newAuthority(t, graphtest.AuthorityOptions{})
	cfg := configFor(a, map[string]string{
		"ACTIONS_ID_TOKEN_REQUEST_URL":   a.GitHubOIDCURL(),
		"ACTIONS_ID_TOKEN_REQUEST_TOKEN": "stale-request-token-value",
	})
	cred := newCredential(t, cfg, graph.AuthGitHubOIDC)
	_, err := cred.Token(t.Context(), graphScope)
	if err == nil {
		t.Fatal("a refused GitHub token request still produced a token")
	}
	for _, s := range []string{"401", "id-token: write"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q should mention %q", err, s)
		}
	}
	if strings.Contains(err.Error(), "stale-request-token-value") {
		t.Errorf("error leaks the request token: %v", err)
	}
	if len(a.TokenRequests()) != 0 {
		t.Error("the authority was called without an assertion")
	}
}
