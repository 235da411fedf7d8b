package snapshot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

var fixedClock = func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) }

// mine are the families this file tests; other families have their own tests.
func mine(t *testing.T) []snapshot.Collector {
	var out []snapshot.Collector
	for _, c := range snapshot.Catalog() {
		if c.Family() == "conditionalAccess" || c.Family() == "tenant" {
			out = append(out, c)
		}
	}
	if len(out) != 2 {
		t.Fatalf("catalogue lacks the conditionalAccess and tenant collectors: %v", out)
	}
	return out
}

func demoTenant(t *testing.T) *graphtest.Tenant {
	t.Helper()
	tn, err := demo.Tenant()
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

// collect runs collectors against tn through the real Graph client and the
// fake Graph's in-process transport.
func collect(t *testing.T, tn *graphtest.Tenant, collectors []snapshot.Collector) (*snapshot.Result, *graphtest.Fake) {
	t.Helper()
	env := newFamilyEnv(t, tn, false)
	return env.run(t, collectors...), env.fake
}

func writeSnapshot(t *testing.T, res *snapshot.Result, dir string) {
	t.Helper()
	if err := snapshot.Write(dir, res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock}); err != nil {
		t.Fatal(err)
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDemoConditionalAccessAndTenant(t *testing.T) {
	res, fake := collect(t, demoTenant(t), mine(t))
	want := map[string]int{
		"conditionalAccess.policies": 8, "conditionalAccess.namedLocations": 2, "conditionalAccess.authenticationStrengths": 4,
		"conditionalAccess.authenticationContexts": 1, "tenant.organization": 1, "tenant.subscribedSkus": 2,
		"tenant.authorizationPolicy": 1, "tenant.securityDefaults": 1, "tenant.adminConsentRequestPolicy": 1,
		"tenant.defaultAppManagementPolicy": 1, "tenant.appManagementPolicies": 1, "tenant.directorySettings": 3, "tenant.domains": 3,
	}
	if len(res.Outcomes) != len(want) {
		t.Errorf("%d outcomes, want %d", len(res.Outcomes), len(want))
	}
	for key, n := range want {
		o := res.Outcome(key)
		if o == nil || o.Status != snapshot.StatusCollected || len(o.Objects) != n {
			t.Errorf("%s: %+v, want collected with %d objects", key, o, n)
		}
	}
	if res.Tenant != (snapshot.TenantInfo{ID: demo.TenantID, DefaultDomain: "contoso.com", DisplayName: "Contoso Ltd"}) {
		t.Errorf("tenant = %+v", res.Tenant)
	}
	// The federated domain carries its configuration, read through $batch;
	// the managed ones do not.
	for _, d := range res.Outcome("tenant.domains").Objects {
		_, has := d["federationConfiguration"]
		if has != (d["id"] == "corp.contoso.com") {
			t.Errorf("domain %v: federationConfiguration present = %v", d["id"], has)
		}
	}
	batched := false
	for _, r := range fake.Requests() {
		if r.InBatch && strings.HasSuffix(r.Path, "/federationConfiguration") {
			batched = true
		}
	}
	if !batched {
		t.Error("federation configuration was not read through $batch")
	}
}

func TestMissingPermissionAndLicence(t *testing.T) {
	tn := demoTenant(t)
	tn.SetError("/v1.0/policies/authorizationPolicy", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	tn.SetError("/v1.0/identity/conditionalAccess/policies", 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
		"Tenant is not a B2C tenant and doesn't have premium license")
	res, _ := collect(t, tn, mine(t))
	ap := res.Outcome("tenant.authorizationPolicy")
	if ap.Status != snapshot.StatusMissingPermission || ap.Permission != "Policy.Read.All" || ap.RequestID == "" {
		t.Errorf("authorizationPolicy: %+v", ap)
	}
	ca := res.Outcome("conditionalAccess.policies")
	if ca.Status != snapshot.StatusLicenseRequired || ca.License != "Microsoft Entra ID P1" {
		t.Errorf("CA policies: %+v", ca)
	}
	for _, o := range res.Outcomes {
		if o.Key != ap.Key && o.Key != ca.Key && o.Status != snapshot.StatusCollected {
			t.Errorf("%s: %s (%s), want collected", o.Key, o.Status, o.Message)
		}
	}
	dir := filepath.Join(t.TempDir(), "snap")
	writeSnapshot(t, res, dir)
	s, err := snapshot.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	coll := s.Input["collection"].(map[string]any)
	if got := coll["tenant.authorizationPolicy"].(map[string]any); got["status"] != "missing_permission" || got["permission"] != "Policy.Read.All" {
		t.Errorf("collection entry %v", got)
	}
	if _, present := s.Input["tenant"].(map[string]any)["authorizationPolicy"]; present {
		t.Error("a resource that was not collected is in the input document")
	}
	if _, present := s.Input["conditionalAccess"].(map[string]any)["policies"]; present {
		t.Error("CA policies without a licence are in the input document")
	}
}

// A tenant without P1 that answers an empty list: collected, count 0.
func TestNoPremiumEmptyList(t *testing.T) {
	tn := demoTenant(t)
	tn.SetObject("/v1.0/identity/conditionalAccess/policies", json.RawMessage(`{}`))
	tn.AddCollection("/v1.0/identity/conditionalAccess/policies")
	res, _ := collect(t, tn, mine(t))
	if o := res.Outcome("conditionalAccess.policies"); o.Status != snapshot.StatusCollected || len(o.Objects) != 0 {
		t.Fatalf("%+v", o)
	}
	dir := filepath.Join(t.TempDir(), "snap")
	writeSnapshot(t, res, dir)
	s, err := snapshot.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Input["conditionalAccess"].(map[string]any)["policies"].([]any); len(got) != 0 {
		t.Errorf("policies = %v", got)
	}
}

func TestSnapshotsAreByteIdenticalAndChangesStayLocal(t *testing.T) {
	base := t.TempDir()
	res1, _ := collect(t, demoTenant(t), mine(t))
	res2, _ := collect(t, demoTenant(t), mine(t))
	writeSnapshot(t, res1, filepath.Join(base, "a"))
	writeSnapshot(t, res2, filepath.Join(base, "b"))
	a, b := readTree(t, filepath.Join(base, "a")), readTree(t, filepath.Join(base, "b"))
	if len(a) < 20 {
		t.Fatalf("only %d files", len(a))
	}
	for name, content := range a {
		if b[name] != content {
			t.Errorf("%s differs between two snapshots of the same tenant", name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("%d files vs %d", len(a), len(b))
	}

	// Edit CA002 (exclude one more user) and re-order Graph's answer: only
	// CA002's file changes.
	raw, err := os.ReadFile("../demo/contoso/conditionalaccess.json")
	if err != nil {
		t.Fatal(err)
	}
	var entries []struct {
		Path  string            `json:"path"`
		Value []json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	tn := demoTenant(t)
	policies := entries[0].Value
	var changed []json.RawMessage
	for i := len(policies) - 1; i >= 0; i-- {
		p := policies[i]
		if bytes.Contains(p, []byte(`"CA002`)) {
			p = bytes.Replace(p, []byte(`"excludeUsers": [`), []byte(`"excludeUsers": ["47378190-96da-4dac-b2ff-5d2a386ecbe0", `), 1)
		}
		changed = append(changed, p)
	}
	tn.SetObject(entries[0].Path, json.RawMessage(`{}`))
	tn.AddCollection(entries[0].Path, changed...)
	res3, _ := collect(t, tn, mine(t))
	writeSnapshot(t, res3, filepath.Join(base, "c"))
	c := readTree(t, filepath.Join(base, "c"))
	var diffs []string
	for name := range a {
		if a[name] != c[name] {
			diffs = append(diffs, name)
		}
	}
	if len(diffs) != 1 || diffs[0] != "conditional-access/policies/ca002-require-mfa-for-all-users--ab9099a4.yaml" {
		t.Fatalf("changed files: %v", diffs)
	}
	if !strings.Contains(c[diffs[0]], "- 47378190-96da-4dac-b2ff-5d2a386ecbe0\n") {
		t.Errorf("new exclusion missing:\n%s", c[diffs[0]])
	}
}

// Round trip: every value Graph returned (after normalisation) comes back
// from the loader, compared with the fixtures themselves.
func TestRoundTripPreservesFixtures(t *testing.T) {
	res, _ := collect(t, demoTenant(t), mine(t))
	dir := filepath.Join(t.TempDir(), "snap")
	writeSnapshot(t, res, dir)
	s, err := snapshot.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Path   string            `json:"path"`
		Value  []json.RawMessage `json:"value"`
		Object json.RawMessage   `json:"object"`
	}
	byPath := map[string]entry{}
	for _, f := range []string{"conditionalaccess.json", "tenant.json"} {
		raw, err := os.ReadFile(filepath.Join("../demo/contoso", f))
		if err != nil {
			t.Fatal(err)
		}
		var es []entry
		if err := json.Unmarshal(raw, &es); err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			byPath[e.Path] = e
		}
	}
	check := func(key, path string) {
		t.Helper()
		res, _ := snapshot.ResourceByKey(key)
		e := byPath[path]
		var want []any
		for _, raw := range append(e.Value, e.Object) {
			if raw == nil {
				continue
			}
			obj, err := snapshot.DecodeObject(raw)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, snapshot.Normalize(res, obj))
		}
		parts := strings.SplitN(key, ".", 2)
		got := s.Input[parts[0]].(map[string]any)[parts[1]]
		if res.Singleton {
			got = []any{got}
		}
		if canon(t, byID(want)) != canon(t, byID(got.([]any))) {
			t.Errorf("%s: loaded input differs from the fixtures\n got %s\nwant %s", key, canon(t, byID(got.([]any))), canon(t, byID(want)))
		}
	}
	check("conditionalAccess.policies", "/v1.0/identity/conditionalAccess/policies")
	check("conditionalAccess.namedLocations", "/v1.0/identity/conditionalAccess/namedLocations")
	check("conditionalAccess.authenticationStrengths", "/v1.0/policies/authenticationStrengthPolicies")
	check("conditionalAccess.authenticationContexts", "/v1.0/identity/conditionalAccess/authenticationContextClassReferences")
	check("tenant.subscribedSkus", "/v1.0/subscribedSkus")
	check("tenant.authorizationPolicy", "/v1.0/policies/authorizationPolicy")
	check("tenant.securityDefaults", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")
	check("tenant.adminConsentRequestPolicy", "/v1.0/policies/adminConsentRequestPolicy")
	check("tenant.defaultAppManagementPolicy", "/v1.0/policies/defaultAppManagementPolicy")
	check("tenant.appManagementPolicies", "/v1.0/policies/appManagementPolicies")
	check("tenant.directorySettings", "/v1.0/groupSettings")

	// And every collected resource equals what was collected.
	for _, o := range res.Outcomes {
		parts := strings.SplitN(o.Key, ".", 2)
		got := s.Input[parts[0]].(map[string]any)[parts[1]]
		r, _ := snapshot.ResourceByKey(o.Key)
		if r.Singleton {
			got = []any{got}
		}
		var want []any
		for _, obj := range o.Objects {
			want = append(want, obj)
		}
		if canon(t, byID(want)) != canon(t, byID(got.([]any))) {
			t.Errorf("%s: loaded input differs from what was collected", o.Key)
		}
	}
	meta := s.Input["meta"].(map[string]any)
	if meta["tenantId"] != demo.TenantID || meta["collectedAt"] != "2026-11-26T10:00:00Z" || meta["defaultDomain"] != "contoso.com" {
		t.Errorf("meta = %v", meta)
	}
	file, line, ok := s.Locate("conditionalAccess.policies", "ab9099a4-35a2-40ae-9af3-05535ec42e08")
	if !ok || file != "conditional-access/policies/ca002-require-mfa-for-all-users--ab9099a4.yaml" || line != 1 {
		t.Errorf("Locate = %s:%d %v", file, line, ok)
	}
}

func byID(objs []any) map[string]any {
	m := map[string]any{}
	for i, o := range objs {
		id, _ := o.(map[string]any)["id"].(string)
		if id == "" {
			id = string(rune('0' + i))
		}
		m[id] = o
	}
	return m
}

func canon(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Golden files: a few demo objects as a reviewer sees them.
func TestGoldenDemoFiles(t *testing.T) {
	res, _ := collect(t, demoTenant(t), mine(t))
	files, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"manifest.yaml",
		"conditional-access/policies/ca002-require-mfa-for-all-users--ab9099a4.yaml",
		"conditional-access/policies/ca003-require-phishing-resistant-mfa-for-admins--aefcfad8.yaml",
		"conditional-access/named-locations/contoso-hq-ips--ddd1dfb2.yaml",
		"tenant/authorization-policy.yaml",
		"tenant/domains/corp-contoso-com--" + snapshot.ShortHashForTest("corp.contoso.com") + ".yaml",
	} {
		got, ok := files[name]
		if !ok {
			t.Errorf("no file %s; have %v", name, keys(files))
			continue
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update after checking):\n%s", name, golden, got)
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Over real TLS, with tiny pages (every collection follows nextLinks) and
// without $batch, the snapshot is the same as in process.
func TestSameSnapshotOverTLSWithPagingAndWithoutBatch(t *testing.T) {
	ref, _ := collect(t, demoTenant(t), mine(t))
	want, err := snapshot.Render(ref, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	srv := graphtest.NewServer(demoTenant(t), graphtest.ServerOptions{PageSize: 2})
	defer srv.Close()
	c, err := graph.New(graph.Options{BaseURL: srv.URL, HTTPClient: srv.Client(), PacePrefixes: []string{}, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := snapshot.Collect(context.Background(), snapshot.Sources{Graph: c}, snapshot.Options{Collectors: mine(t)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d files over TLS, %d in process", len(got), len(want))
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s differs over TLS/paging/no batch:\n%s", name, got[name])
		}
	}
	paged := false
	for _, r := range srv.Requests() {
		if strings.Contains(r.URL, "skiptoken") && strings.Contains(r.Path, "conditionalAccess/policies") {
			paged = true
		}
		if r.InBatch {
			t.Errorf("batched request %s without a Batch source", r.URL)
		}
	}
	if !paged {
		t.Error("CA policies were not paged")
	}
}
