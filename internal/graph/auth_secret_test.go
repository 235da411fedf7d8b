package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const leak = "hunter2-SuperSecret"

func assertNoLeak(t *testing.T, what, out string) {
	t.Helper()
	if strings.Contains(out, leak) {
		t.Errorf("%s leaks the secret: %q", what, out)
	}
}

func TestSecretRedactionFmt(t *testing.T) {
	s := Secret(leak)
	for _, verb := range []string{"%v", "%s", "%+v", "%#v", "%q", "%x", "%X", "%d", "%10s", "%T"} {
		out := fmt.Sprintf(verb, s)
		assertNoLeak(t, verb, out)
		if verb != "%T" && !strings.Contains(out, "[REDACTED]") {
			t.Errorf("%s printed %q, want [REDACTED]", verb, out)
		}
	}
	assertNoLeak(t, "Sprint", fmt.Sprint(s, &s))
	assertNoLeak(t, "Sprintln", fmt.Sprintln(s))
	assertNoLeak(t, "error wrapping", fmt.Errorf("bad: %v", s).Error())
	if s.Reveal() != leak || !s.IsSet() || Secret("").IsSet() {
		t.Error("Reveal/IsSet do not return the value")
	}

	cfg := AuthConfig{TenantID: "t", ClientSecret: s, CertPassword: s, GitHubOIDCToken: s, AccessToken: s, ARMAccessToken: s}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assertNoLeak(t, "AuthConfig "+verb, fmt.Sprintf(verb, cfg))
		assertNoLeak(t, "*AuthConfig "+verb, fmt.Sprintf(verb, &cfg))
	}
}

func TestSecretRedactionEncoders(t *testing.T) {
	s := Secret(leak)
	j, err := json.Marshal(map[string]any{"secret": s, "cfg": struct{ Token Secret }{s}})
	if err != nil {
		t.Fatal(err)
	}
	assertNoLeak(t, "json", string(j))
	if !strings.Contains(string(j), `"[REDACTED]"`) {
		t.Errorf("json = %s", j)
	}
	y, err := yaml.Marshal(struct{ Token Secret }{s})
	if err != nil {
		t.Fatal(err)
	}
	assertNoLeak(t, "yaml", string(y))
	// Decoding still works: a Secret read from JSON config keeps its value.
	var back struct{ Token Secret }
	if err := json.Unmarshal([]byte(`{"Token":"`+leak+`"}`), &back); err != nil || back.Token.Reveal() != leak {
		t.Errorf("json decode: %v %v", err, back.Token == Secret(leak))
	}
}

func TestSecretRedactionSlog(t *testing.T) {
	s := Secret(leak)
	cfg := AuthConfig{TenantID: "t", ClientSecret: s, AccessToken: s}
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(h(&buf))
		log.Info("auth", "secret", s, "cfg", cfg, slog.Any("ptr", &cfg), slog.Group("g", "token", s))
		assertNoLeak(t, "slog "+name, buf.String())
		if !strings.Contains(buf.String(), "[REDACTED]") {
			t.Errorf("slog %s: %s", name, buf.String())
		}
	}
}

// Credentials hold MSAL clients whose unexported fields carry the secret;
// printing a credential must not dump them.
func TestCredentialFormatHidesSecrets(t *testing.T) {
	cfg := AuthConfig{Mode: AuthSecret, TenantID: "t", ClientID: "c", ClientSecret: leak}
	cred, _, err := NewCredential(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	static, _, err := NewCredential(context.Background(), AuthConfig{AccessToken: leak})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []Credential{cred, static} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			out := fmt.Sprintf(verb, c)
			assertNoLeak(t, "credential "+verb, out)
			if !strings.HasPrefix(out, "graph.Credential(") {
				t.Errorf("%s printed %q", verb, out)
			}
		}
	}
}

func TestAuthErrorRedaction(t *testing.T) {
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"
	in := strings.Join([]string{
		"secret " + leak,
		"encoded client_secret=hunter2-SuperSecret%21",
		"form client_assertion=abc.def.ghi&grant_type=client_credentials",
		`json {"access_token":"opaque-token-value","x":1}`,
		"header Authorization: Bearer opaque.bearer-value",
		"jwt " + jwt,
	}, "\n")
	out := authRedact(in, leak, leak+"!")
	for _, bad := range []string{leak, "hunter2", "abc.def.ghi", "opaque-token-value", "opaque.bearer-value", jwt} {
		if strings.Contains(out, bad) {
			t.Errorf("redacted text still contains %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "grant_type=client_credentials") {
		t.Errorf("redaction removed harmless text:\n%s", out)
	}

	e := authError(AuthSecret, "https://graph.microsoft.com/.default", context.DeadlineExceeded)
	if !errors.Is(e, context.DeadlineExceeded) {
		t.Errorf("deadline lost: %v", e)
	}
}
