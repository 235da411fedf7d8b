package graph

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// staticCredential hands out tokens the user obtained elsewhere (az CLI,
// a pipeline step). It never calls an authority, so it cannot refresh: an
// expired token is reported with how to get a new one.
type staticCredential struct {
	graph, arm             Secret
	graphScopes, armScopes map[string]bool
	now                    func() time.Time
}

func newStaticCredential(cfg AuthConfig) (*staticCredential, error) {
	c := &staticCredential{
		graph: cfg.AccessToken, arm: cfg.ARMAccessToken,
		graphScopes: map[string]bool{}, armScopes: map[string]bool{},
		now: time.Now,
	}
	for _, name := range CloudNames() {
		cl, _ := LookupCloud(name)
		c.graphScopes[staticScopeKey(cl.GraphURL)] = true
		c.armScopes[staticScopeKey(cl.ARMURL)] = true
	}
	// ARM's older resource ids, which az CLI tokens often carry.
	for _, u := range []string{"https://management.core.windows.net", "https://management.core.usgovcloudapi.net", "https://management.core.chinacloudapi.cn"} {
		c.armScopes[staticScopeKey(u)] = true
	}
	if cfg.GraphURL != "" {
		c.graphScopes[staticScopeKey(cfg.GraphURL)] = true
	}
	if cfg.ARMURL != "" {
		c.armScopes[staticScopeKey(cfg.ARMURL)] = true
	}
	return c, nil
}

// staticScopeKey reduces "https://graph.microsoft.com/.default" and
// "https://graph.microsoft.com/" to one comparable key.
func staticScopeKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(s, "/.default")
	return strings.TrimRight(s, "/")
}

func (c *staticCredential) Token(_ context.Context, scope string) (string, error) {
	var tok Secret
	var env string
	switch key := staticScopeKey(scope); {
	case c.graphScopes[key]:
		tok, env = c.graph, EnvAccessToken
	case c.armScopes[key]:
		tok, env = c.arm, EnvARMAccessToken
	default:
		return "", fmt.Errorf("%w: %s (access-token mode only holds a Graph token in %s and an ARM token in %s)",
			ErrNoTokenForScope, scope, EnvAccessToken, EnvARMAccessToken)
	}
	if !tok.IsSet() {
		return "", fmt.Errorf("%w: %s (access-token mode: set %s)", ErrNoTokenForScope, scope, env)
	}
	if exp, ok := tokenExpiry(tok.Reveal()); ok && !c.now().Before(exp) {
		return "", fmt.Errorf("the token in %s expired at %s: get a new one (az account get-access-token --resource-type %s)",
			env, exp.UTC().Format(time.RFC3339), map[string]string{EnvAccessToken: "ms-graph", EnvARMAccessToken: "arm"}[env])
	}
	return tok.Reveal(), nil
}

func (c *staticCredential) Format(f fmt.State, _ rune) { formatCredential(f, string(AuthAccessToken)) }
