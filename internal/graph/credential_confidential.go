package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// confidentialCredential is an app registration signing in as itself
// (client credentials grant) with a secret, a certificate or a client
// assertion (federated token file, GitHub OIDC). One MSAL client per
// credential: it caches tokens per scope, so Token is cheap to call per
// request.
type confidentialCredential struct {
	mode     AuthMode
	clientID string
	client   confidential.Client
	secrets  []string // values to strip from error text
}

func newConfidentialCredential(cfg AuthConfig, mode AuthMode) (*confidentialCredential, error) {
	authority, knownHost, err := authorityURL(cfg.AuthorityHost, cfg.TenantID)
	if err != nil {
		return nil, err
	}
	c := &confidentialCredential{mode: mode, clientID: cfg.ClientID}
	var cred confidential.Credential
	switch mode {
	case AuthSecret:
		c.secrets = append(c.secrets, cfg.ClientSecret.Reveal())
		cred, err = confidential.NewCredFromSecret(cfg.ClientSecret.Reveal())
	case AuthCertificate:
		cred, err = certificateCredential(cfg.CertPath, cfg.CertPassword)
		c.secrets = append(c.secrets, cfg.CertPassword.Reveal())
	case AuthFederatedTokenFile:
		cred = confidential.NewCredFromAssertionCallback(federatedFileAssertion(cfg.FederatedTokenFile))
	case AuthGitHubOIDC:
		var cb assertionFunc
		cb, err = gitHubAssertion(cfg.GitHubOIDCURL, cfg.GitHubOIDCToken, cfg.HTTPClient)
		cred = confidential.NewCredFromAssertionCallback(cb)
		c.secrets = append(c.secrets, cfg.GitHubOIDCToken.Reveal())
	default:
		return nil, fmt.Errorf("auth mode %q is not a client-credentials mode", mode)
	}
	if err != nil {
		return nil, err
	}
	var opts []confidential.Option
	if cfg.HTTPClient != nil {
		opts = append(opts, confidential.WithHTTPClient(cfg.HTTPClient))
	}
	if !knownHost {
		opts = append(opts, confidential.WithInstanceDiscovery(false))
	}
	if mode == AuthCertificate && cfg.SendCertificateChain {
		opts = append(opts, confidential.WithX5C())
	}
	c.client, err = confidential.New(authority, cfg.ClientID, cred, opts...)
	if err != nil {
		return nil, fmt.Errorf("setting up %s authentication for client %s: %s", mode, cfg.ClientID, authRedact(err.Error(), c.secrets...))
	}
	return c, nil
}

// Token serves from MSAL's cache while the token is valid, else asks the
// authority (AcquireTokenByCredential checks the cache first).
func (c *confidentialCredential) Token(ctx context.Context, scope string) (string, error) {
	if scope == "" {
		return "", errors.New("token requested without a scope")
	}
	res, err := c.client.AcquireTokenByCredential(ctx, []string{scope})
	if err != nil {
		return "", authError(c.mode, scope, err, c.secrets...)
	}
	return res.AccessToken, nil
}

func (c *confidentialCredential) Format(f fmt.State, _ rune) {
	formatCredential(f, string(c.mode)+", client "+c.clientID)
}
