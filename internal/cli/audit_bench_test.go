package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/snapshot"
	"github.com/entra-audit/entra-audit/policies"
)

// BenchmarkEvaluate audits the synthetic tenant (syntheticInput: 20,000
// users, 3,000 groups, 5,000 service principals, ... at K=1) with the
// built-in pack, at scale 1 and 4: evaluation should stay linear (issue
// #14). Besides time and allocations per audit it reports the peak heap
// while evaluating (sampled every millisecond: a lower bound).
//
//	go test ./internal/cli -run '^$' -bench BenchmarkEvaluate -benchtime 1x
//
// ENTRA_AUDIT_BENCH_OUT=dir writes each scale's input (input-K1.json, for
// the Rego profiler: go test ./internal/policy -run TestProfile) and
// results (results-K1.json, to check that a change keeps every verdict).
func BenchmarkEvaluate(b *testing.B) {
	dir := b.TempDir() + "/snapshot"
	if code, _, stderr := auditMainIO("snapshot", "--demo", "--out", dir); code != ExitOK {
		b.Fatalf("snapshot --demo: %s", stderr)
	}
	snap, err := snapshot.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	engine, err := policy.Load(context.Background(), policy.LoadOptions{Builtin: policies.FS})
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	out := os.Getenv("ENTRA_AUDIT_BENCH_OUT")
	for _, k := range []int{1, 4} {
		b.Run(fmt.Sprintf("K=%d", k), func(b *testing.B) {
			input := syntheticInput(snap.Input, k)
			if out != "" {
				writeJSON(b, filepath.Join(out, fmt.Sprintf("input-K%d.json", k)), input)
			}
			runtime.GC()
			peak := sampleHeap()
			b.ReportAllocs()
			b.ResetTimer()
			var ev *policy.Evaluation
			for b.Loop() {
				// No --policy-timeout: a slow control is measured, not cut short.
				ev, err = engine.Evaluate(context.Background(), input, policy.EvalOptions{Time: at, Timeout: time.Hour})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
			if len(ev.Results) == 0 {
				b.Fatal("no results")
			}
			b.Logf("slowest controls: %s", slowest(ev.Durations, 8))
			for _, w := range ev.Warnings {
				b.Logf("warning: %s", w)
			}
			if out != "" {
				writeJSON(b, filepath.Join(out, fmt.Sprintf("results-K%d.json", k)), ev.Results)
			}
		})
	}
}

// sampleHeap samples the heap's bytes in objects (live and not yet
// collected) every millisecond until the returned function is called,
// which returns the largest.
func sampleHeap() func() uint64 {
	var peak atomic.Uint64
	var wg sync.WaitGroup
	done := make(chan struct{})
	read := func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(s)
		if v := s[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
	}
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		read()
		return peak.Load()
	}
}

func writeJSON(b *testing.B, path string, v any) {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
}
