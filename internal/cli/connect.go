package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/entra-audit/entra-audit/internal/graph"
)

// connectOptions are the flags of every command that talks to a tenant.
// Credentials come from the Azure SDK's environment variables (see
// graph.AuthConfigFromEnv); flags only choose and override.
type connectOptions struct {
	Auth                    string
	Tenant                  string
	ClientID                string
	Cloud                   string
	GraphURL                string
	AuthorityURL            string
	ARMURL                  string
	ManagedIdentityClientID string
}

func (o *connectOptions) bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.Auth, "auth", "auto", "how to sign in: "+strings.Join(graph.AuthModes(), ", ")+" (auto picks from the environment)")
	fs.StringVar(&o.Tenant, "tenant", "", "tenant id or domain (default $AZURE_TENANT_ID)")
	fs.StringVar(&o.ClientID, "client-id", "", "application (client) id of the app registration (default $AZURE_CLIENT_ID)")
	fs.StringVar(&o.Cloud, "cloud", "", "Microsoft cloud: "+strings.Join(graph.CloudNames(), ", ")+
		" (default global; with --graph-url and no --cloud the snapshot records cloud unknown, and audit takes the cloud from entra-audit.yaml)")
	fs.StringVar(&o.GraphURL, "graph-url", "", "Microsoft Graph endpoint override, e.g. a private endpoint (http only for loopback)")
	fs.StringVar(&o.AuthorityURL, "authority-url", "", "Entra ID authority host override (default $AZURE_AUTHORITY_HOST or the cloud's)")
	fs.StringVar(&o.ARMURL, "arm-url", "", "Azure Resource Manager endpoint override (http only for loopback)")
	fs.StringVar(&o.ManagedIdentityClientID, "managed-identity-client-id", "", "client id of a user-assigned managed identity (default: $AZURE_CLIENT_ID, else system-assigned)")
}

// connection is what a command needs to read a tenant.
type connection struct {
	Cloud      graph.Cloud
	Mode       graph.AuthMode
	Credential graph.Credential
	Graph      *graph.Client
	ARM        *graph.Client // nil when no ARM token can be had (access-token mode without ENTRA_AUDIT_ARM_ACCESS_TOKEN)
}

// resolve validates the flags without touching the network.
func (o *connectOptions) resolve(getenv func(string) string) (graph.Cloud, graph.AuthConfig, error) {
	name := o.Cloud
	if name == "" {
		name = "global"
	}
	cloud, err := graph.LookupCloud(name)
	if err != nil {
		return graph.Cloud{}, graph.AuthConfig{}, usageError("--cloud: %v", err)
	}
	for _, u := range []struct {
		flag string
		val  *string
		dst  *string
	}{
		{"--graph-url", &o.GraphURL, &cloud.GraphURL},
		{"--arm-url", &o.ARMURL, &cloud.ARMURL},
	} {
		if *u.val == "" {
			continue
		}
		if err := checkEndpoint(*u.val, true); err != nil {
			return graph.Cloud{}, graph.AuthConfig{}, usageError("%s: %v", u.flag, err)
		}
		*u.dst = strings.TrimRight(*u.val, "/")
	}

	cfg := graph.AuthConfigFromEnv(getenv)
	mode, err := graph.ParseAuthMode(o.Auth)
	if err != nil {
		return graph.Cloud{}, graph.AuthConfig{}, usageError("--auth: %v", err)
	}
	cfg.Mode = mode
	if o.Tenant != "" {
		cfg.TenantID = o.Tenant
	}
	if cfg.TenantID != "" {
		if err := graph.CheckTenant(cfg.TenantID); err != nil {
			return graph.Cloud{}, graph.AuthConfig{}, usageError("%v", err)
		}
	}
	if o.ClientID != "" {
		cfg.ClientID = o.ClientID
	}
	if o.ManagedIdentityClientID != "" {
		cfg.ManagedIdentityClientID = o.ManagedIdentityClientID
	}
	switch {
	case o.AuthorityURL != "":
		if err := checkEndpoint(o.AuthorityURL, false); err != nil {
			return graph.Cloud{}, graph.AuthConfig{}, usageError("--authority-url: %v", err)
		}
		cfg.AuthorityHost = strings.TrimRight(o.AuthorityURL, "/")
	case cfg.AuthorityHost == "":
		cfg.AuthorityHost = cloud.AuthorityHost
	}
	cloud.AuthorityHost = cfg.AuthorityHost
	cfg.GraphURL, cfg.ARMURL = cloud.GraphURL, cloud.ARMURL
	return cloud, cfg, nil
}

// recordedCloud is the cloud a snapshot's manifest records: the one
// --cloud names, global by default, but unknown when --graph-url replaced
// the endpoint without --cloud (a private endpoint says nothing about the
// cloud behind it).
func (o *connectOptions) recordedCloud(c graph.Cloud) string {
	if o.GraphURL != "" && o.Cloud == "" {
		return "unknown"
	}
	return c.Name
}

// connect builds the credential and the Graph and ARM clients.
func (o *connectOptions) connect(ctx context.Context, f *Factory) (*connection, error) {
	cloud, cfg, err := o.resolve(f.IO.Getenv)
	if err != nil {
		return nil, err
	}
	cfg.IsTerminal = f.IO.ErrIsTerminal && isTerminalIn(f.IO)
	cfg.DeviceCodePrompt = func(msg string) { fmt.Fprintln(f.IO.Err, msg) }

	cred, mode, err := graph.NewCredential(ctx, cfg)
	if err != nil {
		if errors.Is(err, graph.ErrNoCredentials) {
			return nil, usageError("%v", err)
		}
		return nil, &ExitError{Code: ExitRuntime, Err: fmt.Errorf("sign in: %w", err)}
	}
	// One token before anything is read: a wrong tenant, secret or
	// authority is then one error naming them, not a failure per resource.
	if _, err := cred.Token(ctx, graph.Scope(cloud.GraphURL)); err != nil {
		return nil, &ExitError{Code: ExitRuntime, Err: signInError(cfg, mode, err)}
	}
	conn := &connection{Cloud: cloud, Mode: mode, Credential: cred}
	conn.Graph, err = graph.New(graph.Options{BaseURL: cloud.GraphURL, Credential: cred, Logger: f.logger(), UserAgent: "entra-audit/" + f.Version})
	if err != nil {
		return nil, usageError("graph endpoint: %v", err)
	}
	if mode != graph.AuthAccessToken || cfg.ARMAccessToken.IsSet() {
		conn.ARM, err = graph.New(graph.Options{BaseURL: cloud.ARMURL, Credential: cred, Logger: f.logger(), UserAgent: "entra-audit/" + f.Version})
		if err != nil {
			return nil, usageError("arm endpoint: %v", err)
		}
	}
	return conn, nil
}

// checkEndpoint accepts https URLs, and http ones only on loopback hosts so
// that a token never crosses a network in clear text.
func checkEndpoint(raw string, allowLoopbackHTTP bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not an absolute URL", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if allowLoopbackHTTP && isLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("%q uses plain http: only https is accepted, except for loopback hosts", raw)
	default:
		return fmt.Errorf("%q: scheme must be https", raw)
	}
}

func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func isTerminalIn(io *IO) bool {
	type fder interface{ Fd() uintptr }
	if f, ok := io.In.(fder); ok {
		return term.IsTerminal(int(f.Fd()))
	}
	return false
}

// logger is the configured logger, or a discarding one before setup.
func (f *Factory) logger() *slog.Logger {
	if f.Logger != nil {
		return f.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// signInError names what the sign-in used, so the one error says where to
// look: the tenant, the authority, the credential mode, then the cause
// (with a hint for the AADSTS codes people hit).
func signInError(cfg graph.AuthConfig, mode graph.AuthMode, err error) error {
	tenant, authority := cfg.TenantID, cfg.AuthorityHost
	if tenant == "" {
		tenant = "(none set)"
	}
	if authority == "" {
		authority = "the cloud's default"
	}
	return fmt.Errorf("sign-in failed: tenant %s, authority %s, credential %s: %w; nothing was read", tenant, authority, mode, err)
}
