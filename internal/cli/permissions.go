package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

type permissionsOptions struct {
	Check   bool
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
an application, "scp" for a user). Exit code 1 when some are missing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPermissions(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Check, "check", false, "sign in and report which permissions the token lacks")
	opts.Connect.bind(cmd.Flags())
	return cmd
}

func runPermissions(ctx context.Context, f *Factory, opts *permissionsOptions) error {
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
