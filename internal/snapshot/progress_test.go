package snapshot

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// throttledOnce is a client of a fake Graph that refuses every path once
// with a 429 (Retry-After 0, so the test does not wait).
func throttledOnce(t *testing.T) *graph.Client {
	t.Helper()
	tn := graphtest.NewTenant()
	for _, p := range []string{"/v1.0/a", "/v1.0/b"} {
		tn.SetObject(p, json.RawMessage(`{"id":"x"}`))
	}
	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/a", Status: 429, RetryAfter: "0", Times: 1},
		graphtest.Fault{Path: "/v1.0/b", Status: 429, RetryAfter: "0", Times: 1})
	fake := graphtest.NewFake(tn, graphtest.ServerOptions{Faults: faults})
	clock := graphtest.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	c, err := graph.New(graph.Options{BaseURL: "https://graph.test.invalid", HTTPClient: &http.Client{Transport: graphtest.NewTransport(fake)},
		Sleep: clock.Sleep, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestProgressLineIsRedrawnAndCleared: on a terminal the status line is
// drawn in place and erased before a family's line, which always ends in
// a newline; off a terminal only the family lines are written.
func TestProgressLineIsRedrawnAndCleared(t *testing.T) {
	var term bytes.Buffer
	p := newProgress(&term, true)
	ctx, fp := p.start(context.Background(), "roles")
	for _, path := range []string{"/v1.0/a", "/v1.0/b"} {
		if err := throttledOnce(t).Get(ctx, path, nil); err != nil {
			t.Fatal(err)
		}
	}
	p.draw()
	if got := term.String(); got != "\r\x1b[Kreading: roles 4 calls (2 throttled)" {
		t.Errorf("status line %q", got)
	}
	p.finish("roles", fp, 8, 55)
	got := term.String()
	if !strings.Contains(got, "\r\x1b[Kroles: 8 resources, 55 objects, 4 Graph calls, 2 throttled (0s waiting), ") || !strings.HasSuffix(got, "\n") {
		t.Errorf("after finish %q", got)
	}
	term.Reset()
	p.draw()
	if term.Len() != 0 {
		t.Errorf("nothing running, yet drew %q", term.String())
	}

	var log bytes.Buffer
	q := newProgress(&log, false)
	_, fq := q.start(context.Background(), "apps")
	q.finish("apps", fq, 4, 19)
	if got := log.String(); strings.Contains(got, "\x1b") || !strings.HasPrefix(got, "apps: 4 resources, 19 objects, 0 Graph calls, ") {
		t.Errorf("log line %q", got)
	}
}
