package cli

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// ownIndexLink is a link index.md writes itself, to a tenant's report.
var ownIndexLink = regexp.MustCompile(`\]\([a-z0-9-]+/(?:findings\.json|report\.html|summary\.md)\)`)

// TestScanTenantsHostileTenantIsInert scans, beside the demo tenant, a
// tenant whose organisation, policies, users, groups and apps are named
// with strings of the hostile corpus (served by the fake Graph on
// loopback), and a tenant whose scan fails. The index (html, md, json)
// and the terminal stay inert, and the hostile names reach index.json
// exactly.
func TestScanTenantsHostileTenantIsInert(t *testing.T) {
	tn, used := hostileTenant(t, hostileSelection(t))
	token := fakeJWT("Policy.Read.All")
	srv := httptest.NewServer(graphtest.NewFake(tn, graphtest.ServerOptions{RequireToken: token}))
	defer srv.Close()
	refusing, _ := refusingGraph(t)

	work := t.TempDir()
	file := writeTenants(t, work, fmt.Sprintf(`tenants:
  - name: hostile
    failOn: never
    connection: {auth: access-token, accessTokenEnv: HOSTILE_TOKEN, graphUrl: %q}
  - name: refused
    connection: {auth: access-token, accessTokenEnv: HOSTILE_TOKEN, graphUrl: %q}
  - name: contoso
    demo: true
`, srv.URL, refusing.URL))
	out := filepath.Join(work, "out")
	code, stdout, stderr := runCLI(t, map[string]string{"HOSTILE_TOKEN": token},
		"scan", "--tenants", file, "--out", out, "--format", "json,markdown,html", "--evaluation-time", fixedTime,
		"--top", "1000") // every failing finding, so hostile object names are among them
	if code != ExitRuntime {
		t.Fatalf("exit %d, want %d (the refused tenant)\n%s", code, ExitRuntime, stderr)
	}
	terminalIsInert(t, "scan --tenants", stdout+stderr)

	raw, err := os.ReadFile(filepath.Join(out, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(raw) || strings.ContainsAny(string(raw), "<>") {
		t.Errorf("index.json is not valid JSON, or holds a raw angle bracket")
	}
	rawControls(t, "index.json", string(raw), "\n")
	idx := readIndex(t, out)
	var hostile finding.TenantSummary
	for _, s := range idx.Tenants {
		if s.Name == "hostile" {
			hostile = s
		}
	}
	if hostile.Outcome != finding.OutcomeOK || !slices.Contains(used, hostile.Tenant.DisplayName) {
		t.Errorf("the hostile tenant: %s, directory %q (not one of the names it was given)", hostile.Outcome, hostile.Tenant.DisplayName)
	}
	named := 0
	for _, f := range hostile.Worst {
		if slices.Contains(used, f.Object.Name) {
			named++
		}
	}
	if named == 0 {
		t.Errorf("none of the hostile tenant's %d findings in the index names a hostile object", len(hostile.Worst))
	}

	md, _ := os.ReadFile(filepath.Join(out, "index.md"))
	markdownIsInert(t, "index.md", ownIndexLink.ReplaceAllString(string(md), "] (own link)"))
	page, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, n := range append(used, hostile.Tenant.DisplayName) {
		if strings.ContainsAny(n, "<>\"'&") && strings.Contains(string(page), n) {
			t.Errorf("index.html carries the tenant string %q unescaped", n[:min(len(n), 60)])
		}
	}
	rawControls(t, "index.html", string(page), "\n")
	for _, tag := range []string{"<script", "<img", "<svg", "<iframe"} {
		if strings.Contains(string(page), tag) {
			t.Errorf("index.html holds %s", tag)
		}
	}
}
