package policy

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// sharedPack is the test pack with a library whose rule c conflicts (two
// bodies, two values) and whose rule n reads input.n, and controls that
// read them, one under `with`.
func sharedPack(t *testing.T) fstest.MapFS {
	m := testPack(t).(fstest.MapFS)
	m["lib/shared.rego"] = &fstest.MapFile{Data: []byte(`package lib.shared

c := 1 if input.n > 0

c := 2 if input.n > 0

n := input.n
`)}
	control := func(id, body string) []byte {
		return []byte(`# METADATA
# title: A control of the shared cache test.
# custom:
#   id: ` + id + `
#   severity: low
#   family: tenant
#   frameworks: {}
#   remediation: None.
#   references: []
#   requires: []
package test.ctl.shared_` + id[5:6] + `

import data.lib.result
import data.lib.shared

` + body + "\n")
	}
	m["ctl/shared_1/a.rego"] = &fstest.MapFile{Data: control("T.SH.1v1",
		`findings contains result.tenant_finding("tenant.securityDefaults", "c is 1", {}) if shared.c == 1`)}
	m["ctl/shared_2/a.rego"] = &fstest.MapFile{Data: control("T.SH.2v1",
		`findings contains result.tenant_finding("tenant.securityDefaults", "c is 1", {}) if shared.c == 1`)}
	m["ctl/shared_3/a.rego"] = &fstest.MapFile{Data: control("T.SH.3v1",
		`findings contains result.tenant_finding("tenant.securityDefaults", sprintf("n is %v", [v]), {}) if v := shared.n with input.n as 5`)}
	m["ctl/shared_4/a.rego"] = &fstest.MapFile{Data: control("T.SH.4v1",
		`findings contains result.tenant_finding("tenant.securityDefaults", sprintf("n is %v", [shared.n]), {})`)}
	return m
}

// evaluateInOrder evaluates the controls ids one after the other with one
// shared cache, as Evaluate would if they ran in that order.
func evaluateInOrder(t *testing.T, e *Engine, input map[string]any, ids ...string) map[string]finding.Result {
	t.Helper()
	value, err := ast.InterfaceToValue(withEvaluationTime(input, evalTime))
	if err != nil {
		t.Fatal(err)
	}
	guard := newHeapGuard(DefaultHeapGuard)
	defer guard.stop()
	shared := newSharedCache()
	out := map[string]finding.Result{}
	for _, id := range ids {
		for _, c := range e.controls {
			if c.meta.ID == id {
				out[id], _ = e.evaluate(context.Background(), c, value, collectionOf(input), nil,
					EvalOptions{Time: evalTime}, DefaultTimeout, guard, shared)
			}
		}
	}
	return out
}

// TestSharedCacheKeepsFailedValuesAndWithOut: a value cached by a control
// whose evaluation failed (here OPA caches c = 1 before it finds the
// conflicting 2) is not served to the next control, and a value computed
// under `with` neither reaches another control nor is served to it.
func TestSharedCacheKeepsFailedValuesAndWithOut(t *testing.T) {
	e := mustLoad(t, LoadOptions{Builtin: sharedPack(t)})
	in := testInput()
	in["n"] = 7
	for _, order := range [][]string{{"T.SH.1v1", "T.SH.2v1"}, {"T.SH.2v1", "T.SH.1v1"}} {
		for id, r := range evaluateInOrder(t, e, in, order...) {
			if r.Status != finding.StatusError {
				t.Errorf("%v: %s = %s %q, want error (c conflicts)", order, id, r.Status, r.Message)
			}
		}
	}
	want := map[string]string{"T.SH.3v1": "n is 5", "T.SH.4v1": "n is 7"}
	for _, order := range [][]string{{"T.SH.3v1", "T.SH.4v1", "T.SH.3v1"}, {"T.SH.4v1", "T.SH.3v1", "T.SH.4v1"}} {
		for id, r := range evaluateInOrder(t, e, in, order...) {
			if len(r.Findings) != 1 || r.Findings[0].Message != want[id] {
				t.Errorf("%v: %s = %+v, want one finding %q", order, id, r.Findings, want[id])
			}
		}
	}
}

// TestSharedCacheServesLibraryValuesOnly: a library rule computed by a
// control that succeeded is served to the next; a control's own rules and
// function calls are not.
func TestSharedCacheServesLibraryValuesOnly(t *testing.T) {
	s := newSharedCache()
	lib := ast.MustParseRef("data.lib.roles.grants")
	own := ast.MustParseRef("data.entra.x.findings")
	call := ast.Ref{ast.NewTerm(ast.MustParseRef("data.lib.props.str")), ast.StringTerm("a")}
	a := s.forControl()
	for _, r := range []ast.Ref{lib, own, call} {
		a.Put(r, ast.StringTerm("v"))
	}
	b := s.forControl()
	if v, _ := b.Get(lib); v != nil {
		t.Error("a value was shared before its control finished")
	}
	a.publish()
	c := s.forControl()
	if v, _ := c.Get(lib); v == nil || !v.Equal(ast.StringTerm("v")) {
		t.Errorf("%v = %v, want it shared", lib, v)
	}
	for _, r := range []ast.Ref{own, call} {
		if v, _ := c.Get(r); v != nil {
			t.Errorf("%v was shared: %v", r, v)
		}
	}
	c.Push()
	if v, _ := c.Get(lib); v != nil {
		t.Error("a shared value was served under with")
	}
}

// TestSharedConfigValuesAreSafe: many controls read their configuration
// through lib.config, whose value every control running at once shares.
// Data read from the store must be plain AST values, not OPA's lazy
// objects that fill a cache as they are read (a data race, found as
// "concurrent map writes"; go test -race shows it at once).
func TestSharedConfigValuesAreSafe(t *testing.T) {
	m := testPack(t).(fstest.MapFS)
	yaml := "controls:\n"
	for i := range 16 {
		id := fmt.Sprintf("T.SX.%dv1", i+1)
		m[fmt.Sprintf("ctl/sx_%d/a.rego", i)] = &fstest.MapFile{Data: []byte(`# METADATA
# title: A control that reads its configuration.
# custom:
#   id: ` + id + `
#   severity: low
#   family: tenant
#   frameworks: {}
#   remediation: None.
#   references: []
#   requires: []
package test.ctl.sx_` + fmt.Sprint(i) + `

import data.lib.config
import data.lib.result

findings contains result.tenant_finding("tenant.securityDefaults", concat(",", config.exclusions(rego.metadata.chain()).users), {})
`)}
		yaml += fmt.Sprintf("  %s:\n    exclusions:\n      users: [%s]\n", id, sxUser(i+1))
	}
	e := mustLoad(t, LoadOptions{Builtin: m, Config: mustConfig(t, yaml)})
	for range 20 {
		ev := mustEvaluate(t, e, testInput())
		for i := range 16 {
			r := resultByID(t, ev, fmt.Sprintf("T.SX.%dv1", i+1))
			if len(r.Findings) != 1 || r.Findings[0].Message != sxUser(i+1) {
				t.Fatalf("%s = %+v", r.ID, r.Findings)
			}
		}
	}
}

func sxUser(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }
