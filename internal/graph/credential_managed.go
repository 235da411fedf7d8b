package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
)

// managedIdentityCredential uses the Azure host's managed identity. MSAL
// picks the source (App Service, Arc, Cloud Shell, Azure ML, Service Fabric,
// IMDS) from the process environment itself and caches tokens.
type managedIdentityCredential struct {
	client managedidentity.Client
	desc   string
}

func newManagedIdentityCredential(cfg AuthConfig) (*managedIdentityCredential, error) {
	clientID := cfg.ManagedIdentityClientID
	if clientID == "" {
		clientID = cfg.ClientID // the Azure SDK reads AZURE_CLIENT_ID as the user-assigned identity
	}
	id, desc := managedidentity.SystemAssigned(), "system-assigned"
	if clientID != "" {
		id, desc = managedidentity.UserAssignedClientID(clientID), "user-assigned "+clientID
	}
	var opts []managedidentity.ClientOption
	if cfg.HTTPClient != nil {
		opts = append(opts, managedidentity.WithHTTPClient(cfg.HTTPClient))
	}
	client, err := managedidentity.New(id, opts...)
	if err != nil {
		return nil, fmt.Errorf("setting up %s managed identity: %v", desc, err)
	}
	return &managedIdentityCredential{client: client, desc: desc}, nil
}

// Token asks for the scope's resource: managed identity takes a resource
// ("https://graph.microsoft.com"), not a scope.
func (c *managedIdentityCredential) Token(ctx context.Context, scope string) (string, error) {
	res, err := c.client.AcquireToken(ctx, strings.TrimSuffix(scope, "/.default"))
	if err != nil {
		return "", authError(AuthManagedIdentity, scope, err)
	}
	return res.AccessToken, nil
}

func (c *managedIdentityCredential) Format(f fmt.State, _ rune) {
	formatCredential(f, string(AuthManagedIdentity)+", "+c.desc)
}
