package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func ids(t testing.TB, items []json.RawMessage) []string {
	t.Helper()
	out := make([]string, len(items))
	for i, it := range items {
		var v struct{ ID string }
		if err := json.Unmarshal(it, &v); err != nil {
			t.Fatal(err)
		}
		out[i] = v.ID
	}
	return out
}

func wantSequentialIDs(t testing.TB, got []string, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("got %d items, want %d", len(got), n)
	}
	for i, id := range got {
		if want := fmt.Sprintf("u%04d", i+1); id != want {
			t.Fatalf("item %d is %s, want %s (items missing, duplicated or out of order)", i, id, want)
		}
	}
}

func TestListFollowsNextLinkOverManyPages(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(7)...)
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{PageSize: 2, RequireToken: testToken}, nil)

	got, err := c.ListAll(context.Background(), "/v1.0/users")
	if err != nil {
		t.Fatal(err)
	}
	wantSequentialIDs(t, ids(t, got), 7)
	reqs := srv.Requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests for 7 items in pages of 2, want 4", len(reqs))
	}
	for _, r := range reqs[1:] {
		if !strings.Contains(r.URL, "skiptoken=") || !r.Authorized {
			t.Fatalf("page request %+v did not follow the nextLink", r)
		}
	}
}

func TestListKeepsQueryOptionsAcrossPages(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/roleManagement/directory/roleAssignments",
		json.RawMessage(`{"id":"a1","scopeId":"/","scopeType":"DirectoryRole","principalId":"p1"}`),
		json.RawMessage(`{"id":"a2","scopeId":"/administrativeUnits/x","scopeType":"DirectoryRole","principalId":"p2"}`),
		json.RawMessage(`{"id":"a3","scopeId":"/","scopeType":"DirectoryRole","principalId":"p3"}`),
		json.RawMessage(`{"id":"a4","scopeId":"/","scopeType":"DirectoryRole","principalId":"p4"}`),
		json.RawMessage(`{"id":"a5","scopeId":"/","scopeType":"Other","principalId":"p5"}`))
	_, c, _ := startFake(t, tenant, graphtest.ServerOptions{}, nil)

	// Spaces in $filter are escaped by the client; $top=1 forces three pages.
	got, err := c.ListAll(context.Background(), "/v1.0/roleManagement/directory/roleAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$select=principalId&$top=1")
	if err != nil {
		t.Fatal(err)
	}
	var want = []string{`{"id":"a1","principalId":"p1"}`, `{"id":"a3","principalId":"p3"}`, `{"id":"a4","principalId":"p4"}`}
	if len(got) != len(want) {
		t.Fatalf("got %d items: %s", len(got), got)
	}
	for i := range want {
		if string(got[i]) != want[i] {
			t.Errorf("item %d = %s, want %s", i, got[i], want[i])
		}
	}
}

func TestListARMNextLink(t *testing.T) {
	tenant := graphtest.NewTenant()
	var subs []json.RawMessage
	for i := 1; i <= 5; i++ {
		subs = append(subs, json.RawMessage(fmt.Sprintf(`{"id":"/subscriptions/s%d","subscriptionId":"s%d"}`, i, i)))
	}
	tenant.AddCollection("/subscriptions", subs...)
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{PageSize: 2}, nil)
	got, err := c.ListAll(context.Background(), "/subscriptions?api-version=2022-12-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || len(srv.Requests()) != 3 {
		t.Fatalf("got %d items in %d requests, want 5 in 3", len(got), len(srv.Requests()))
	}
	for _, r := range srv.Requests() {
		if !strings.Contains(r.URL, "api-version=2022-12-01") {
			t.Fatalf("ARM page %s lost api-version", r.URL)
		}
	}
	var one map[string]any
	if err := c.Get(context.Background(), "/subscriptions/S3?api-version=2022-12-01", &one); err != nil || one["subscriptionId"] != "s3" {
		t.Fatalf("ARM member GET: %v %v", one, err)
	}
}

// A nextLink that leaves the origin must be refused before any request is
// built: a second loopback server plays the foreign host and must see
// nothing at all.
func TestListRefusesForeignNextLink(t *testing.T) {
	evil := graphtest.NewServer(graphtest.NewTenant(), graphtest.ServerOptions{})
	defer evil.Close()
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(5)...)
	srv := graphtest.NewServer(tenant, graphtest.ServerOptions{PageSize: 2, NextLinkOrigin: evil.URL})
	defer srv.Close()
	// This client trusts both servers (they share httptest's certificate),
	// so only the origin guard keeps the token at home.
	c, err := graph.New(graph.Options{BaseURL: srv.URL, HTTPClient: srv.Client(), Credential: staticToken(testToken)})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = c.List(context.Background(), "/v1.0/users", func(json.RawMessage) error { n++; return nil })
	if !errors.Is(err, graph.ErrForeignOrigin) {
		t.Fatalf("got %v, want ErrForeignOrigin", err)
	}
	if !strings.Contains(err.Error(), evil.URL) || !strings.Contains(err.Error(), srv.URL) || strings.Contains(err.Error(), testToken) {
		t.Fatalf("error should name both origins and never the token: %v", err)
	}
	if n != 2 {
		t.Fatalf("first page gave %d items, want 2", n)
	}
	if reqs := evil.Requests(); len(reqs) != 0 {
		t.Fatalf("foreign host received %d requests (first: %+v)", len(reqs), reqs[0])
	}
}

func TestListRefusesSameHostOtherScheme(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/groups", users(3)...)
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{PageSize: 1}, nil)
	// Same host and port, plain http: the token must not travel in clear.
	plain := strings.Replace(srv.URL, "https://", "http://", 1)
	srv.SetNextLinkOrigin(plain)
	_, err := c.ListAll(context.Background(), "/v1.0/groups")
	if !errors.Is(err, graph.ErrForeignOrigin) || !strings.Contains(err.Error(), plain) {
		t.Fatalf("got %v, want ErrForeignOrigin naming %s", err, plain)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Fatalf("%d requests reached the server, want only the first page", n)
	}
}

func TestListEmptyCollectionAndDefaultPort(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/identity/conditionalAccess/policies")
	_, c, _ := startFake(t, tenant, graphtest.ServerOptions{}, nil)
	got, err := c.ListAll(context.Background(), "/v1.0/identity/conditionalAccess/policies")
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("empty collection: %v, %v (want a non-nil empty slice)", got, err)
	}
	// An explicit default port is the same origin.
	c2, err := graph.New(graph.Options{BaseURL: "https://graph.microsoft.com"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // nothing may leave the test
	if err := c2.Get(ctx, "https://GRAPH.microsoft.com:443/v1.0/users", nil); errors.Is(err, graph.ErrForeignOrigin) || !errors.Is(err, context.Canceled) {
		t.Fatalf("default port refused: %v", err)
	}
}

func TestListRefusesAbsoluteForeignPath(t *testing.T) {
	c, err := graph.New(graph.Options{BaseURL: "https://graph.microsoft.com", Credential: staticToken(testToken),
		HTTPClient: nil})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"https://evil.example/v1.0/users", "http://graph.microsoft.com/v1.0/users", "https://graph.microsoft.com.evil.example/v1.0/users", "//evil.example/v1.0/users"} {
		if err := c.Get(context.Background(), p, nil); err == nil || !(errors.Is(err, graph.ErrForeignOrigin) || strings.Contains(err.Error(), "must start with /")) {
			t.Errorf("Get(%q) = %v, want a refusal", p, err)
		}
	}
}

func TestListStopsOnCallbackError(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(10)...)
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{PageSize: 2}, nil)
	stop := errors.New("enough")
	n := 0
	err := c.List(context.Background(), "/v1.0/users", func(json.RawMessage) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || len(srv.Requests()) != 2 {
		t.Fatalf("err %v after %d requests", err, len(srv.Requests()))
	}
}

// With 30% of requests throttled, a 2,000-object collection still arrives
// whole and in order, and no URL is sent more than MaxRetries+1 times.
func TestListSurvivesThrottling(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(2000)...)
	faults := graphtest.NewFaults(42).Throttle(0.3, "")
	const maxRetries = 6
	srv, c, clock := startFake(t, tenant, graphtest.ServerOptions{PageSize: 100, Faults: faults}, func(o *graph.Options) { o.MaxRetries = maxRetries })

	got, err := c.ListAll(context.Background(), "/v1.0/users")
	if err != nil {
		t.Fatal(err)
	}
	wantSequentialIDs(t, ids(t, got), 2000)
	if faults.Fired() < 3 {
		t.Fatalf("only %d requests were throttled; the test proves nothing", faults.Fired())
	}
	perURL := map[string]int{}
	for _, r := range srv.Requests() {
		perURL[r.URL]++
	}
	if len(perURL) != 20 {
		t.Fatalf("%d distinct page URLs, want 20", len(perURL))
	}
	for u, n := range perURL {
		if n > maxRetries+1 {
			t.Errorf("%s sent %d times, cap is %d", u, n, maxRetries+1)
		}
	}
	if len(clock.Sleeps()) != faults.Fired() {
		t.Fatalf("%d backoff sleeps for %d throttled answers", len(clock.Sleeps()), faults.Fired())
	}
}
