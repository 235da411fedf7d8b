package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func userGets(n int) []graph.BatchRequest {
	reqs := make([]graph.BatchRequest, n)
	for i := range reqs {
		reqs[i] = graph.BatchRequest{ID: fmt.Sprint(i + 1), URL: fmt.Sprintf("/users/u%04d", i+1)}
	}
	return reqs
}

func bodyID(t *testing.T, r graph.BatchResponse) string {
	t.Helper()
	var v struct{ ID string }
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("response %s: body %s: %v", r.ID, r.Body, err)
	}
	return v.ID
}

func envelopes(reqs []graphtest.RecordedRequest) (outer, inner []graphtest.RecordedRequest) {
	for _, r := range reqs {
		if r.InBatch {
			inner = append(inner, r)
		} else {
			outer = append(outer, r)
		}
	}
	return outer, inner
}

func TestBatchMatchesShuffledResponsesByID(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(15)...)
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{ShuffleSeed: 3}, nil)

	// The fake really answers out of order.
	raw := `{"requests":[`
	var parts []string
	for i := 1; i <= 15; i++ {
		parts = append(parts, fmt.Sprintf(`{"id":"%d","method":"GET","url":"/users/u%04d"}`, i, i))
	}
	raw += strings.Join(parts, ",") + `]}`
	resp, err := srv.Client().Post(srv.URL+"/v1.0/$batch", "application/json", bytes.NewBufferString(raw))
	if err != nil {
		t.Fatal(err)
	}
	var wire struct{ Responses []struct{ ID string } }
	if err := json.NewDecoder(resp.Body).Decode(&wire); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	inOrder := true
	for i, r := range wire.Responses {
		inOrder = inOrder && r.ID == fmt.Sprint(i+1)
	}
	if inOrder || len(wire.Responses) != 15 {
		t.Fatalf("fake answered %d responses in request order; the test needs shuffling", len(wire.Responses))
	}

	reqs := userGets(17) // u0016 and u0017 do not exist
	got, err := c.Batch(context.Background(), "v1.0", reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.ID != reqs[i].ID {
			t.Fatalf("response %d has id %s, want %s", i, r.ID, reqs[i].ID)
		}
		if i < 15 {
			if r.Status != 200 || r.Err != nil || bodyID(t, r) != fmt.Sprintf("u%04d", i+1) {
				t.Fatalf("response %s: %d %v %s", r.ID, r.Status, r.Err, r.Body)
			}
			continue
		}
		if r.Status != 404 || graph.KindOf(r.Err) != graph.KindNotFound || !strings.Contains(r.Err.Error(), "/v1.0/users/u00") {
			t.Fatalf("response %s: %d %v", r.ID, r.Status, r.Err)
		}
	}
}

func TestBatchSplitsIntoChunksOfTwenty(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/beta/users", users(45)...)
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{}, nil)
	got, err := c.Batch(context.Background(), "beta", userGets(45))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.Status != 200 || bodyID(t, r) != fmt.Sprintf("u%04d", i+1) {
			t.Fatalf("response %d: %d %s", i, r.Status, r.Body)
		}
	}
	outer, inner := envelopes(srv.Requests())
	if len(outer) != 3 || len(inner) != 45 {
		t.Fatalf("%d envelopes with %d inner requests, want 3 and 45", len(outer), len(inner))
	}
	for _, o := range outer {
		if o.Method != "POST" || o.Path != "/beta/$batch" || o.Status != 200 {
			t.Fatalf("envelope %+v", o)
		}
	}
}

// Requests linked by dependsOn stay in one batch even when they are far
// apart in the list (the fake rejects a dependsOn on an id outside the
// batch), and a failed dependency yields 424.
func TestBatchDependsOn(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(30)...)
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{}, nil)
	reqs := userGets(30)
	reqs[25].DependsOn = []string{"1"}        // 26 after 1
	reqs[29].DependsOn = []string{"26"}       // 30 after 26
	reqs[27].URL = "/users/nobody"            // 28 fails...
	reqs[28].DependsOn = []string{"28"}       // ...so 29 gets 424
	reqs[10].DependsOn = []string{"12", "13"} // 11 after 12 and 13
	got, err := c.Batch(context.Background(), "v1.0", reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		switch r.ID {
		case "28":
			if r.Status != 404 {
				t.Fatalf("28: %d", r.Status)
			}
		case "29":
			if r.Status != 424 || r.Err == nil {
				t.Fatalf("29 depends on a failure: %d %v", r.Status, r.Err)
			}
		default:
			if r.Status != 200 || bodyID(t, r) != fmt.Sprintf("u%04d", i+1) {
				t.Fatalf("%s: %d %v", r.ID, r.Status, r.Err)
			}
		}
	}
	outer, _ := envelopes(srv.Requests())
	if len(outer) != 2 {
		t.Fatalf("%d envelopes, want 2", len(outer))
	}
}

// Only the throttled inner request is sent again, after its own
// Retry-After; a request that got 424 because of it goes along.
func TestBatchRetriesThrottledInnerRequestsOnly(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(6)...)
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/users/u0003", Status: 429, RetryAfter: "1.5", Times: 1})
	srv, c, clock := startFake(t, tenant, graphtest.ServerOptions{Faults: faults}, nil)
	reqs := userGets(6)
	reqs[4].DependsOn = []string{"3"}
	got, err := c.Batch(context.Background(), "v1.0", reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.Status != 200 || bodyID(t, r) != fmt.Sprintf("u%04d", i+1) {
			t.Fatalf("%s: %d %v", r.ID, r.Status, r.Err)
		}
	}
	outer, inner := envelopes(srv.Requests())
	if len(outer) != 2 {
		t.Fatalf("%d envelopes, want 2", len(outer))
	}
	count := map[string]int{}
	for _, r := range inner {
		count[r.Path]++
	}
	for p, n := range count {
		if want := map[bool]int{true: 2, false: 1}[p == "/v1.0/users/u0003"]; n != want {
			t.Errorf("%s sent %d times, want %d", p, n, want)
		}
	}
	if s := clock.Sleeps(); len(s) != 1 || s[0] != 1500*time.Millisecond {
		t.Fatalf("slept %v, want the inner Retry-After [1.5s]", s)
	}
}

func TestBatchInnerThrottlingCap(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(2)...)
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/users/u0002", Status: 429})
	_, c, _ := startFake(t, tenant, graphtest.ServerOptions{Faults: faults}, func(o *graph.Options) { o.MaxRetries = 2 })
	got, err := c.Batch(context.Background(), "v1.0", userGets(2))
	if err != nil {
		t.Fatal(err)
	}
	var ge *graph.Error
	if got[0].Status != 200 || got[1].Status != 429 || !errorsAs(got[1].Err, &ge) || ge.Kind != graph.KindThrottled || ge.Attempts != 3 {
		t.Fatalf("got %+v / %+v", got[0], got[1])
	}
}

// Paced URLs are sent as individual paced requests, never inside a batch.
func TestBatchSendsPacedRequestsIndividually(t *testing.T) {
	srv, c, _ := startFake(t, caTenant(), graphtest.ServerOptions{StrictPacing: true}, nil)
	reqs := []graph.BatchRequest{
		{ID: "u1", URL: "/users/u0001"},
		{ID: "ca1", URL: "/identity/conditionalAccess/policies/p1"},
		{ID: "ca2", URL: "/identity/conditionalAccess/policies/p2", DependsOn: []string{"ca1"}},
		{ID: "nl", URL: "/identity/conditionalAccess/namedLocations"},
		{ID: "u2", URL: "/users/u0002"},
	}
	got, err := c.Batch(context.Background(), "v1.0", reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.Status != 200 || r.ID != reqs[i].ID {
			t.Fatalf("%s: %d %v", r.ID, r.Status, r.Err)
		}
	}
	outer, inner := envelopes(srv.Requests())
	for _, r := range inner {
		if r.Paced {
			t.Fatalf("paced %s was sent inside a batch", r.URL)
		}
	}
	if len(inner) != 2 || len(outer) != 4 {
		t.Fatalf("%d inner and %d outer requests, want 2 and 4", len(inner), len(outer))
	}
	wantSpacing(t, pacedTimes(t, srv.Requests()), 3)
}

func TestBatchRejectsInvalidRequests(t *testing.T) {
	srv, c, _ := startFake(t, graphtest.NewTenant(), graphtest.ServerOptions{}, nil)
	linked := userGets(21)
	for i := 1; i < 21; i++ {
		linked[i].DependsOn = []string{linked[i-1].ID}
	}
	for name, tc := range map[string]struct {
		version string
		reqs    []graph.BatchRequest
		want    string
	}{
		"version":    {"v2", userGets(1), "v1.0 or beta"},
		"no id":      {"v1.0", []graph.BatchRequest{{URL: "/users"}}, "no ID"},
		"duplicate":  {"v1.0", []graph.BatchRequest{{ID: "a", URL: "/users"}, {ID: "a", URL: "/groups"}}, "duplicate"},
		"unknown":    {"v1.0", []graph.BatchRequest{{ID: "a", URL: "/users", DependsOn: []string{"b"}}}, "depends on"},
		"cycle":      {"v1.0", []graph.BatchRequest{{ID: "a", URL: "/users", DependsOn: []string{"b"}}, {ID: "b", URL: "/groups", DependsOn: []string{"a"}}}, "cycle"},
		"absolute":   {"v1.0", []graph.BatchRequest{{ID: "a", URL: "https://evil.example/users"}}, "relative"},
		"too linked": {"v1.0", linked, "exceed the limit of 20"},
	} {
		_, err := c.Batch(context.Background(), tc.version, tc.reqs)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", name, err, tc.want)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("%d requests sent for invalid batches", n)
	}
}

// The fake enforces Graph's batch rules, so a client bug cannot pass
// silently.
func TestFakeBatchRules(t *testing.T) {
	srv, _, _ := startFake(t, graphtest.NewTenant(), graphtest.ServerOptions{}, nil)
	post := func(body string) (int, string) {
		resp, err := srv.Client().Post(srv.URL+"/v1.0/$batch", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	var many []string
	for i := range 21 {
		many = append(many, fmt.Sprintf(`{"id":"%d","method":"GET","url":"/users"}`, i))
	}
	for name, body := range map[string]string{
		"21 requests": `{"requests":[` + strings.Join(many, ",") + `]}`,
		"duplicate":   `{"requests":[{"id":"1","method":"GET","url":"/users"},{"id":"1","method":"GET","url":"/groups"}]}`,
		"unknown dep": `{"requests":[{"id":"1","method":"GET","url":"/users","dependsOn":["9"]}]}`,
		"no content":  `{"requests":[{"id":"1","method":"POST","url":"/users","body":{"a":1}}]}`,
		"malformed":   `{"requests":`,
	} {
		if st, b := post(body); st != http.StatusBadRequest || !strings.Contains(b, `"innerError"`) {
			t.Errorf("%s: %d %s, want a Graph-shaped 400", name, st, b)
		}
	}
}

func errorsAs(err error, target **graph.Error) bool {
	ge, ok := err.(*graph.Error)
	if ok {
		*target = ge
	}
	return ok
}
