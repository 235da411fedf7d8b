package bench

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// Knobs of BenchmarkSnapshot, from the environment (docs/performance.md).
const (
	envK       = "ENTRA_AUDIT_BENCH_K"       // run only this scale, e.g. 0.5
	envUnits   = "ENTRA_AUDIT_BENCH_RU"      // resource units per 10 s; default 8000 (a tenant over 500 users)
	envLatency = "ENTRA_AUDIT_BENCH_LATENCY" // per round trip; default 50ms
	envRandom  = "ENTRA_AUDIT_BENCH_429"     // fraction of random 429s; default 0
)

var collectedAt = time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)

// BenchmarkSnapshot snapshots the synthetic tenant at K=1 and K=4 (or at
// ENTRA_AUDIT_BENCH_K) through the fake Graph throttling like Graph, in
// real time, and logs per family the calls made against the minimal plan,
// the 429s, the resource units and the wall time against its lower bound.
// Run it with -benchtime 1x: one snapshot is the measurement.
func BenchmarkSnapshot(b *testing.B) {
	scales := []float64{1, 4}
	if v := os.Getenv(envK); v != "" {
		k, err := strconv.ParseFloat(v, 64)
		if err != nil || k <= 0 {
			b.Fatalf("%s=%q: want a positive number", envK, v)
		}
		scales = []float64{k}
	}
	for _, k := range scales {
		b.Run(fmt.Sprintf("K=%g", k), func(b *testing.B) { benchmarkSnapshot(b, k) })
	}
}

func benchmarkSnapshot(b *testing.B, k float64) {
	units := envInt(b, envUnits, 8000)
	latency := envDuration(b, envLatency, 50*time.Millisecond)
	random := envFloat(b, envRandom, 0)
	tenant, err := NewTenant(SizeAt(k))
	if err != nil {
		b.Fatal(err)
	}
	// The data, read once without throttling or waiting: the minimal plan
	// and the objects the measured run must not lose.
	baseline, err := Run(context.Background(), tenant, RunOptions{Clock: graphtest.NewClock(collectedAt), CollectedAt: collectedAt})
	if err != nil {
		b.Fatal(err)
	}
	plan := MinimalPlan(baseline.Result)
	limits := Limits{Latency: latency, Units: units}
	var m *Measurement
	for b.Loop() {
		m, err = Run(context.Background(), tenant, RunOptions{Latency: latency, CollectedAt: collectedAt,
			Throttling: &graphtest.Throttling{Units: units, RandomRate: random, Seed: 14}})
		if err != nil {
			b.Fatal(err)
		}
	}
	if lost := lostObjects(baseline, m); lost != "" {
		b.Fatalf("the throttled run lost objects: %s", lost)
	}
	rows := Rows(m, plan, limits)
	title := fmt.Sprintf("K=%g: %d RU per 10 s, %s a round trip, %.0f%% random 429s, client concurrency 4", k, units, latency, 100*random)
	// Stdout, not b.Log: benchmark logs are cut to a few lines without -v.
	fmt.Printf("\n%s\nmost frequent requests:\n%s\n", Table(title, rows, m), TopRequests(m, 15))
	if m.Stats.Total.Throttled > 0 {
		fmt.Printf("most throttled requests:\n%s\n", MostThrottled(m, 10))
	}
	total := rows[len(rows)-1]
	b.ReportMetric(float64(total.Calls), "calls")
	b.ReportMetric(float64(total.Minimal), "minimal-calls")
	b.ReportMetric(ratio(float64(total.Calls), float64(total.Minimal)), "calls/minimal")
	b.ReportMetric(float64(total.Throttled), "429s")
	b.ReportMetric(float64(total.Units), "RU")
	b.ReportMetric(total.Bound.Max().Seconds(), "bound-s")
	b.ReportMetric(ratio(total.Wall.Seconds(), total.Bound.Max().Seconds()), "wall/bound")
}

// lostObjects names the resources whose status or object count differ
// from the baseline's, "" when none do.
func lostObjects(baseline, m *Measurement) string {
	var out string
	for _, want := range baseline.Result.Outcomes {
		got := m.Result.Outcome(want.Key)
		if got == nil || got.Status != want.Status || len(got.Objects) != len(want.Objects) {
			out += fmt.Sprintf("%s: %s, want %s; ", want.Key, summary(got), summary(want))
		}
	}
	return out
}

func summary(o *snapshot.Outcome) string {
	if o == nil {
		return "nothing recorded"
	}
	return fmt.Sprintf("%s with %d objects %s", o.Status, len(o.Objects), o.Message)
}

func envInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		b.Fatalf("%s=%q: want a whole number", name, v)
	}
	return n
}

func envFloat(b *testing.B, name string, def float64) float64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f >= 1 {
		b.Fatalf("%s=%q: want a fraction in [0, 1)", name, v)
	}
	return f
}

func envDuration(b *testing.B, name string, def time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		b.Fatalf("%s=%q: want a duration such as 50ms", name, v)
	}
	return d
}
