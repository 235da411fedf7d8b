package snapshot

import (
	"errors"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
)

func TestSummaryCountsAndHints(t *testing.T) {
	resources := []Resource{
		{Key: "tenant.a", Permissions: []string{"Policy.Read.All"}},
		{Key: "tenant.b", License: "Microsoft Entra ID P2"},
		{Key: "roles.c"},
		{Key: "roles.d"},
	}
	rec := NewRecorder(resources)
	rec.Put("tenant.a", []Object{{"id": "1"}, {"id": "2"}})
	rec.Fail("tenant.b", nonPremium("/b"))
	rec.Fail("roles.c", &graph.Error{Status: 401, Code: "InvalidAuthenticationToken", Kind: graph.KindUnauthorized})
	rec.Fail("roles.d", errors.New("connection reset"))
	s := Summarize(&Result{Resources: resources, Outcomes: rec.Outcomes()})
	if s.Collected != 1 || s.Objects != 2 || s.Failed != 2 || s.Unauthorized != 1 || len(s.Gaps) != 3 {
		t.Errorf("summary %+v", s)
	}
	if s.Families[0].Family != "roles" || s.Families[0].Unauthorized != 1 || s.Families[1].Objects != 2 {
		t.Errorf("families %+v", s.Families)
	}
	var b strings.Builder
	if err := s.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"tenant.b: license required: needs Microsoft Entra ID P2", "roles.d: failed: connection reset", "Not collected (3):"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary text lacks %q:\n%s", want, b.String())
		}
	}
}
