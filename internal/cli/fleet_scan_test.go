package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// writeTenants writes a tenant list into dir and returns its path.
func writeTenants(t testing.TB, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, "tenants.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readIndex(t *testing.T, dir string) finding.Index {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var idx finding.Index
	if err := json.Unmarshal(b, &idx); err != nil {
		t.Fatalf("index.json: %v", err)
	}
	return idx
}

// refusingGraph answers every request 401, as Graph does for a token of
// the wrong tenant, and counts the requests.
func refusingGraph(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure."}}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestScanTenantsTwentyDemoTenants is issue 14's acceptance: 20 demo
// tenants at --parallel 4 and two with a bad connection. Each demo tenant's
// folder holds what a lone `scan --demo` writes, the index lists every
// tenant with the lone scan's counts, the two bad ones fail alone and are
// shown failed with their reason, the exit code is the worst tenant's,
// and `report merge` of the folders gives the same index byte for byte.
func TestScanTenantsTwentyDemoTenants(t *testing.T) {
	ref := filepath.Join(t.TempDir(), "ref")
	if code, _, stderr := runCLI(t, nil, "scan", "--demo", "--out", ref, "--format", "json,markdown", "--evaluation-time", fixedTime); code != ExitOK {
		t.Fatalf("scan --demo: exit %d\n%s", code, stderr)
	}
	want := readFindings(t, ref)
	var wantCounts finding.StatusCounts
	for _, c := range want.Controls {
		wantCounts.Add(c.Status, 1)
	}

	graph, _ := refusingGraph(t)
	var list strings.Builder
	list.WriteString("tenants:\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&list, "  - name: demo-%02d\n    demo: true\n", i)
		if i%2 == 0 {
			list.WriteString("    failOn: never\n")
		}
	}
	fmt.Fprintf(&list, `  - name: refused
    connection: {auth: access-token, accessTokenEnv: FLEET_TOKEN, graphUrl: %q}
  - name: no-secret
    connection: {auth: secret, tenant: contoso.example, clientId: 00000000-0000-0000-0000-00000000c11e, clientSecretEnv: FLEET_NO_SUCH_SECRET}
`, graph.URL)
	work := t.TempDir()
	file := writeTenants(t, work, list.String())
	out := filepath.Join(work, "out")
	code, stdout, stderr := runCLI(t, map[string]string{"FLEET_TOKEN": fakeJWT("Policy.Read.All")},
		"scan", "--tenants", file, "--out", out, "--parallel", "4", "--format", "json,markdown", "--evaluation-time", fixedTime)
	if code != ExitRuntime {
		t.Fatalf("scan --tenants: exit %d, want %d (the worst tenant's)\n%s", code, ExitRuntime, stderr[max(0, len(stderr)-3000):])
	}
	if stdout != "" {
		t.Errorf("scan --tenants wrote to stdout: %q", stdout)
	}

	idx := readIndex(t, out)
	if idx.Totals.Tenants != 22 || idx.Totals.Failed != 2 || idx.Totals.Findings != 10 || idx.Totals.OK != 10 {
		t.Errorf("totals %+v, want 22 tenants: 10 ok, 10 with findings, 2 failed", idx.Totals)
	}
	byName := map[string]finding.TenantSummary{}
	for _, tn := range idx.Tenants {
		byName[tn.Name] = tn
	}
	for i := 1; i <= 20; i++ {
		name := fmt.Sprintf("demo-%02d", i)
		tn, ok := byName[name]
		wantOutcome, wantExit := finding.OutcomeFindings, ExitFindings
		if i%2 == 0 {
			wantOutcome, wantExit = finding.OutcomeOK, ExitOK
		}
		switch {
		case !ok:
			t.Errorf("%s is not in the index", name)
		case tn.Counts != wantCounts || tn.Outcome != wantOutcome || tn.ExitCode != wantExit || tn.Tenant != want.Tenant:
			t.Errorf("%s: %s exit %d, counts %+v, tenant %+v; want %s exit %d, %+v (a lone scan's), %+v",
				name, tn.Outcome, tn.ExitCode, tn.Counts, tn.Tenant, wantOutcome, wantExit, wantCounts, want.Tenant)
		}
		got := readFindings(t, filepath.Join(out, name))
		if !reflect.DeepEqual(got.Controls, want.Controls) {
			t.Errorf("%s: findings.json's controls differ from a lone scan --demo's", name)
		}
		for _, f := range []string{"findings.json", "summary.md", "scan.json", "snapshot/manifest.yaml"} {
			if _, err := os.Stat(filepath.Join(out, name, f)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		if !strings.Contains(stderr, name+": finished: exit "+fmt.Sprint(wantExit)+"\n") {
			t.Errorf("no progress line says %s finished with exit %d", name, wantExit)
		}
	}
	for name, want := range map[string]struct {
		exit int
		why  string
	}{
		"refused":   {ExitRuntime, "401"},
		"no-secret": {ExitUsage, "connection.clientSecretEnv names the environment variable FLEET_NO_SUCH_SECRET, which is not set"},
	} {
		tn := byName[name]
		if tn.Outcome != finding.OutcomeFailed || tn.ExitCode != want.exit || !strings.Contains(tn.Error, want.why) {
			t.Errorf("%s: %s exit %d %q; want failed, exit %d, naming %q", name, tn.Outcome, tn.ExitCode, tn.Error, want.exit, want.why)
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "index.md"))
	for _, line := range []string{"| refused | unknown | 💥 failed (exit 3) |", "| demo\\-01 | Contoso Ltd \\(contoso.com\\) | ❌ findings ≥ high (exit 1) |"} {
		if !strings.Contains(string(md), line) {
			t.Errorf("index.md lacks %q", line)
		}
	}
	// Lines come whole, each with its tenant's name or from the run itself.
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		name, _, ok := strings.Cut(line, ": ")
		if line == "" || (ok && (byName[name].Name != "")) || strings.HasPrefix(line, "Scanning 22 tenants, 4 at a time") ||
			strings.HasPrefix(line, "Index of ") || strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "wrote ") ||
			strings.HasPrefix(line, "Open the index: ") {
			continue
		}
		t.Errorf("a line of no tenant: %q", line)
	}

	// report merge of the tenants' folders writes the same index.
	before := map[string][]byte{}
	for _, f := range []string{"index.json", "index.md", "index.html"} {
		before[f], _ = os.ReadFile(filepath.Join(out, f))
	}
	args := []string{"report", "merge", "--out", out}
	for _, tn := range idx.Tenants {
		args = append(args, filepath.Join(out, tn.Name))
	}
	if code, _, stderr := runCLI(t, nil, args...); code != ExitOK {
		t.Fatalf("report merge: exit %d\n%s", code, stderr)
	}
	for f, b := range before {
		if after, _ := os.ReadFile(filepath.Join(out, f)); !bytes.Equal(after, b) {
			t.Errorf("report merge writes another %s than scan --tenants", f)
		}
	}
}

// TestScanTenantsRefusesBadFilesBeforeReading: every problem of the list
// is an exit 2 naming the file and line, before any tenant is read and
// before anything is written.
func TestScanTenantsRefusesBadFilesBeforeReading(t *testing.T) {
	t.Chdir(t.TempDir())
	graph, requests := refusingGraph(t)
	if err := os.WriteFile("broken.yaml", []byte("breakGlass: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("not-a-snapshot", 0o755); err != nil {
		t.Fatal(err)
	}
	// A valid tenant reading a counting server comes first: nothing may reach it.
	head := fmt.Sprintf("tenants:\n  - name: valid\n    connection: {auth: access-token, accessTokenEnv: FLEET_TOKEN, graphUrl: %q}\n", graph.URL)
	for _, c := range []struct{ body, want string }{
		{"  - name: Contoso\n", `:4: tenant name "Contoso" must match`},
		{"  - name: a\n  - name: a\n", `:5: tenant "a" appears twice (also at line 4)`},
		{"  - name: a\n    secrets: x\n", `:5: tenant "a": unknown key "secrets"`},
		{"  - name: a\n    connection: {clientSecret: hunter2}\n", `:5: tenant "a": connection.clientSecret: secrets never go in the tenant list; name the environment variable that holds it with clientSecretEnv`},
		{"  - name: a\n    connection: {clientSecretEnv: \"hunter 2\"}\n", `must name an environment variable`},
		{"  - name: a\n    connection: {auth: password}\n", `:5: tenant "a": connection.auth (--auth): unknown auth mode "password"`},
		{"  - name: a\n    connection: {auth: device-code}\n", `device-code needs a person at a terminal`},
		{"  - name: a\n    connection: {cloud: mars}\n", `unknown cloud "mars"`},
		{"  - name: a\n    connection: {graphUrl: \"http://graph.example\"}\n", `uses plain http`},
		{"  - name: a\n    connection: {tenant: \"a b\"}\n", `is not a tenant id, domain or client id`},
		{"  - name: a\n    connection: {region: eu}\n", `unknown connection key "region"`},
		{"  - name: a\n    demo: true\n    connection: {auth: secret}\n", `:4: tenant "a": demo: true reads the embedded demo tenant: it takes no connection`},
		{"  - name: a\n    demo: \"yes\"\n", `:5: tenant "a": demo must be true or false`},
		{"  - name: a\n    failOn: sometimes\n", `:5: tenant "a": failOn must be critical`},
		{"  - name: a\n    config: /etc/passwd\n", `:5: tenant "a": config "/etc/passwd" must be a relative path`},
		{"  - name: a\n    policies: [ok, ../../x]\n", `policies "../../x" must be a relative path`},
		{"  - name: a\n    config: missing.yaml\n", `:5: tenant "a": config missing.yaml does not exist`},
		{"  - name: a\n    baseline: not-a-snapshot\n", `:5: tenant "a": baseline not-a-snapshot is not a snapshot`},
		{"  - name: a\n    config: broken.yaml\n", `tenant "a": config broken.yaml`},
		{"---\ntenants: []\n", `a second YAML document`},
	} {
		file := writeTenants(t, ".", head+c.body)
		code, _, stderr := runCLI(t, map[string]string{"FLEET_TOKEN": "x"}, "scan", "--tenants", file, "--out", "out")
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, want %d naming %q:\n%s", c.body, code, ExitUsage, c.want, stderr)
		}
		if _, err := os.Stat("out"); err == nil {
			t.Errorf("%q: out was written", c.body)
			os.RemoveAll("out")
		}
	}
	for _, c := range []struct{ body, want string }{
		{"", "empty"},
		{"tenants: []\n", "`tenants` is empty"},
		{"tenant:\n  - name: a\n", `tenants.yaml:1: unknown key "tenant"`},
		{"tenants: {name: a}\n", "must be a list"},
	} {
		file := writeTenants(t, ".", c.body)
		if code, _, stderr := runCLI(t, nil, "scan", "--tenants", file, "--out", "out"); code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, want %d naming %q:\n%s", c.body, code, ExitUsage, c.want, stderr)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests reached the tenant before the list was valid", n)
	}
}

// TestScanTenantsRefusesPerTenantFlags: a flag the list sets per tenant
// is refused with --tenants, and --parallel and --top without it.
func TestScanTenantsRefusesPerTenantFlags(t *testing.T) {
	file := writeTenants(t, t.TempDir(), "tenants:\n  - name: a\n    demo: true\n")
	out := filepath.Join(t.TempDir(), "out")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"scan", "--tenants", file, "--out", out, "--demo"}, "--demo cannot be combined with --tenants"},
		{[]string{"scan", "--tenants", file, "--out", out, "--tenant", "x"}, "(connection.tenant)"},
		{[]string{"scan", "--tenants", file, "--out", out, "--parallel", "0"}, "--parallel and --top must be at least 1"},
		{[]string{"scan", "--tenants", file}, "--out is required"},
		{[]string{"scan", "--demo", "--out", out, "--parallel", "2"}, "add --tenants FILE"},
	} {
		if code, _, stderr := runCLI(t, nil, c.args...); code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, want %d naming %q:\n%s", c.args, code, ExitUsage, c.want, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a refused run wrote %s", out)
	}
}

// TestScanWritesScanJSON: a lone scan says how it ended in scan.json,
// also when it fails after its inputs were checked.
func TestScanWritesScanJSON(t *testing.T) {
	read := func(dir string) finding.ScanResult {
		b, err := os.ReadFile(filepath.Join(dir, "scan.json"))
		if err != nil {
			t.Fatal(err)
		}
		var r finding.ScanResult
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, _ := runCLI(t, nil, "scan", "--demo", "--out", out, "--format", "json", "--fail-on", "high"); code != ExitFindings {
		t.Fatalf("scan --fail-on high: exit %d", code)
	}
	if r := read(out); r.ExitCode != ExitFindings || r.FailOn != finding.SeverityHigh || r.Error != "" || r.SchemaVersion != "1" {
		t.Errorf("scan.json %+v", r)
	}
	graph, _ := refusingGraph(t)
	failed := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": fakeJWT()}, "scan", "--graph-url", graph.URL, "--out", failed)
	if code != ExitRuntime {
		t.Fatalf("scan of a refusing Graph: exit %d\n%s", code, stderr)
	}
	if r := read(failed); r.ExitCode != ExitRuntime || !strings.Contains(r.Error, "401") {
		t.Errorf("scan.json %+v", r)
	}
}
