package cli

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// TestSignInFailureIsOneErrorNamingTheCause: a wrong tenant, or a wrong
// secret, stops the run before anything is read, with one message naming
// the tenant, the authority, the credential mode, the AADSTS code and what
// to do, instead of one truncated failure per resource.
func TestSignInFailureIsOneErrorNamingTheCause(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the CLI in child processes")
	}
	c := newSecretCredentials(t)
	authority := graphtest.NewAuthority(graphtest.AuthorityOptions{Tenant: c.tenant, ClientID: c.clientID})
	defer authority.Close()
	refusing := graphtest.NewAuthority(graphtest.AuthorityOptions{Tenant: c.tenant, ClientID: c.clientID})
	defer refusing.Close()
	refusing.FailInvalidClient(true)
	graphSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("Graph was called although the sign-in failed: %s %s", r.Method, r.URL.Path)
		http.Error(w, "no", http.StatusInternalServerError)
	}))
	defer graphSrv.Close()
	ca := serverCA(t, authority.URL, refusing.URL)

	const wrongTenant = "0badc0de-0000-4000-8000-000000000000"
	unreachable := refusedURL(t)
	cases := []struct {
		name, tenant, authority string
		want                    []string
	}{
		{"wrong tenant", wrongTenant, authority.URL, []string{
			"sign-in failed: tenant " + wrongTenant + ", authority " + authority.URL + ", credential secret",
			"AADSTS90002", "tenant not found: check AZURE_TENANT_ID and --cloud", "nothing was read",
		}},
		{"wrong secret", c.tenant, refusing.URL, []string{
			"sign-in failed: tenant " + c.tenant, "credential secret", "AADSTS7000215", "use the secret's Value",
		}},
		{"no route to the authority", c.tenant, unreachable, []string{
			"sign-in failed: tenant " + c.tenant + ", authority " + unreachable + ", credential secret", "refused", "nothing was read",
		}},
	}
	for _, tc := range cases {
		env := map[string]string{"AZURE_TENANT_ID": tc.tenant, "AZURE_CLIENT_ID": c.clientID, "AZURE_CLIENT_SECRET": c.clientSecret}
		run := runSecretChild(t, ca, env, false, "snapshot", "--out", "{out}/snapshot",
			"--authority-url", tc.authority, "--graph-url", graphSrv.URL)
		stderr := run.stderr()
		if run.code != ExitRuntime {
			t.Errorf("%s: exit %d, want %d\n%s", tc.name, run.code, ExitRuntime, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tc.name, w, stderr)
			}
		}
		if strings.Count(stderr, "sign-in failed") != 1 || strings.Count(stderr, "AADSTS") > 1 || strings.Contains(stderr, "Not collected") {
			t.Errorf("%s: want the cause once and no per-resource failures:\n%s", tc.name, stderr)
		}
	}
}
