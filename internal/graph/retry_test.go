package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func TestRetryAfterFractionalIsHonoured(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(3)...)
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/users", Status: 429, RetryAfter: "2.128", Times: 1})
	srv, c, clock := startFake(t, tenant, graphtest.ServerOptions{Faults: faults}, nil)

	got, err := c.ListAll(context.Background(), "/v1.0/users")
	if err != nil || len(got) != 3 {
		t.Fatalf("got %d items, err %v", len(got), err)
	}
	sleeps := clock.Sleeps()
	if len(sleeps) != 1 || sleeps[0] != 2128*time.Millisecond {
		t.Fatalf("slept %v, want exactly [2.128s]", sleeps)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.SetObject("/v1.0/organization/o", json.RawMessage(`{"id":"o"}`))
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) // startFake's clock
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/organization/o", Status: 503,
		RetryAfter: start.Add(7 * time.Second).Format(http.TimeFormat), Times: 1})
	_, c, clock := startFake(t, tenant, graphtest.ServerOptions{Faults: faults}, nil)
	if err := c.Get(context.Background(), "/v1.0/organization/o", nil); err != nil {
		t.Fatal(err)
	}
	if s := clock.Sleeps(); len(s) != 1 || s[0] != 7*time.Second {
		t.Fatalf("slept %v, want [7s]", s)
	}
}

func TestBackoffWithoutRetryAfterIsCappedExponential(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.SetObject("/v1.0/organization/o", json.RawMessage(`{"id":"o"}`))
	faults := graphtest.NewFaults(1,
		graphtest.Fault{Path: "/v1.0/organization/o", Status: 503, Times: 2},
		graphtest.Fault{Path: "/v1.0/organization/o", Status: 504, Times: 1})
	srv, c, clock := startFake(t, tenant, graphtest.ServerOptions{Faults: faults}, nil)
	if err := c.Get(context.Background(), "/v1.0/organization/o", nil); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Fatalf("%d requests, want 4 (two 503, one 504, success)", n)
	}
	sleeps := clock.Sleeps()
	if len(sleeps) != 3 {
		t.Fatalf("sleeps %v", sleeps)
	}
	for i, d := range sleeps {
		if ceiling := time.Second << i; d < 0 || d > ceiling {
			t.Errorf("backoff %d = %v, want within [0, %v]", i+1, d, ceiling)
		}
	}
}

func TestRetryCapExceededIsThrottledError(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(1)...)
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/users", Status: 429, RetryAfter: "1"})
	srv, c, clock := startFake(t, tenant, graphtest.ServerOptions{Faults: faults}, func(o *graph.Options) { o.MaxRetries = 3 })

	_, err := c.ListAll(context.Background(), "/v1.0/users")
	var ge *graph.Error
	if !errors.As(err, &ge) {
		t.Fatalf("got %v, want *graph.Error", err)
	}
	if ge.Kind != graph.KindThrottled || ge.Status != 429 || ge.Attempts != 4 || ge.Code != "TooManyRequests" {
		t.Fatalf("got %+v", ge)
	}
	if !strings.Contains(err.Error(), "after 4 attempts") {
		t.Fatalf("message %q does not say how many attempts", err)
	}
	if n, s := len(srv.Requests()), len(clock.Sleeps()); n != 4 || s != 3 {
		t.Fatalf("%d requests and %d sleeps, want 4 and 3", n, s)
	}
}

func TestNegativeMaxRetriesMeansNoRetry(t *testing.T) {
	tenant := graphtest.NewTenant()
	faults := graphtest.NewFaults(1, graphtest.Fault{Status: 503})
	srv, c, _ := startFake(t, tenant, graphtest.ServerOptions{Faults: faults}, func(o *graph.Options) { o.MaxRetries = -1 })
	if err := c.Get(context.Background(), "/v1.0/users", nil); graph.KindOf(err) != graph.KindOther || len(srv.Requests()) != 1 {
		t.Fatalf("err %v after %d requests", err, len(srv.Requests()))
	}
}

// A cancelled context ends a long Retry-After wait at once, with the real
// sleeper.
func TestContextCancellationStopsRetryAfterSleep(t *testing.T) {
	tenant := graphtest.NewTenant()
	faults := graphtest.NewFaults(1, graphtest.Fault{Status: 429, RetryAfter: "3600"})
	_, c, _ := startFake(t, tenant, graphtest.ServerOptions{Faults: faults}, func(o *graph.Options) { o.Sleep = nil; o.Now = nil })

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() { done <- c.Get(ctx, "/v1.0/users", nil) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the Retry-After sleep ignored the cancelled context")
	}
}

// Connections dropped mid-request are retried like 503s.
func TestTransientNetworkErrorsAreRetried(t *testing.T) {
	var hits atomic.Int32
	hs := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) <= 2 {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close() // reset without an answer
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"o"}`))
	}))
	defer hs.Close()
	clock := graphtest.NewClock(time.Unix(0, 0))
	c, err := graph.New(graph.Options{BaseURL: hs.URL, HTTPClient: hs.Client(), Sleep: clock.Sleep, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := c.Get(context.Background(), "/v1.0/organization/o", &got); err != nil || got["id"] != "o" {
		t.Fatalf("got %v, %v", got, err)
	}
	if n := hits.Load(); n != 3 {
		t.Fatalf("%d requests reached the server, want 3", n)
	}
	if len(clock.Sleeps()) != 2 {
		t.Fatalf("sleeps %v, want two backoffs", clock.Sleeps())
	}
}

func TestConcurrencyIsBounded(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.SetObject("/v1.0/organization/o", json.RawMessage(`{"id":"o"}`))
	fake := graphtest.Handler(tenant, graphtest.ServerOptions{})
	var inFlight, peak atomic.Int32
	hs := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		fake.ServeHTTP(w, r)
	}))
	defer hs.Close()
	c, err := graph.New(graph.Options{BaseURL: hs.URL, HTTPClient: hs.Client(), MaxConcurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 12)
	for range 12 {
		go func() { errs <- c.Get(context.Background(), "/v1.0/organization/o", nil) }()
	}
	for range 12 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if p := peak.Load(); p > 2 || p < 1 {
		t.Fatalf("peak concurrency %d, want at most 2", p)
	}
}

// The in-process transport (the --demo path) serves Graph without a
// socket; absolute nextLinks stay on the configured origin.
func TestInProcessTransport(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/users", users(250)...)
	c, err := graph.New(graph.Options{
		BaseURL:    "https://graph.microsoft.com",
		HTTPClient: &http.Client{Transport: graphtest.NewTransport(graphtest.Handler(tenant, graphtest.ServerOptions{}))},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ListAll(context.Background(), "/v1.0/users")
	if err != nil {
		t.Fatal(err)
	}
	wantSequentialIDs(t, ids(t, got), 250)
}
