package graph

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// deviceCodeCredential signs a user in with a device code (the message is
// shown through the prompt) and then redeems MSAL's cached refresh token
// silently for every later scope, so the user signs in once per run.
type deviceCodeCredential struct {
	client   public.Client
	clientID string
	prompt   func(string)
	mu       sync.Mutex // one sign-in at a time: concurrent callers wait for it
}

func newDeviceCodeCredential(cfg AuthConfig) (*deviceCodeCredential, error) {
	tenant := cfg.TenantID
	if tenant == "" {
		tenant = "organizations" // any work account; the snapshot records the real tenant
	}
	authority, knownHost, err := authorityURL(cfg.AuthorityHost, tenant)
	if err != nil {
		return nil, err
	}
	opts := []public.Option{public.WithAuthority(authority)}
	if cfg.HTTPClient != nil {
		opts = append(opts, public.WithHTTPClient(cfg.HTTPClient))
	}
	if !knownHost {
		opts = append(opts, public.WithInstanceDiscovery(false))
	}
	client, err := public.New(cfg.ClientID, opts...)
	if err != nil {
		return nil, fmt.Errorf("setting up device-code sign-in for client %s: %v", cfg.ClientID, err)
	}
	prompt := cfg.DeviceCodePrompt
	if prompt == nil {
		prompt = func(msg string) { fmt.Fprintln(os.Stderr, msg) }
	}
	return &deviceCodeCredential{client: client, clientID: cfg.ClientID, prompt: prompt}, nil
}

func (c *deviceCodeCredential) Token(ctx context.Context, scope string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	scopes := []string{scope}
	if accounts, err := c.client.Accounts(ctx); err == nil && len(accounts) > 0 {
		res, err := c.client.AcquireTokenSilent(ctx, scopes, public.WithSilentAccount(accounts[0]))
		if err == nil {
			return res.AccessToken, nil
		}
	}
	dc, err := c.client.AcquireTokenByDeviceCode(ctx, scopes)
	if err != nil {
		return "", authError(AuthDeviceCode, scope, err)
	}
	c.prompt(dc.Result.Message)
	res, err := dc.AuthenticationResult(ctx)
	if err != nil {
		return "", authError(AuthDeviceCode, scope, err)
	}
	return res.AccessToken, nil
}

func (c *deviceCodeCredential) Format(f fmt.State, _ rune) {
	formatCredential(f, string(AuthDeviceCode)+", client "+c.clientID)
}
