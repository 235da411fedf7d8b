package snapshot

import (
	"errors"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
)

func TestFailNeedingNamesThePermissionOfTheFailedLookup(t *testing.T) {
	res := Resource{Key: "roles.x", Permissions: []string{"PrivilegedEligibilitySchedule.Read.AzureADGroup"}, License: "P2"}
	for _, c := range []struct {
		name       string
		err        error
		status     string
		permission string
		license    string
	}{
		{"missing permission", forbidden("/v1.0/groups"), StatusMissingPermission, "GroupMember.Read.All", ""},
		{"licence", nonPremium("/v1.0/groups"), StatusLicenseRequired, "", "P2"},
		{"other", errors.New("connection reset"), StatusFailed, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := NewRecorder([]Resource{res})
			rec.FailNeeding(res.Key, "GroupMember.Read.All", c.err)
			o := rec.Outcome(res.Key)
			if o == nil || o.Status != c.status || o.Permission != c.permission || o.License != c.license {
				t.Fatalf("outcome %+v, want status %s permission %q licence %q", o, c.status, c.permission, c.license)
			}
			if c.status == StatusMissingPermission && (o.RequestID != "req-1" || o.Kind != graph.KindMissingPermission) {
				t.Errorf("request id / kind lost: %+v", o)
			}
		})
	}
	// Fail keeps naming the resource's own first permission.
	rec := NewRecorder([]Resource{res})
	rec.Fail(res.Key, forbidden("/x"))
	if p := rec.Outcome(res.Key).Permission; p != "PrivilegedEligibilitySchedule.Read.AzureADGroup" {
		t.Errorf("Fail: permission %q", p)
	}
}
