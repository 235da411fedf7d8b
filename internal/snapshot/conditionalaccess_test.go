package snapshot_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// evolvableEnums answers like Graph for enum members added after
// unknownFutureValue: without "Prefer: include-unknown-enum-members" the
// new member riskRemediation reads as unknownFutureValue. It records which
// paths asked with the header.
type evolvableEnums struct {
	next      http.RoundTripper
	preferred map[string]int // path -> requests with the header
	plain     map[string]int // path -> requests without it
}

func (e *evolvableEnums) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := e.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if req.Header.Get("Prefer") == "include-unknown-enum-members" {
		e.preferred[req.URL.Path]++
		return res, nil
	}
	e.plain[req.URL.Path]++
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, err
	}
	body = bytes.ReplaceAll(body, []byte(`"riskRemediation"`), []byte(`"unknownFutureValue"`))
	res.Body = io.NopCloser(bytes.NewReader(body))
	res.ContentLength = int64(len(body))
	res.Header.Del("Content-Length")
	return res, nil
}

func TestConditionalAccessAsksForUnknownEnumMembers(t *testing.T) {
	tn := demoTenant(t)
	tn.AddCollection("/v1.0/identity/conditionalAccess/policies", []byte(`{"id":"0c0c0c0c-0000-4000-8000-000000000009",
		"displayName":"CA009 Remediate risky users","state":"enabled","conditions":{"userRiskLevels":["high"],
		"users":{"includeUsers":["All"]},"applications":{"includeApplications":["All"]}},
		"grantControls":{"operator":"AND","builtInControls":["mfa","riskRemediation"]}}`))
	rt := &evolvableEnums{next: graphtest.NewTransport(graphtest.NewFake(tn, graphtest.ServerOptions{PageSize: 3})),
		preferred: map[string]int{}, plain: map[string]int{}}
	c, err := graph.New(graph.Options{BaseURL: "https://graph.test.invalid", HTTPClient: &http.Client{Transport: rt},
		PacePrefixes: []string{}, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := snapshot.Collect(context.Background(), snapshot.Sources{Graph: c, Batch: snapshot.BatchVia(c)},
		snapshot.Options{Collectors: []snapshot.Collector{snapshot.NewConditionalAccessCollector()}})
	if err != nil {
		t.Fatal(err)
	}
	policies := outcome(t, res, "conditionalAccess.policies", snapshot.StatusCollected).Objects
	var controls []any
	for _, p := range policies {
		controls = append(controls, p["grantControls"].(map[string]any)["builtInControls"])
	}
	if text := dump(controls); !strings.Contains(text, `"riskRemediation"`) || strings.Contains(text, "unknownFutureValue") {
		t.Errorf("grant control riskRemediation hidden: %s", text)
	}
	for _, p := range []string{"/v1.0/identity/conditionalAccess/policies", "/v1.0/policies/authenticationStrengthPolicies"} {
		if rt.preferred[p] < 2 || rt.plain[p] != 0 {
			t.Errorf("%s: %d pages with the Prefer header, %d without; want every page (at least 2) with it", p, rt.preferred[p], rt.plain[p])
		}
	}
	// Only the calls that need it carry the header.
	if n := rt.preferred["/v1.0/identity/conditionalAccess/namedLocations"]; n != 0 {
		t.Errorf("named locations asked with the Prefer header %d times", n)
	}
}
