package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/graph"
)

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConnectResolveClouds(t *testing.T) {
	for _, tc := range []struct {
		cloud, graphURL, authority string
	}{
		{"global", "https://graph.microsoft.com", "https://login.microsoftonline.com"},
		{"usgov", "https://graph.microsoft.us", "https://login.microsoftonline.us"},
		{"usgovdod", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us"},
		{"china", "https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn"},
	} {
		o := connectOptions{Auth: "auto", Cloud: tc.cloud}
		cloud, cfg, err := o.resolve(envMap(nil))
		if err != nil {
			t.Fatalf("%s: %v", tc.cloud, err)
		}
		if cloud.GraphURL != tc.graphURL || cfg.AuthorityHost != tc.authority || cfg.GraphURL != tc.graphURL {
			t.Errorf("%s: graph %q authority %q", tc.cloud, cloud.GraphURL, cfg.AuthorityHost)
		}
	}
}

func TestConnectResolveOverridesAndPrecedence(t *testing.T) {
	env := envMap(map[string]string{
		"AZURE_TENANT_ID":      "env-tenant",
		"AZURE_CLIENT_ID":      "env-client",
		"AZURE_AUTHORITY_HOST": "https://login.example.test",
	})
	o := connectOptions{Auth: "secret", Cloud: "global", Tenant: "flag-tenant", GraphURL: "http://127.0.0.1:8443/", ARMURL: "https://arm.example.test"}
	cloud, cfg, err := o.resolve(env)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.TenantID != "flag-tenant" || cfg.ClientID != "env-client" || cfg.Mode != graph.AuthSecret {
		t.Errorf("flags must win over env, env fills the rest: %+v", cfg)
	}
	if cloud.GraphURL != "http://127.0.0.1:8443" || cfg.GraphURL != cloud.GraphURL || cloud.ARMURL != "https://arm.example.test" {
		t.Errorf("endpoint overrides not applied: %+v", cloud)
	}
	if cfg.AuthorityHost != "https://login.example.test" {
		t.Errorf("AZURE_AUTHORITY_HOST must apply without --authority-url, got %q", cfg.AuthorityHost)
	}
	o.AuthorityURL = "https://login.flag.test/"
	if _, cfg, _ = o.resolve(env); cfg.AuthorityHost != "https://login.flag.test" {
		t.Errorf("--authority-url must win, got %q", cfg.AuthorityHost)
	}
}

func TestConnectResolveRejectsBadInput(t *testing.T) {
	for name, o := range map[string]connectOptions{
		"unknown cloud":           {Auth: "auto", Cloud: "mars"},
		"unknown auth":            {Auth: "password", Cloud: "global"},
		"http graph off loopback": {Auth: "auto", Cloud: "global", GraphURL: "http://graph.example.com"},
		"http arm off loopback":   {Auth: "auto", Cloud: "global", ARMURL: "http://10.0.0.1"},
		"http authority":          {Auth: "auto", Cloud: "global", AuthorityURL: "http://127.0.0.1:1"},
		"relative graph url":      {Auth: "auto", Cloud: "global", GraphURL: "graph.microsoft.com"},
		"ftp graph url":           {Auth: "auto", Cloud: "global", GraphURL: "ftp://127.0.0.1"},
	} {
		_, _, err := o.resolve(envMap(nil))
		if exitCode(err) != ExitUsage {
			t.Errorf("%s: want a usage error (exit 2), got %v", name, err)
		}
	}
}

func TestConnectAccessTokenWithoutARMToken(t *testing.T) {
	f := &Factory{IO: &IO{Getenv: envMap(map[string]string{"ENTRA_AUDIT_ACCESS_TOKEN": "opaque-token"})}, Version: "test"}
	o := connectOptions{Auth: "auto", Cloud: "global", GraphURL: "http://127.0.0.1:1"}
	conn, err := o.connect(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if conn.Mode != graph.AuthAccessToken || conn.Graph == nil {
		t.Fatalf("want access-token mode with a Graph client, got %v", conn.Mode)
	}
	if conn.ARM != nil {
		t.Error("without ENTRA_AUDIT_ARM_ACCESS_TOKEN there must be no ARM client, so ARM data is recorded as not available")
	}
}

func TestConnectNoCredentialsIsUsageError(t *testing.T) {
	f := &Factory{IO: &IO{Getenv: envMap(nil)}, Version: "test"}
	o := connectOptions{Auth: "auto", Cloud: "global"}
	_, err := o.connect(context.Background(), f)
	if exitCode(err) != ExitUsage || !strings.Contains(err.Error(), "AZURE_") {
		t.Fatalf("want a usage error naming the variables to set, got %v", err)
	}
}

func TestConnectRecordedCloud(t *testing.T) {
	for _, tc := range []struct {
		o    connectOptions
		want string
	}{
		{connectOptions{}, "global"},
		{connectOptions{Cloud: "usgov"}, "usgov"},
		{connectOptions{GraphURL: "https://graph.example.test"}, "unknown"},
		{connectOptions{Cloud: "usgov", GraphURL: "https://graph.example.test"}, "usgov"},
	} {
		cloud, _, err := tc.o.resolve(envMap(nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := tc.o.recordedCloud(cloud); got != tc.want {
			t.Errorf("%+v: records %q, want %q", tc.o, got, tc.want)
		}
	}
}
