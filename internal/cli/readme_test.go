package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// documentedEnv is every environment variable entra-audit reads.
var documentedEnv = []string{
	graph.EnvTenantID, graph.EnvClientID, graph.EnvClientSecret, graph.EnvCertificatePath,
	graph.EnvCertificatePassword, graph.EnvSendCertificateChain, graph.EnvFederatedTokenFile,
	graph.EnvAuthorityHost, graph.EnvGitHubOIDCURL, graph.EnvGitHubOIDCToken,
	graph.EnvAccessToken, graph.EnvARMAccessToken, graph.EnvIdentityEndpoint, graph.EnvMSIEndpoint,
	"NO_COLOR", "CI",
}

// TestREADMEDescribesEveryFlagAndVariable keeps the README honest: a flag or
// environment variable added without documentation fails here.
func TestREADMEDescribesEveryFlagAndVariable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)

	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "completion" || c.Name() == "help" {
			return
		}
		if !c.HasParent() || c.Runnable() {
			if !strings.Contains(readme, strings.TrimPrefix(c.CommandPath(), "entra-audit ")) {
				t.Errorf("README does not mention the command %q", c.CommandPath())
			}
		}
		check := func(f *pflag.Flag) {
			if f.Name == "help" || f.Name == "version" {
				return
			}
			if !strings.Contains(readme, "--"+f.Name) {
				t.Errorf("README does not describe %s --%s", c.CommandPath(), f.Name)
			}
		}
		c.LocalFlags().VisitAll(check)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(&Factory{IO: &IO{Getenv: os.Getenv}}))

	for _, v := range documentedEnv {
		if !strings.Contains(readme, v) {
			t.Errorf("README does not mention the environment variable %s", v)
		}
	}
}

// TestHelpListsEnvironmentVariables: `entra-audit --help` names every
// variable the README documents for sign-in and behaviour.
func TestHelpListsEnvironmentVariables(t *testing.T) {
	var out strings.Builder
	io := &IO{Out: &out, Err: &out, Getenv: func(string) string { return "" }}
	if code := Main([]string{"--help"}, io); code != ExitOK {
		t.Fatalf("--help exit %d", code)
	}
	for _, v := range documentedEnv {
		name := v
		if v == graph.EnvGitHubOIDCToken { // listed as ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN
			name = "ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN"
		}
		if !strings.Contains(out.String(), name) {
			t.Errorf("--help does not mention %s", v)
		}
	}
}

// TestREADMEListsEveryGraphPermission: the permissions table in the README
// must name every Graph permission a collector declares.
func TestREADMEListsEveryGraphPermission(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, need := range snapshot.RequiredPermissions(snapshot.Catalog()) {
		if need.API == snapshot.APIGraph && !strings.Contains(string(b), "`"+need.Permission+"`") {
			t.Errorf("README's permissions table lacks %s (needed by %s)", need.Permission, strings.Join(need.Families, ", "))
		}
	}
}
