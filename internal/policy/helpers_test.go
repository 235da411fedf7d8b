package policy

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/policies"
)

var evalTime = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// testPack is a built-in pack made of the real helper library (result,
// config, tenant) and the small controls under testdata/builtin.
func testPack(t testing.TB) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"lib/result.rego", "lib/config.rego", "lib/tenant.rego"} {
		b, err := fs.ReadFile(policies.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	err := fs.WalkDir(os.DirFS("testdata/builtin"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join("testdata/builtin", p))
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// testInput is a small input document every test control can read.
func testInput() map[string]any {
	const doc = `{
	  "meta": {"schemaVersion": 1, "tenantId": "bdd640fb-0667-4ad1-9c80-317fa3b1799d"},
	  "collection": {
	    "conditionalAccess.policies": {"status": "collected", "count": 2},
	    "tenant.subscribedSkus": {"status": "collected", "count": 1},
	    "tenant.securityDefaults": {"status": "collected"},
	    "apps.applications": {"status": "collected", "count": 2},
	    "roles.eligibilityScheduleInstances": {"status": "license_required", "license": "Microsoft Entra ID P2",
	      "message": "Graph answered 403 AadPremiumLicenseRequired"}
	  },
	  "conditionalAccess": {"policies": [
	    {"id": "29a3b2e9-5d65-4441-9588-42dea2bc372f", "displayName": "CA001 Block legacy authentication", "state": "enabled"},
	    {"id": "3eabedcb-baa8-4dd4-88bd-64072bcfbe01", "displayName": "CA005 Block high-risk sign-ins",
	     "state": "enabledForReportingButNotEnforced"}
	  ]},
	  "tenant": {
	    "subscribedSkus": [{"skuId": "s1", "skuPartNumber": "AAD_PREMIUM", "capabilityStatus": "Enabled",
	      "servicePlans": [{"servicePlanId": "41781fb2-bc02-4b7c-bd55-b576c07bb09d", "provisioningStatus": "Success"}]}],
	    "securityDefaults": {"isEnabled": true}
	  },
	  "apps": {"applications": [
	    {"id": "e2acf72f-9e57-4f7a-a0ee-89aed453dd32", "displayName": "Contoso HR Sync",
	     "passwordCredentials": [{"endDateTime": "2028-11-26T10:00:00Z"}]},
	    {"id": "3139d32c-93cd-49bf-9c94-1cf0dc98d2c1", "displayName": "Contoso Reporting",
	     "passwordCredentials": [{"endDateTime": "2026-12-06T10:00:00Z"}]}
	  ]}
	}`
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		panic(err)
	}
	return m
}

func mustLoad(t testing.TB, opts LoadOptions) *Engine {
	t.Helper()
	if opts.Builtin == nil {
		opts.Builtin = testPack(t)
	}
	e, err := Load(context.Background(), opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return e
}

func mustEvaluate(t testing.TB, e *Engine, input map[string]any) *Evaluation {
	t.Helper()
	ev, err := e.Evaluate(context.Background(), input, EvalOptions{Time: evalTime, Locator: fakeLocator{}})
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return ev
}

func resultByID(t testing.TB, ev *Evaluation, id string) finding.Result {
	t.Helper()
	for _, r := range ev.Results {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no result for %s", id)
	return finding.Result{}
}

// fakeLocator places every object at <key>/<id>.yaml line 3.
type fakeLocator struct{}

func (fakeLocator) Locate(key, id string) (finding.Location, bool) {
	if id == "" {
		return finding.Location{}, false
	}
	return finding.Location{File: key + "/" + id + ".yaml", Line: 3}, true
}

// writeFiles creates files (path → content) under a temp dir and returns it.
func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.TrimLeft(content, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustConfig(t testing.TB, yamlText string) *Config {
	t.Helper()
	cfg, err := ParseConfig("entra-audit.yaml", []byte(strings.TrimLeft(yamlText, "\n")))
	if err != nil {
		t.Fatalf("ParseConfig: %v", err)
	}
	return cfg
}
