package policy

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/profiler"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/entra-audit/entra-audit/policies"
)

// TestProfile evaluates each built-in control on an input document with
// OPA's profiler attached and logs its time and the expressions that took
// longest, to find the rules that do not scale. It runs only when asked:
//
//	ENTRA_AUDIT_BENCH_OUT=/tmp/b go test ./internal/cli -run '^$' -bench BenchmarkEvaluate -benchtime 1x
//	ENTRA_AUDIT_PROFILE_INPUT=/tmp/b/input-K1.json go test ./internal/policy -run TestProfile -v
//
// ENTRA_AUDIT_PROFILE_CONTROLS=MS.AAD.7.2v1,EA.APP.6v1 profiles only those;
// ENTRA_AUDIT_PROFILE=times logs each control's time without the profiler.
func TestProfile(t *testing.T) {
	path := os.Getenv("ENTRA_AUDIT_PROFILE_INPUT")
	if path == "" {
		t.Skip("ENTRA_AUDIT_PROFILE_INPUT is not set")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var input map[string]any
	dec := json.NewDecoder(f)
	dec.UseNumber() // as the snapshot loader gives numbers
	err = dec.Decode(&input)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	e, err := Load(ctx, LoadOptions{Builtin: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := e.document(input, evalTime)
	if err != nil {
		t.Fatal(err)
	}
	value, err := ast.InterfaceToValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	only := map[string]bool{}
	for id := range strings.SplitSeq(os.Getenv("ENTRA_AUDIT_PROFILE_CONTROLS"), ",") {
		if id != "" {
			only[id] = true
		}
	}
	type timing struct {
		id string
		d  time.Duration
	}
	var times []timing
	timesOnly := os.Getenv("ENTRA_AUDIT_PROFILE") == "times" // without the profiler's overhead
	all := map[string]profiler.ExprStats{}                   // by location, over every control
	shared := newSharedCache()                               // as Evaluate does: each control pays for what it is first to need
	for _, c := range e.controls {
		if len(only) > 0 && !only[c.meta.ID] {
			continue
		}
		p := profiler.New()
		opts := []rego.EvalOption{rego.EvalParsedInput(value), rego.EvalTime(evalTime), rego.EvalSortSets(true)}
		if !timesOnly {
			opts = append(opts, rego.EvalQueryTracer(p))
		}
		cache := shared.forControl()
		start := time.Now()
		_, err := c.query.Eval(ctx, append(opts, rego.EvalVirtualCache(cache))...)
		d := time.Since(start)
		if err != nil {
			t.Errorf("%s: %v", c.meta.ID, err)
		} else {
			cache.publish()
		}
		times = append(times, timing{c.meta.ID, d})
		for _, s := range p.ReportTopNResults(-1, []string{"total_time_ns"}) {
			k := s.Location.String()
			a := all[k]
			a.ExprTimeNs += s.ExprTimeNs
			a.NumEval += s.NumEval
			a.Location = s.Location
			all[k] = a
		}
		var top []string
		for _, s := range p.ReportTopNResults(14, []string{"total_time_ns"}) {
			top = append(top, "\n    "+s.Location.String()+" "+time.Duration(s.ExprTimeNs).String()+
				" eval "+strconv.Itoa(s.NumEval)+": "+firstLine(string(s.Location.Text)))
		}
		t.Logf("%s %s%s", c.meta.ID, d, strings.Join(top, ""))
	}
	slices.SortFunc(times, func(a, b timing) int { return int(b.d - a.d) })
	var list []string
	for _, x := range times {
		list = append(list, x.id+" "+x.d.Round(time.Millisecond).String())
	}
	t.Logf("controls by time (with the profiler attached): %s", strings.Join(list, ", "))
	exprs := slices.SortedFunc(maps.Values(all), func(a, b profiler.ExprStats) int { return int(b.ExprTimeNs - a.ExprTimeNs) })
	var lines []string
	for _, s := range exprs[:min(30, len(exprs))] {
		lines = append(lines, "\n    "+s.Location.String()+" "+time.Duration(s.ExprTimeNs).Round(time.Millisecond).String()+
			" eval "+strconv.Itoa(s.NumEval)+": "+firstLine(string(s.Location.Text)))
	}
	t.Logf("expressions by time, over every control:%s", strings.Join(lines, ""))
}
