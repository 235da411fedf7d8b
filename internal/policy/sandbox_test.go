package policy

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/entra-audit/entra-audit/internal/finding"
)

const customHeader = `
# METADATA
# title: A custom control.
# custom:
#   id: ACME.TEN.1v1
#   severity: high
#   family: tenant
#   frameworks: {}
#   remediation: Fix it.
#   references: []
#   requires:
#     - tenant.securityDefaults
package custom.tenant.sample

import data.lib.result
`

func TestSandboxRefusesForbiddenBuiltins(t *testing.T) {
	cases := map[string]string{
		"http.send":            `findings contains result.tenant_finding("tenant.securityDefaults", "x", {"r": http.send({"method": "GET", "url": "https://example.com"})}) if true`,
		"opa.runtime":          `findings contains result.tenant_finding("tenant.securityDefaults", "x", {"env": opa.runtime().env}) if true`,
		"time.now_ns":          `findings contains result.tenant_finding("tenant.securityDefaults", "x", {}) if time.now_ns() > 0`,
		"net.lookup_ip_addr":   `findings contains result.tenant_finding("tenant.securityDefaults", "x", {}) if net.lookup_ip_addr("example.com")`,
		"rand.intn":            `findings contains result.tenant_finding("tenant.securityDefaults", "x", {}) if rand.intn("x", 3) == 1`,
		"uuid.rfc4122":         `findings contains result.tenant_finding("tenant.securityDefaults", "x", {}) if uuid.rfc4122("x")`,
		"io.jwt.decode_verify": `findings contains result.tenant_finding("tenant.securityDefaults", "x", {}) if io.jwt.decode_verify("x", {"secret": "s"})`,
		"crypto.x509.parse_and_verify_certificates": `findings contains result.tenant_finding("tenant.securityDefaults", "x", {}) if ` +
			`crypto.x509.parse_and_verify_certificates(input.tenant.chain)[0]`,
		"crypto.x509.parse_and_verify_certificates_with_options": `findings contains result.tenant_finding("tenant.securityDefaults", "x", {}) if ` +
			`crypto.x509.parse_and_verify_certificates_with_options(input.tenant.chain, {})[0]`,
	}
	for builtin, rule := range cases {
		t.Run(builtin, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"sample/sample.rego": customHeader + "\n" + rule + "\n"})
			_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("Load = %v, want a *LoadError refusing %s", err, builtin)
			}
			file := filepath.Join(dir, "sample/sample.rego")
			want := fmt.Sprintf("custom policy %s:16: %s is not allowed: ", file, builtin)
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error = %q\nwant prefix %q", err, want)
			}
		})
	}
}

func TestSandboxAppliesToTests(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"sample/sample.rego":      customHeader + "\nfindings contains result.tenant_finding(\"tenant.securityDefaults\", \"on\", {}) if input.tenant.securityDefaults.isEnabled\n",
		"sample/sample_test.rego": "package custom.tenant.sample_test\n\ntest_clock if time.now_ns() > 0\n",
	})
	_, err := RunTests(context.Background(), TestOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "sample_test.rego:3: time.now_ns is not allowed") {
		t.Fatalf("RunTests = %v, want time.now_ns refused in the test file", err)
	}
}

func TestCapabilitiesKeepPureBuiltins(t *testing.T) {
	caps := Capabilities()
	if caps.AllowNet == nil || len(caps.AllowNet) != 0 {
		t.Errorf("AllowNet = %#v, want empty (no host), not nil (any host)", caps.AllowNet)
	}
	for _, name := range []string{"net.cidr_contains", "io.jwt.decode", "time.parse_rfc3339_ns", "uuid.parse", "glob.match"} {
		if !caps.ContainsBuiltin(name) {
			t.Errorf("pure builtin %s was removed", name)
		}
	}
	for name := range refusedBuiltins {
		if caps.ContainsBuiltin(name) {
			t.Errorf("forbidden builtin %s is still available", name)
		}
	}
}

func TestCustomControlFollowingTheContractIsEvaluated(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"sample/sample.rego": customHeader + `
findings contains result.tenant_finding("tenant.securityDefaults", "security defaults are on", {}) if {
	input.tenant.securityDefaults.isEnabled
}
`,
	})
	e := mustLoad(t, LoadOptions{CustomDirs: []string{dir}})
	r := resultByID(t, mustEvaluate(t, e, testInput()), "ACME.TEN.1v1")
	if r.Status != finding.StatusFail || r.Source != filepath.Join(dir, "sample/sample.rego") || r.Findings[0].Message != "security defaults are on" {
		t.Errorf("custom result = %+v", r)
	}
}

func TestCustomPoliciesStayOutOfBuiltinNamespaces(t *testing.T) {
	for pkg, want := range map[string]string{
		"lib.result":         "package lib.result is a built-in package (lib/result.rego)",
		"entra.controls.x.y": "package entra.controls.x.y: the entra namespace is reserved",
	} {
		dir := writeFiles(t, map[string]string{"x.rego": "package " + pkg + "\n\nfoo := 1\n"})
		_, err := Load(context.Background(), LoadOptions{Builtin: testPack(t), CustomDirs: []string{dir}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("package %s: Load = %v, want %q", pkg, err, want)
		}
	}
}

func TestCustomDirProblems(t *testing.T) {
	_, err := Load(context.Background(), LoadOptions{CustomDirs: []string{filepath.Join(t.TempDir(), "missing")}})
	if err == nil || !strings.Contains(err.Error(), "custom policy folder") {
		t.Errorf("missing folder: %v", err)
	}
	_, err = Load(context.Background(), LoadOptions{CustomDirs: []string{t.TempDir()}})
	if err == nil || !strings.Contains(err.Error(), "no .rego files") {
		t.Errorf("empty folder: %v", err)
	}
	dir := writeFiles(t, map[string]string{"bad.rego": "package custom.bad\n\nallow if {\n"})
	_, err = Load(context.Background(), LoadOptions{CustomDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "custom policy "+filepath.Join(dir, "bad.rego")+":") {
		t.Errorf("syntax error: %v", err)
	}
}

// TestSandboxDecidesEveryBuiltin walks this OPA's builtins: one marked
// nondeterministic must be refused, and one whose name suggests the
// network, the environment, the clock or randomness must be refused or
// reviewed as safe. An OPA upgrade adding such a builtin fails here until
// sandbox.go decides about it.
func TestSandboxDecidesEveryBuiltin(t *testing.T) {
	caps := Capabilities()
	present := map[string]bool{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		present[b.Name] = true
		_, refused := forbiddenReason(b.Name)
		allowed := caps.ContainsBuiltin(b.Name)
		switch {
		case refused == allowed:
			t.Errorf("%s: refused by checkSandbox = %v but in the capabilities = %v", b.Name, refused, allowed)
		case b.Nondeterministic && allowed:
			t.Errorf("%s is marked nondeterministic but allowed", b.Name)
		case sensitivePattern.MatchString(b.Name) && !refused && reviewedBuiltins[b.Name] == "":
			t.Errorf("%s looks like it may reach the network, environment, clock or randomness: refuse it (refusedBuiltins, with a reason) "+
				"or review it and add it to reviewedBuiltins with why it is safe", b.Name)
		}
	}
	for name := range reviewedBuiltins {
		if _, refused := forbiddenReason(name); refused {
			t.Errorf("%s is both refused and reviewed as safe", name)
		}
		if !present[name] {
			t.Errorf("reviewedBuiltins names %s, which this OPA does not have: drop it", name)
		}
	}
	for name, r := range refusedBuiltins {
		if !present[name] {
			t.Errorf("refusedBuiltins names %s, which this OPA does not have: drop it", name)
		}
		if !slices.Contains([]string{classNetwork, classEnvironment, classClock, classRandomness}, r.class) || r.reason == "" {
			t.Errorf("refusedBuiltins[%s] = %+v: want a class and a reason", name, r)
		}
	}
}

// TestRefusedBuiltinsAreDocumented: the authoring guide names every
// builtin the sandbox refuses in this OPA.
func TestRefusedBuiltinsAreDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/policy-authoring.md")
	if err != nil {
		t.Fatal(err)
	}
	refused := RefusedBuiltins()
	if len(refused) < len(refusedBuiltins) {
		t.Fatalf("RefusedBuiltins() = %d builtins, fewer than the %d named", len(refused), len(refusedBuiltins))
	}
	for _, r := range refused {
		if !strings.Contains(string(b), "`"+r.Name+"`") {
			t.Errorf("docs/policy-authoring.md does not name the refused builtin `%s` (%s: %s)", r.Name, r.Class, r.Reason)
		}
	}
}
