package cli

// Property tests over the whole built-in pack, on copies of the demo
// snapshot (docs/policy-authoring.md, "Absent or null is never a pass"):
//
//   - null everywhere: every scalar (then every object and list) of every
//     object of one family at a time is set to null. No control may fail
//     to evaluate: Graph returns many properties as null, and a policy
//     that stops on a type error (lower(null)) reports nothing at all.
//   - delete one field: for every object a control fails on, each of its
//     fields (at any depth) is deleted in turn, and so is each property the
//     control declares in METADATA custom.reads on every object of that
//     resource. The control may then report error (a property Graph always
//     returns is absent) or still fail, never pass and never
//     not_applicable: a control that judges a missing field as compliant
//     is a fail-open, unless its METADATA says what that absence means
//     (a custom.reads entry "property: meaning", a documented Graph
//     default). A deletion that changes the verdict must be of a property
//     the control declares in custom.reads.
//   - null one field: one scalar of one object at a time set to null,
//     sampled over the whole snapshot: no evaluation error either.
//
// The full cross product takes minutes on two cores (about 2,100 deletions,
// 3.5 min; 2,700 single nulls), so it is sampled: ENTRA_AUDIT_PROPERTY_SEED
// fixes the seed (printed with every run, random otherwise),
// ENTRA_AUDIT_PROPERTY_SAMPLES sets how many are evaluated ("all" for
// every one; default propertySamples deletions, nullSamples nulls). One
// deletion of every property each failing control declares is always run.

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// propertySamples is how many sampled deletions a default run evaluates on
// top of the declared ones (about 0.08 s each on two cores).
const propertySamples = 100

var propertyTime = time.Date(2026, 11, 26, 10, 5, 0, 0, time.UTC)

// propertyFixture is the demo snapshot and an engine with the demo's
// configuration minus its waivers (a waived result hides its verdict).
type propertyFixture struct {
	input    map[string]any
	config   *policy.Config
	engine   *policy.Engine
	controls map[string]finding.Control
}

// demoInput is the demo snapshot's input document, taken once for all the
// property tests (each test copies what it changes).
var demoInput = sync.OnceValues(func() (map[string]any, error) {
	dir, err := os.MkdirTemp("", "entra-audit-property-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if code, _, stderr := auditMainIO("snapshot", "--demo", "--out", dir+"/snapshot"); code != ExitOK {
		return nil, fmt.Errorf("snapshot --demo: exit %d\n%s", code, stderr)
	}
	snap, err := snapshot.Load(dir + "/snapshot")
	if err != nil {
		return nil, err
	}
	return snap.Input, nil
})

func newPropertyFixture(t *testing.T) *propertyFixture {
	t.Helper()
	input, err := demoInput()
	if err != nil {
		t.Fatal(err)
	}
	cfg := demoConfigWithoutWaivers(t)
	engine, err := loadEngine(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	fx := &propertyFixture{input: input, config: cfg, engine: engine, controls: map[string]finding.Control{}}
	for _, c := range engine.Controls() {
		fx.controls[c.ID] = c
	}
	return fx
}

func demoConfigWithoutWaivers(t *testing.T) *policy.Config {
	t.Helper()
	cfg, err := policy.ParseConfig(demo.ConfigName, demo.Config)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Waivers = nil
	return cfg
}

func (fx *propertyFixture) evaluate(t *testing.T, engine *policy.Engine, input map[string]any) map[string]finding.Result {
	t.Helper()
	ev, err := engine.Evaluate(context.Background(), input, policy.EvalOptions{Time: propertyTime})
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]finding.Result, len(ev.Results))
	for _, r := range ev.Results {
		out[r.ID] = r
	}
	return out
}

// evalFailure says whether a result is an error because the Rego stopped
// (a type error, a conflict), rather than one the control or the engine
// chose (data not collected, a property absent).
func evalFailure(r finding.Result) bool {
	if r.Status != finding.StatusError {
		return false
	}
	for _, s := range []string{"failed to evaluate", "eval_type_error", "eval_conflict_error", "operand", "must be", "malformed"} {
		if strings.Contains(r.Message, s) {
			return true
		}
	}
	return false
}

// families are the snapshot's family sections of the input document.
func families(input map[string]any) []string {
	var out []string
	for k, v := range input {
		if _, ok := v.(map[string]any); ok && k != "meta" && k != "collection" && k != "drift" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// TestPropertyNullEverywhere sets every scalar, then every object and list,
// of one family at a time to null: no control may stop with an evaluation
// error.
func TestPropertyNullEverywhere(t *testing.T) {
	fx := newPropertyFixture(t)
	for _, mode := range []string{"scalars", "containers"} {
		for _, fam := range families(fx.input) {
			t.Run(mode+"/"+fam, func(t *testing.T) {
				input := maps.Clone(fx.input)
				input[fam] = nullify(deepCopy(fx.input[fam]), mode == "containers", 0)
				for id, r := range fx.evaluate(t, fx.engine, input) {
					if evalFailure(r) {
						t.Errorf("%s with every %s of %s null: %s: %s", id, mode, fam, r.Status, r.Message)
					}
				}
			})
		}
	}
}

// nullSamples is how many single fields TestPropertyNullOneField sets to
// null on a default run (the whole pack is evaluated for each).
const nullSamples = 24

// TestPropertyNullOneField sets one scalar field of one object to null at a
// time, sampled over every object of every family (ENTRA_AUDIT_PROPERTY_SEED,
// ENTRA_AUDIT_PROPERTY_SAMPLES as for deletions): null everywhere stops
// controls early, a single null reaches the code behind their conditions.
func TestPropertyNullOneField(t *testing.T) {
	fx := newPropertyFixture(t)
	var all []plannedDeletion
	for _, fam := range families(fx.input) {
		for res := range fx.input[fam].(map[string]any) {
			key := fam + "." + res
			for i, o := range resourceObjects(fx.input, key) {
				for _, path := range fieldPaths(o, nil) {
					d := deletion{key: key, index: i, path: path}
					if isScalar(d.value(fx.input)) {
						all = append(all, plannedDeletion{deletion: d})
					}
				}
			}
		}
	}
	slices.SortFunc(all, func(a, b plannedDeletion) int { return strings.Compare(a.String(), b.String()) })
	seed, n := propertySeed(t), propertySampleCount(t)
	if n == propertySamples {
		n = nullSamples
	}
	picked := sample(all, n, seed)
	t.Logf("seed %d (ENTRA_AUDIT_PROPERTY_SEED=%d to repeat): %d of %d scalar fields set to null, one at a time",
		seed, seed, len(picked), len(all))
	for _, p := range picked {
		for id, r := range fx.evaluate(t, fx.engine, p.nullify(fx.input)) {
			if evalFailure(r) {
				t.Errorf("%s with %s null: %s: %s", id, p.deletion, r.Status, r.Message)
			}
		}
	}
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any, nil:
		return false
	}
	return true
}

// nullify sets the scalars (or, with containers, the objects and lists)
// below depth 2 of a family section to null: the family's resources and
// the list of a collection stay, their objects' fields become null.
func nullify(v any, containers bool, depth int) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			_, isMap := e.(map[string]any)
			_, isList := e.([]any)
			switch {
			case depth >= 2 && containers && (isMap || isList):
				x[k] = nil
			case isMap || isList:
				x[k] = nullify(e, containers, depth+1)
			case depth >= 1 && !containers:
				x[k] = nil
			}
		}
	case []any:
		for i, e := range x {
			_, isMap := e.(map[string]any)
			_, isList := e.([]any)
			switch {
			case isMap || isList:
				// A collection's objects (depth 1) always stay objects.
				if depth >= 2 && containers {
					x[i] = nil
				} else {
					x[i] = nullify(e, containers, depth+1)
				}
			case !containers:
				x[i] = nil
			}
		}
	}
	return v
}

// deletion is one field removed from one object of the input.
type deletion struct {
	key   string // resource key: conditionalAccess.policies
	index int    // the object's index in a collection; -1 for a singleton
	path  []any  // string keys and int list indexes inside the object
}

func (d deletion) String() string {
	obj := d.key
	if d.index >= 0 {
		obj = fmt.Sprintf("%s[%d]", d.key, d.index)
	}
	return obj + "." + pathText(d.path, false)
}

// property is the deleted field as METADATA custom.reads names it:
// resource key, then the path with list indexes written [].
func (d deletion) property() string { return d.key + "." + pathText(d.path, true) }

func pathText(path []any, generic bool) string {
	var b strings.Builder
	for _, p := range path {
		switch x := p.(type) {
		case int:
			if generic {
				b.WriteString("[]")
			} else {
				fmt.Fprintf(&b, "[%d]", x)
			}
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(x)
		}
	}
	return b.String()
}

// covers says whether a declared read covers a deleted property: one is
// the other or lies below it (deleting conditions removes
// conditions.users.excludeUsers).
func covers(read, property string) bool {
	return read == property || strings.HasPrefix(property, read+".") || strings.HasPrefix(property, read+"[]") ||
		strings.HasPrefix(read, property+".") || strings.HasPrefix(read, property+"[]")
}

// absentMeans says whether the control declares what the absence of the
// property (or of a property below it) means: a documented Graph default
// it judges itself, so a verdict from it is the control's stated reading.
func absentMeans(c finding.Control, property string) bool {
	for r := range c.Absent {
		if r == property || strings.HasPrefix(r, property+".") || strings.HasPrefix(r, property+"[]") {
			return true
		}
	}
	return false
}

func declares(c finding.Control, property string) bool {
	for _, r := range c.Reads {
		if covers(r, property) {
			return true
		}
	}
	return false
}

// resourceObjects are the objects of a resource: a collection's list, or a
// singleton as one object (index -1).
func resourceObjects(input map[string]any, key string) map[int]map[string]any {
	fam, res, _ := strings.Cut(key, ".")
	section, _ := input[fam].(map[string]any)
	out := map[int]map[string]any{}
	switch v := section[res].(type) {
	case map[string]any:
		out[-1] = v
	case []any:
		for i, e := range v {
			if o, ok := e.(map[string]any); ok {
				out[i] = o
			}
		}
	}
	return out
}

// objectID is the id a finding names an object by (lib.result.object_id).
func objectID(o map[string]any) string {
	for _, k := range []string{"id", "tenantId", "skuId"} {
		if s, ok := o[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// fieldPaths lists every field of an object at any depth, through lists.
func fieldPaths(v any, prefix []any) [][]any {
	var out [][]any
	switch x := v.(type) {
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		for _, k := range keys {
			p := append(slices.Clip(prefix), k)
			out = append(out, p)
			out = append(out, fieldPaths(x[k], p)...)
		}
	case []any:
		for i, e := range x {
			out = append(out, fieldPaths(e, append(slices.Clip(prefix), i))...)
		}
	}
	return out
}

// hasPath says whether obj holds the generic path (list indexes as []) of
// a declared read, and expands it into the concrete paths it holds.
func concretePaths(v any, parts []string, prefix []any) [][]any {
	if len(parts) == 0 {
		return [][]any{prefix}
	}
	name, list := strings.CutSuffix(parts[0], "[]")
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	e, ok := m[name]
	if !ok {
		return nil
	}
	p := append(slices.Clip(prefix), name)
	if !list {
		return concretePaths(e, parts[1:], p)
	}
	if len(parts) == 1 {
		return [][]any{p}
	}
	items, _ := e.([]any)
	var out [][]any
	for i, item := range items {
		out = append(out, concretePaths(item, parts[1:], append(slices.Clip(p), i))...)
	}
	return out
}

// value is the field's value in input.
func (d deletion) value(input map[string]any) any {
	var cur any = resourceObjects(input, d.key)[d.index]
	for _, p := range d.path {
		switch x := p.(type) {
		case string:
			cur = cur.(map[string]any)[x]
		case int:
			cur = cur.([]any)[x]
		}
	}
	return cur
}

// nullify returns a copy of input with the field set to null.
func (d deletion) nullify(input map[string]any) map[string]any { return d.edit(input, true) }

// apply returns a copy of input with the deletion made (the containers on
// the way copied, the rest shared).
func (d deletion) apply(input map[string]any) map[string]any { return d.edit(input, false) }

func (d deletion) edit(input map[string]any, null bool) map[string]any {
	fam, res, _ := strings.Cut(d.key, ".")
	out := maps.Clone(input)
	section := maps.Clone(out[fam].(map[string]any))
	out[fam] = section
	var obj map[string]any
	if d.index < 0 {
		obj = deepCopy(section[res]).(map[string]any)
		section[res] = obj
	} else {
		list := slices.Clone(section[res].([]any))
		obj = deepCopy(list[d.index]).(map[string]any)
		list[d.index] = obj
		section[res] = list
	}
	var cur any = obj
	for _, p := range d.path[:len(d.path)-1] {
		switch x := p.(type) {
		case string:
			cur = cur.(map[string]any)[x]
		case int:
			cur = cur.([]any)[x]
		}
	}
	last := d.path[len(d.path)-1]
	switch x := cur.(type) {
	case map[string]any:
		if null {
			x[last.(string)] = nil
		} else {
			delete(x, last.(string))
		}
	case []any:
		x[last.(int)] = nil
	}
	return out
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}

// targets are the objects a failing control's findings point at: the
// object with the finding's id, or every object of the resource for a
// finding about the tenant as a whole (no id).
func targets(input map[string]any, r finding.Result) map[string]map[int]bool {
	out := map[string]map[int]bool{}
	for _, f := range r.Findings {
		objs := resourceObjects(input, f.Resource.Type)
		for i, o := range objs {
			if f.Resource.ID == "" || strings.EqualFold(objectID(o), f.Resource.ID) || (i < 0 && f.Resource.ID != "") {
				if out[f.Resource.Type] == nil {
					out[f.Resource.Type] = map[int]bool{}
				}
				out[f.Resource.Type][i] = true
			}
		}
	}
	return out
}

// plannedDeletion is a deletion and the failing controls it must not make
// pass; always is true when it is the one deletion chosen to cover a
// property a failing control declares (run on every run, not sampled).
type plannedDeletion struct {
	deletion
	controls []string
	always   bool
}

// planDeletions lists, for the controls failing on input, every field of
// every object they fail on and every property they declare on every
// object of its resource. For each declared property of each failing
// control one deletion is marked always: on an object the control fails
// on when one holds it, else on the first object that does.
func planDeletions(input map[string]any, base map[string]finding.Result, controls map[string]finding.Control) []plannedDeletion {
	planned := map[string]*plannedDeletion{}
	add := func(d deletion, id string) *plannedDeletion {
		k := d.String()
		p, ok := planned[k]
		if !ok {
			p = &plannedDeletion{deletion: d}
			planned[k] = p
		}
		if !slices.Contains(p.controls, id) {
			p.controls = append(p.controls, id)
		}
		return p
	}
	for _, id := range slices.Sorted(maps.Keys(base)) {
		r := base[id]
		if r.Status != finding.StatusFail {
			continue
		}
		c := controls[id]
		tgts := targets(input, r)
		for key, idx := range tgts {
			objs := resourceObjects(input, key)
			for i := range idx {
				for _, path := range fieldPaths(objs[i], nil) {
					add(deletion{key: key, index: i, path: path}, id)
				}
			}
		}
		for _, read := range c.Reads {
			key, parts := policy.ReadPath(read)
			objs := resourceObjects(input, key)
			var first, onTarget *plannedDeletion
			for _, i := range slices.Sorted(maps.Keys(objs)) {
				for _, path := range concretePaths(objs[i], parts, nil) {
					p := add(deletion{key: key, index: i, path: path}, id)
					if first == nil {
						first = p
					}
					if onTarget == nil && tgts[key][i] {
						onTarget = p
					}
				}
			}
			switch {
			case onTarget != nil:
				onTarget.always = true
			case first != nil:
				first.always = true
			}
		}
	}
	out := make([]plannedDeletion, 0, len(planned))
	for _, k := range slices.Sorted(maps.Keys(planned)) {
		out = append(out, *planned[k])
	}
	return out
}

// propertySeed and propertySampleCount read the sampling knobs.
func propertySeed(t *testing.T) uint64 {
	if s := os.Getenv("ENTRA_AUDIT_PROPERTY_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("ENTRA_AUDIT_PROPERTY_SEED=%q is not a number", s)
		}
		return n
	}
	return uint64(time.Now().UnixNano())
}

func propertySampleCount(t *testing.T) int {
	switch s := os.Getenv("ENTRA_AUDIT_PROPERTY_SAMPLES"); s {
	case "":
		return propertySamples
	case "all":
		return -1
	default:
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			t.Fatalf("ENTRA_AUDIT_PROPERTY_SAMPLES=%q: give a number or all", s)
		}
		return n
	}
}

// sample picks n deletions (all with n < 0) with the seed, round-robin over
// the resources so that one large resource does not take every sample.
func sample(rest []plannedDeletion, n int, seed uint64) []plannedDeletion {
	if n < 0 || n >= len(rest) {
		return rest
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	byKey := map[string][]plannedDeletion{}
	for _, p := range rest {
		byKey[p.key] = append(byKey[p.key], p)
	}
	keys := slices.Sorted(maps.Keys(byKey))
	for _, k := range keys {
		l := byKey[k]
		rng.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
	}
	var out []plannedDeletion
	for len(out) < n {
		for _, k := range keys {
			if len(byKey[k]) > 0 && len(out) < n {
				out = append(out, byKey[k][0])
				byKey[k] = byKey[k][1:]
			}
		}
	}
	return out
}

// failingOnly is an engine with only the controls that fail at baseline
// enabled: each deletion then costs a fraction of the whole pack.
func (fx *propertyFixture) failingOnly(t *testing.T, base map[string]finding.Result) *policy.Engine {
	t.Helper()
	cfg := demoConfigWithoutWaivers(t)
	if cfg.Controls == nil {
		cfg.Controls = map[string]policy.ControlConfig{}
	}
	for id, r := range base {
		if r.Status != finding.StatusFail {
			cc := cfg.Controls[id]
			cc.Disabled = true
			cfg.Controls[id] = cc
		}
	}
	engine, err := loadEngine(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return engine
}

// TestPropertyDeleteOneField deletes the fields failing controls read, one
// at a time: never a pass (nor not_applicable) from a fail.
func TestPropertyDeleteOneField(t *testing.T) {
	start := time.Now()
	fx := newPropertyFixture(t)
	base := fx.evaluate(t, fx.engine, fx.input)
	plan := planDeletions(fx.input, base, fx.controls)
	var always, rest []plannedDeletion
	for _, p := range plan {
		if p.always {
			always = append(always, p)
		} else {
			rest = append(rest, p)
		}
	}
	seed, n := propertySeed(t), propertySampleCount(t)
	sampled := sample(rest, n, seed)
	t.Logf("seed %d (ENTRA_AUDIT_PROPERTY_SEED=%d to repeat); %d deletions planned: %d cover each property a "+
		"failing control declares, all run; %d of the other %d sampled across resources "+
		"(ENTRA_AUDIT_PROPERTY_SAMPLES=all runs every one)", seed, seed, len(plan), len(always), len(sampled), len(rest))
	engine := fx.failingOnly(t, base)
	for _, p := range slices.Concat(always, sampled) {
		got := fx.evaluate(t, engine, p.apply(fx.input))
		for _, id := range p.controls {
			r := got[id]
			switch {
			case evalFailure(r):
				t.Errorf("%s: deleting %s: the policy stops: %s", id, p.deletion, r.Message)
			case (r.Status == finding.StatusPass || r.Status == finding.StatusNotApplicable) && !absentMeans(fx.controls[id], p.property()):
				t.Errorf("%s: fail becomes %s when %s is deleted (%s): absent must be error, never a pass",
					id, r.Status, p.deletion, r.Message)
			case r.Status != finding.StatusFail && !declares(fx.controls[id], p.property()):
				t.Errorf("%s: fail becomes %s when %s is deleted, but METADATA custom.reads does not list %s",
					id, r.Status, p.deletion, p.property())
			}
		}
	}
	t.Logf("%d deletions evaluated in %v", len(always)+len(sampled), time.Since(start).Round(time.Millisecond))
}

// TestEveryControlDeclaresItsReads: the catalogue lists what each built-in
// control reads, and the deletions above exercise it. Manual controls read
// nothing; the change-aware family (drift) judges input.drift.
func TestEveryControlDeclaresItsReads(t *testing.T) {
	engine, err := loadEngine(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := engine.Evaluate(context.Background(), map[string]any{}, policy.EvalOptions{Time: propertyTime})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ev.Results {
		if r.Family == "drift" || r.Status == finding.StatusManual {
			continue
		}
		if len(r.Reads) == 0 {
			t.Errorf("%s declares no METADATA custom.reads: list the properties its verdict depends on", r.ID)
		}
	}
}

// TestAuditCloudRule audits the demo snapshot with its manifest's cloud and
// entra-audit.yaml's cloud in each combination: the manifest's recorded
// cloud wins, the configuration's applies when the manifest does not know,
// and two known clouds that differ stop the audit naming both. MS.AAD.9.1v1
// (not applicable in GCC High and DoD) shows which cloud the controls saw.
func TestAuditCloudRule(t *testing.T) {
	snap := demoSnapshot(t)
	manifest := filepath.Join(snap, "manifest.yaml")
	original, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		manifest, config string
		code             int
		want             finding.Status // of MS.AAD.9.1v1
	}{
		{"global", "", ExitOK, finding.StatusFail},
		{"unknown", "usgov", ExitOK, finding.StatusNotApplicable},
		{"unknown", "", ExitOK, finding.StatusFail},
		{"usgovdod", "", ExitOK, finding.StatusNotApplicable},
		{"usgov", "usgov", ExitOK, finding.StatusNotApplicable},
		{"global", "usgov", ExitUsage, ""},
	} {
		name := tc.manifest + "+" + tc.config
		b := bytes.Replace(original, []byte("\ncloud: global\n"), []byte("\ncloud: "+tc.manifest+"\n"), 1)
		if err := os.WriteFile(manifest, b, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg := filepath.Join(t.TempDir(), "entra-audit.yaml")
		text := string(demo.Config)
		if tc.config != "" {
			text += "\ncloud: " + tc.config + "\n"
		}
		if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := auditMain(t, "audit", "--snapshot", snap, "--out", out, "--format", "json",
			"--config", cfg, "--evaluation-time", fixedTime)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d\n%s", name, code, tc.code, stderr)
			continue
		}
		if tc.code != ExitOK {
			if !strings.Contains(stderr, "collected in cloud global") || !strings.Contains(stderr, "says cloud usgov") {
				t.Errorf("%s: the error does not name both clouds:\n%s", name, stderr)
			}
			continue
		}
		for _, r := range readFindings(t, out).Controls {
			if r.ID == "MS.AAD.9.1v1" && r.Status != tc.want {
				t.Errorf("%s: MS.AAD.9.1v1 is %s (%s), want %s", name, r.Status, r.Message, tc.want)
			}
		}
	}
}
