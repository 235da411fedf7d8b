package graph_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"software.sslmate.com/src/go-pkcs12"
)

type testCert struct {
	cert    *x509.Certificate
	key     any
	pemPath string
	pfxPath string
}

// writeTestCert creates a self-signed certificate and writes it as PEM
// (certificate + PKCS#8 key) and as a password-protected PFX.
func writeTestCert(t *testing.T, key crypto.Signer, pfxPassword string) testCert {
	t.Helper()
	pub := key.Public()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(42),
		Subject:      pkix.Name{CommonName: "entra-audit test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tc := testCert{cert: cert, key: key, pemPath: filepath.Join(dir, "app.pem"), pfxPath: filepath.Join(dir, "app.pfx")}
	pemData := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})...)
	if err := os.WriteFile(tc.pemPath, pemData, 0o600); err != nil {
		t.Fatal(err)
	}
	pfx, err := pkcs12.Modern.Encode(key, cert, nil, pfxPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tc.pfxPath, pfx, 0o600); err != nil {
		t.Fatal(err)
	}
	return tc
}

func rsaKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestCredentialCertificate(t *testing.T) {
	tc := writeTestCert(t, rsaKey(t), "pfx-pass")
	thumb := sha256.Sum256(tc.cert.Raw)

	for name, env := range map[string]map[string]string{
		"pem": {"AZURE_CLIENT_CERTIFICATE_PATH": tc.pemPath},
		"pfx": {"AZURE_CLIENT_CERTIFICATE_PATH": tc.pfxPath, "AZURE_CLIENT_CERTIFICATE_PASSWORD": "pfx-pass"},
	} {
		t.Run(name, func(t *testing.T) {
			a := newAuthority(t, graphtest.AuthorityOptions{Roles: []string{"Policy.Read.All"}})
			cred := newCredential(t, configFor(a, env), graph.AuthCertificate)
			token(t, cred, graphScope)

			reqs := a.TokenRequests()
			if len(reqs) != 1 {
				t.Fatalf("%d token requests, want 1", len(reqs))
			}
			checkClientCredentials(t, reqs[0], graphScope, false)
			header, claims, ok := graphtest.DecodeJWT(reqs[0].ClientAssertion)
			if !ok {
				t.Fatalf("client_assertion is not a JWT: %q", reqs[0].ClientAssertion)
			}
			if header["alg"] != "PS256" {
				t.Errorf("assertion alg = %v, want PS256", header["alg"])
			}
			// MSAL v1.10 encodes the thumbprint with standard base64; accept
			// any base64 flavour as long as it is the certificate's SHA-256.
			if x5t, _ := header["x5t#S256"].(string); !sameBytes(x5t, thumb[:]) {
				t.Errorf("assertion x5t#S256 = %v, want SHA-256 of the certificate %x", header["x5t#S256"], thumb)
			}
			if _, ok := header["x5c"]; ok {
				t.Error("x5c sent without AZURE_CLIENT_SEND_CERTIFICATE_CHAIN")
			}
			if claims["iss"] != testClientID || claims["sub"] != testClientID {
				t.Errorf("assertion iss/sub = %v/%v, want the client id", claims["iss"], claims["sub"])
			}
			if aud, _ := claims["aud"].(string); aud != a.URL+"/"+testTenant+"/oauth2/v2.0/token" {
				t.Errorf("assertion aud = %q, want the token endpoint", aud)
			}
		})
	}

	t.Run("send chain", func(t *testing.T) {
		a := newAuthority(t, graphtest.AuthorityOptions{})
		cred := newCredential(t, configFor(a, map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": tc.pemPath,
			"AZURE_CLIENT_SEND_CERTIFICATE_CHAIN": "true"}), graph.AuthCertificate)
		token(t, cred, graphScope)
		header, _, _ := graphtest.DecodeJWT(a.TokenRequests()[0].ClientAssertion)
		if x5c, _ := header["x5c"].([]any); len(x5c) != 1 || x5c[0] != base64.StdEncoding.EncodeToString(tc.cert.Raw) {
			t.Errorf("x5c = %v, want the certificate", header["x5c"])
		}
	})
}

func TestCredentialCertificateErrors(t *testing.T) {
	a := newAuthority(t, graphtest.AuthorityOptions{})
	tc := writeTestCert(t, rsaKey(t), "right-password")
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ec := writeTestCert(t, ecKey, "pw")
	encrypted := filepath.Join(t.TempDir(), "enc.pem")
	_ = os.WriteFile(encrypted, []byte("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"), 0o600)

	cases := []struct {
		name     string
		env      map[string]string
		contains []string
	}{
		{"wrong pfx password", map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": tc.pfxPath, "AZURE_CLIENT_CERTIFICATE_PASSWORD": "Wrong-Passw0rd"},
			[]string{tc.pfxPath, "AZURE_CLIENT_CERTIFICATE_PASSWORD"}},
		{"ecdsa pem", map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": ec.pemPath}, []string{"RSA", "ecdsa"}},
		{"ecdsa pfx", map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": ec.pfxPath, "AZURE_CLIENT_CERTIFICATE_PASSWORD": "pw"}, []string{"RSA"}},
		{"encrypted pem", map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": encrypted}, []string{"encrypted", "PFX"}},
		{"missing file", map[string]string{"AZURE_CLIENT_CERTIFICATE_PATH": "/nonexistent/app.pem"}, []string{"AZURE_CLIENT_CERTIFICATE_PATH", "/nonexistent/app.pem"}},
	}
	for _, c := range cases {
		_, _, err := graph.NewCredential(t.Context(), configFor(a, c.env))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, s := range c.contains {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: error %q should mention %q", c.name, err, s)
			}
		}
		if strings.Contains(err.Error(), "Wrong-Passw0rd") {
			t.Errorf("%s: error leaks the password: %v", c.name, err)
		}
	}
	if n := len(a.TokenRequests()); n != 0 {
		t.Errorf("%d token requests for unusable certificates", n)
	}
}

func sameBytes(encoded string, want []byte) bool {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(encoded); err == nil && string(b) == string(want) {
			return true
		}
	}
	return false
}
