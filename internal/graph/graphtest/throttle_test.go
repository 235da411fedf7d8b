package graphtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func TestResourceUnitsFollowGraphsPublishedCosts(t *testing.T) {
	for target, want := range map[string]int{
		"/v1.0/users": 2,
		"/v1.0/users/0b1c?$select=id,displayName":                                              1,
		"/v1.0/users?$select=id&$top=999":                                                      1,
		"/v1.0/applications?$top=999":                                                          2,
		"/v1.0/oauth2PermissionGrants":                                                         2,
		"/v1.0/servicePrincipals/s1/appRoleAssignments":                                        2,
		"/v1.0/servicePrincipals/s1/appRoleAssignedTo":                                         1,
		"/v1.0/groups/g1/members":                                                              3,
		"/v1.0/groups/g1/members?$top=5":                                                       2,
		"/v1.0/groups/g1/transitiveMembers?$expand=x":                                          6,
		"/v1.0/subscribedSkus":                                                                 3,
		"/v1.0/groups?$filter=isAssignableToRole eq true":                                      1,
		"/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/'&$expand=policy": 2,
		"/beta/policies/authenticationMethodsPolicy?$select=id":                                1, // never below 1
		"/v1.0/identity/conditionalAccess/policies":                                            0, // paced instead
		"/subscriptions?api-version=2022-12-01":                                                0, // ARM
		"/v1.0/$batch":                                                                         0, // inner requests are charged
	} {
		if got := graphtest.ResourceUnits(http.MethodGet, target); got != want {
			t.Errorf("ResourceUnits(GET %s) = %d, want %d", target, got, want)
		}
	}
	if got := graphtest.ResourceUnits(http.MethodPost, "/v1.0/directoryObjects/getByIds"); got != 1 {
		t.Errorf("getByIds costs %d, want 1", got)
	}
}

func TestNormalizedRequestGroupsPagesAndObjects(t *testing.T) {
	for target, want := range map[string]string{
		"/v1.0/users/0B1C2D3E-0000-4000-8000-000000000001?$select=id":              "GET /v1.0/users/{id}?$select=id",
		"/v1.0/users?$select=id&$top=999&$skiptoken=abc":                           "GET /v1.0/users?$select=id&$top=999",
		"/v1.0/groups?$filter=id%20in%20('a1','b2',%20'c3')":                       "GET /v1.0/groups?$filter=id in ('{id}',…)",
		"/v1.0/x?$filter=scopeId%20eq%20'g1'%20and%20scopeType%20eq%20'Group'":     "GET /v1.0/x?$filter=scopeId eq '{id}' and scopeType eq 'Group'",
		"/v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='x9')": "GET /v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='{id}')",
	} {
		if got := graphtest.NormalizedRequest(http.MethodGet, target); got != want {
			t.Errorf("NormalizedRequest(%s) = %q, want %q", target, got, want)
		}
	}
}

// throttled serves a tenant of users and CA policies through a throttling
// fake on a virtual clock.
func throttled(t *testing.T, cfg graphtest.Throttling) (*graphtest.Fake, *http.Client, *graphtest.Clock) {
	t.Helper()
	tn := graphtest.NewTenant()
	for i := range 5 {
		tn.AddCollection("/v1.0/users", json.RawMessage(fmt.Sprintf(`{"id":"u%d","displayName":"User %d"}`, i, i)))
	}
	tn.AddCollection("/v1.0/identity/conditionalAccess/policies", json.RawMessage(`{"id":"p1"}`))
	clock := graphtest.NewClock(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	fake := graphtest.NewFake(tn, graphtest.ServerOptions{Throttling: &cfg, Now: clock.Now})
	return fake, &http.Client{Transport: graphtest.NewTransport(fake)}, clock
}

type answer struct {
	status int
	header http.Header
	body   string
}

func send(t *testing.T, c *http.Client, method, path, body string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, origin+strings.ReplaceAll(path, " ", "%20"), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, string(b)}
}

func TestThrottlingChargesAWindowAndNamesItsEnd(t *testing.T) {
	fake, c, clock := throttled(t, graphtest.Throttling{Units: 10})
	for i := range 5 { // 2 units each
		a := send(t, c, http.MethodGet, "/v1.0/users/u1", "")
		if a.status != 200 || a.header.Get("x-ms-resource-unit") != "2" {
			t.Fatalf("request %d: %d, x-ms-resource-unit %q", i, a.status, a.header.Get("x-ms-resource-unit"))
		}
		if got, want := a.header.Get("x-ms-throttle-limit-percentage") != "", i >= 3; got != want {
			t.Errorf("request %d: x-ms-throttle-limit-percentage sent %v, want %v (80%% used from the 4th)", i, got, want)
		}
		clock.Advance(time.Second)
	}
	clock.Advance(2500 * time.Millisecond) // 7.5 s into the window
	a := send(t, c, http.MethodGet, "/v1.0/users?$select=id", "")
	if a.status != 429 || a.header.Get("Retry-After") != "2.500" {
		t.Fatalf("over budget: %d, Retry-After %q; want 429, 2.500 (the window's end)", a.status, a.header.Get("Retry-After"))
	}
	clock.Advance(2500 * time.Millisecond)
	if a := send(t, c, http.MethodGet, "/v1.0/users?$select=id", ""); a.status != 200 || a.header.Get("x-ms-resource-unit") != "1" {
		t.Fatalf("next window: %d, x-ms-resource-unit %q", a.status, a.header.Get("x-ms-resource-unit"))
	}
	got := fake.ThrottleStats()
	want := graphtest.ThrottleCounts{Calls: 7, Succeeded: 6, Throttled: 1, Units: 11}
	if got.Total != want {
		t.Errorf("total %+v, want %+v", got.Total, want)
	}
	if n := got.ByRequest["GET /v1.0/users?$select=id"]; n.Calls != 2 || n.Throttled != 1 {
		t.Errorf("by request %+v", got.ByRequest)
	}
}

func TestThrottlingPacesConditionalAccessWithoutRetryAfter(t *testing.T) {
	fake, c, clock := throttled(t, graphtest.Throttling{Units: 1})
	const ca = "/v1.0/identity/conditionalAccess/policies"
	if a := send(t, c, http.MethodGet, ca, ""); a.status != 200 || a.header.Get("x-ms-resource-unit") != "" {
		t.Fatalf("first: %d, x-ms-resource-unit %q (CA is paced, not charged)", a.status, a.header.Get("x-ms-resource-unit"))
	}
	clock.Advance(999 * time.Millisecond)
	a := send(t, c, http.MethodGet, ca, "")
	if a.status != 429 || a.header.Get("Retry-After") != "" {
		t.Fatalf("second within the second: %d, Retry-After %q; want 429 without one", a.status, a.header.Get("Retry-After"))
	}
	clock.Advance(time.Millisecond)
	if a := send(t, c, http.MethodGet, ca, ""); a.status != 200 {
		t.Fatalf("a second later: %d", a.status)
	}
	if got := fake.ThrottleStats().Total; got.Throttled != 1 || got.Units != 0 {
		t.Errorf("total %+v", got)
	}
}

func TestThrottlingAnswersInnerBatchRequestsOneByOne(t *testing.T) {
	fake, c, _ := throttled(t, graphtest.Throttling{Units: 4})
	batch := `{"requests":[{"id":"1","method":"GET","url":"/users/u1"},{"id":"2","method":"GET","url":"/users/u2"},{"id":"3","method":"GET","url":"/users/u3"}]}`
	a := send(t, c, http.MethodPost, "/v1.0/$batch", batch)
	if a.status != 200 {
		t.Fatalf("envelope: %d %s", a.status, a.body)
	}
	var out struct {
		Responses []struct {
			ID      string            `json:"id"`
			Status  int               `json:"status"`
			Headers map[string]string `json:"headers"`
		} `json:"responses"`
	}
	if err := json.Unmarshal([]byte(a.body), &out); err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	for _, r := range out.Responses {
		statuses[r.ID] = r.Status
		h := http.Header{}
		for k, v := range r.Headers {
			h.Set(k, v)
		}
		if r.Status == 429 && h.Get("Retry-After") == "" {
			t.Errorf("inner 429 %s has no Retry-After: %v", r.ID, r.Headers)
		}
		if r.Status == 200 && h.Get("x-ms-resource-unit") != "2" {
			t.Errorf("inner 200 %s: x-ms-resource-unit %q", r.ID, h.Get("x-ms-resource-unit"))
		}
	}
	if fmt.Sprint(statuses) != "map[1:200 2:200 3:429]" { // inner requests run in request order
		t.Errorf("inner statuses %v", statuses)
	}
	want := graphtest.ThrottleCounts{Calls: 3, InBatch: 3, Succeeded: 2, Throttled: 1, Units: 4, Batches: 1}
	if got := fake.ThrottleStats().Total; got != want {
		t.Errorf("total %+v, want %+v", got, want)
	}
}

func TestThrottlingRandom429sAreSeededAndLabelled(t *testing.T) {
	run := func() (string, graphtest.ThrottleStats) {
		fake, _, _ := throttled(t, graphtest.Throttling{RandomRate: 0.3, RandomRetryAfter: 2 * time.Second, Seed: 7})
		c := &http.Client{Transport: graphtest.NewTransport(fake)}
		var b strings.Builder
		for i := range 100 {
			req, _ := http.NewRequestWithContext(graphtest.WithLabel(context.Background(), fmt.Sprint("l", i%2)), http.MethodGet, origin+"/v1.0/users/u1", nil)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == 429 && resp.Header.Get("Retry-After") != "2.000" {
				t.Fatalf("random 429 with Retry-After %q", resp.Header.Get("Retry-After"))
			}
			fmt.Fprint(&b, resp.StatusCode/100)
		}
		return b.String(), fake.ThrottleStats()
	}
	first, stats := run()
	if again, _ := run(); again != first {
		t.Errorf("the same seed gave another sequence:\n%s\n%s", first, again)
	}
	n := stats.Total.Throttled
	if n < 15 || n > 45 {
		t.Errorf("%d of 100 throttled at a rate of 0.3", n)
	}
	if l0, l1 := stats.ByLabel["l0"], stats.ByLabel["l1"]; l0.Calls != 50 || l1.Calls != 50 || l0.Throttled+l1.Throttled != n {
		t.Errorf("by label %+v", stats.ByLabel)
	}
}

func TestUnthrottledFakeCountsNothing(t *testing.T) {
	fake := graphtest.NewFake(directory(), graphtest.ServerOptions{})
	c := &http.Client{Transport: graphtest.NewTransport(fake)}
	for range 3 {
		if a := send(t, c, http.MethodGet, "/v1.0/servicePrincipals", ""); a.status != 200 || a.header.Get("x-ms-resource-unit") != "" {
			t.Fatalf("%d, x-ms-resource-unit %q", a.status, a.header.Get("x-ms-resource-unit"))
		}
	}
	if got := fake.ThrottleStats().Total; got != (graphtest.ThrottleCounts{}) {
		t.Errorf("counted %+v without Throttling", got)
	}
}
