package graph_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// BenchmarkListAll pages 2,000 users (20 pages of 100) through the fake's
// in-process transport: client and fake costs together.
func BenchmarkListAll(b *testing.B) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(2000)...)
	fake := graphtest.NewFake(tenant, graphtest.ServerOptions{})
	c, err := graph.New(graph.Options{
		BaseURL:    "https://graph.microsoft.com",
		Credential: staticToken(testToken),
		HTTPClient: &http.Client{Transport: graphtest.NewTransport(fake)},
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		items, err := c.ListAll(context.Background(), "/v1.0/users")
		if err != nil || len(items) != 2000 {
			b.Fatalf("%d items, %v", len(items), err)
		}
		fake.ResetRequests()
	}
}
