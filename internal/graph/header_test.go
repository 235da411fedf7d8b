package graph_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
)

// A header added with WithHeader reaches every page of a listing, does not
// leak into calls made without it, and cannot replace the token.
func TestWithHeaderIsSentOnEveryPageOnly(t *testing.T) {
	var (
		mu   sync.Mutex
		seen = map[string][2]string{} // path+query -> Prefer, Authorization
	)
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.RequestURI()] = [2]string{r.Header.Get("Prefer"), r.Header.Get("Authorization")}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") == "" && r.URL.Path == "/v1.0/identity/conditionalAccess/policies" {
			_, _ = w.Write([]byte(`{"value":[{"id":"p1"}],"@odata.nextLink":"` + srv.URL + `/v1.0/identity/conditionalAccess/policies?page=2"}`))
			return
		}
		_, _ = w.Write([]byte(`{"value":[{"id":"p2"}]}`))
	}))
	defer srv.Close()
	c, err := graph.New(graph.Options{BaseURL: srv.URL, Credential: staticToken(testToken), HTTPClient: srv.Client(), PacePrefixes: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := graph.WithHeader(context.Background(), "Prefer", "include-unknown-enum-members")
	ctx = graph.WithHeader(ctx, "Authorization", "Bearer stolen")
	items, err := c.ListAll(ctx, "/v1.0/identity/conditionalAccess/policies")
	if err != nil || len(items) != 2 {
		t.Fatalf("ListAll: %d items, %v", len(items), err)
	}
	if err := c.Get(context.Background(), "/v1.0/organization", nil); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"/v1.0/identity/conditionalAccess/policies":        {"include-unknown-enum-members", "Bearer " + testToken},
		"/v1.0/identity/conditionalAccess/policies?page=2": {"include-unknown-enum-members", "Bearer " + testToken},
		"/v1.0/organization":                               {"", "Bearer " + testToken},
	}
	for uri, w := range want {
		if got, ok := seen[uri]; !ok || got != w {
			t.Errorf("%s: Prefer/Authorization %q (seen %v), want %q", uri, got, ok, w)
		}
	}
}
