package graphtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func directory() *graphtest.Tenant {
	t := graphtest.NewTenant()
	t.AddCollection("/v1.0/roleManagement/directory/roleAssignments",
		json.RawMessage(`{"id":"a1","scopeId":"/","scopeType":"DirectoryRole","roleDefinitionId":"r1","principal":{"@odata.type":"#microsoft.graph.user","id":"p1"}}`),
		json.RawMessage(`{"id":"a2","scopeId":"/administrativeUnits/au","scopeType":"DirectoryRole","roleDefinitionId":"r1"}`),
		json.RawMessage(`{"id":"a3","scopeId":"/","scopeType":"App","roleDefinitionId":"r2"}`))
	t.AddCollection("/v1.0/servicePrincipals",
		json.RawMessage(`{"id":"s1","appId":"app-1","displayName":"Graph Explorer","accountEnabled":true,"@odata.type":"#microsoft.graph.servicePrincipal"}`),
		json.RawMessage(`{"id":"s2","appId":"app-2","displayName":"Contoso Portal","accountEnabled":false}`),
		json.RawMessage(`{"id":"s3","appId":"app-3","displayName":"graph O'Connor","accountEnabled":true}`))
	return t
}

func TestFakeFilters(t *testing.T) {
	c := inProcessClient(directory(), graphtest.ServerOptions{})
	base := "/v1.0/roleManagement/directory/roleAssignments?$filter="
	sps := "/v1.0/servicePrincipals?$filter="
	for filter, want := range map[string]string{
		base + "scopeId eq '/' and scopeType eq 'DirectoryRole'":                     "a1",
		base + "roleDefinitionId eq 'r1'":                                            "a1,a2",
		base + "principal/id eq 'p1'":                                                "a1",
		base + "scopeType ne 'App'":                                                  "a1,a2",
		base + "(scopeType eq 'App' or scopeId eq '/') and roleDefinitionId eq 'r2'": "a3",
		sps + "appId eq 'APP-2'":                                                     "s2",
		sps + "appId in ('app-1','app-3')":                                           "s1,s3",
		sps + "accountEnabled eq true":                                               "s1,s3",
		sps + "accountEnabled eq false":                                              "s2",
		sps + "startswith(displayName,'graph')":                                      "s1,s3",
		sps + "not startswith(displayName,'graph')":                                  "s2",
		sps + "displayName eq 'graph O''Connor'":                                     "s3",
		sps + "displayName eq null":                                                  "",
	} {
		status, body := get(t, c, filter)
		if status != 200 {
			t.Errorf("%s: %d %s", filter, status, body)
			continue
		}
		var page struct{ Value []struct{ ID string } }
		_ = json.Unmarshal([]byte(body), &page)
		var got []string
		for _, v := range page.Value {
			got = append(got, v.ID)
		}
		if strings.Join(got, ",") != want {
			t.Errorf("%s: got %v, want %s", filter, got, want)
		}
	}
	for _, filter := range []string{
		sps + "accountEnabled gt true",
		sps + "appId ge null",
		sps + "appId has 'a'",
		sps + "tags/any(t:t eq 'x')",
		sps + "startswith(displayName)",
		sps + "appId eq 'unterminated",
		sps + "appId eq app",
		sps + "appId eq 'a' and",
	} {
		status, body := get(t, c, filter)
		if status != 400 || !strings.Contains(body, `"code":"Request_UnsupportedQuery"`) {
			t.Errorf("%s: %d %s, want 400 Request_UnsupportedQuery", filter, status, body)
		}
	}
}

func TestFakePagingTopAndSelect(t *testing.T) {
	tenant := graphtest.NewTenant()
	for i := range 5 {
		tenant.AddCollection("/v1.0/groups", json.RawMessage(fmt.Sprintf(`{"id":"g%d","displayName":"G%d","mail":"g%d@x"}`, i, i, i)))
	}
	srv := graphtest.NewServer(tenant, graphtest.ServerOptions{PageSize: 3})
	defer srv.Close()
	c := srv.Client()
	getAbs := func(u string) (int, map[string]json.RawMessage) {
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]json.RawMessage
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, m
	}
	status, page := getAbs(srv.URL + "/v1.0/groups?$select=displayName&$top=2")
	var next string
	_ = json.Unmarshal(page["@odata.nextLink"], &next)
	if status != 200 || string(page["value"]) != `[{"displayName":"G0","id":"g0"},{"displayName":"G1","id":"g1"}]` {
		t.Fatalf("page 1: %d %s", status, page["value"])
	}
	if !strings.HasPrefix(next, srv.URL+"/v1.0/groups?$select=displayName&$top=2&$skiptoken=") {
		t.Fatalf("nextLink %q is not absolute on the server's origin with the original options", next)
	}
	if ctx := string(page["@odata.context"]); ctx != `"`+srv.URL+`/v1.0/$metadata#groups"` {
		t.Fatalf("@odata.context %s", ctx)
	}
	_, page2 := getAbs(next)
	if string(page2["value"]) != `[{"displayName":"G2","id":"g2"},{"displayName":"G3","id":"g3"}]` {
		t.Fatalf("page 2: %s", page2["value"])
	}
	for _, q := range []string{"$top=1000", "$top=0", "$top=x"} {
		if status, body := getAbs(srv.URL + "/v1.0/groups?" + q); status != 400 || !strings.Contains(string(body["error"]), "Request_UnsupportedQuery") {
			t.Errorf("%s: %d %s", q, status, body["error"])
		}
	}
	if status, _ := getAbs(srv.URL + "/v1.0/groups?$top=999&$count=true&$expand=members"); status != 200 {
		t.Errorf("$top=999 with $count and $expand: %d", status)
	}
	if status, body := getAbs(srv.URL + "/v1.0/groups?$skiptoken=forged"); status != 400 {
		t.Errorf("forged skip token: %d %s", status, body)
	}
}

func TestFakeErrorShapes(t *testing.T) {
	tenant := directory()
	tenant.SetError("/v1.0/policies/crossTenantAccessPolicy", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	c := inProcessClient(tenant, graphtest.ServerOptions{})
	req, _ := http.NewRequest(http.MethodGet, origin+"/v1.0/policies/crossTenantAccessPolicy", nil)
	req.Header.Set("client-request-id", "cid-1")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Error map[string]json.RawMessage `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	var inner map[string]string
	_ = json.Unmarshal(body.Error["innerError"], &inner)
	if resp.StatusCode != 403 || string(body.Error["code"]) != `"Authorization_RequestDenied"` ||
		inner["request-id"] == "" || inner["request-id"] != resp.Header.Get("request-id") ||
		inner["client-request-id"] != "cid-1" || len(inner["date"]) != len("2025-02-13T10:17:06") {
		t.Fatalf("Graph error: %d %v %v headers %v", resp.StatusCode, body.Error, inner, resp.Header)
	}

	// ARM paths answer ARM shapes.
	status, b := get(t, c, "/subscriptions/nope?api-version=2022-12-01")
	if status != 404 || !strings.Contains(b, `"code":"ResourceNotFound"`) || strings.Contains(b, "innerError") {
		t.Fatalf("ARM 404: %d %s", status, b)
	}
	if status, b := get(t, c, "/v1.0/nothing/here"); status != 404 || !strings.Contains(b, `"code":"Request_ResourceNotFound"`) {
		t.Fatalf("Graph 404: %d %s", status, b)
	}
	if status, b := get(t, c, "/v1.0/servicePrincipals/s9"); status != 404 {
		t.Fatalf("missing member: %d %s", status, b)
	}
	if status, b := get(t, c, "/v1.0/servicePrincipals(appId='app-3')"); status != 200 || !strings.Contains(b, `"id":"s3"`) {
		t.Fatalf("alternate key: %d %s", status, b)
	}
	resp, err = c.Post(origin+"/v1.0/servicePrincipals", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Fatalf("POST to a collection: %d", resp.StatusCode)
	}
}

func TestFakeRequireToken(t *testing.T) {
	srv := graphtest.NewServer(directory(), graphtest.ServerOptions{RequireToken: "tok"})
	defer srv.Close()
	for auth, want := range map[string]int{"": 401, "Bearer other": 401, "Bearer tok": 200} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1.0/servicePrincipals", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Authorization %q: %d, want %d", auth, resp.StatusCode, want)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || reqs[0].Host != strings.TrimPrefix(srv.URL, "https://") {
		t.Fatalf("recorded %+v", reqs)
	}
	authorized := 0
	for _, r := range reqs {
		if r.Authorized {
			authorized++
		}
	}
	if authorized != 2 {
		t.Fatalf("%d requests recorded as carrying Authorization, want 2", authorized)
	}
}

func TestFaultsAreDeterministic(t *testing.T) {
	run := func() []int {
		tenant := directory()
		faults := graphtest.NewFaults(99).Throttle(0.3, "2.128")
		c := inProcessClient(tenant, graphtest.ServerOptions{Faults: faults})
		var statuses []int
		for range 40 {
			status, _ := get(t, c, "/v1.0/servicePrincipals")
			statuses = append(statuses, status)
		}
		return statuses
	}
	a, b := run(), run()
	throttled := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("run differs at request %d: %d vs %d", i, a[i], b[i])
		}
		if a[i] == 429 {
			throttled++
		}
	}
	if throttled < 4 || throttled > 20 {
		t.Fatalf("%d of 40 throttled at rate 0.3", throttled)
	}

	faults := graphtest.NewFaults(1, graphtest.Fault{Path: "/v1.0/servicePrincipals*", Status: 503, Times: 2})
	c := inProcessClient(directory(), graphtest.ServerOptions{Faults: faults})
	var got []int
	for range 4 {
		status, _ := get(t, c, "/v1.0/servicePrincipals/s1")
		got = append(got, status)
	}
	if fmt.Sprint(got) != "[503 503 200 200]" || faults.Fired() != 2 {
		t.Fatalf("N failures then success: %v (fired %d)", got, faults.Fired())
	}
}

func TestFakeRetryAfterHeaderOnThrottle(t *testing.T) {
	faults := graphtest.NewFaults(1, graphtest.Fault{Status: 429, RetryAfter: "2.128", Times: 1})
	c := inProcessClient(directory(), graphtest.ServerOptions{Faults: faults})
	resp, err := c.Get(origin + "/v1.0/servicePrincipals")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2.128" {
		t.Fatalf("%d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
