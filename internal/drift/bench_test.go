package drift_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/drift"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// BenchmarkCompare measures drift.Compare between two loaded synthetic
// snapshots (writing and loading them is set-up, not timed). 1% of the
// objects are modified, 0.5% added and 0.5% removed: each of those also
// costs a file read and a text diff. Two sizes show the cost is linear.
//
//	go test ./internal/drift -run '^$' -bench Compare -benchtime 5x
func BenchmarkCompare(b *testing.B) {
	for _, n := range []int{10_000, 40_000} {
		b.Run(fmt.Sprintf("objects=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			base, head := filepath.Join(dir, "base"), filepath.Join(dir, "head")
			writeSynthetic(b, base, n, false)
			want := writeSynthetic(b, head, n, true)
			bs, hs := load(b, base), load(b, head)
			runtime.GC()
			var changes int
			b.ResetTimer()
			for b.Loop() {
				c, err := drift.Compare(bs, hs)
				if err != nil {
					b.Fatal(err)
				}
				changes = len(c.Drift.Changes)
			}
			b.StopTimer()
			if changes != want {
				b.Fatalf("%d changes, want %d", changes, want)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "objects/s")
			b.ReportMetric(float64(changes), "changes")
		})
	}
}

// writeSynthetic writes a tree of n objects spread over four resources
// (CA policies, users, service principals, app role assignments); drifted
// modifies every 100th object, drops every 200th and adds n/200 new ones.
// It returns how many objects differ from the undrifted tree.
func writeSynthetic(b *testing.B, dir string, n int, drifted bool) (changed int) {
	b.Helper()
	shares := []struct {
		key  string
		part int // per mille of n
		obj  func(i int, drifted bool) snapshot.Object
	}{
		{"conditionalAccess.policies", 25, caPolicy},
		{"principals.users", 475, user},
		{"apps.servicePrincipals", 250, servicePrincipal},
		{"apps.appRoleAssignments", 250, appRoleAssignment},
	}
	res := &snapshot.Result{Resources: snapshot.Resources(snapshot.Catalog()),
		Tenant: snapshot.TenantInfo{ID: "bdd640fb-0667-4ad1-9c80-317fa3b1799d", DisplayName: "Synthetic"}}
	for _, s := range shares {
		count := n * s.part / 1000
		o := &snapshot.Outcome{Key: s.key, Status: snapshot.StatusCollected}
		for i := range count {
			switch {
			case drifted && i%200 == 199:
				changed++ // removed
				continue
			case drifted && i%100 == 0:
				changed++
				o.Objects = append(o.Objects, s.obj(i, true))
			default:
				o.Objects = append(o.Objects, s.obj(i, false))
			}
		}
		if drifted {
			for i := range count / 200 {
				o.Objects = append(o.Objects, s.obj(count+i, false)) // added
				changed++
			}
		}
		res.Outcomes = append(res.Outcomes, o)
	}
	at := func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	if err := snapshot.Write(dir, res, snapshot.WriteOptions{ToolVersion: "bench", Now: at}); err != nil {
		b.Fatal(err)
	}
	return changed
}

func gid(kind, i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", 0xd0000000+kind, i) }

func num(i int) json.Number { return json.Number(fmt.Sprint(i)) }

func caPolicy(i int, drifted bool) snapshot.Object {
	state := "enabled"
	exclude := []any{gid(2, i)}
	if drifted {
		state = "enabledForReportingButNotEnforced"
		exclude = append(exclude, gid(2, i+1))
	}
	return snapshot.Object{"id": gid(1, i), "displayName": fmt.Sprintf("CA%05d Require MFA", i), "state": state,
		"conditions": map[string]any{
			"clientAppTypes": []any{"all"},
			"applications":   map[string]any{"includeApplications": []any{"All"}, "excludeApplications": []any{}},
			"users": map[string]any{"includeUsers": []any{"All"}, "excludeUsers": exclude,
				"excludeGroups": []any{gid(3, i%50)}, "includeRoles": []any{}},
		},
		"grantControls":   map[string]any{"operator": "OR", "builtInControls": []any{"mfa"}},
		"sessionControls": map[string]any{"signInFrequency": map[string]any{"isEnabled": true, "type": "hours", "value": num(1 + i%12)}},
	}
}

func user(i int, drifted bool) snapshot.Object {
	enabled := true
	if drifted {
		enabled = false
	}
	return snapshot.Object{"id": gid(2, i), "displayName": fmt.Sprintf("User %d", i),
		"userPrincipalName": fmt.Sprintf("user%d@contoso.com", i), "accountEnabled": enabled, "userType": "Member",
		"onPremisesSyncEnabled": nil, "businessPhones": []any{}}
}

func servicePrincipal(i int, drifted bool) snapshot.Object {
	tags := []any{"WindowsAzureActiveDirectoryIntegratedApp"}
	if drifted {
		tags = append(tags, "HideApp")
	}
	return snapshot.Object{"id": gid(4, i), "displayName": fmt.Sprintf("App %d", i), "appId": gid(5, i),
		"servicePrincipalType": "Application", "accountEnabled": true, "tags": tags,
		"appOwnerOrganizationId": "bdd640fb-0667-4ad1-9c80-317fa3b1799d"}
}

func appRoleAssignment(i int, drifted bool) snapshot.Object {
	role := "df021288-bdef-4463-88db-98f22de89214"
	if drifted {
		role = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"
	}
	return snapshot.Object{"id": fmt.Sprintf("assignment-%06d", i), "appRoleId": role, "principalId": gid(4, i),
		"principalType": "ServicePrincipal", "resourceId": gid(4, 0), "resourceDisplayName": "Microsoft Graph",
		"createdDateTime": "2025-04-01T10:00:00Z"}
}
