package graphtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// The --demo wiring: the real client, the fake tenant, no socket.
func ExampleNewTransport() {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/identity/conditionalAccess/policies",
		json.RawMessage(`{"id":"p1","displayName":"Require MFA for admins","state":"enabled"}`))
	c, err := graph.New(graph.Options{
		BaseURL:    "https://graph.microsoft.com",
		HTTPClient: &http.Client{Transport: graphtest.NewTransport(graphtest.Handler(tenant, graphtest.ServerOptions{}))},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	items, err := c.ListAll(context.Background(), "/v1.0/identity/conditionalAccess/policies?$select=displayName")
	fmt.Println(len(items), string(items[0]), err)
	// Output: 1 {"displayName":"Require MFA for admins","id":"p1"} <nil>
}
