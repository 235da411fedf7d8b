package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/drift"
	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// baselines/contoso-demo is Contoso's approved state: the embedded demo
// tenant as it was before the changes below, all made after the baseline
// was collected and (but for one) recorded in the demo's directory audit
// log (internal/demo/contoso/auditlogs.json). baselines/README.md tells
// the same story. TestDemoBaselineIsTheDemoMinusItsChanges regenerates the
// baseline from the fixtures with these patches and compares it byte for
// byte; -update rewrites it.

const demoBaselineDir = "../../baselines/contoso-demo"

// demoBaselineTime is the baseline's collectedAt.
var demoBaselineTime = time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)

// approvedPatch undoes one live change on the demo fixtures: on the
// object with id in the fixture collection at path (the singleton when id
// is ""), set each dotted property, or remove the object.
type approvedPatch struct {
	file, path, id string
	idField        string // default "id"
	set            map[string]any
	remove         bool
}

var approvedPatches = []approvedPatch{
	// 1. CA005 was moved to report-only (lee.gu, 2026-11-05), and renamed to say so.
	{file: "conditionalaccess.json", path: "/v1.0/identity/conditionalAccess/policies", id: "3eabedcb-baa8-4dd4-88bd-64072bcfbe01",
		set: map[string]any{"state": "enabled", "displayName": "CA005 Block high-risk sign-ins"}},
	// 2. CA002 got an exclusion for Isaiah Langer (megan.bowen, 2026-11-18).
	{file: "conditionalaccess.json", path: "/v1.0/identity/conditionalAccess/policies", id: "ab9099a4-35a2-40ae-9af3-05535ec42e08",
		set: map[string]any{"conditions.users.excludeUsers": []any{}}},
	// 3. Megan Bowen became a permanent Global Administrator (bg1, a break-glass account, 2026-11-22).
	{file: "roles.json", path: "/v1.0/roleManagement/directory/roleAssignments", id: "lAPpYvVpN0KRkAEhdxReEFpp_BegB25KiCLo82wDEZk-1", remove: true},
	{file: "roles.json", path: "/v1.0/roleManagement/directory/roleAssignmentScheduleInstances", id: "lAPpYvVpN0KRkAEhdxReEFpp_BegB25KiCLo82wDEZk-1", remove: true},
	// 4. Fabrikam's MFA and compliant devices became trusted (lee.gu, 2026-11-25).
	{file: "crosstenant.json", path: "/v1.0/policies/crossTenantAccessPolicy/partners", id: "a9488d99-0bbb-4599-91ce-5dd2b45ed1f0", idField: "tenantId",
		set: map[string]any{"inboundTrust": nil}},
	// 5. Contoso HR Sync was granted RoleManagement.ReadWrite.Directory (the Fabrikam Mail Archiver app, 2026-11-28).
	{file: "apps.json", path: "/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')/appRoleAssignedTo",
		id: "pqO3Q42aA0qYBntx2PVkE4Nf0lHXnA5Ek8JwVq0dCQA", remove: true},
	// 6. SMS sign-in was enabled; the log holds no event for it.
	{file: "authmethods.json", path: "/beta/policies/authenticationMethodsPolicy", id: "",
		set: map[string]any{"authenticationMethodConfigurations[Sms].state": "disabled"}},
}

// demoBaselineChanges are the drift from the baseline to the live demo,
// as drift.Compare reports them: kind, resource, object and field paths.
var demoBaselineChanges = []string{
	"added apps.appRoleAssignments pqO3Q42aA0qYBntx2PVkE4Nf0lHXnA5Ek8JwVq0dCQA",
	"modified authenticationMethods.policy authenticationMethodsPolicy: authenticationMethodConfigurations[Sms].state",
	"modified conditionalAccess.policies ab9099a4-35a2-40ae-9af3-05535ec42e08: conditions.users.excludeUsers",
	"modified conditionalAccess.policies 3eabedcb-baa8-4dd4-88bd-64072bcfbe01: displayName, state",
	// inboundTrust was null: every trust property is new, isHybridAzureADJoinedDeviceAccepted (false) too.
	"modified crossTenantAccess.partners a9488d99-0bbb-4599-91ce-5dd2b45ed1f0: inboundTrust.isCompliantDeviceAccepted, inboundTrust.isHybridAzureADJoinedDeviceAccepted, inboundTrust.isMfaAccepted",
	// Isaiah Langer is collected because CA002 now names him.
	"added principals.users c241330b-01a9-471f-9e8a-774bcf36d58b",
	"added roles.assignmentScheduleInstances lAPpYvVpN0KRkAEhdxReEFpp_BegB25KiCLo82wDEZk-1",
	"added roles.assignments lAPpYvVpN0KRkAEhdxReEFpp_BegB25KiCLo82wDEZk-1",
}

// approvedTenant is the demo tenant with approvedPatches applied.
func approvedTenant(t *testing.T) *graphtest.Tenant {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(demo.Fixtures, demo.FixturesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(demo.Fixtures, p)
		if err != nil {
			return err
		}
		files[p] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range approvedPatches {
		name := path.Join(demo.FixturesDir, p.file)
		data, err := applyPatch(files[name].Data, p)
		if err != nil {
			t.Fatalf("patch %s %s %s: %v", p.file, p.path, p.id, err)
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	tn, err := graphtest.LoadTenantFS(files, demo.FixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

func applyPatch(data []byte, p approvedPatch) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var entries []map[string]any
	if err := dec.Decode(&entries); err != nil {
		return nil, err
	}
	done := false
	for _, e := range entries {
		if e["path"] != p.path {
			continue
		}
		if p.id == "" {
			obj, _ := e["object"].(map[string]any)
			if obj == nil {
				return nil, fmt.Errorf("no object")
			}
			for k, v := range p.set {
				if err := setDotted(obj, k, v); err != nil {
					return nil, err
				}
			}
			done = true
			continue
		}
		idField := p.idField
		if idField == "" {
			idField = "id"
		}
		items, _ := e["value"].([]any)
		for i, it := range items {
			obj, _ := it.(map[string]any)
			if obj[idField] != p.id {
				continue
			}
			if p.remove {
				e["value"] = slices.Delete(items, i, i+1)
			} else {
				for k, v := range p.set {
					if err := setDotted(obj, k, v); err != nil {
						return nil, err
					}
				}
			}
			done = true
			break
		}
	}
	if !done {
		return nil, fmt.Errorf("no such object")
	}
	return json.MarshalIndent(entries, "", "  ")
}

// setDotted sets a dotted path; "list[ID]" picks the element with that id.
func setDotted(obj map[string]any, dotted string, v any) error {
	parts := strings.Split(dotted, ".")
	cur := obj
	for _, p := range parts[:len(parts)-1] {
		name, id, indexed := strings.Cut(strings.TrimSuffix(p, "]"), "[")
		if !indexed {
			next, ok := cur[name].(map[string]any)
			if !ok {
				return fmt.Errorf("%s: not an object", p)
			}
			cur = next
			continue
		}
		list, _ := cur[name].([]any)
		var found map[string]any
		for _, el := range list {
			if m, ok := el.(map[string]any); ok && m["id"] == id {
				found = m
			}
		}
		if found == nil {
			return fmt.Errorf("%s: no element %s", name, id)
		}
		cur = found
	}
	last := parts[len(parts)-1]
	if _, ok := cur[last]; !ok {
		return fmt.Errorf("%s: no such property", dotted)
	}
	cur[last] = v
	return nil
}

// writeApprovedBaseline snapshots the approved tenant into dir through the
// real collection path.
func writeApprovedBaseline(t *testing.T, dir string) {
	t.Helper()
	c, err := demo.NewClientsFor(approvedTenant(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := snapshot.Collect(context.Background(), snapshot.Sources{Graph: c.Graph, ARM: c.ARM, Batch: snapshot.BatchVia(c.Graph)},
		snapshot.Options{Concurrency: 4, TenantID: demo.TenantID})
	if err != nil {
		t.Fatal(err)
	}
	if err := snapshot.Write(dir, res, snapshot.WriteOptions{ToolVersion: "baseline", Now: func() time.Time { return demoBaselineTime }}); err != nil {
		t.Fatal(err)
	}
}

func TestDemoBaselineIsTheDemoMinusItsChanges(t *testing.T) {
	if updating() {
		writeApprovedBaseline(t, demoBaselineDir)
	}
	fresh := filepath.Join(t.TempDir(), "baseline")
	writeApprovedBaseline(t, fresh)
	committed := treeFiles(t, demoBaselineDir)
	regenerated := treeFiles(t, fresh)
	for name, data := range regenerated {
		if got, ok := committed[name]; !ok {
			t.Errorf("baselines/contoso-demo lacks %s: run go test ./internal/cli -run DemoBaseline -update", name)
		} else if !bytes.Equal(got, data) {
			t.Errorf("baselines/contoso-demo/%s differs from the demo fixtures with the documented patches: run -update if the fixtures changed on purpose\n%s", name,
				drift.UnifiedDiff("committed/"+name, "regenerated/"+name, string(got), string(data)))
		}
	}
	for name := range committed {
		if _, ok := regenerated[name]; !ok {
			t.Errorf("baselines/contoso-demo/%s is not part of the approved state", name)
		}
	}

	// And the drift from it to the live demo is exactly the documented changes.
	base, err := snapshot.Load(demoBaselineDir)
	if err != nil {
		t.Fatal(err)
	}
	live, err := snapshot.Load(demoSnapshot(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := drift.Compare(base, live)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range c.Drift.Changes {
		line := ch.Kind + " " + ch.Resource.Type + " " + ch.Resource.ID
		if ch.Kind == finding.ChangeModified {
			var paths []string
			for _, f := range ch.Fields {
				paths = append(paths, f.Path)
			}
			line += ": " + strings.Join(paths, ", ")
		}
		got = append(got, line)
	}
	if !slices.Equal(got, demoBaselineChanges) {
		t.Errorf("drift from the demo baseline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(demoBaselineChanges, "\n"))
	}
}

// treeFiles reads every file of a tree (slash paths relative to dir).
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
