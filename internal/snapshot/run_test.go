package snapshot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// funcCollector is a collector made of functions, for testing Collect.
type funcCollector struct {
	family string
	after  []string
	res    []Resource
	run    func(ctx context.Context, rec *Recorder) error
}

func (f *funcCollector) Family() string        { return f.family }
func (f *funcCollector) Resources() []Resource { return f.res }
func (f *funcCollector) After() []string       { return f.after }
func (f *funcCollector) Collect(ctx context.Context, _ Sources, rec *Recorder) error {
	return f.run(ctx, rec)
}

func TestCollectFollowersSeeEarlierResults(t *testing.T) {
	var seen []Object
	first := &funcCollector{family: "a", res: []Resource{{Key: "a.x", Path: "a/x"}},
		run: func(ctx context.Context, rec *Recorder) error {
			rec.Put("a.x", []Object{{"id": "1", "@odata.etag": "W/1"}})
			return nil
		}}
	second := &funcCollector{family: "b", after: []string{"a", "unknown"}, res: []Resource{{Key: "b.y", Path: "b/y.yaml", Singleton: true}},
		run: func(ctx context.Context, rec *Recorder) error {
			seen = rec.Collected("a.x")
			rec.PutOne("b.y", Object{"id": "2"})
			return nil
		}}
	var progress strings.Builder
	res, err := Collect(context.Background(), Sources{}, Options{Collectors: []Collector{second, first}, Concurrency: 1, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen[0]["id"] != "1" || seen[0]["@odata.etag"] != nil {
		t.Fatalf("follower saw %v, want the normalised object of a.x", seen)
	}
	if len(res.Outcomes) != 2 || res.Outcomes[0].Key != "a.x" || res.Outcomes[1].Key != "b.y" {
		t.Fatalf("outcomes %+v", res.Outcomes)
	}
	if !strings.Contains(progress.String(), "a: 1 resources, 1 objects") {
		t.Errorf("progress = %q", progress.String())
	}
}

func TestCollectBoundsConcurrency(t *testing.T) {
	var running, peak atomic.Int32
	var cs []Collector
	gate := make(chan struct{})
	var once sync.Once
	for _, fam := range []string{"a", "b", "c", "d", "e"} {
		key := fam + ".r"
		cs = append(cs, &funcCollector{family: fam, res: []Resource{{Key: key, Path: fam}},
			run: func(ctx context.Context, rec *Recorder) error {
				n := running.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				if n == 2 {
					once.Do(func() { close(gate) })
				}
				<-gate
				running.Add(-1)
				rec.Put(key, nil)
				return nil
			}})
	}
	if _, err := Collect(context.Background(), Sources{}, Options{Collectors: cs, Concurrency: 2}); err != nil {
		t.Fatal(err)
	}
	if peak.Load() != 2 {
		t.Fatalf("peak concurrency %d, want 2", peak.Load())
	}
}

func TestCollectStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	blocker := &funcCollector{family: "a", res: []Resource{{Key: "a.x", Path: "a"}},
		run: func(ctx context.Context, rec *Recorder) error {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		}}
	follower := &funcCollector{family: "b", after: []string{"a"}, res: []Resource{{Key: "b.x", Path: "b"}},
		run: func(ctx context.Context, rec *Recorder) error {
			t.Error("follower ran after cancellation")
			return nil
		}}
	_, err := Collect(ctx, Sources{}, Options{Collectors: []Collector{blocker, follower}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestCollectRecordsMissingAndCrashedResources(t *testing.T) {
	lazy := &funcCollector{family: "a", res: []Resource{{Key: "a.x", Path: "a"}},
		run: func(ctx context.Context, rec *Recorder) error { return nil }}
	crash := &funcCollector{family: "b", res: []Resource{{Key: "b.x", Path: "b"}},
		run: func(ctx context.Context, rec *Recorder) error { panic("boom") }}
	res, err := Collect(context.Background(), Sources{}, Options{Collectors: []Collector{lazy, crash}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outcomes {
		if o.Status != StatusFailed {
			t.Errorf("%s: status %s, want failed", o.Key, o.Status)
		}
	}
	if !strings.Contains(res.Outcome("b.x").Message, "boom") {
		t.Errorf("crash message %q", res.Outcome("b.x").Message)
	}
}

func TestCollectRefusesCycles(t *testing.T) {
	a := &funcCollector{family: "a", after: []string{"b"}, run: func(context.Context, *Recorder) error { return nil }}
	b := &funcCollector{family: "b", after: []string{"a"}, run: func(context.Context, *Recorder) error { return nil }}
	if _, err := Collect(context.Background(), Sources{}, Options{Collectors: []Collector{a, b}}); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Fatalf("err = %v, want a cycle error", err)
	}
}

func TestCollectStampsTheManifest(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 890, time.FixedZone("X", 3600))
	c := &funcCollector{family: "a", res: []Resource{{Key: "a.x", Path: "a/x.yaml", Singleton: true}},
		run: func(ctx context.Context, rec *Recorder) error { rec.PutOne("a.x", Object{"id": "1"}); return nil }}
	res, err := Collect(context.Background(), Sources{}, Options{Collectors: []Collector{c}, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(res, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files[ManifestFile]), `collectedAt: "2026-03-04T04:06:07Z"`) {
		t.Errorf("manifest:\n%s", files[ManifestFile])
	}
}

// overlapping awaits another family instead of following it.
type overlapping struct {
	*funcCollector
	awaits []string
}

func (o overlapping) Awaits() []string { return o.awaits }

// TestOverlapperRunsAlongsideWhatItAwaits: a collector that awaits a family
// starts while that family is still running (even with one slot for two
// families it cannot deadlock: it starts only once the other has its
// slot... so with Concurrency 2), and Await returns once it has finished,
// with its results recorded.
func TestOverlapperRunsAlongsideWhatItAwaits(t *testing.T) {
	slow := make(chan struct{})
	a := &funcCollector{family: "a", res: []Resource{{Key: "a.x", Path: "a/x"}},
		run: func(ctx context.Context, rec *Recorder) error {
			<-slow
			rec.Put("a.x", []Object{{"id": "late"}})
			return nil
		}}
	var got []Object
	b := overlapping{&funcCollector{family: "b", res: []Resource{{Key: "b.x", Path: "b/x"}},
		run: func(ctx context.Context, rec *Recorder) error {
			close(slow) // b runs while a waits: a finishes only now
			if err := rec.Await(ctx, "a"); err != nil {
				return err
			}
			got = rec.Collected("a.x")
			rec.Put("b.x", nil)
			return nil
		}}, []string{"a"}}
	if _, err := Collect(context.Background(), Sources{}, Options{Collectors: []Collector{b, a}, Concurrency: 2}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["id"] != "late" {
		t.Errorf("b read %v of a after Await", got)
	}
}
