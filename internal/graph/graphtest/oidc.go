package graphtest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// GitHubOIDCOptions configures the fake GitHub Actions OIDC token endpoint.
type GitHubOIDCOptions struct {
	RequestToken string // the ACTIONS_ID_TOKEN_REQUEST_TOKEN it accepts; a fixed default when empty
	Subject      string // "sub" of issued tokens; default repo:contoso/entra-baseline:ref:refs/heads/main
	Audience     string // the audience Entra accepts; default api://AzureADTokenExchange
}

// GitHubOIDCCall records one request to the fake GitHub endpoint.
type GitHubOIDCCall struct {
	Audience   string // the audience query parameter ("" when absent)
	Authorized bool   // the bearer request token matched
	Token      string // the JWT issued ("" when refused)
}

// GitHubOIDC fakes the endpoint behind ACTIONS_ID_TOKEN_REQUEST_URL: it
// checks the bearer request token and hands out a fresh JWT per call.
type GitHubOIDC struct {
	opts GitHubOIDCOptions

	mu     sync.Mutex
	calls  []GitHubOIDCCall
	tokens map[string]string // issued token -> its audience
}

// NewGitHubOIDC returns the handler; NewAuthority mounts one at /_github/token.
func NewGitHubOIDC(opts GitHubOIDCOptions) *GitHubOIDC {
	if opts.RequestToken == "" {
		opts.RequestToken = "graphtest-actions-request-token"
	}
	if opts.Subject == "" {
		opts.Subject = "repo:contoso/entra-baseline:ref:refs/heads/main"
	}
	if opts.Audience == "" {
		opts.Audience = "api://AzureADTokenExchange"
	}
	return &GitHubOIDC{opts: opts, tokens: map[string]string{}}
}

// RequestToken is the value to put in ACTIONS_ID_TOKEN_REQUEST_TOKEN.
func (g *GitHubOIDC) RequestToken() string { return g.opts.RequestToken }

// Calls returns every request so far, oldest first.
func (g *GitHubOIDC) Calls() []GitHubOIDCCall {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]GitHubOIDCCall(nil), g.calls...)
}

func (g *GitHubOIDC) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	audience := r.URL.Query().Get("audience")
	bearer, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	call := GitHubOIDCCall{Audience: audience, Authorized: bearer != "" && bearer == g.opts.RequestToken}
	if !call.Authorized {
		g.record(call)
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Bad credentials"})
		return
	}
	if audience == "" {
		// Real GitHub then defaults to the owner URL, which Entra rejects.
		audience = "https://github.com/" + strings.SplitN(strings.TrimPrefix(g.opts.Subject, "repo:"), "/", 2)[0]
	}
	g.mu.Lock()
	n := len(g.tokens) + 1
	g.mu.Unlock()
	now := time.Now().Unix()
	call.Token = FakeJWT(map[string]any{
		"iss": "https://token.actions.githubusercontent.com", "aud": audience, "sub": g.opts.Subject,
		"jti": fmt.Sprintf("graphtest-github-%d", n), "iat": now, "nbf": now, "exp": now + 300,
		"repository": strings.SplitN(strings.TrimPrefix(g.opts.Subject, "repo:"), ":", 2)[0],
	})
	g.mu.Lock()
	g.tokens[call.Token] = audience
	g.mu.Unlock()
	g.record(call)
	writeJSON(w, http.StatusOK, map[string]any{"count": len(call.Token), "value": call.Token})
}

func (g *GitHubOIDC) record(c GitHubOIDCCall) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls = append(g.calls, c)
}

// issued reports whether token came from this fake.
func (g *GitHubOIDC) issued(token string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	_, ok := g.tokens[token]
	return ok
}

func (g *GitHubOIDC) audienceOf(token string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.tokens[token]
}
