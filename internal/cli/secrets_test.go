package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// The secrets test runs the real command line, in a child process, with
// each credential mode's secret and against authorities that fail the
// sign-in (AADSTS7000215 invalid secret with the request echoed back into
// the error, a 500 whose body echoes the request, a refused connection),
// then greps everything the run produced (stdout, stderr, every file under
// its output directory, home and temporary directory) for the secrets: the
// client secret, the private key (PEM body lines, DER base64, the private
// exponent), the PFX password, the federated token, the GitHub OIDC request
// token, every client assertion the authority received, the access token,
// and any JWT at all. A child process is used because the TLS roots the
// fake authorities need (SSL_CERT_FILE) are read once per process, and so
// that anything written straight to the process's stderr is caught too.
//
//	go test ./internal/cli -run Secret -v

const secretsChildEnv = "ENTRA_AUDIT_SECRETS_CHILD" // JSON array of CLI arguments

// secretsParallel is how many child processes run at once.
const secretsParallel = 6

// TestSecretsChildProcess is the child: it runs the CLI with the arguments
// in ENTRA_AUDIT_SECRETS_CHILD and exits with its code. It does nothing in
// a normal test run. With ENTRA_AUDIT_SECRETS_LEAK=1 it first leaks every
// credential variable on purpose, so the parent can prove its grep works.
func TestSecretsChildProcess(t *testing.T) {
	raw := os.Getenv(secretsChildEnv)
	if raw == "" {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		fmt.Fprintln(os.Stderr, "bad", secretsChildEnv, err)
		os.Exit(99)
	}
	if os.Getenv("ENTRA_AUDIT_SECRETS_LEAK") == "1" {
		secretsLeakOnPurpose()
	}
	os.Exit(Main(args, Std()))
}

// secretsLeakOnPurpose is the deliberately leaking print: each credential
// variable's value (and the federated token and certificate files' content)
// on stderr, and a copy in a file under the home directory.
func secretsLeakOnPurpose() {
	var b strings.Builder
	for _, k := range []string{"AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ENTRA_AUDIT_ACCESS_TOKEN"} {
		fmt.Fprintf(&b, "%s=%s\n", k, os.Getenv(k))
	}
	for _, k := range []string{"AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_CERTIFICATE_PATH"} {
		if data, err := os.ReadFile(os.Getenv(k)); err == nil {
			fmt.Fprintf(&b, "%s content: %s\n", k, data)
		}
	}
	fmt.Fprint(os.Stderr, b.String())
	_ = os.WriteFile(filepath.Join(os.Getenv("HOME"), "debug.log"), []byte(b.String()), 0o600)
}

// secretNeedle is one value that must never appear in the run's output.
type secretNeedle struct {
	what  string
	value string
}

// secretVariants are the forms a value could leak in: as is, URL-encoded
// (form bodies, queries), JSON-escaped (JSON logs) and base64 (headers).
func secretVariants(v string) map[string]string {
	js, _ := json.Marshal(v)
	out := map[string]string{
		"raw":          v,
		"query-escape": url.QueryEscape(v),
		"path-escape":  url.PathEscape(v),
		"json":         strings.Trim(string(js), `"`),
		"base64":       base64.StdEncoding.EncodeToString([]byte(v)),
		"base64url":    base64.RawURLEncoding.EncodeToString([]byte(v)),
	}
	for k, s := range out {
		if len(s) < 8 { // too short to mean anything
			delete(out, k)
		}
	}
	return out
}

// anyJWT is what a client assertion, an OIDC token or an access token
// looks like: three base64url parts, the first a JSON header ("eyJ").
var anyJWT = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)

// secretLeaks lists every needle (in any variant) and every JWT found in
// the blobs (name -> content).
func secretLeaks(blobs map[string][]byte, needles []secretNeedle) []string {
	var out []string
	names := make([]string, 0, len(blobs))
	for n := range blobs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		data := blobs[name]
		for _, n := range needles {
			for kind, v := range secretVariants(n.value) {
				if bytes.Contains(data, []byte(v)) {
					out = append(out, fmt.Sprintf("%s (%s) in %s", n.what, kind, name))
				}
			}
		}
		for _, m := range anyJWT.FindAll(data, 5) {
			out = append(out, fmt.Sprintf("a JWT %.24s… in %s", m, name))
		}
	}
	return out
}

// secretMarker is a unique random-looking value, so that finding it in the
// output can only mean it leaked.
func secretMarker(t *testing.T, prefix string) string {
	t.Helper()
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return prefix + hex.EncodeToString(b)
}

// fakeUnsignedJWT builds a JWT-shaped token whose payload carries marker.
func fakeUnsignedJWT(t *testing.T, claims map[string]any) string {
	t.Helper()
	enc := base64.RawURLEncoding
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 32)
	if _, err := rand.Read(sig); err != nil {
		t.Fatal(err)
	}
	return enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload) + "." + enc.EncodeToString(sig)
}

// jwtNeedles are a token and its payload and signature parts (the header
// is the same in many tokens, so it proves nothing alone).
func jwtNeedles(what, token string) []secretNeedle {
	out := []secretNeedle{{what, token}}
	if parts := strings.Split(token, "."); len(parts) == 3 {
		out = append(out, secretNeedle{what + " payload", parts[1]})
		if len(parts[2]) >= 16 {
			out = append(out, secretNeedle{what + " signature", parts[2]})
		}
	}
	return out
}

// secretCredentials are the files and values every mode signs in with.
type secretCredentials struct {
	tenant, clientID string

	clientSecret string

	keyNeedles []secretNeedle // the private key, every form
	pemPath    string         // certificate + unencrypted key
	pfxPath    string         // PFX protected by pfxPassword
	pfxBadPath string         // PFX protected by another password than pfxPassword
	pfxPass    string
	pfxOther   string

	federatedToken string
	federatedPath  string

	oidcRequestToken string
	accessToken      string
	armAccessToken   string
}

func newSecretCredentials(t *testing.T) *secretCredentials {
	t.Helper()
	dir := t.TempDir() // inputs: not scanned, they hold the secrets on purpose
	c := &secretCredentials{
		tenant:   demo.TenantID,
		clientID: "5d1c5a84-5a5e-4b8a-9b39-0a7a4f5b2c11",
		// A realistic secret shape, with characters that change when
		// URL-encoded, so the encoded forms are checked too.
		clientSecret:     secretMarker(t, "eaCS8Q~") + "/+=",
		pfxPass:          secretMarker(t, "ea pfx pass ") + " &%",
		pfxOther:         secretMarker(t, "eaPFXother"),
		oidcRequestToken: secretMarker(t, "eaGHRT"),
	}
	c.federatedToken = fakeUnsignedJWT(t, map[string]any{"iss": "https://oidc.example.test", "sub": "system:serviceaccount:audit:entra",
		"aud": "api://AzureADTokenExchange", "jti": secretMarker(t, "eaFED"), "exp": time.Now().Add(time.Hour).Unix()})
	c.accessToken = fakeUnsignedJWT(t, map[string]any{"aud": "https://graph.microsoft.com", "roles": []string{"Policy.Read.All"},
		"jti": secretMarker(t, "eaAT"), "exp": time.Now().Add(time.Hour).Unix()})
	c.armAccessToken = fakeUnsignedJWT(t, map[string]any{"aud": "https://management.azure.com", "jti": secretMarker(t, "eaARM"),
		"exp": time.Now().Add(time.Hour).Unix()})

	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "entra-audit secrets test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})
	c.keyNeedles = []secretNeedle{
		{"private key PEM", string(keyPEM)},
		{"private key (PKCS#8 base64)", base64.StdEncoding.EncodeToString(pkcs8)},
		{"private key (PKCS#1 base64)", base64.StdEncoding.EncodeToString(x509.MarshalPKCS1PrivateKey(key))},
		{"private exponent (hex)", key.D.Text(16)},
		{"private exponent (decimal)", key.D.String()},
		{"prime factor (hex)", key.Primes[0].Text(16)},
	}
	for i, line := range strings.Split(string(keyPEM), "\n") {
		if len(line) == 64 { // every full body line of the PEM
			c.keyNeedles = append(c.keyNeedles, secretNeedle{fmt.Sprintf("private key PEM line %d", i), line})
		}
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c.pemPath = write("app.pem", append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), keyPEM...))
	pfx, err := pkcs12.Modern.Encode(key, cert, nil, c.pfxPass)
	if err != nil {
		t.Fatal(err)
	}
	c.pfxPath = write("app.pfx", pfx)
	pfxOther, err := pkcs12.Modern.Encode(key, cert, nil, c.pfxOther)
	if err != nil {
		t.Fatal(err)
	}
	c.pfxBadPath = write("other.pfx", pfxOther)
	c.federatedPath = write("federated-token", []byte(c.federatedToken+"\n"))
	return c
}

// needles are every credential value, whichever mode a run used.
func (c *secretCredentials) needles() []secretNeedle {
	out := []secretNeedle{
		{"client secret", c.clientSecret},
		{"PFX password", c.pfxPass},
		{"other PFX password", c.pfxOther},
		{"GitHub OIDC request token", c.oidcRequestToken},
	}
	out = append(out, c.keyNeedles...)
	out = append(out, jwtNeedles("federated token", c.federatedToken)...)
	out = append(out, jwtNeedles("access token", c.accessToken)...)
	out = append(out, jwtNeedles("ARM access token", c.armAccessToken)...)
	return out
}

// secretMode is one way of signing in: the variables it sets.
type secretMode struct {
	name string
	env  func(c *secretCredentials, oidcURL string) map[string]string
}

var secretModes = []secretMode{
	{"secret", func(c *secretCredentials, _ string) map[string]string {
		return map[string]string{"AZURE_CLIENT_SECRET": c.clientSecret}
	}},
	{"certificate-pem", func(c *secretCredentials, _ string) map[string]string {
		return map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": c.pemPath, "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN": "true"}
	}},
	{"certificate-pfx", func(c *secretCredentials, _ string) map[string]string {
		return map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": c.pfxPath, "AZURE_CLIENT_CERTIFICATE_PASSWORD": c.pfxPass}
	}},
	{"federated-token-file", func(c *secretCredentials, _ string) map[string]string {
		return map[string]string{"AZURE_FEDERATED_TOKEN_FILE": c.federatedPath}
	}},
	{"github-oidc", func(c *secretCredentials, oidcURL string) map[string]string {
		return map[string]string{"ACTIONS_ID_TOKEN_REQUEST_URL": oidcURL, "ACTIONS_ID_TOKEN_REQUEST_TOKEN": c.oidcRequestToken}
	}},
}

// secretRun is one run of the CLI in a child process and what it left.
type secretRun struct {
	code  int
	blobs map[string][]byte // stdout, stderr and every file it wrote
}

func (r secretRun) stderr() string { return string(r.blobs["stderr"]) }

// runSecretChild runs the CLI with args and exactly env (plus a private
// home, temporary directory and the fake servers' CA), and collects
// everything it printed or wrote outside the inputs.
func runSecretChild(t *testing.T, caFile string, env map[string]string, leak bool, args ...string) secretRun {
	t.Helper()
	work := t.TempDir()
	home, tmp := filepath.Join(work, "home"), filepath.Join(work, "tmp")
	for _, d := range []string{home, tmp} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(work, "out")
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "{out}", out)
	}
	raw, _ := json.Marshal(args)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestSecretsChildProcess$", "-test.count=1")
	cmd.Env = []string{
		secretsChildEnv + "=" + string(raw),
		"PATH=" + os.Getenv("PATH"), "HOME=" + home, "TMPDIR=" + tmp, "SSL_CERT_FILE=" + caFile, "NO_COLOR=1", "CI=true",
	}
	if leak {
		cmd.Env = append(cmd.Env, "ENTRA_AUDIT_SECRETS_LEAK=1")
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("%v: %v", args[:min(2, len(args))], time.Since(start).Round(time.Millisecond))
	run := secretRun{blobs: map[string][]byte{"stdout": stdout.Bytes(), "stderr": stderr.Bytes()}}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		run.code = ee.ExitCode()
	default:
		t.Fatalf("running %v: %v", args, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("%v did not finish in time\n%s", args, stderr.String())
	}
	_ = filepath.WalkDir(work, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil {
			rel, _ := filepath.Rel(work, p)
			run.blobs[filepath.ToSlash(rel)] = data
		}
		return nil
	})
	return run
}

// secretFiles counts the files a run wrote (stdout and stderr aside).
func (r secretRun) files() []string {
	var out []string
	for name := range r.blobs {
		if name != "stdout" && name != "stderr" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// serverCA writes the PEM of the certificates the TLS servers present, for
// the child's SSL_CERT_FILE.
func serverCA(t *testing.T, urls ...string) string {
	t.Helper()
	var buf bytes.Buffer
	for _, u := range urls {
		conn, err := tls.Dial("tcp", strings.TrimPrefix(u, "https://"), &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // fetching the test server's own certificate
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range conn.ConnectionState().PeerCertificates {
			_ = pem.Encode(&buf, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
		}
		conn.Close()
	}
	p := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// failingAuthority answers every token request with a 500 whose body
// echoes the request (form and Authorization header): a broken proxy in
// front of Entra ID. Discovery works, so MSAL gets as far as the token
// request; it also serves the GitHub OIDC endpoint so that github-oidc
// sends a real assertion.
type failingAuthority struct {
	srv    *httptest.Server
	github *graphtest.GitHubOIDC
	mu     sync.Mutex
	forms  []url.Values
}

func newFailingAuthority(requestToken string) *failingAuthority {
	a := &failingAuthority{github: graphtest.NewGitHubOIDC(graphtest.GitHubOIDCOptions{RequestToken: requestToken})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		base := a.srv.URL + "/" + r.PathValue("tenant")
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"authorization_endpoint": base + "/oauth2/v2.0/authorize", "token_endpoint": base + "/oauth2/v2.0/token",
			"issuer": base + "/v2.0", "jwks_uri": base + "/discovery/v2.0/keys",
			"response_types_supported":              []string{"code"},
			"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt"},
		})
	})
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		a.mu.Lock()
		a.forms = append(a.forms, r.PostForm)
		a.mu.Unlock()
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "upstream failure; request was: %s; Authorization: %s", r.PostForm.Encode(), r.Header.Get("Authorization"))
	})
	mux.Handle("GET /_github/token", a.github)
	a.srv = httptest.NewTLSServer(mux)
	return a
}

func (a *failingAuthority) assertions() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, f := range a.forms {
		if v := f.Get("client_assertion"); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// refusedURL is an https URL on loopback where nothing listens.
func refusedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "https://" + addr
}

// TestSecretGrepCatchesALeak proves the check can fail: a child that
// prints every credential, and strings built to contain each needle, are
// all caught.
func TestSecretGrepCatchesALeak(t *testing.T) {
	c := newSecretCredentials(t)
	for _, n := range c.needles() {
		for kind, v := range secretVariants(n.value) {
			blob := map[string][]byte{"constructed": []byte("log line: " + v + " end")}
			if len(secretLeaks(blob, []secretNeedle{n})) == 0 {
				t.Errorf("the grep misses %s (%s)", n.what, kind)
			}
		}
	}
	if got := secretLeaks(map[string][]byte{"x": []byte(`assertion="` + fakeUnsignedJWT(t, map[string]any{"sub": "x"}) + `"`)}, nil); len(got) == 0 {
		t.Error("the grep misses an unexpected JWT")
	}
	ca := serverCA(t) // no server: an empty bundle is enough for a run that leaks before signing in
	env := map[string]string{"AZURE_TENANT_ID": c.tenant, "AZURE_CLIENT_ID": c.clientID,
		"AZURE_CLIENT_SECRET": c.clientSecret, "AZURE_CLIENT_CERTIFICATE_PASSWORD": c.pfxPass,
		"AZURE_CLIENT_CERTIFICATE_PATH": c.pemPath, "AZURE_FEDERATED_TOKEN_FILE": c.federatedPath,
		"ACTIONS_ID_TOKEN_REQUEST_TOKEN": c.oidcRequestToken, "ENTRA_AUDIT_ACCESS_TOKEN": c.accessToken}
	run := runSecretChild(t, ca, env, true, "version")
	leaks := strings.Join(secretLeaks(run.blobs, c.needles()), "\n")
	for _, want := range []string{"client secret (raw) in stderr", "client secret (raw) in home/debug.log", "PFX password (raw) in stderr",
		"GitHub OIDC request token (raw) in stderr", "access token (raw) in stderr", "federated token (raw) in stderr",
		"private key PEM (raw) in stderr", "private key PEM line 1 (raw) in home/debug.log", "a JWT"} {
		if !strings.Contains(leaks, want) {
			t.Errorf("the deliberate leak was not caught: no %q in\n%s", want, leaks)
		}
	}
}

// TestSecretsNeverLeakOnFailedSignIn is the matrix: every confidential
// client mode × every failure × snapshot and permissions --check × plain,
// verbose and verbose JSON logs.
func TestSecretsNeverLeakOnFailedSignIn(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the CLI about a hundred times in child processes")
	}
	c := newSecretCredentials(t)
	echo := graphtest.NewAuthority(graphtest.AuthorityOptions{Tenant: c.tenant, ClientID: c.clientID, EchoRequestInErrors: true,
		GitHub: graphtest.GitHubOIDCOptions{RequestToken: c.oidcRequestToken}})
	defer echo.Close()
	echo.FailInvalidClient(true)
	broken := newFailingAuthority(c.oidcRequestToken)
	defer broken.srv.Close()
	graphSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("Graph was called without a token: %s %s", r.Method, r.URL.Path)
		http.Error(w, "no", http.StatusInternalServerError)
	}))
	defer graphSrv.Close()
	ca := serverCA(t, echo.URL, broken.srv.URL)
	refused := refusedURL(t)

	failures := []struct {
		name, authority, oidcURL string
		want                     *regexp.Regexp // in stderr: proves the run failed where intended
	}{
		{"invalid-client", echo.URL, echo.GitHubOIDCURL(), regexp.MustCompile(`AADSTS7000215`)},
		{"server-error", broken.srv.URL, broken.srv.URL + "/_github/token?api-version=2.0", regexp.MustCompile(`\b500\b`)},
		{"refused", refused, refused + "/_github/token?api-version=2.0", regexp.MustCompile(`refused|unable to resolve an endpoint`)},
	}
	commands := map[string][]string{
		"snapshot":            {"snapshot", "--out", "{out}/snapshot"},
		"permissions --check": {"permissions", "--check"},
	}
	logs := map[string][]string{"plain": nil, "verbose": {"--verbose"}, "verbose-json": {"--verbose", "--log-format", "json"}}

	// The children mostly wait (Conditional Access pacing, the fakes), so
	// several run at once; each is its own subtest.
	var wg sync.WaitGroup
	sem := make(chan struct{}, secretsParallel)
	runs := 0
	for _, mode := range secretModes {
		for _, fail := range failures {
			for cmdName, cmdArgs := range commands {
				for logName, logArgs := range logs {
					name := strings.Join([]string{mode.name, fail.name, strings.ReplaceAll(cmdName, " ", ""), logName}, "/")
					env := mode.env(c, fail.oidcURL)
					env["AZURE_TENANT_ID"], env["AZURE_CLIENT_ID"] = c.tenant, c.clientID
					args := append(append(append([]string{}, cmdArgs...), "--authority-url", fail.authority,
						"--graph-url", graphSrv.URL, "--arm-url", graphSrv.URL), logArgs...)
					runs++
					wg.Add(1)
					go func() {
						defer wg.Done()
						sem <- struct{}{}
						defer func() { <-sem }()
						t.Run(name, func(t *testing.T) {
							run := runSecretChild(t, ca, env, false, args...)
							if run.code != ExitRuntime {
								t.Errorf("exit %d, want %d (a failed sign-in)\n%s", run.code, ExitRuntime, run.stderr())
							}
							if !fail.want.MatchString(run.stderr()) {
								t.Errorf("stderr does not match %q: the failure under test did not happen\n%s", fail.want, run.stderr())
							}
							// The echoing authority put the posted form, credential
							// included, into its error: the message must show it masked.
							if fail.name == "invalid-client" && cmdName == "permissions --check" &&
								(!strings.Contains(run.stderr(), "Request was:") || !strings.Contains(run.stderr(), "[REDACTED]")) {
								t.Errorf("the echoed request is not in the error, masked: the redaction was not exercised\n%s", run.stderr())
							}
							needles := c.needles()
							for _, a := range append(broken.assertions(), secretAssertions(echo)...) {
								needles = append(needles, jwtNeedles("client assertion", a)...)
							}
							for _, call := range append(echo.GitHub.Calls(), broken.github.Calls()...) {
								if call.Token != "" {
									needles = append(needles, jwtNeedles("GitHub OIDC token", call.Token)...)
								}
							}
							if leaks := secretLeaks(run.blobs, needles); len(leaks) > 0 {
								t.Errorf("leaks:\n  %s\nstderr:\n%s", strings.Join(leaks, "\n  "), run.stderr())
							}
						})
					}()
				}
			}
		}
	}
	wg.Wait()
	// The hostile authorities must really have been handed the secrets
	// (and echoed them), or the runs above prove nothing.
	var sawSecret, sawAssertion bool
	for _, r := range echo.TokenRequests() {
		sawSecret = sawSecret || r.Form.Get("client_secret") == c.clientSecret
		sawAssertion = sawAssertion || r.ClientAssertion == c.federatedToken
	}
	if !sawSecret || !sawAssertion || len(broken.assertions()) == 0 {
		t.Errorf("the authorities did not receive the credentials (secret %v, federated token %v, assertions at the 500 %d)",
			sawSecret, sawAssertion, len(broken.assertions()))
	}
	var oidcCalls int
	for _, call := range echo.GitHub.Calls() {
		if call.Authorized {
			oidcCalls++
		}
	}
	if oidcCalls == 0 {
		t.Error("github-oidc never fetched a GitHub token: its request token was not exercised")
	}
	t.Logf("%d failed sign-ins checked", runs)
}

func secretAssertions(a *graphtest.Authority) []string {
	var out []string
	for _, r := range a.TokenRequests() {
		if r.ClientAssertion != "" {
			out = append(out, r.ClientAssertion)
		}
	}
	return out
}

// TestSecretsNeverLeakLocalFailures covers the failures before any
// request: a PFX whose password is wrong, and a ready access token that
// Graph refuses or that fails on Graph's side.
func TestSecretsNeverLeakLocalFailures(t *testing.T) {
	c := newSecretCredentials(t)
	ca := serverCA(t)
	base := map[string]string{"AZURE_TENANT_ID": c.tenant, "AZURE_CLIENT_ID": c.clientID}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tn, err := demo.Tenant()
	if err != nil {
		t.Fatal(err)
	}
	refusing := httptest.NewServer(graphtest.NewFake(tn, graphtest.ServerOptions{RequireToken: "another-token"}))
	defer refusing.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"error":{"code":"InternalServerError","message":"Something went wrong."}}`))
	}))
	defer failing.Close()
	refused := refusedURL(t)

	cases := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"pfx-wrong-password/snapshot", with(map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": c.pfxBadPath, "AZURE_CLIENT_CERTIFICATE_PASSWORD": c.pfxPass}),
			[]string{"snapshot", "--out", "{out}/snapshot", "--authority-url", refused, "--graph-url", failing.URL}, ExitRuntime, "PFX"},
		{"pfx-wrong-password/permissions", with(map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": c.pfxBadPath, "AZURE_CLIENT_CERTIFICATE_PASSWORD": c.pfxPass}),
			[]string{"permissions", "--check", "--authority-url", refused, "--verbose", "--log-format", "json"}, ExitRuntime, "PFX"},
		{"access-token-refused-401/snapshot", map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": c.accessToken, "ENTRA_AUDIT_ARM_ACCESS_TOKEN": c.armAccessToken},
			[]string{"snapshot", "--out", "{out}/snapshot", "--graph-url", refusing.URL, "--arm-url", refusing.URL, "--verbose", "--log-format", "json"}, ExitRuntime, "401"},
		{"access-token-graph-500/snapshot", map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": c.accessToken, "ENTRA_AUDIT_ARM_ACCESS_TOKEN": c.armAccessToken},
			[]string{"snapshot", "--out", "{out}/snapshot", "--graph-url", failing.URL, "--arm-url", failing.URL, "--verbose"}, ExitRuntime, "500"},
		{"access-token/permissions", map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": c.accessToken},
			[]string{"permissions", "--check", "--verbose", "--log-format", "json"}, ExitFindings, "MISSING"},
	}
	for _, tc := range cases {
		run := runSecretChild(t, ca, tc.env, false, tc.args...)
		if run.code != tc.code {
			t.Errorf("%s: exit %d, want %d\n%s", tc.name, run.code, tc.code, run.stderr())
		}
		if !strings.Contains(run.stderr()+string(run.blobs["stdout"]), tc.want) {
			t.Errorf("%s: output does not say %q\n%s", tc.name, tc.want, run.stderr())
		}
		if leaks := secretLeaks(run.blobs, c.needles()); len(leaks) > 0 {
			t.Errorf("%s leaks:\n  %s\nstderr:\n%s", tc.name, strings.Join(leaks, "\n  "), run.stderr())
		}
	}
}

// TestSecretsNeverLeakInSnapshotsAndReports signs in for real (the fake
// authority accepts the credential) against a Graph that refuses part of
// the tenant, so a snapshot and every report are written: none of them,
// nor the logs, may carry a credential, an assertion or the access token.
func TestSecretsNeverLeakInSnapshotsAndReports(t *testing.T) {
	if testing.Short() {
		t.Skip("scans the demo tenant once per credential mode")
	}
	c := newSecretCredentials(t)
	auth := graphtest.NewAuthority(graphtest.AuthorityOptions{Tenant: c.tenant, ClientID: c.clientID, ClientSecret: c.clientSecret,
		Roles: []string{"Policy.Read.All", "Application.Read.All"}, GitHub: graphtest.GitHubOIDCOptions{RequestToken: c.oidcRequestToken}})
	defer auth.Close()
	tn, err := demo.Tenant()
	if err != nil {
		t.Fatal(err)
	}
	tn.SetError("/v1.0/policies/authorizationPolicy", 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
	graphSrv := httptest.NewServer(graphtest.NewFake(tn, graphtest.ServerOptions{}))
	defer graphSrv.Close()
	ca := serverCA(t, auth.URL)

	modes := append([]secretMode{}, secretModes...)
	modes = append(modes, secretMode{"access-token", func(c *secretCredentials, _ string) map[string]string {
		return map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": c.accessToken, "ENTRA_AUDIT_ARM_ACCESS_TOKEN": c.armAccessToken}
	}})
	var wg sync.WaitGroup
	sem := make(chan struct{}, secretsParallel)
	for _, mode := range modes {
		env := mode.env(c, auth.GitHubOIDCURL())
		env["AZURE_TENANT_ID"], env["AZURE_CLIENT_ID"] = c.tenant, c.clientID
		conn := []string{"--authority-url", auth.URL, "--graph-url", graphSrv.URL, "--arm-url", graphSrv.URL, "--verbose", "--log-format", "json"}
		for _, args := range [][]string{
			append([]string{"scan", "--out", "{out}/reports"}, conn...),
			append([]string{"permissions", "--check"}, conn...),
		} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				t.Run(mode.name+"/"+args[0], func(t *testing.T) {
					run := runSecretChild(t, ca, env, false, args...)
					if args[0] == "scan" {
						if run.code != ExitOK {
							t.Errorf("exit %d, want a written snapshot and reports\n%s", run.code, run.stderr())
						}
						for _, want := range []string{"out/reports/snapshot/manifest.yaml", "out/reports/findings.json", "out/reports/report.html", "out/reports/results.sarif"} {
							if !slices.Contains(run.files(), want) {
								t.Errorf("did not write %s (wrote %d files)", want, len(run.files()))
							}
						}
					}
					needles := c.needles()
					for _, a := range secretAssertions(auth) {
						needles = append(needles, jwtNeedles("client assertion", a)...)
					}
					if leaks := secretLeaks(run.blobs, needles); len(leaks) > 0 {
						t.Errorf("leaks:\n  %s", strings.Join(leaks, "\n  "))
					}
				})
			}()
		}
	}
	wg.Wait()
}
