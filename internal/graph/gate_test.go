package graph_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// TestNearlySpentBudgetSlowsTheNextRequests: a response saying the app
// used its whole identity budget (x-ms-throttle-limit-percentage 1.0)
// holds the next request back (2 s: 0.2 of the 10 s window) instead of
// sending it into a 429.
func TestNearlySpentBudgetSlowsTheNextRequests(t *testing.T) {
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1.0/hot" {
			w.Header().Set("x-ms-throttle-limit-percentage", "1.0")
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"x"}`))
	}))
	defer hs.Close()
	clock := graphtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	c, err := graph.New(graph.Options{BaseURL: hs.URL, HTTPClient: hs.Client(), Sleep: clock.Sleep, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/v1.0/cold", "/v1.0/hot", "/v1.0/next"} {
		if err := c.Get(context.Background(), p, nil); err != nil {
			t.Fatal(err)
		}
	}
	if sleeps := clock.Sleeps(); len(sleeps) != 1 || sleeps[0] != 2*time.Second {
		t.Errorf("slept %v, want [2s] before the request after the hot one", sleeps)
	}
}

// TestRetryAfterHoldsTheOtherRequests: while one request waits out a
// 429's Retry-After, a request sent meanwhile to another URL waits too
// rather than being refused in turn (Graph's budget is per app and
// tenant, not per URL).
func TestRetryAfterHoldsTheOtherRequests(t *testing.T) {
	var (
		mu        sync.Mutex
		throttled time.Time
		other     time.Time
		first     = true
	)
	refused := make(chan struct{})
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case r.URL.Path == "/v1.0/a" && first:
			first = false
			throttled = time.Now()
			w.Header().Set("Retry-After", "0.4")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"error":{"code":"TooManyRequests","message":"Please retry again later."}}`))
			defer close(refused)
			return
		case r.URL.Path == "/v1.0/b":
			other = time.Now()
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"x"}`))
	}))
	defer hs.Close()
	c, err := graph.New(graph.Options{BaseURL: hs.URL, HTTPClient: hs.Client()})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Get(context.Background(), "/v1.0/a", nil) }()
	<-refused
	time.Sleep(20 * time.Millisecond) // let the client read the 429 and close the gate
	if err := c.Get(context.Background(), "/v1.0/b", nil); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if waited := other.Sub(throttled); waited < 350*time.Millisecond {
		t.Errorf("the other request was sent %s after the 429, want it held for the 0.4 s Retry-After", waited)
	}
}

// TestPacedRequestsDoNotWaitForAConcurrencySlot: a Conditional Access
// request, paced on its own lane, is sent while every concurrency slot is
// taken, so its turn and the moment it reaches Graph are the same.
func TestPacedRequestsDoNotWaitForAConcurrencySlot(t *testing.T) {
	unblock := make(chan struct{})
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1.0/slow" {
			<-unblock
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"x"}`))
	}))
	defer hs.Close()
	defer close(unblock)
	c, err := graph.New(graph.Options{BaseURL: hs.URL, HTTPClient: hs.Client(), MaxConcurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = c.Get(context.Background(), "/v1.0/slow", nil) }()
	time.Sleep(50 * time.Millisecond) // the slow request holds the only slot
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := c.Get(ctx, "/v1.0/identity/conditionalAccess/policies", nil); err != nil {
		t.Fatalf("the paced request waited behind the slow one: %v", err)
	}
}
