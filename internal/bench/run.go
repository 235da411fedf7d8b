package bench

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// RunOptions shape one measured snapshot.
type RunOptions struct {
	// Latency of every round trip (a $batch is one), real time.
	Latency time.Duration
	// Throttling of the fake; nil throttles nothing (a baseline run).
	Throttling *graphtest.Throttling
	// Clock, when set, replaces real time for the fake and the clients
	// (tests: retries and pacing cost nothing). Latency should be 0 then.
	Clock *graphtest.Clock
	// MaxRetries of the client; 0 is its default (6).
	MaxRetries int
	// CollectedAt stamps the result, so two runs render the same files.
	CollectedAt time.Time
}

// Measurement is what one run collected and what the fake counted.
type Measurement struct {
	Result *snapshot.Result
	Stats  graphtest.ThrottleStats // ByLabel is keyed by family
	Wall   time.Duration           // the whole collection
	// FamilyWall is each collector's own run, from its start (after the
	// families it follows) to its end.
	FamilyWall map[string]time.Duration
}

// Run snapshots tenant through the real Graph and ARM clients, in process,
// with every collector of the catalogue; each family's requests are
// labelled with its name so the fake counts them apart.
func Run(ctx context.Context, tenant *graphtest.Tenant, opts RunOptions) (*Measurement, error) {
	now, sleep := time.Now, (func(context.Context, time.Duration) error)(nil)
	if opts.Clock != nil {
		now, sleep = opts.Clock.Now, opts.Clock.Sleep
	}
	fake := graphtest.NewFake(tenant, graphtest.ServerOptions{Latency: opts.Latency, Throttling: opts.Throttling, Now: now})
	hc := &http.Client{Transport: graphtest.NewTransport(fake)}
	mk := func(base string) (*graph.Client, error) {
		return graph.New(graph.Options{BaseURL: base, HTTPClient: hc, MaxRetries: opts.MaxRetries, Sleep: sleep, Now: now})
	}
	g, err := mk("https://graph.bench.invalid")
	if err != nil {
		return nil, err
	}
	arm, err := mk("https://management.bench.invalid")
	if err != nil {
		return nil, err
	}
	m := &Measurement{FamilyWall: map[string]time.Duration{}}
	var mu sync.Mutex
	var collectors []snapshot.Collector
	for _, c := range snapshot.Catalog() {
		collectors = append(collectors, labelled{Collector: c, done: func(d time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			m.FamilyWall[c.Family()] = d
		}})
	}
	stamp := opts.CollectedAt
	if stamp.IsZero() {
		stamp = time.Now()
	}
	start := time.Now()
	res, err := snapshot.Collect(ctx, snapshot.Sources{Graph: g, ARM: arm, Batch: snapshot.BatchVia(g)},
		snapshot.Options{Collectors: collectors, Now: func() time.Time { return stamp }})
	m.Wall = time.Since(start)
	if err != nil {
		return nil, err
	}
	m.Result, m.Stats = res, fake.ThrottleStats()
	return m, nil
}

// labelled runs a collector with its family as the requests' label and
// reports how long it ran.
type labelled struct {
	snapshot.Collector
	done func(time.Duration)
}

// After keeps the order of the wrapped collector.
func (l labelled) After() []string {
	if f, ok := l.Collector.(snapshot.Follower); ok {
		return f.After()
	}
	return nil
}

func (l labelled) Collect(ctx context.Context, src snapshot.Sources, rec *snapshot.Recorder) error {
	start := time.Now()
	defer func() { l.done(time.Since(start)) }()
	return l.Collector.Collect(graphtest.WithLabel(ctx, l.Family()), src, rec)
}
