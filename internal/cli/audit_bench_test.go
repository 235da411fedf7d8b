package cli

import (
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/snapshot"
	"github.com/entra-audit/entra-audit/policies"
)

// BenchmarkEvaluate audits a large tenant with the built-in pack: the demo
// tenant's objects cloned up to 500 Conditional Access policies, 5,000 role
// assignments and 10,000 service principals (fresh ids, same shapes, so
// joins on principals and roles still hit).
//
//	go test ./internal/cli -run '^$' -bench BenchmarkEvaluate -benchtime 5x
func BenchmarkEvaluate(b *testing.B) {
	dir := b.TempDir() + "/snapshot"
	if code, _, stderr := auditMainIO("snapshot", "--demo", "--out", dir); code != ExitOK {
		b.Fatalf("snapshot --demo: %s", stderr)
	}
	snap, err := snapshot.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	input := maps.Clone(snap.Input)
	grow(input, "conditionalAccess", "policies", 500)
	grow(input, "roles", "assignments", 5000)
	grow(input, "apps", "servicePrincipals", 10000)
	engine, err := policy.Load(context.Background(), policy.LoadOptions{Builtin: policies.FS})
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	if ev, err := engine.Evaluate(context.Background(), input, policy.EvalOptions{Time: time.Now()}); err == nil {
		b.Logf("slowest controls: %s", slowest(ev.Durations, 5))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ev, err := engine.Evaluate(context.Background(), input, policy.EvalOptions{Time: at})
		if err != nil {
			b.Fatal(err)
		}
		if len(ev.Results) == 0 {
			b.Fatal("no results")
		}
	}
}

// grow clones the objects of input[family][resource] until there are n.
func grow(input map[string]any, family, resource string, n int) {
	fam, _ := input[family].(map[string]any)
	fam = maps.Clone(fam)
	input[family] = fam
	objs, _ := fam[resource].([]any)
	if len(objs) == 0 {
		panic(fmt.Sprintf("demo has no %s.%s to clone", family, resource))
	}
	out := make([]any, 0, n)
	out = append(out, objs...)
	for i := 0; len(out) < n; i++ {
		src, _ := objs[i%len(objs)].(map[string]any)
		c := maps.Clone(src)
		c["id"] = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		if _, ok := c["appId"]; ok {
			c["appId"] = fmt.Sprintf("00000000-0000-4000-9000-%012d", i)
		}
		if name, ok := c["displayName"].(string); ok {
			c["displayName"] = fmt.Sprintf("%s %d", name, i)
		}
		out = append(out, c)
	}
	fam[resource] = out
}
