package graphtest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func TestLoadTenantFS(t *testing.T) {
	fsys := fstest.MapFS{
		"tenant/ca.json": {Data: []byte(`[
			{"path": "/v1.0/identity/conditionalAccess/policies", "comment": "two policies",
			 "value": [{"id": "p1", "state": "enabled"}, {"id": "p2", "state": "disabled"}]},
			{"path": "/v1.0/identity/conditionalAccess/namedLocations", "value": []}
		]`)},
		"tenant/policies/authz.json": {Data: []byte(`{"path": "/v1.0/policies/authorizationPolicy", "object": {"id": "authorizationPolicy"}}`)},
		"tenant/pim.json":            {Data: []byte(`{"path": "/beta/roleManagement/directory/roleEligibilitySchedules", "error": {"status": 400, "code": "AadPremiumLicenseRequired", "message": "The tenant needs an AAD Premium 2 license."}}`)},
		"tenant/README.md":           {Data: []byte("not a fixture")},
		"other/x.json":               {Data: []byte(`{"path": "/v1.0/users", "value": [{"id": "outside"}]}`)},
	}
	tenant, err := graphtest.LoadTenantFS(fsys, "tenant")
	if err != nil {
		t.Fatal(err)
	}
	c := inProcessClient(tenant, graphtest.ServerOptions{})
	for path, want := range map[string]string{
		"/v1.0/identity/conditionalAccess/policies?$select=state&$filter=state eq 'enabled'": `"value":[{"id":"p1","state":"enabled"}]`,
		"/v1.0/identity/conditionalAccess/namedLocations":                                    `"value":[]`,
		"/v1.0/policies/authorizationPolicy":                                                 `{"id":"authorizationPolicy"}`,
		"/v1.0/identity/conditionalAccess/policies/P2":                                       `{"id":"p2","state":"disabled"}`,
	} {
		status, body := get(t, c, path)
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d %s; want %s", path, status, body, want)
		}
	}
	if status, body := get(t, c, "/beta/roleManagement/directory/roleEligibilitySchedules"); status != 400 || !strings.Contains(body, `"code":"AadPremiumLicenseRequired"`) {
		t.Errorf("error entry: %d %s", status, body)
	}
	if status, _ := get(t, c, "/v1.0/users"); status != 404 {
		t.Errorf("file outside the directory was loaded: %d", status)
	}
}

func TestLoadTenantFSIsStrict(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		want  string
	}{
		"unknown key":     {map[string]string{"a.json": `{"path": "/v1.0/users", "values": []}`}, `a.json`},
		"unknown nested":  {map[string]string{"a.json": `{"path": "/v1.0/x", "error": {"status": 403, "code": "c", "msg": "m"}}`}, `unknown field "msg"`},
		"two parts":       {map[string]string{"a.json": `{"path": "/v1.0/x", "value": [], "object": {}}`}, "exactly one"},
		"no part":         {map[string]string{"a.json": `{"path": "/v1.0/x"}`}, "exactly one"},
		"relative path":   {map[string]string{"a.json": `{"path": "v1.0/x", "value": []}`}, "absolute API path"},
		"query in path":   {map[string]string{"a.json": `{"path": "/v1.0/x?$top=1", "value": []}`}, "without query"},
		"item not object": {map[string]string{"a.json": `{"path": "/v1.0/x", "value": [1]}`}, "item 0 is not a JSON object"},
		"object array":    {map[string]string{"a.json": `{"path": "/v1.0/x", "object": []}`}, "not a JSON object"},
		"bad status":      {map[string]string{"a.json": `{"path": "/v1.0/x", "error": {"status": 200, "code": "c"}}`}, "400..599"},
		"no code":         {map[string]string{"a.json": `{"path": "/v1.0/x", "error": {"status": 403}}`}, `"code"`},
		"trailing":        {map[string]string{"a.json": `{"path": "/v1.0/x", "value": []} {}`}, "after the first JSON value"},
		"not json":        {map[string]string{"a.json": `path: /v1.0/x`}, "a.json"},
		"empty":           {map[string]string{"a.json": ``}, "empty file"},
		"duplicate":       {map[string]string{"a.json": `{"path": "/v1.0/Users", "value": []}`, "b.json": `{"path": "/v1.0/users/", "value": []}`}, "already defined in d/a.json"},
	} {
		fsys := fstest.MapFS{}
		for n, data := range tc.files {
			fsys["d/"+n] = &fstest.MapFile{Data: []byte(data)}
		}
		_, err := graphtest.LoadTenantFS(fsys, "d")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "d/") {
			t.Errorf("%s: got %v, want an error naming the file and containing %q", name, err, tc.want)
		}
	}
	if _, err := graphtest.LoadTenantFS(fstest.MapFS{}, "missing"); err == nil {
		t.Error("a missing directory loaded without error")
	}
}

// inProcessClient talks to the fake through NewTransport, as --demo does.
func inProcessClient(tenant *graphtest.Tenant, opts graphtest.ServerOptions) *http.Client {
	return &http.Client{Transport: graphtest.NewTransport(graphtest.Handler(tenant, opts))}
}

const origin = "https://graph.microsoft.com"

func get(t *testing.T, c *http.Client, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, origin+strings.ReplaceAll(path, " ", "%20"), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw json.RawMessage
	if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
		t.Fatalf("%s: body is not JSON: %v", path, err)
	}
	return resp.StatusCode, string(raw)
}
