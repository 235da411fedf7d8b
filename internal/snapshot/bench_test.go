package snapshot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// The size of the synthetic large tenant, on top of the demo tenant.
const (
	largeCAPolicies         = 500
	largeNamedLocations     = 300
	largeServicePrincipals  = 10_000
	largeApplications       = 2_000
	largeRoleAssignments    = 5_000
	largeRoleHolders        = 1_000 // distinct users holding roles
	largeAppRoleAssignments = 20_000
	largePartners           = 20
	largePageSize           = 100 // Graph's usual default page; $top=999 where the collectors send it
)

// gid is a deterministic GUID for object i of a kind.
func gid(kind, i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", 0xb0000000+kind, i) }

func raw(format string, args ...any) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(format, args...))
}

// largeTenant is the demo tenant grown to the size of a large enterprise.
func largeTenant(tb testing.TB) *graphtest.Tenant {
	tb.Helper()
	tn, err := demo.Tenant()
	if err != nil {
		tb.Fatal(err)
	}
	const (
		kPolicy = iota + 1
		kLocation
		kSP
		kApp
		kUser
		kAssignment
		kGrant
		kPartner
	)
	graphRoles := []string{"9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "06b708a9-e830-4db3-a914-8e69da51d44f",
		"df021288-bdef-4463-88db-98f22de89214", "7ab1d382-f21e-4acd-a863-ba3e13f7da61"}
	roles := []string{"62e90394-69f5-4237-9190-012177145e10", "fe930be7-5e62-47db-91af-98c3a49a38b1",
		"29232cdf-9323-42fd-ade2-1d097af3e4de", "194ae4cb-b126-40b2-bd5b-6091b380977d", "729827e3-9c14-49f7-bb1b-9608f156bbb8"}

	var items []json.RawMessage
	for i := range largeCAPolicies {
		items = append(items, raw(`{"id":%q,"displayName":"CA%04d Require MFA for workload %d","state":"enabled",
			"createdDateTime":"2024-01-01T00:00:00Z","modifiedDateTime":"2026-01-01T00:00:00Z","templateId":null,
			"conditions":{"clientAppTypes":["all"],"signInRiskLevels":[],"userRiskLevels":[],"servicePrincipalRiskLevels":[],
			"applications":{"includeApplications":["All"],"excludeApplications":[%q],"includeUserActions":[],"includeAuthenticationContextClassReferences":[]},
			"users":{"includeUsers":["All"],"excludeUsers":[%q,%q],"includeGroups":[],"excludeGroups":["6c307511-b2b9-437a-a8df-6ec4ce4a2bbd"],"includeRoles":[],"excludeRoles":[]},
			"locations":{"includeLocations":["All"],"excludeLocations":[%q]},"platforms":null,"devices":null},
			"grantControls":{"operator":"OR","builtInControls":["mfa"],"customAuthenticationFactors":[],"termsOfUse":[],"authenticationStrength":null},
			"sessionControls":{"signInFrequency":{"isEnabled":true,"type":"hours","value":%d,"frequencyInterval":"timeBased"}}}`,
			gid(kPolicy, i), i, i, gid(kSP, i%largeServicePrincipals), gid(kUser, i%largeRoleHolders), gid(kUser, (i+7)%largeRoleHolders),
			gid(kLocation, i%largeNamedLocations), 1+i%12))
	}
	tn.AddCollection("/v1.0/identity/conditionalAccess/policies", items...)

	items = nil
	for i := range largeNamedLocations {
		items = append(items, raw(`{"@odata.type":"#microsoft.graph.ipNamedLocation","id":%q,"displayName":"Branch office %d",
			"createdDateTime":"2022-11-08T12:00:00Z","isTrusted":%t,"ipRanges":[{"@odata.type":"#microsoft.graph.iPv4CidrRange","cidrAddress":"10.%d.%d.0/24"},
			{"@odata.type":"#microsoft.graph.iPv4CidrRange","cidrAddress":"172.16.%d.0/24"}]}`, gid(kLocation, i), i, i%2 == 0, i/256, i%256, i%256))
	}
	tn.AddCollection("/v1.0/identity/conditionalAccess/namedLocations", items...)

	items = nil
	for i := range largeServicePrincipals {
		items = append(items, raw(`{"id":%q,"appId":%q,"displayName":"Line-of-business app %d","servicePrincipalType":"Application",
			"accountEnabled":true,"appOwnerOrganizationId":"bdd640fb-0667-4ad1-9c80-317fa3b1799d","appRoleAssignmentRequired":false,
			"signInAudience":"AzureADMyOrg","tags":["WindowsAzureActiveDirectoryIntegratedApp"],"verifiedPublisher":{"displayName":null},
			"passwordCredentials":[{"keyId":%q,"displayName":"ci","endDateTime":"2027-01-01T00:00:00Z","startDateTime":"2025-01-01T00:00:00Z","hint":"abc"}],
			"keyCredentials":[],"servicePrincipalNames":[%q,"api://lob-%d"],"preferredSingleSignOnMode":null}`,
			gid(kSP, i), gid(kApp, i), i, gid(kGrant+100, i), gid(kApp, i), i))
	}
	tn.AddCollection("/v1.0/servicePrincipals", items...)

	items = nil
	for i := range largeApplications {
		items = append(items, raw(`{"id":%q,"appId":%q,"displayName":"Line-of-business app %d","signInAudience":"AzureADMyOrg",
			"passwordCredentials":[],"keyCredentials":[],"identifierUris":["api://lob-%d"],
			"requiredResourceAccess":[{"resourceAppId":"00000003-0000-0000-c000-000000000000","resourceAccess":[{"id":%q,"type":"Role"}]}]}`,
			gid(kApp+100, i), gid(kApp, i), i, i, graphRoles[i%len(graphRoles)]))
	}
	tn.AddCollection("/v1.0/applications", items...)

	items = nil
	for i := range largeAppRoleAssignments {
		items = append(items, raw(`{"id":"grant-%06d","appRoleId":%q,"createdDateTime":"2025-04-01T10:00:00Z","principalDisplayName":"Line-of-business app %d",
			"principalId":%q,"principalType":"ServicePrincipal","resourceDisplayName":"Microsoft Graph","resourceId":"5f0f2f4b-2b7e-4d2a-9c1e-0a9b8c7d6e51"}`,
			i, graphRoles[i%len(graphRoles)], i%largeServicePrincipals, gid(kSP, i%largeServicePrincipals)))
	}
	tn.AddCollection("/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')/appRoleAssignedTo", items...)

	// Role holders are users of the directory, which the principals
	// collector lists (cheaper than one lookup each at this size).
	items = nil
	for i := range largeRoleHolders {
		items = append(items, raw(`{"id":%q,"displayName":"Admin %d","userPrincipalName":"admin%d@contoso.com",
			"userType":"Member","accountEnabled":true,"onPremisesSyncEnabled":null}`, gid(kUser, i), i, i))
	}
	tn.AddCollection("/v1.0/users", items...)
	var assignments, instances []json.RawMessage
	for i := range largeRoleAssignments {
		id, role, user := fmt.Sprintf("ra-%06d", i), roles[i%len(roles)], gid(kUser, i%largeRoleHolders)
		assignments = append(assignments, raw(`{"id":%q,"principalId":%q,"roleDefinitionId":%q,"directoryScopeId":"/","appScopeId":null}`, id, user, role))
		instances = append(instances, raw(`{"id":%q,"principalId":%q,"roleDefinitionId":%q,"directoryScopeId":"/","appScopeId":null,
			"startDateTime":"2025-03-04T09:12:44.53Z","endDateTime":null,"memberType":"Direct","assignmentType":"Assigned",
			"roleAssignmentOriginId":%q,"roleAssignmentScheduleId":%q}`, id, user, role, id, id))
	}
	tn.AddCollection("/v1.0/roleManagement/directory/roleAssignments", assignments...)
	tn.AddCollection("/v1.0/roleManagement/directory/roleAssignmentScheduleInstances", instances...)

	items = nil
	for i := range largePartners {
		tid := gid(kPartner, i)
		items = append(items, raw(`{"tenantId":%q,"isServiceProvider":false,"inboundTrust":{"isMfaAccepted":true,"isCompliantDeviceAccepted":false},
			"b2bCollaborationInbound":null,"b2bDirectConnectInbound":null}`, tid))
		tn.SetObject("/v1.0/policies/crossTenantAccessPolicy/partners/"+tid+"/identitySynchronization",
			raw(`{"tenantId":%q,"displayName":"Partner %d","userSyncInbound":{"isSyncAllowed":false}}`, tid, i))
		tn.SetObject("/v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='"+tid+"')",
			raw(`{"tenantId":%q,"displayName":"Partner %d","defaultDomainName":"partner%d.example","federationBrandName":null}`, tid, i, i))
	}
	tn.AddCollection("/v1.0/policies/crossTenantAccessPolicy/partners", items...)
	return tn
}

// largeSources serves tn to real Graph and ARM clients in process, with
// Conditional Access pacing on but a virtual clock: a real run waits ~1 s
// before each Conditional Access request (every page of policies and named
// locations), which this benchmark does not measure.
func largeSources(tb testing.TB, fake *graphtest.Fake) snapshot.Sources {
	tb.Helper()
	clock := graphtest.NewClock(time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC))
	hc := &http.Client{Transport: graphtest.NewTransport(fake)}
	mk := func(base string) *graph.Client {
		c, err := graph.New(graph.Options{BaseURL: base, HTTPClient: hc, MaxRetries: -1, Sleep: clock.Sleep, Now: clock.Now})
		if err != nil {
			tb.Fatal(err)
		}
		return c
	}
	g := mk("https://graph.test.invalid")
	return snapshot.Sources{Graph: g, Batch: snapshot.BatchVia(g), ARM: mk("https://management.test.invalid")}
}

func objectCount(res *snapshot.Result) int {
	n := 0
	for _, o := range res.Outcomes {
		n += len(o.Objects)
	}
	return n
}

func usersRead(res *snapshot.Result) int {
	for _, o := range res.Outcomes {
		if o.Key == "principals.users" {
			return len(o.Objects)
		}
	}
	return 0
}

// heapInuse is the heap in use now; sampled while a run's result and
// rendered files are alive, it approximates the run's peak.
func heapInuse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// BenchmarkCollectLargeTenant collects a large tenant (the demo tenant
// plus 500 CA policies, 300 named locations, 10,000 service principals,
// 2,000 applications, 5,000 role assignments and as many schedule
// instances, 20,000 application permission grants, 20 partners) through
// the real client and the fake Graph in process, with Graph's usual page
// size of 100, renders the tree and writes it (fsync included) to a
// temporary directory.
func BenchmarkCollectLargeTenant(b *testing.B) {
	fake := graphtest.NewFake(largeTenant(b), graphtest.ServerOptions{PageSize: largePageSize})
	src := largeSources(b, fake)
	out := filepath.Join(b.TempDir(), "snap")
	b.ReportAllocs()
	var (
		peak                  uint64
		collect, render, save time.Duration
	)
	objects, files := 0, 0
	start := time.Now()
	for b.Loop() {
		fake.ResetRequests()
		t0 := time.Now()
		res, err := snapshot.Collect(context.Background(), src, snapshot.Options{Now: fixedClock})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if n := usersRead(res); n < largeRoleHolders {
			b.Fatalf("principals.users holds %d users, want the %d role holders", n, largeRoleHolders)
		}
		tree, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "bench", Now: fixedClock})
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		peak = max(peak, heapInuse())
		if err := snapshot.WriteTreeForTest(out, tree); err != nil {
			b.Fatal(err)
		}
		collect, render, save = collect+t1.Sub(t0), render+t2.Sub(t1), save+time.Since(t2)
		objects, files = objectCount(res), len(tree)
	}
	elapsed := time.Since(start)
	per := func(d time.Duration) float64 { return d.Seconds() / float64(b.N) }
	b.ReportMetric(per(collect), "collect-s/op")
	b.ReportMetric(per(render), "render-s/op")
	b.ReportMetric(per(save), "write-s/op")
	if objects < largeServicePrincipals+largeAppRoleAssignments+2*largeRoleAssignments {
		b.Fatalf("collected %d objects", objects)
	}
	b.ReportMetric(float64(objects)*float64(b.N)/elapsed.Seconds(), "objects/s")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// BenchmarkLoadLargeSnapshot reads the large tenant's tree back into the
// policy input document.
func BenchmarkLoadLargeSnapshot(b *testing.B) {
	fake := graphtest.NewFake(largeTenant(b), graphtest.ServerOptions{PageSize: largePageSize})
	res, err := snapshot.Collect(context.Background(), largeSources(b, fake), snapshot.Options{Now: fixedClock})
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "snap")
	if err := snapshot.Write(dir, res, snapshot.WriteOptions{ToolVersion: "bench", Now: fixedClock}); err != nil {
		b.Fatal(err)
	}
	objects := objectCount(res)
	res, fake = nil, nil
	runtime.GC()
	b.ReportAllocs()
	var peak uint64
	start := time.Now()
	for b.Loop() {
		s, err := snapshot.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		peak = max(peak, heapInuse())
		if len(s.Warnings) != 0 {
			b.Fatalf("warnings: %v", s.Warnings)
		}
	}
	b.ReportMetric(float64(objects)*float64(b.N)/time.Since(start).Seconds(), "objects/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
