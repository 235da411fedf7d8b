package graphtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func post(t *testing.T, c *http.Client, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, origin+path, bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
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

func getByIDsTenant() *graphtest.Tenant {
	tn := directory()
	tn.AddCollection("/v1.0/users", json.RawMessage(`{"id":"u1","displayName":"Adele"}`))
	tn.AddCollection("/v1.0/groups", json.RawMessage(`{"id":"g1","displayName":"Admins"}`))
	return tn
}

// directoryObjects/getByIds finds ids among users, groups and service
// principals (types narrow it), types each object, and leaves out ids that
// match nothing.
func TestFakeGetByIDs(t *testing.T) {
	c := inProcessClient(getByIDsTenant(), graphtest.ServerOptions{})
	for body, want := range map[string]string{
		`{"ids":["u1","G1","s2","gone"]}`:                              "#microsoft.graph.group g1,#microsoft.graph.servicePrincipal s2,#microsoft.graph.user u1",
		`{"ids":["u1","g1","s2"],"types":["User","servicePrincipal"]}`: "#microsoft.graph.servicePrincipal s2,#microsoft.graph.user u1",
		`{"ids":["u1","g1","s1"],"types":["directoryObject"]}`:         "#microsoft.graph.group g1,#microsoft.graph.servicePrincipal s1,#microsoft.graph.user u1",
		`{"ids":["gone"],"types":["user","group","servicePrincipal"]}`: "",
	} {
		status, resp := post(t, c, "/v1.0/directoryObjects/getByIds", body)
		if status != 200 {
			t.Errorf("%s: %d %s", body, status, resp)
			continue
		}
		var page struct {
			Value []map[string]any `json:"value"`
		}
		_ = json.Unmarshal([]byte(resp), &page)
		var got []string
		for _, v := range page.Value {
			got = append(got, fmt.Sprintf("%v %v", v["@odata.type"], v["id"]))
		}
		slices.Sort(got)
		if strings.Join(got, ",") != want {
			t.Errorf("%s: got %v, want %s", body, got, want)
		}
	}
	many := make([]string, 1001)
	for i := range many {
		many[i] = fmt.Sprintf("%q", fmt.Sprint("id", i))
	}
	for _, body := range []string{`{"ids":[]}`, `{"ids":[` + strings.Join(many, ",") + `]}`, `{"ids":["u1"],"types":["planet"]}`, `not json`} {
		if status, resp := post(t, c, "/v1.0/directoryObjects/getByIds", body); status != 400 {
			t.Errorf("%.40s: %d %s, want 400", body, status, resp)
		}
	}
	// Only this POST is served.
	if status, _ := post(t, c, "/v1.0/users", `{}`); status != http.StatusMethodNotAllowed {
		t.Errorf("POST /v1.0/users: %d, want 405", status)
	}
}

func TestFakeGetByIDsErrorAndBatch(t *testing.T) {
	tn := getByIDsTenant()
	c := inProcessClient(tn, graphtest.ServerOptions{})
	// Inside $batch, as a POST with a body.
	status, resp := post(t, c, "/v1.0/$batch", `{"requests":[{"id":"1","method":"POST","url":"/directoryObjects/getByIds",
		"headers":{"Content-Type":"application/json"},"body":{"ids":["u1"]}}]}`)
	if status != 200 || !strings.Contains(resp, `"status":200`) || !strings.Contains(resp, `"#microsoft.graph.user"`) {
		t.Errorf("batched getByIds: %d %s", status, resp)
	}
	tn.SetError("/v1.0/directoryObjects/getByIds", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	if status, resp := post(t, c, "/v1.0/directoryObjects/getByIds", `{"ids":["u1"]}`); status != 403 || !strings.Contains(resp, "Authorization_RequestDenied") {
		t.Errorf("with an error set: %d %s", status, resp)
	}
}

// The PIM for groups policy filter (scope is a group id) is answered like
// the directory role one.
func TestFakeGroupPolicyAssignmentFilter(t *testing.T) {
	tn := graphtest.NewTenant()
	tn.AddCollection("/v1.0/policies/roleManagementPolicyAssignments",
		json.RawMessage(`{"id":"d1","scopeId":"/","scopeType":"DirectoryRole","roleDefinitionId":"r1"}`),
		json.RawMessage(`{"id":"g1m","scopeId":"g1","scopeType":"Group","roleDefinitionId":"member"}`),
		json.RawMessage(`{"id":"g1o","scopeId":"g1","scopeType":"Group","roleDefinitionId":"owner"}`),
		json.RawMessage(`{"id":"g2m","scopeId":"g2","scopeType":"Group","roleDefinitionId":"member"}`))
	c := inProcessClient(tn, graphtest.ServerOptions{})
	base := "/v1.0/policies/roleManagementPolicyAssignments?$expand=policy($expand=rules)&$filter="
	for filter, want := range map[string]string{
		"scopeId eq '/' and scopeType eq 'DirectoryRole'":                          "d1",
		"scopeId eq 'g1' and scopeType eq 'Group'":                                 "g1m,g1o",
		"scopeId eq 'g1' and scopeType eq 'Group' and roleDefinitionId eq 'owner'": "g1o",
	} {
		status, body := get(t, c, base+filter)
		var page struct{ Value []struct{ ID string } }
		_ = json.Unmarshal([]byte(body), &page)
		var got []string
		for _, v := range page.Value {
			got = append(got, v.ID)
		}
		if status != 200 || strings.Join(got, ",") != want {
			t.Errorf("%s: %d %v, want %s", filter, status, got, want)
		}
	}
}
