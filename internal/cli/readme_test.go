package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

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

	for _, v := range []string{
		"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
		"AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "AZURE_FEDERATED_TOKEN_FILE",
		"AZURE_AUTHORITY_HOST", "ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
		"ENTRA_AUDIT_ACCESS_TOKEN", "ENTRA_AUDIT_ARM_ACCESS_TOKEN", "IDENTITY_ENDPOINT", "MSI_ENDPOINT",
		"NO_COLOR", "CI",
	} {
		if !strings.Contains(readme, v) {
			t.Errorf("README does not mention the environment variable %s", v)
		}
	}
}
