package graph

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
)

// NewCredential builds the Credential for cfg's resolved mode and returns
// that mode (for logs and the snapshot manifest: never the secret).
// ctx bounds setup work; token calls take their own context.
func NewCredential(ctx context.Context, cfg AuthConfig) (Credential, AuthMode, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	mode, err := cfg.ResolveMode()
	if err != nil {
		return nil, "", err
	}
	var cred Credential
	switch mode {
	case AuthAccessToken:
		cred, err = newStaticCredential(cfg)
	case AuthManagedIdentity:
		cred, err = newManagedIdentityCredential(cfg)
	case AuthDeviceCode:
		cred, err = newDeviceCodeCredential(cfg)
	default:
		cred, err = newConfidentialCredential(cfg, mode)
	}
	if err != nil {
		return nil, mode, err
	}
	return cred, mode, nil
}

const defaultAuthorityHost = "https://login.microsoftonline.com"

// microsoftAuthorityHosts are the login hosts MSAL trusts. For any other host
// (a test fake, a private deployment) instance discovery is turned off, or
// MSAL would ask the real login.microsoftonline.com about it.
var microsoftAuthorityHosts = map[string]bool{
	"login.microsoftonline.com": true, "login.microsoft.com": true, "login.windows.net": true,
	"sts.windows.net": true, "login.microsoftonline.us": true, "login.usgovcloudapi.net": true,
	"login-us.microsoftonline.com": true, "login.chinacloudapi.cn": true,
	"login.partner.microsoftonline.cn": true, "login.microsoftonline.de": true,
}

// tenantPattern accepts tenant GUIDs, domain names and the MSAL aliases
// (organizations, common); anything else could rewrite the authority path.
var tenantPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.-]*$`)

// CheckTenant refuses a tenant that is not a tenant id or domain name
// (before any sign-in, so a typo is a usage error).
func CheckTenant(tenant string) error {
	if !tenantPattern.MatchString(tenant) {
		return fmt.Errorf("tenant %q (%s or --tenant) is not a tenant id or domain name", tenant, EnvTenantID)
	}
	return nil
}

// authorityURL joins the authority host and tenant, and says whether MSAL's
// instance discovery may stay on.
func authorityURL(host, tenant string) (authority string, knownHost bool, err error) {
	if host == "" {
		host = defaultAuthorityHost
	}
	u, err := url.Parse(strings.TrimRight(host, "/"))
	if err != nil || u.Host == "" {
		return "", false, fmt.Errorf("authority URL %q is not an absolute URL such as %s", host, defaultAuthorityHost)
	}
	if u.Scheme != "https" {
		return "", false, fmt.Errorf("authority URL %q must use https (MSAL refuses anything else)", host)
	}
	if u.Path != "" || u.RawQuery != "" || u.User != nil {
		return "", false, fmt.Errorf("authority URL %q must be a bare host such as %s (the tenant comes from %s or --tenant)", host, defaultAuthorityHost, EnvTenantID)
	}
	if err := CheckTenant(tenant); err != nil {
		return "", false, err
	}
	return "https://" + u.Host + "/" + tenant, microsoftAuthorityHosts[strings.ToLower(u.Hostname())], nil
}

// formatCredential prints a credential as its description whatever the
// verb: credential structs hold MSAL clients whose unexported fields carry
// secrets, and fmt would otherwise print them.
func formatCredential(f io.Writer, desc string) {
	_, _ = io.WriteString(f, "graph.Credential("+desc+")")
}
