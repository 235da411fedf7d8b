package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestTenantsFileExamples: the documented examples parse; the demo list
// the README runs loads whole from the repository root.
func TestTenantsFileExamples(t *testing.T) {
	b, err := os.ReadFile("../../examples/tenants.yaml")
	if err != nil {
		t.Fatal(err)
	}
	specs, problems := parseTenants("examples/tenants.yaml", b)
	if len(problems) > 0 || len(specs) < 3 {
		t.Fatalf("examples/tenants.yaml: %d tenants, problems %v", len(specs), problems)
	}
	var withConnection *tenantSpec
	for i := range specs {
		if specs[i].Connection.Set {
			withConnection = &specs[i]
		}
	}
	if withConnection == nil || len(withConnection.Connection.Env) == 0 {
		t.Errorf("examples/tenants.yaml shows no connection naming a secret's variable")
	}
	t.Chdir("../..")
	demo, err := loadTenantsFile("examples/tenants-demo.yaml")
	if err != nil {
		t.Fatalf("examples/tenants-demo.yaml: %v", err)
	}
	for _, s := range demo {
		if !s.Demo {
			t.Errorf("examples/tenants-demo.yaml: %s is not a demo tenant", s.Name)
		}
	}
}

// TestTenantConnectionMapsOntoFlagsAndEnvironment: each connection key
// sets its flag's field; each *Env key makes its Azure SDK variable read
// the named one, and only for that tenant.
func TestTenantConnectionMapsOntoFlagsAndEnvironment(t *testing.T) {
	specs, problems := parseTenants("t.yaml", []byte(`tenants:
  - name: a
    connection:
      tenant: fabrikam.onmicrosoft.com
      clientId: 11111111-2222-3333-4444-555555555555
      auth: certificate
      cloud: usgov
      graphUrl: https://graph.microsoft.us
      authorityUrl: https://login.microsoftonline.us
      armUrl: https://management.usgovcloudapi.net
      managedIdentityClientId: mi-1
      certificatePathEnv: FABRIKAM_CERT
      certificatePasswordEnv: FABRIKAM_CERT_PASSWORD
  - name: b
`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	want := connectOptions{Auth: "certificate", Tenant: "fabrikam.onmicrosoft.com", ClientID: "11111111-2222-3333-4444-555555555555",
		Cloud: "usgov", GraphURL: "https://graph.microsoft.us", AuthorityURL: "https://login.microsoftonline.us",
		ARMURL: "https://management.usgovcloudapi.net", ManagedIdentityClientID: "mi-1"}
	if got := specs[0].Connection.connectOptions; got != want {
		t.Errorf("connection %+v, want %+v", got, want)
	}
	env := map[string]string{"FABRIKAM_CERT": "/run/fabrikam.pem", "AZURE_CLIENT_CERTIFICATE_PATH": "/run/default.pem", "AZURE_TENANT_ID": "t"}
	a, b := specs[0].Connection.getenv(envMap(env)), specs[1].Connection.getenv(envMap(env))
	if a("AZURE_CLIENT_CERTIFICATE_PATH") != "/run/fabrikam.pem" || a("AZURE_TENANT_ID") != "t" || a("AZURE_CLIENT_CERTIFICATE_PASSWORD") != "" {
		t.Errorf("tenant a reads the wrong variables")
	}
	if b("AZURE_CLIENT_CERTIFICATE_PATH") != "/run/default.pem" {
		t.Errorf("tenant b does not read the Azure SDK's own variable")
	}
	ts := &tenantScan{spec: specs[0], f: &Factory{IO: &IO{Getenv: a}}}
	if err := ts.checkEnv(); err == nil || !strings.Contains(err.Error(), "connection.certificatePasswordEnv names the environment variable FABRIKAM_CERT_PASSWORD") {
		t.Errorf("an unset variable: %v", err)
	}
}

// TestPrefixWriterKeepsLinesWhole: tenants writing at once, some a line
// in several writes, one from several goroutines (whole lines, as
// fmt.Fprintln writes them), give whole prefixed lines, never a mixed or
// a blank one.
func TestPrefixWriterKeepsLinesWhole(t *testing.T) {
	var buf bytes.Buffer
	out := &lockedWriter{w: &buf}
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b", "c"} {
		w := newPrefixWriter(out, name+": ")
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				w.Write([]byte("in "))
				w.Write([]byte("pieces\n\n"))
			}
		}()
	}
	whole := newPrefixWriter(out, "w: ")
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				whole.Write([]byte("whole line\n"))
			}
		}()
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	for _, l := range lines {
		if l != "a: in pieces" && l != "b: in pieces" && l != "c: in pieces" && l != "w: whole line" {
			t.Fatalf("a mixed or blank line: %q", l)
		}
	}
	if len(lines) != 350 {
		t.Errorf("%d lines, want 350", len(lines))
	}
	w := newPrefixWriter(out, "d: ")
	w.Write([]byte("no line feed"))
	buf.Reset()
	w.Flush()
	if buf.String() != "d: no line feed\n" {
		t.Errorf("flush wrote %q", buf.String())
	}
}

func TestReportMergeUsage(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"contoso", "Bad_Name", "x/contoso"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "merge", filepath.Join(dir, "contoso")}, "--out is required"},
		{[]string{"report", "merge", "--out", out}, "at least one"},
		{[]string{"report", "merge", "--out", out, filepath.Join(dir, "missing")}, "is not a folder"},
		{[]string{"report", "merge", "--out", out, filepath.Join(dir, "Bad_Name")}, `the folder's name "Bad_Name" is the tenant's name`},
		{[]string{"report", "merge", "--out", out, filepath.Join(dir, "contoso"), filepath.Join(dir, "x", "contoso")}, `are both tenant "contoso"`},
		{[]string{"report", "merge", "--out", out, "--top", "0", filepath.Join(dir, "contoso")}, "--top must be at least 1"},
	} {
		if code, _, stderr := runCLI(t, nil, c.args...); code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, want %d naming %q:\n%s", c.args, code, ExitUsage, c.want, stderr)
		}
	}
	// An empty folder is a tenant whose scan left nothing: failed, not refused.
	if code, _, stderr := runCLI(t, nil, "report", "merge", "--out", out, filepath.Join(dir, "contoso")); code != ExitOK {
		t.Fatalf("merge of an empty folder: exit %d\n%s", code, stderr)
	}
	idx := readIndex(t, out)
	if len(idx.Tenants) != 1 || idx.Tenants[0].Outcome != "failed" || !strings.Contains(idx.Tenants[0].Error, "no findings.json") {
		t.Errorf("index %+v", idx.Tenants)
	}
	if len(idx.Tenants[0].Reports) != 0 {
		t.Errorf("a failed tenant links reports: %+v", idx.Tenants[0].Reports)
	}
}
