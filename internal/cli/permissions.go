package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/auditlog"
	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

type permissionsOptions struct {
	Check   bool
	Script  scriptOptions
	Connect connectOptions
}

func newCmdPermissions(f *Factory) *cobra.Command {
	opts := &permissionsOptions{}
	cmd := &cobra.Command{
		Use:   "permissions",
		Short: "List the permissions a snapshot needs, and check a token for them",
		Long: `permissions lists the Microsoft Graph application permissions and Azure
Resource Manager roles each family of the snapshot needs (least privilege).

With --check it signs in with the usual connection flags and environment and
compares the list with the permissions in the Graph access token ("roles" for
an application, "scp" for a user). Exit code 1 when some are missing.

With --script az|powershell|terraform it prints, instead, a script to read
and run that sets the identity up: the app registration (created, or the
one --app-id names), exactly these Graph permissions granted with admin
consent, a federated credential for a GitHub environment (--github-repo,
--github-environment) and Reader at the Azure root scope.`,
		Example: `  # Review, then run, a script for Azure CLI that also trusts GitHub Actions
  entra-audit permissions --script az --github-repo contoso/tenant-config \
    --github-environment entra-contoso > setup-entra-audit.sh`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPermissions(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Check, "check", false, "sign in and report which permissions the token lacks")
	fl.StringVar(&opts.Script.Kind, "script", "", "print a setup script instead of the list: az, powershell or terraform")
	fl.StringVar(&opts.Script.AppName, "app-name", "entra-audit", "with --script: the display name of the app registration to create")
	fl.StringVar(&opts.Script.AppID, "app-id", "", "with --script: use this existing app registration (client id) instead of creating one")
	fl.StringVar(&opts.Script.GitHubRepo, "github-repo", "", "with --script: trust GitHub Actions jobs of OWNER/REPO (a federated credential)")
	fl.StringVar(&opts.Script.GitHubEnvironment, "github-environment", "", "with --github-repo: the GitHub environment those jobs run in")
	opts.Connect.bind(cmd.Flags())
	return cmd
}

func runPermissions(ctx context.Context, f *Factory, opts *permissionsOptions) error {
	if opts.Script.Kind != "" {
		if opts.Check {
			return usageError("--script and --check do not go together: print the script, run it, then --check")
		}
		if err := opts.Script.check(); err != nil {
			return err
		}
		script, err := renderScript(opts.Script, f.Version)
		if err != nil {
			return runtimeError(err)
		}
		_, err = f.IO.Out.Write(script)
		return err
	}
	if opts.Script.AppID != "" || opts.Script.GitHubRepo != "" || opts.Script.GitHubEnvironment != "" {
		return usageError("--app-id, --github-repo and --github-environment go with --script")
	}
	needs := snapshot.RequiredPermissions(snapshot.Catalog())
	var granted []string
	kind := ""
	if opts.Check {
		var err error
		granted, kind, err = tokenPermissions(ctx, f, opts)
		if err != nil {
			return err
		}
	}
	w := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	missing := 0
	for i, api := range []string{snapshot.APIGraph, snapshot.APIARM} {
		if i > 0 {
			fmt.Fprintln(w)
		}
		switch api {
		case snapshot.APIGraph:
			fmt.Fprintln(w, "Microsoft Graph application permissions:")
		case snapshot.APIARM:
			fmt.Fprintln(w, "Azure Resource Manager (role assignments for the identity):")
		}
		for _, n := range needs {
			if n.API != api {
				continue
			}
			status := ""
			if opts.Check && api == snapshot.APIGraph {
				if snapshot.Satisfied(n.Permission, granted) {
					status = "\tgranted"
				} else {
					status = "\tMISSING"
					missing++
				}
			}
			fmt.Fprintf(w, "  %s\t%s%s\n", n.Permission, strings.Join(n.Families, ", "), status)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Microsoft Graph, for drift attribution (optional: without it each change says it could not be attributed):")
	status := ""
	if opts.Check {
		status = "\tMISSING (optional)"
		if snapshot.Satisfied(auditlog.Permission, granted) {
			status = "\tgranted"
		}
	}
	fmt.Fprintf(w, "  %s\t%s%s\n", auditlog.Permission, "scan and drift with --baseline", status)
	if err := w.Flush(); err != nil {
		return runtimeError(err)
	}
	if opts.Check {
		if missing > 0 {
			fmt.Fprintf(f.IO.Err, "%d Graph permission(s) missing from the token's %s claim: grant them (admin consent) and sign in again; the snapshot records what they hide as missing_permission.\n", missing, kind)
			return &ExitError{Code: ExitFindings}
		}
		fmt.Fprintf(f.IO.Err, "The token's %s claim holds every Graph permission listed. ARM roles are not checked here.\n", kind)
	}
	return nil
}

// tokenPermissions signs in and reads the Graph token's permissions: the
// application's roles, or a user's delegated scopes. The token itself is
// never printed.
func tokenPermissions(ctx context.Context, f *Factory, opts *permissionsOptions) ([]string, string, error) {
	conn, err := opts.Connect.connect(ctx, f)
	if err != nil {
		return nil, "", err
	}
	tok, err := conn.Credential.Token(ctx, graph.Scope(conn.Cloud.GraphURL))
	if err != nil {
		return nil, "", runtimeError(fmt.Errorf("get a Graph token: %w", err))
	}
	roles, err := graph.TokenRoles(tok)
	if err != nil {
		return nil, "", runtimeError(fmt.Errorf("read the Graph token: %w", err))
	}
	if len(roles) > 0 {
		return roles, "roles", nil
	}
	scopes, err := graph.TokenScopes(tok)
	if err != nil {
		return nil, "", runtimeError(fmt.Errorf("read the Graph token: %w", err))
	}
	return scopes, "scp", nil
}
