package graphtest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

func ids(t *testing.T, body string) string {
	t.Helper()
	var page struct{ Value []struct{ ID string } }
	if err := json.Unmarshal([]byte(body), &page); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range page.Value {
		got = append(got, v.ID)
	}
	return strings.Join(got, ",")
}

// ge, le, gt and lt compare numbers numerically, strings ordinally and
// date-time literals as instants, whatever the fraction digits of the
// item's value; anything else does not match.
func TestFakeRangeFilters(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/things",
		json.RawMessage(`{"id":"a","n":2,"s":"apple","at":"2026-11-02T06:00:00Z"}`),
		json.RawMessage(`{"id":"b","n":10,"s":"banana","at":"2026-11-02T06:00:00.5Z"}`),
		json.RawMessage(`{"id":"c","n":-1.5,"s":"Cherry","at":"2026-11-03T09:15:42.1234567Z"}`),
		json.RawMessage(`{"id":"d","n":null,"s":null,"at":null}`),
		json.RawMessage(`{"id":"e","n":"10","s":7,"at":"not a date"}`))
	c := inProcessClient(tenant, graphtest.ServerOptions{})
	base := "/v1.0/things?$filter="
	for filter, want := range map[string]string{
		"n ge 2":                          "a,b",
		"n gt 2":                          "b", // 10 > 2 numerically, not as text
		"n le 2":                          "a,c",
		"n lt -1":                         "c",
		"s ge 'banana'":                   "b", // ordinal: "Cherry" < "banana"
		"s lt 'b'":                        "a,c",
		"at ge 2026-11-02T06:00:00Z":      "a,b,c",
		"at gt 2026-11-02T06:00:00Z":      "b,c", // .5 s later
		"at le 2026-11-02T06:00:00Z":      "a",
		"at lt 2026-11-03T09:15:42.2Z":    "a,b,c",
		"at eq 2026-11-02T06:00:00.500Z":  "b",
		"at ge 2026-11-02T07:00:00+01:00": "a,b,c", // the same instant as 06:00Z
		"at ge 2026-11-02T06:00:01Z and at le 2026-11-04T00:00:00Z": "c",
		"not (n ge 0)": "c,d,e",
		"N GE 10":      "b",
	} {
		// A '+' in a query is a space: escape it as a client would.
		status, body := get(t, c, base+strings.ReplaceAll(filter, "+", "%2B"))
		if status != 200 {
			t.Errorf("%s: %d %s", filter, status, body)
			continue
		}
		if got := ids(t, body); got != want {
			t.Errorf("%s: got %s, want %s", filter, got, want)
		}
	}
	for _, filter := range []string{"n ge true", "n ge", "at ge 2026-11-02", "at ge 2026-13-02T06:00:00Z", "n ge null"} {
		status, body := get(t, c, base+filter)
		if status != 400 || !strings.Contains(body, `"code":"Request_UnsupportedQuery"`) {
			t.Errorf("%s: %d %s, want 400 Request_UnsupportedQuery", filter, status, body)
		}
	}
}

// The directory audit log is served as Graph serves it: filtered on
// activityDateTime and paged by $top, the nextLink keeping the filter.
func TestFakeServesAuditLogWindowPaged(t *testing.T) {
	tenant := graphtest.NewTenant()
	tenant.AddCollection("/v1.0/auditLogs/directoryAudits",
		json.RawMessage(`{"id":"e0","activityDateTime":"2026-11-01T23:59:59.9999999Z"}`),
		json.RawMessage(`{"id":"e1","activityDateTime":"2026-11-02T06:00:00Z"}`),
		json.RawMessage(`{"id":"e2","activityDateTime":"2026-11-10T08:01:02.345Z"}`),
		json.RawMessage(`{"id":"e3","activityDateTime":"2026-11-20T14:03:11.1234567Z"}`),
		json.RawMessage(`{"id":"e4","activityDateTime":"2026-12-01T00:00:00Z"}`),
		json.RawMessage(`{"id":"e5","activityDateTime":"2026-12-04T00:00:00.001Z"}`))
	srv := graphtest.NewServer(tenant, graphtest.ServerOptions{})
	defer srv.Close()
	hc := srv.Client()
	next := srv.URL + "/v1.0/auditLogs/directoryAudits?$filter=" +
		strings.ReplaceAll("activityDateTime ge 2026-11-02T06:00:00Z and activityDateTime le 2026-12-04T00:00:00Z", " ", "%20") + "&$top=2"
	var pages []string
	for next != "" {
		resp, err := hc.Get(next)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Value    []struct{ ID string }
			NextLink string `json:"@odata.nextLink"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %d %v", next, resp.StatusCode, err)
		}
		var got []string
		for _, v := range page.Value {
			got = append(got, v.ID)
		}
		pages = append(pages, strings.Join(got, ","))
		if page.NextLink != "" && !strings.Contains(page.NextLink, "$filter=activityDateTime%20ge%202026-11-02T06:00:00Z") {
			t.Fatalf("nextLink %s lost the filter", page.NextLink)
		}
		next = page.NextLink
	}
	if got := strings.Join(pages, " | "); got != "e1,e2 | e3,e4" {
		t.Fatalf("pages %s, want e1,e2 | e3,e4", got)
	}
}
