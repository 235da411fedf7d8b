package cli

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// runCLI runs the command line with env and returns exit code, stdout, stderr.
func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: envMap(env)})
	return code, out.String(), errb.String()
}

func TestSnapshotDemoEndToEnd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	code, _, stderr := runCLI(t, nil, "snapshot", "--demo", "--out", dir)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"Snapshot of Contoso Ltd (" + demo.TenantID + ")", "conditionalAccess", "tenant",
		"apps.oauth2PermissionGrants: missing permission: grant the application permission Directory.Read.All"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
	s, err := snapshot.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, fam := range []string{"conditionalAccess", "tenant", "roles", "principals", "authenticationMethods", "crossTenantAccess", "multicloud", "apps"} {
		if _, ok := s.Input[fam]; !ok {
			t.Errorf("input lacks family %s", fam)
		}
	}
	if got := len(s.Input["conditionalAccess"].(map[string]any)["policies"].([]any)); got != 8 {
		t.Errorf("%d CA policies", got)
	}
	if s.Manifest.Tenant.ID != demo.TenantID || s.Manifest.Tenant.DefaultDomain != "contoso.com" {
		t.Errorf("manifest tenant %+v", s.Manifest.Tenant)
	}
	// A second run replaces the snapshot in place.
	if code, _, stderr := runCLI(t, nil, "snapshot", "--demo", "--out", dir); code != ExitOK {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
}

func TestSnapshotUsageErrors(t *testing.T) {
	if code, _, stderr := runCLI(t, nil, "snapshot", "--demo"); code != ExitUsage || !strings.Contains(stderr, "--out is required") {
		t.Errorf("no --out: exit %d %s", code, stderr)
	}
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, nil, "snapshot", "--demo", "--out", foreign)
	if code != ExitUsage || !strings.Contains(stderr, "not a snapshot") {
		t.Errorf("foreign dir: exit %d %s", code, stderr)
	}
}

// fakeJWT is an unsigned token carrying roles, as the credential hands it.
func fakeJWT(roles ...string) string {
	enc := base64.RawURLEncoding
	claims, _ := json.Marshal(map[string]any{"aud": "https://graph.microsoft.com", "roles": roles})
	return enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + enc.EncodeToString(claims) + ".sig"
}

// With a ready token and --graph-url nothing else is needed: the tenant
// comes from /organization, ARM is recorded as not available.
func TestSnapshotWithAccessTokenAndGraphURL(t *testing.T) {
	tn, err := demo.Tenant()
	if err != nil {
		t.Fatal(err)
	}
	token := fakeJWT("Policy.Read.All")
	tn.SetError("/v1.0/policies/authorizationPolicy", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	fake := graphtest.NewFake(tn, graphtest.ServerOptions{RequireToken: token})
	srv := httptest.NewServer(fake) // plain http: accepted on loopback only
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "snap")
	code, _, stderr := runCLI(t, map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": token}, "snapshot", "--graph-url", srv.URL, "--out", dir)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, token) {
		t.Error("the token appears on stderr")
	}
	s, err := snapshot.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Manifest.Tenant.ID != demo.TenantID {
		t.Errorf("tenant %+v", s.Manifest.Tenant)
	}
	if s.Manifest.Cloud != "unknown" {
		t.Errorf("cloud %q, want unknown: --graph-url without --cloud says nothing about the cloud", s.Manifest.Cloud)
	}
	if e := s.Manifest.Resources["tenant.authorizationPolicy"]; e.Status != snapshot.StatusMissingPermission || e.Permission != "Policy.Read.All" {
		t.Errorf("authorizationPolicy entry %+v", e)
	}
	if e := s.Manifest.Resources["multicloud.azureRoleAssignments"]; e.Status != snapshot.StatusNotAvailable {
		t.Errorf("ARM without a token: %+v", e)
	}
	if e := s.Manifest.Resources["conditionalAccess.policies"]; e.Status != snapshot.StatusCollected || *e.Count != 8 {
		t.Errorf("CA policies %+v", e)
	}
	for _, r := range fake.Requests() {
		if !r.Authorized {
			t.Errorf("request without token: %s", r.URL)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && bytes.Contains(b, []byte(token)) {
			t.Errorf("token written to %s", f)
		}
	}
}

// A token the API refuses everywhere leaves the previous snapshot and exits 3.
func TestSnapshotBadTokenKeepsPrevious(t *testing.T) {
	tn, err := demo.Tenant()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(graphtest.NewFake(tn, graphtest.ServerOptions{RequireToken: "the-right-one"}))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "snap")
	if code, _, stderr := runCLI(t, nil, "snapshot", "--demo", "--out", dir); code != ExitOK {
		t.Fatalf("exit %d %s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
	code, _, stderr := runCLI(t, map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": fakeJWT()}, "snapshot", "--graph-url", srv.URL, "--out", dir)
	if code != ExitRuntime {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
	if !bytes.Equal(before, after) {
		t.Errorf("previous snapshot replaced by a failed run\n%s", stderr)
	}
}

func TestPermissionsListAndCheck(t *testing.T) {
	code, out, _ := runCLI(t, nil, "permissions")
	if code != ExitOK || !strings.Contains(out, "Policy.Read.All") || !strings.Contains(out, "conditionalAccess") ||
		!strings.Contains(out, "Azure Resource Manager") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	token := fakeJWT("Policy.Read.All", "Directory.Read.All")
	code, out, stderr := runCLI(t, map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": token}, "permissions", "--check")
	if code != ExitFindings {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, stderr)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) >= 2 {
			lines[f[0]] = f[len(f)-1]
		}
	}
	for perm, want := range map[string]string{"Policy.Read.All": "granted", "Domain.Read.All": "granted", "Organization.Read.All": "granted",
		"RoleManagement.Read.Directory": "granted", "Policy.Read.AuthenticationMethod": "MISSING"} {
		if lines[perm] != want {
			t.Errorf("%s: %q, want %q\n%s", perm, lines[perm], want, out)
		}
	}
	if strings.Contains(out+stderr, token) {
		t.Error("token printed")
	}
}

// TestSnapshotCheckpointLifecycle: a written snapshot leaves no
// checkpoint behind; --resume with nothing to resume reads everything; a
// DIR.resume entra-audit did not make stops the run and is left alone.
func TestSnapshotCheckpointLifecycle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	for _, args := range [][]string{{"snapshot", "--demo", "--out", dir}, {"snapshot", "--demo", "--resume", "--out", dir}} {
		code, _, stderr := runCLI(t, nil, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		if strings.Contains(stderr, "Resumed") {
			t.Errorf("%v resumed from nothing:\n%s", args, stderr)
		}
		if _, err := os.Stat(dir + ".resume"); !os.IsNotExist(err) {
			t.Errorf("%v left %s.resume: %v", args, dir, err)
		}
	}
	if err := os.Mkdir(dir+".resume", 0o700); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, nil, "snapshot", "--demo", "--out", dir)
	if code != ExitRuntime || !strings.Contains(stderr, "was not made by entra-audit") {
		t.Errorf("exit %d, want %d naming the foreign checkpoint:\n%s", code, ExitRuntime, stderr)
	}
	if _, err := os.Stat(dir + ".resume"); err != nil {
		t.Errorf("the foreign directory: %v", err)
	}
}
