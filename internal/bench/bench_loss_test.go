package bench

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// collect runs a snapshot of tenant on a virtual clock (retries, pacing
// and Retry-After cost no real time).
func collect(t *testing.T, tenant *graphtest.Tenant, throttling *graphtest.Throttling) *Measurement {
	t.Helper()
	// 12 retries: at 20% random 429s a request fails 13 times in a row
	// about once in 10^9, so the test does not flake on the client's cap.
	m, err := Run(context.Background(), tenant, RunOptions{Clock: graphtest.NewClock(collectedAt), CollectedAt: collectedAt,
		Throttling: throttling, MaxRetries: 12})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func rendered(t *testing.T, m *Measurement) map[string][]byte {
	t.Helper()
	files, err := snapshot.Render(m.Result, snapshot.WriteOptions{ToolVersion: "test", Now: func() time.Time { return collectedAt }})
	if err != nil {
		t.Fatal(err)
	}
	delete(files, snapshot.ManifestFile) // request ids differ with the attempts
	return files
}

// TestThrottledSnapshotLosesNothing: a tenth of the large tenant through
// 20% random 429s, a budget that runs out every few calls and Conditional
// Access pacing gives the same files, byte for byte, as an unthrottled run.
func TestThrottledSnapshotLosesNothing(t *testing.T) {
	tenant, err := NewTenant(SizeAt(0.1))
	if err != nil {
		t.Fatal(err)
	}
	clean := collect(t, tenant, nil)
	stormy := collect(t, tenant, &graphtest.Throttling{Units: 50, RandomRate: 0.2, Seed: 20})
	total := stormy.Stats.Total
	if total.Throttled < total.Calls/10 {
		t.Fatalf("only %d of %d calls throttled: the storm proves nothing", total.Throttled, total.Calls)
	}
	if lost := lostObjects(clean, stormy); lost != "" {
		t.Fatalf("lost: %s", lost)
	}
	want, got := rendered(t, clean), rendered(t, stormy)
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s differs after throttling", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s written only after throttling", name)
		}
	}
	t.Logf("%d calls, %d throttled, %d files", total.Calls, total.Throttled, len(want))
}

// TestSyntheticTenantHoldsWhatItsSizeSays: every generated object is
// collected, on top of the demo tenant's own.
func TestSyntheticTenantHoldsWhatItsSizeSays(t *testing.T) {
	s := SizeAt(0.1)
	tenant, err := NewTenant(s)
	if err != nil {
		t.Fatal(err)
	}
	demoTenant, err := demo.Tenant()
	if err != nil {
		t.Fatal(err)
	}
	got, base := collect(t, tenant, nil).Result, collect(t, demoTenant, nil).Result
	for key, added := range map[string]int{
		"apps.servicePrincipals":                     s.ServicePrincipals,
		"apps.applications":                          s.Applications,
		"apps.appRoleAssignments":                    s.AppRoleAssignments + 3*s.CustomAPIs,
		"roles.assignments":                          s.ActiveAssignments,
		"roles.assignmentScheduleInstances":          s.ActiveAssignments,
		"roles.eligibilityScheduleInstances":         s.EligibleAssignments,
		"roles.groupEligibilityScheduleInstances":    3 * s.PIMGroups,
		"roles.groupAssignmentScheduleInstances":     2 * s.PIMGroups,
		"roles.groupPolicyAssignments":               2 * s.PIMGroups,
		"conditionalAccess.policies":                 s.CAPolicies,
		"conditionalAccess.namedLocations":           s.NamedLocations,
		"crossTenantAccess.partners":                 s.Partners,
		"crossTenantAccess.partnerTenantInformation": s.Partners,
		"multicloud.federationApps":                  s.FederationApps,
		"principals.directoryObjects":                s.DeletedHolders,
	} {
		if n, was := len(got.Outcome(key).Objects), len(base.Outcome(key).Objects); n != was+added {
			t.Errorf("%s: %d objects, want the demo's %d + %d", key, n, was, added)
		}
	}
	if n := len(got.Outcome("apps.oauth2PermissionGrants").Objects); n != s.DelegatedGrants {
		t.Errorf("delegated grants: %d, want %d", n, s.DelegatedGrants)
	}
	// Role holders and CA exclusions are directory users the principals
	// collector must find: more than the demo's, all of them collected.
	if n := len(got.Outcome("principals.users").Objects); n < s.roleHolderUsers()+s.CAPolicies {
		t.Errorf("principals.users holds %d users, want at least %d", n, s.roleHolderUsers()+s.CAPolicies)
	}
	for _, o := range got.Outcomes {
		if o.Status != snapshot.StatusCollected && !slices.Contains([]string{"multicloud.authorizationSystems"}, o.Key) {
			t.Errorf("%s: %s %s", o.Key, o.Status, o.Message)
		}
	}
}
