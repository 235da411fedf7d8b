package graphtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// A large collection answers member GETs and id filters from its index,
// with the same results as a scan would give.
func TestLargeCollectionMembersAndIDFilters(t *testing.T) {
	tn := graphtest.NewTenant()
	for i := range 20_000 {
		tn.AddCollection("/v1.0/users", json.RawMessage(fmt.Sprintf(`{"id":"U-%05d","displayName":"User %d"}`, i, i)))
	}
	tn.AddCollection("/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions",
		json.RawMessage(`{"id":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/r1","name":"r1"}`))
	c := &http.Client{Transport: graphtest.NewTransport(graphtest.NewFake(tn, graphtest.ServerOptions{}))}
	if status, body := get(t, c, "/v1.0/users/u-19999?$select=displayName"); status != 200 || !strings.Contains(body, `"User 19999"`) {
		t.Fatalf("member GET: %d %s", status, body)
	}
	if status, _ := get(t, c, "/v1.0/users/u-20000"); status != 404 {
		t.Fatalf("missing member: %d", status)
	}
	if status, body := get(t, c, "/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/R1?api-version=2022-04-01"); status != 200 || !strings.Contains(body, `"r1"`) {
		t.Fatalf("ARM member: %d %s", status, body)
	}
	status, body := get(t, c, "/v1.0/users?$filter=id in ('u-00007','U-12000','u-00003','nobody','u-00007')&$select=id")
	var page struct{ Value []struct{ ID string } }
	_ = json.Unmarshal([]byte(body), &page)
	var got []string
	for _, v := range page.Value {
		got = append(got, v.ID)
	}
	if status != 200 || strings.Join(got, ",") != "U-00003,U-00007,U-12000" {
		t.Fatalf("id in: %d %v (want collection order, once each)", status, got)
	}
	if status, body := get(t, c, "/v1.0/users?$filter=id eq 'u-00042'"); status != 200 || !strings.Contains(body, `"U-00042"`) {
		t.Fatalf("id eq: %d %s", status, body)
	}
}
