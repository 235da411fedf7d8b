package graph_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// TestCountersTallyCallsThrottlingAndWaits: a paged list counts a call per
// page, a $batch a call per inner request (not its envelope), a refused
// request a throttled call and its Retry-After as time waited.
func TestCountersTallyCallsThrottlingAndWaits(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(250)...)
	for i := range 5 {
		tenant.SetObject(fmt.Sprintf("/v1.0/groups/g%d", i), []byte(fmt.Sprintf(`{"id":"g%d"}`, i)))
	}
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/groups/g3", Status: 429, RetryAfter: "1.5", Times: 1})
	_, c, _ := startFake(t, tenant, graphtest.ServerOptions{Faults: faults, PageSize: 100}, nil)

	var counters graph.Counters
	ctx := graph.WithCounters(context.Background(), &counters)
	if _, err := c.ListAll(ctx, "/v1.0/users"); err != nil {
		t.Fatal(err)
	}
	if got := counters.Read(); got.Calls != 3 || got.Throttled != 0 {
		t.Errorf("after 3 pages: %+v", got)
	}
	var reqs []graph.BatchRequest
	for i := range 5 {
		reqs = append(reqs, graph.BatchRequest{ID: fmt.Sprint(i), URL: fmt.Sprintf("/groups/g%d", i)})
	}
	if _, err := c.Batch(ctx, "v1.0", reqs); err != nil {
		t.Fatal(err)
	}
	want := graph.CountersSnapshot{Calls: 3 + 5 + 1, Throttled: 1, Waited: 1500 * time.Millisecond}
	if got := counters.Read(); got != want {
		t.Errorf("after the batch: %+v, want %+v", got, want)
	}
}
