package policy

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// Locator points at an object's file and line in the snapshot tree. The CLI
// adapts the snapshot package to it; the engine never reads snapshots.
type Locator interface {
	Locate(key, id string) (finding.Location, bool)
}

// EvalOptions are the per-run inputs of Evaluate.
type EvalOptions struct {
	// Time is the evaluation time, given to policies as
	// input.meta.evaluationTime and used to expire waivers. Required.
	Time time.Time
	// Locator adds snapshot file and line to findings; nil adds none.
	Locator Locator
	// Timeout bounds each control's evaluation (--policy-timeout); a
	// control that runs longer ends as its own `error` result and the
	// others still run. Zero means DefaultTimeout.
	Timeout time.Duration
	// HeapGuard is the memory guard, in bytes of heap growth since
	// Evaluate began: while the heap has grown by more, the controls
	// running are stopped, and each is then run again alone to find the
	// one at fault. A guard, not a per-query limit (OPA has none): see
	// heapGuard. Zero means DefaultHeapGuard.
	HeapGuard uint64
}

// Defaults of EvalOptions' limits.
const (
	// DefaultTimeout: a runaway policy costs at most this, once, while a
	// false timeout fails an audit that should pass, so it is generous.
	// Measured on a shared 2-core machine: the slowest built-in controls
	// scale with the service principals at about 0.1 ms each (1.4 s at
	// 10,000, 2.2 s at 20,000) and take 0.3 s at 195 Conditional Access
	// policies (Entra's maximum); 30 s leaves room for well over 100,000
	// service principals on such a machine.
	DefaultTimeout = 30 * time.Second
	// DefaultHeapGuard: the whole built-in pack allocates about 400 MB in
	// all on the large benchmark tenant (BenchmarkEvaluate); 2 GiB of
	// growth (review's --policy-memory default) stops a runaway policy
	// well before a 7 GiB CI runner runs out of memory.
	DefaultHeapGuard = 2 << 30
)

func (o EvalOptions) limits() (time.Duration, uint64) {
	t, m := o.Timeout, o.HeapGuard
	if t <= 0 {
		t = DefaultTimeout
	}
	if m == 0 {
		m = DefaultHeapGuard
	}
	return t, m
}

// Evaluation is the outcome of one run.
type Evaluation struct {
	Results  []finding.Result // sorted by control ID, disabled controls left out
	Warnings []string         // e.g. waivers that match nothing, disabled controls
	// Durations is how long each control's Rego took, by control ID, to
	// find slow policies (logged with --verbose).
	Durations map[string]time.Duration
}

// Evaluate runs every enabled control on the input document and applies
// the configuration's waivers. A control whose evaluation fails yields an
// `error` result (and a warning); Evaluate itself fails only when the input
// cannot be used at all or ctx ends.
func (e *Engine) Evaluate(ctx context.Context, input map[string]any, opts EvalOptions) (*Evaluation, error) {
	if opts.Time.IsZero() {
		return nil, errors.New("policy: evaluation time is required")
	}
	doc, err := e.document(input, opts.Time)
	if err != nil {
		return nil, err
	}
	value, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, fmt.Errorf("policy: convert the input document: %w", err)
	}
	collection := collectionOf(input)
	comparison := comparisonOf(input)

	out := &Evaluation{}
	var enabled []*control
	for _, c := range e.controls {
		if c.disabled {
			out.Warnings = append(out.Warnings, fmt.Sprintf("control %s is disabled by the configuration", c.meta.ID))
			continue
		}
		enabled = append(enabled, c)
	}
	timeout, heapLimit := opts.limits()
	guard := newHeapGuard(heapLimit)
	defer guard.stop()
	shared := newSharedCache()
	results := make([]finding.Result, len(enabled))
	evalErrs := make([]error, len(enabled))
	durations := make([]time.Duration, len(enabled))
	run := func(i int) {
		start := time.Now()
		results[i], evalErrs[i] = e.evaluate(ctx, enabled[i], value, collection, comparison, opts, timeout, guard, shared)
		durations[i] = time.Since(start)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range enabled {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			run(i)
		}()
	}
	wg.Wait()
	// The heap is the process's: the guard stops every control running
	// when it trips. Each is run again alone, so only the one at fault
	// ends as an error.
	for i := range enabled {
		if ctx.Err() == nil && errors.Is(evalErrs[i], errStoppedByGuard) {
			runtime.GC()
			run(i)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, err := range evalErrs {
		if err != nil {
			out.Warnings = append(out.Warnings, fmt.Sprintf("control %s: %v", enabled[i].meta.ID, err))
		}
	}
	out.Results = results
	out.Durations = make(map[string]time.Duration, len(enabled))
	for i, c := range enabled {
		out.Durations[c.meta.ID] = durations[i]
	}
	out.Warnings = append(out.Warnings, applyWaivers(out.Results, e.config, opts.Time)...)
	return out, nil
}

// evaluate derives one control's status in the contract's order: data not
// collected → error; for a change-aware control, no baseline →
// not_applicable and a compared resource not comparable → error; a
// property the control needs absent (its `missing` rule) → error; manual;
// not_applicable; findings → fail; else pass.
func (e *Engine) evaluate(ctx context.Context, c *control, input ast.Value, collection map[string]gapInfo,
	comparison *comparison, opts EvalOptions, timeout time.Duration, guard *heapGuard, shared *sharedCache) (finding.Result, error) {
	res := finding.Result{Control: c.meta, Findings: []finding.Finding{}}
	if gaps := missing(c.meta.Requires, collection); len(gaps) > 0 {
		res.Status = finding.StatusError
		res.Gaps = gaps
		res.Message = gapMessage(gaps)
		return res, nil
	}
	if len(c.compares) > 0 {
		if comparison == nil {
			res.Status = finding.StatusNotApplicable
			res.Message = noBaselineMessage
			return res, nil
		}
		if gaps := comparison.notComparable(c.compares); len(gaps) > 0 {
			res.Status = finding.StatusError
			res.Gaps = gaps
			res.Message = comparison.gapMessage(gaps)
			return res, nil
		}
	}
	cache := shared.forControl()
	rs, err := evalBounded(ctx, c.query, timeout, guard,
		rego.EvalParsedInput(input), rego.EvalTime(opts.Time), rego.EvalSortSets(true), rego.EvalVirtualCache(cache))
	if err == nil {
		cache.publish()
	}
	var stopped *limitError
	switch {
	case errors.As(err, &stopped):
		res.Status = finding.StatusError
		res.Message = stopped.Error()
		return res, stopped
	case err != nil:
		res.Status = finding.StatusError
		res.Message = "the policy failed to evaluate: " + firstLine(err.Error())
		return res, fmt.Errorf("evaluation failed: %w", err)
	}
	if len(rs) != 1 {
		res.Status = finding.StatusError
		res.Message = "the policy gave no result"
		return res, errors.New("the policy gave no result")
	}
	b := rs[0].Bindings
	if absent, err := applyMissing(&res, b["missing"]); absent {
		return res, err
	}
	findings, err := toFindings(b["findings"], opts.Locator)
	if err != nil {
		res.Status = finding.StatusError
		res.Message = "the policy yielded a malformed finding: " + err.Error()
		return res, err
	}
	evidence, err := toFindings(b["evidence"], opts.Locator)
	if err != nil {
		res.Status = finding.StatusError
		res.Message = "the policy yielded malformed evidence: " + err.Error()
		return res, err
	}
	switch {
	case first(b["manual"]) != "":
		res.Status = finding.StatusManual
		res.Manual = first(b["manual"])
		res.Message = "needs a manual check"
	case first(b["not_applicable"]) != "":
		res.Status = finding.StatusNotApplicable
		res.Message = first(b["not_applicable"])
	case len(findings) > 0:
		res.Status = finding.StatusFail
		res.Findings = findings
		res.Message = countMessage(len(findings), "finding")
	default:
		res.Status = finding.StatusPass
		res.Findings = evidence
		if len(evidence) > 0 {
			res.Message = countMessage(len(evidence), "object satisfies it")
		}
	}
	return res, nil
}

func countMessage(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	what = strings.Replace(what, "object satisfies", "objects satisfy", 1)
	if strings.HasSuffix(what, "finding") {
		what += "s"
	}
	return fmt.Sprintf("%d %s", n, what)
}

// first returns the first value of a comprehension result as text.
func first(v any) string {
	list, _ := v.([]any)
	if len(list) == 0 {
		return ""
	}
	if s, ok := list[0].(string); ok {
		return strings.TrimSpace(s)
	}
	return fmt.Sprint(list[0])
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// withEvaluationTime copies the input with meta.evaluationTime set, leaving
// the caller's map untouched.
func withEvaluationTime(input map[string]any, t time.Time) map[string]any {
	doc := maps.Clone(input)
	if doc == nil {
		doc = map[string]any{}
	}
	meta, _ := doc["meta"].(map[string]any)
	meta = maps.Clone(meta)
	if meta == nil {
		meta = map[string]any{}
	}
	meta["evaluationTime"] = t.UTC().Format(time.RFC3339)
	doc["meta"] = meta
	return doc
}

// toFindings converts result.finding objects, sorted by resource and message.
func toFindings(v any, loc Locator) ([]finding.Finding, error) {
	list, _ := v.([]any)
	out := make([]finding.Finding, 0, len(list))
	for _, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%v is not an object: build findings with data.lib.result", item)
		}
		r, _ := obj["resource"].(map[string]any)
		f := finding.Finding{
			Resource: finding.Resource{Type: str(r["type"]), ID: str(r["id"]), Name: str(r["name"])},
			Message:  str(obj["message"]),
		}
		if f.Resource.Type == "" || f.Message == "" {
			return nil, fmt.Errorf("%v lacks resource.type or message: build findings with data.lib.result", item)
		}
		switch ev := obj["evidence"].(type) {
		case nil:
		case map[string]any:
			f.Evidence = ev
		default:
			f.Evidence = map[string]any{"value": ev}
		}
		if loc != nil {
			if l, ok := loc.Locate(f.Resource.Type, f.Resource.ID); ok {
				f.Location = &l
			}
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Resource.Type != b.Resource.Type {
			return a.Resource.Type < b.Resource.Type
		}
		if a.Resource.ID != b.Resource.ID {
			return a.Resource.ID < b.Resource.ID
		}
		return a.Message < b.Message
	})
	return out, nil
}

func str(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
