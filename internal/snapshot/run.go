package snapshot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Options tunes a collection run.
type Options struct {
	Collectors  []Collector // default Catalog()
	Concurrency int         // collectors running at once; default 4
	Logger      *slog.Logger
	// Progress receives one line per finished family ("conditionalAccess:
	// 4 resources, 23 objects, 5 Graph calls, 1.2s"); nil is quiet.
	Progress io.Writer
	// LiveProgress also redraws a status line in place on Progress (a
	// terminal) with the running families' calls and throttling.
	LiveProgress bool
	// TenantID is used for the manifest when tenant.organization cannot be
	// read (flags know it); the organization object wins otherwise.
	TenantID string
	// Now stamps the result's CollectedAt; default time.Now.
	Now func() time.Time
	// Checkpoint, when set, keeps each finished family so that a stopped
	// run can be resumed; Resume restores the families it holds (and the
	// run's CollectedAt) instead of reading them again.
	Checkpoint *Checkpoint
	Resume     bool
}

// TenantInfo identifies the tenant in the manifest.
type TenantInfo struct {
	ID            string
	DefaultDomain string
	DisplayName   string
}

// Result is everything a run read: one outcome per declared resource.
type Result struct {
	Resources []Resource // declared by the collectors that ran, sorted by key
	Outcomes  []*Outcome // one per resource, sorted by key
	Tenant    TenantInfo
	// CollectedAt is when collection started (the manifest's collectedAt
	// unless WriteOptions.Now overrides it); for a resumed run, when the
	// first run started.
	CollectedAt time.Time
	// Resumed are the families restored from a checkpoint, sorted.
	Resumed []string
}

// Outcome returns the outcome for key, or nil.
func (r *Result) Outcome(key string) *Outcome {
	for _, o := range r.Outcomes {
		if o.Key == key {
			return o
		}
	}
	return nil
}

// Collect runs the collectors concurrently (at most Concurrency at once),
// each after the families it follows (Follower), and returns every
// resource's outcome. Missing permissions and licences are outcomes, not
// errors; the error is for a run that had to stop (ctx cancelled, a
// collector returning an error, a dependency cycle).
func Collect(ctx context.Context, src Sources, opts Options) (*Result, error) {
	collectors := opts.Collectors
	if collectors == nil {
		collectors = Catalog()
	}
	if err := checkOrder(collectors); err != nil {
		return nil, err
	}
	n := opts.Concurrency
	if n <= 0 {
		n = 4
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	started := now()
	resources := Resources(collectors)
	rec := NewRecorder(resources)
	restored, started, err := openCheckpoint(opts, started)
	if err != nil {
		return nil, err
	}
	var resumed []string
	prog := newProgress(opts.Progress, opts.LiveProgress)
	liveCtx, stopLive := context.WithCancel(ctx)
	liveDone := make(chan struct{})
	go func() { defer close(liveDone); prog.run(liveCtx) }()
	defer func() { stopLive(); <-liveDone }()

	// The first collector error cancels the others; a recorded gap is not an error.
	g, runCtx := errgroup.WithContext(ctx)
	done, begun := map[string]chan struct{}{}, map[string]chan struct{}{}
	for _, c := range collectors {
		done[c.Family()] = make(chan struct{})
		begun[c.Family()] = make(chan struct{})
	}
	rec.finished = done
	// Slots are taken after the dependencies finish, so a waiting collector
	// never holds one (errgroup's SetLimit would count waiters too).
	sem := make(chan struct{}, n)
	for _, c := range collectors {
		keys := resourceKeys(c)
		if fam, ok := restored[c.Family()]; ok && fam.restorable(keys) {
			for _, o := range fam.Outcomes {
				rec.set(o)
			}
			resumed = append(resumed, c.Family())
			close(begun[c.Family()])
			close(done[c.Family()])
			prog.restored(c.Family(), len(keys), objectsIn(fam.Outcomes))
			continue
		}
		g.Go(func() error {
			defer close(done[c.Family()])
			startedOnce := sync.OnceFunc(func() { close(begun[c.Family()]) })
			defer startedOnce()
			for _, dep := range after(c) {
				if !wait(runCtx, done[dep]) {
					return nil
				}
			}
			for _, dep := range awaits(c) {
				if !wait(runCtx, begun[dep]) {
					return nil
				}
			}
			select {
			case sem <- struct{}{}:
			case <-runCtx.Done():
				return nil
			}
			defer func() { <-sem }()
			if runCtx.Err() != nil {
				return nil
			}
			startedOnce()
			log.Debug("collecting", "family", c.Family())
			famCtx, fp := prog.start(runCtx, c.Family())
			if err := runCollector(famCtx, c, src, rec); err != nil {
				return fmt.Errorf("snapshot: collecting %s: %w", c.Family(), err)
			}
			if opts.Checkpoint != nil {
				if err := opts.Checkpoint.save(c.Family(), keys, outcomesOf(rec, keys)); err != nil {
					log.Warn("the family could not be kept for a resumed run", "family", c.Family(), "err", err)
				}
			}
			res, objs := familyCounts(c, rec)
			prog.finish(c.Family(), fp, res, objs)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("snapshot: collection stopped: %w", err)
	}
	for _, r := range resources {
		if rec.Outcome(r.Key) == nil {
			rec.Fail(r.Key, errors.New("the collector recorded nothing for this resource (a bug: please report it)"))
		}
	}
	sort.Strings(resumed)
	res := &Result{Resources: resources, Outcomes: rec.Outcomes(), CollectedAt: started, Resumed: resumed}
	res.Tenant = tenantInfo(rec.Collected(keyOrganization))
	if res.Tenant.ID == "" {
		res.Tenant.ID = opts.TenantID
	}
	return res, nil
}

// runCollector turns a panicking collector into a recorded failure of its
// unrecorded resources, so one bug does not lose the whole snapshot.
func runCollector(ctx context.Context, c Collector, src Sources, rec *Recorder) (err error) {
	defer func() {
		if p := recover(); p != nil {
			for _, r := range c.Resources() {
				if rec.Outcome(r.Key) == nil {
					rec.Fail(r.Key, fmt.Errorf("collector %s crashed: %v (a bug: please report it)", c.Family(), p))
				}
			}
			err = nil
		}
	}()
	return c.Collect(ctx, src, rec)
}

// wait returns when ch is closed (true) or ctx ends (false); a nil ch (a
// family the run does not have) is closed.
func wait(ctx context.Context, ch chan struct{}) bool {
	if ch != nil {
		select {
		case <-ch:
		case <-ctx.Done():
		}
	}
	// A family that ended because the run stopped is no reason to start.
	return ctx.Err() == nil
}

func awaits(c Collector) []string {
	if o, ok := c.(Overlapper); ok {
		return o.Awaits()
	}
	return nil
}

func after(c Collector) []string {
	if f, ok := c.(Follower); ok {
		return f.After()
	}
	return nil
}

// checkOrder refuses dependency cycles, which would deadlock the run.
func checkOrder(collectors []Collector) error {
	deps := map[string][]string{}
	for _, c := range collectors {
		deps[c.Family()] = after(c)
	}
	const (
		visiting = 1
		visited  = 2
	)
	state := map[string]int{}
	var visit func(f string, path []string) error
	visit = func(f string, path []string) error {
		switch state[f] {
		case visiting:
			return fmt.Errorf("snapshot: collectors follow each other in a cycle: %v", append(path, f))
		case visited:
			return nil
		}
		state[f] = visiting
		for _, d := range deps[f] {
			if _, ok := deps[d]; ok {
				if err := visit(d, append(path, f)); err != nil {
					return err
				}
			}
		}
		state[f] = visited
		return nil
	}
	fams := make([]string, 0, len(deps))
	for f := range deps {
		fams = append(fams, f)
	}
	sort.Strings(fams)
	for _, f := range fams {
		if err := visit(f, nil); err != nil {
			return err
		}
	}
	return nil
}

func familyCounts(c Collector, rec *Recorder) (resources, objects int) {
	for _, r := range c.Resources() {
		if o := rec.Outcome(r.Key); o != nil && o.Status == StatusCollected {
			resources++
			objects += len(o.Objects)
		}
	}
	return resources, objects
}

// openCheckpoint starts the run's checkpoint, or with Resume restores the
// families of the one a stopped run left (and its start time, so the
// manifest is the one an uninterrupted run would have written).
func openCheckpoint(opts Options, started time.Time) (map[string]checkpointFamily, time.Time, error) {
	cp := opts.Checkpoint
	if cp == nil {
		return nil, started, nil
	}
	if opts.Resume {
		state, ok, err := cp.load()
		if err != nil {
			return nil, started, err
		}
		if ok {
			if opts.TenantID != "" && state.tenantID != "" && !strings.EqualFold(opts.TenantID, state.tenantID) {
				return nil, started, fmt.Errorf("snapshot: the checkpoint %s is of tenant %s, not %s: run without --resume to start afresh",
					cp.Dir(), state.tenantID, opts.TenantID)
			}
			return state.families, state.collectedAt, nil
		}
	}
	return nil, started, cp.start(opts.TenantID, started)
}

func resourceKeys(c Collector) []string {
	var keys []string
	for _, r := range c.Resources() {
		keys = append(keys, r.Key)
	}
	sort.Strings(keys)
	return keys
}

func outcomesOf(rec *Recorder, keys []string) []*Outcome {
	out := make([]*Outcome, 0, len(keys))
	for _, k := range keys {
		if o := rec.Outcome(k); o != nil {
			out = append(out, o)
		}
	}
	return out
}

func objectsIn(outcomes []*Outcome) int {
	n := 0
	for _, o := range outcomes {
		n += len(o.Objects)
	}
	return n
}
