package policy

import (
	"context"
	"strings"
	"testing"
)

func TestResolveCloud(t *testing.T) {
	cases := []struct {
		manifest, config      string
		wantCloud, wantSource string
		wantErr               string
	}{
		{"global", "", "global", CloudFromManifest, ""},
		{"usgov", "usgov", "usgov", CloudFromManifest, ""},
		{"usgovdod", "", "usgovdod", CloudFromManifest, ""},
		{"unknown", "usgov", "usgov", CloudFromConfig, ""},
		{"", "china", "china", CloudFromConfig, ""},
		{"unknown", "", CloudUnknown, CloudFromNone, ""},
		{"", "", CloudUnknown, CloudFromNone, ""},
		{"global", "usgov", "", "", "cloud: the snapshot was collected in cloud global (manifest.yaml) but entra-audit.yaml says cloud usgov"},
		{"gcc", "", "", "", `manifest.yaml records cloud "gcc", which is none of global, usgov, usgovdod, china, unknown`},
	}
	for _, tc := range cases {
		cloud, source, err := ResolveCloud(tc.manifest, tc.config, "entra-audit.yaml")
		switch {
		case tc.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ResolveCloud(%q, %q) = %v, want error %q", tc.manifest, tc.config, err, tc.wantErr)
			}
		case err != nil || cloud != tc.wantCloud || source != tc.wantSource:
			t.Errorf("ResolveCloud(%q, %q) = %q, %q, %v; want %q, %q", tc.manifest, tc.config, cloud, source, err,
				tc.wantCloud, tc.wantSource)
		}
	}
}

// cloudControl reports the cloud policies see.
const cloudControl = `# METADATA
# title: Says which cloud the engine resolved.
# custom:
#   id: ACME.TEN.7v1
#   severity: info
#   family: tenant
#   frameworks: {}
#   remediation: None.
#   references: []
#   requires: []
package custom.tenant.cloud

import data.lib.result

findings contains result.tenant_finding("tenant.organization", sprintf("%s from %s", [input.meta.cloud, input.meta.cloudSource]), {}) if true
`

func TestEvaluateResolvesTheCloud(t *testing.T) {
	dir := writeFiles(t, map[string]string{"c.rego": cloudControl})
	for _, tc := range []struct{ manifest, config, want string }{
		{"global", "", "global from manifest"},
		{"unknown", "cloud: usgov\n", "usgov from config"},
		{"usgovdod", "cloud: usgovdod\n", "usgovdod from manifest"},
		{"", "", "unknown from none"},
	} {
		e := mustLoad(t, LoadOptions{CustomDirs: []string{dir}, Config: mustConfig(t, tc.config)})
		in := testInput()
		in["meta"].(map[string]any)["cloud"] = tc.manifest
		r := resultByID(t, mustEvaluate(t, e, in), "ACME.TEN.7v1")
		if len(r.Findings) != 1 || r.Findings[0].Message != tc.want {
			t.Errorf("manifest %q, config %q: %+v, want %q", tc.manifest, tc.config, r.Findings, tc.want)
		}
		if got := in["meta"].(map[string]any)["cloud"]; got != tc.manifest {
			t.Errorf("Evaluate changed the caller's input: meta.cloud = %v", got)
		}
	}

	e := mustLoad(t, LoadOptions{CustomDirs: []string{dir}, Config: mustConfig(t, "cloud: usgov\n")})
	in := testInput()
	in["meta"].(map[string]any)["cloud"] = "global"
	_, err := e.Evaluate(context.Background(), in, EvalOptions{Time: evalTime})
	if err == nil || !strings.Contains(err.Error(), "collected in cloud global") || !strings.Contains(err.Error(), "says cloud usgov") {
		t.Errorf("Evaluate = %v, want an error naming both clouds", err)
	}
}
