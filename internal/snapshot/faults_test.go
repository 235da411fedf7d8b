package snapshot_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// Faults a real Graph produces, on the whole demo tenant through the real
// client: the snapshot is complete, or the resource at fault fails with a
// message that says what happened, never a partial list of its objects.

// faultEnv collects every family of the demo tenant through handler (the
// fake Graph, possibly wrapped), on a virtual clock so retries cost nothing.
func faultEnv(t *testing.T, handler http.Handler) *snapshot.Result {
	t.Helper()
	clock := graphtest.NewClock(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	hc := &http.Client{Transport: graphtest.NewTransport(handler)}
	mk := func(base string) *graph.Client {
		c, err := graph.New(graph.Options{BaseURL: base, HTTPClient: hc, PacePrefixes: []string{}, Sleep: clock.Sleep, Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	g := mk("https://graph.test.invalid")
	res, err := snapshot.Collect(context.Background(), snapshot.Sources{Graph: g, ARM: mk("https://management.test.invalid"), Batch: snapshot.BatchVia(g)},
		snapshot.Options{Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func renderFiles(t *testing.T, res *snapshot.Result) map[string][]byte {
	t.Helper()
	files, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	delete(files, snapshot.ManifestFile) // request ids differ with the number of attempts
	return files
}

func outcomes(res *snapshot.Result) map[string]string {
	m := map[string]string{}
	for _, o := range res.Outcomes {
		m[o.Key] = o.Status
	}
	return m
}

// TestThrottlingAndUnavailabilityStormsLoseNothing: a third of all requests
// (inner $batch requests too) answered 429 or 503, some without
// Retry-After, and the snapshot is the same file for file as a clean one.
func TestThrottlingAndUnavailabilityStormsLoseNothing(t *testing.T) {
	clean := faultEnv(t, graphtest.NewFake(demoTenant(t), graphtest.ServerOptions{}))
	faults := graphtest.NewFaults(42,
		graphtest.Fault{Status: 429, RetryAfter: "1", Rate: 0.2},
		graphtest.Fault{Status: 503, Rate: 0.15},
		graphtest.Fault{Status: 429, Rate: 0.05}, // no Retry-After, as Conditional Access throttling
	)
	stormy := faultEnv(t, graphtest.NewFake(demoTenant(t), graphtest.ServerOptions{Faults: faults}))
	if faults.Fired() < 20 {
		t.Fatalf("only %d faults fired: the storm proves nothing", faults.Fired())
	}
	if got, want := outcomes(stormy), outcomes(clean); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outcomes under the storm:\n%v\nwant\n%v", got, want)
	}
	a, b := renderFiles(t, clean), renderFiles(t, stormy)
	if len(a) != len(b) {
		t.Errorf("%d files under the storm, %d without", len(b), len(a))
	}
	for name, data := range a {
		if !bytes.Equal(b[name], data) {
			t.Errorf("%s differs under the storm", name)
		}
	}
	t.Logf("%d faults injected", faults.Fired())
}

// breakAfter wraps the fake: requests to a path (containing part) succeed
// `ok` times, then get broken(w).
func breakAfter(h http.Handler, part string, ok int32, broken func(w http.ResponseWriter, r *http.Request)) http.Handler {
	var seen atomic.Int32
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, part) && seen.Add(1) > ok {
			broken(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// failedCleanly asserts that key failed, with a message containing want,
// without objects, and that some other resource was still collected.
func failedCleanly(t *testing.T, res *snapshot.Result, key, want string) {
	t.Helper()
	o := res.Outcome(key)
	if o == nil || o.Status != snapshot.StatusFailed || len(o.Objects) != 0 || !strings.Contains(o.Message, want) {
		t.Fatalf("%s: %+v, want failed without objects, saying %q", key, o, want)
	}
	if res.Outcome("tenant.organization").Status != snapshot.StatusCollected {
		t.Errorf("one failing resource stopped the others")
	}
	for name := range renderFiles(t, res) {
		if strings.HasPrefix(name, "conditional-access/policies/") {
			t.Errorf("a partial list was written: %s", name)
		}
	}
}

// TestServerErrorMidwayThroughPaging: the first page of Conditional Access
// policies arrives, every later one answers 500: the resource fails as a
// whole, naming the status, and nothing of it is written.
func TestServerErrorMidwayThroughPaging(t *testing.T) {
	fake := graphtest.NewFake(demoTenant(t), graphtest.ServerOptions{PageSize: 2})
	h := breakAfter(fake, "/identity/conditionalAccess/policies", 1, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(500)
		_, _ = io.WriteString(w, `{"error":{"code":"InternalServerError","message":"boom"}}`)
	})
	res := faultEnv(t, h)
	failedCleanly(t, res, "conditionalAccess.policies", "500")
}

// TestTruncatedJSONMidwayThroughPaging: a page cut off in the middle of
// its JSON is an error for the resource, not a shorter list.
func TestTruncatedJSONMidwayThroughPaging(t *testing.T) {
	fake := graphtest.NewFake(demoTenant(t), graphtest.ServerOptions{PageSize: 2})
	h := breakAfter(fake, "/identity/conditionalAccess/policies", 1, func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body[:len(body)/2])
	})
	res := faultEnv(t, h)
	o := res.Outcome("conditionalAccess.policies")
	if o == nil || o.Status != snapshot.StatusFailed || len(o.Objects) != 0 {
		t.Fatalf("conditionalAccess.policies after a truncated page: %+v", o)
	}
	failedCleanly(t, res, "conditionalAccess.policies", "")
}

// TestForeignNextLinkInsideBatchIsRefused: a $batch answer whose inner
// page points its nextLink at another host is not followed (no request
// carrying the token goes there); the resource fails instead.
func TestForeignNextLinkInsideBatchIsRefused(t *testing.T) {
	fake := graphtest.NewFake(demoTenant(t), graphtest.ServerOptions{PageSize: 1})
	var foreign atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "evil.example" {
			foreign.Add(1)
		}
		if !strings.HasSuffix(r.URL.Path, "/$batch") {
			fake.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, r)
		body := strings.ReplaceAll(rec.Body.String(), `"@odata.nextLink":"https://graph.test.invalid/`, `"@odata.nextLink":"https://evil.example/`)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = io.WriteString(w, body)
	})
	res := faultEnv(t, h)
	if foreign.Load() != 0 {
		t.Errorf("%d requests went to the foreign host", foreign.Load())
	}
	var refused []string
	for _, o := range res.Outcomes {
		if o.Status == snapshot.StatusFailed && strings.Contains(o.Message, "evil.example") {
			refused = append(refused, o.Key)
		}
	}
	if len(refused) == 0 {
		t.Fatalf("no resource refused the foreign nextLink; outcomes: %v", outcomes(res))
	}
	t.Logf("refused by %v", refused)
}
