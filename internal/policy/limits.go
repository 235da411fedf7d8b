package policy

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
)

// Evaluation limits per control. A policy is code (a custom one may come
// from a pull request): one that loops over numbers.range(1, 1e11) must
// end as its own control's `error`, not as a hung job.
//
//   - Time: each control's query runs under a context with the timeout.
//     OPA checks cancellation at every evaluation step and inside its
//     long builtins (numbers.range, net.cidr_expand), so Eval returns
//     promptly. Should a builtin not return within abandonAfter of the
//     deadline, the control is reported as timed out anyway and its
//     goroutine left to finish on its own: the audit is not held up.
//   - Memory: OPA has no per-query memory limit, and Go none per
//     goroutine. heapGuard watches the process's heap: while it has grown
//     by more than the bound since Evaluate began (judged after a forced
//     GC, so garbage does not count), it stops every control running.
//     Those are then run again one at a time, so an innocent neighbour
//     still gets its result and only the control that grows the heap on
//     its own ends as an error. It is a guard, not a hard limit: the heap
//     can overshoot by what is allocated between two checks (heapCheckEvery),
//     and it counts whatever else the process allocates meanwhile.

const (
	heapCheckEvery = 10 * time.Millisecond
	// minGCInterval spaces the forced collections while the heap is over
	// the bound with garbage (a legitimately busy control).
	minGCInterval = 100 * time.Millisecond
	// abandonAfter is how long a cancelled evaluation may take to notice.
	abandonAfter = 2 * time.Second
)

// limitError is a control stopped by a limit; it is the result's message.
type limitError struct {
	msg   string
	guard bool // stopped by the memory guard (run again alone)
}

func (e *limitError) Error() string { return e.msg }

// errStoppedByGuard matches a *limitError from the memory guard.
var errStoppedByGuard = errors.New("stopped by the memory guard")

func (e *limitError) Is(target error) bool { return target == errStoppedByGuard && e.guard }

func timeoutError(d time.Duration) *limitError {
	return &limitError{msg: fmt.Sprintf("the policy did not finish within %s (--policy-timeout)", formatDuration(d))}
}

// formatDuration writes 10s, 1m30s or 2m rather than 2m0s.
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// evalBounded evaluates q under timeout and the memory guard. A stop by
// either is returned as a *limitError; any other error as Eval gave it.
func evalBounded(ctx context.Context, q rego.PreparedEvalQuery, timeout time.Duration, guard *heapGuard,
	opts ...rego.EvalOption) (rego.ResultSet, error) {
	gctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	tctx, cancel := context.WithTimeoutCause(gctx, timeout, timeoutError(timeout))
	defer cancel()
	defer guard.watch(stop)()

	type answer struct {
		rs  rego.ResultSet
		err error
	}
	done := make(chan answer, 1)
	go func() {
		rs, err := q.Eval(tctx, opts...)
		done <- answer{rs, err}
	}()
	var a answer
	select {
	case a = <-done:
	case <-tctx.Done():
		select {
		case a = <-done:
		case <-time.After(abandonAfter):
			a.err = tctx.Err() // left to finish on its own
		}
	}
	if a.err != nil && tctx.Err() != nil {
		var le *limitError
		if errors.As(context.Cause(tctx), &le) {
			return nil, le
		}
	}
	return a.rs, a.err
}

// heapGuard stops the controls running while the heap exceeds a bound.
type heapGuard struct {
	growth uint64
	limit  uint64 // heap bytes at the start plus growth

	mu      sync.Mutex
	next    int
	running map[int]context.CancelCauseFunc
	lastGC  time.Time

	done     chan struct{}
	stopOnce sync.Once
}

func newHeapGuard(growth uint64) *heapGuard {
	g := &heapGuard{growth: growth, limit: heapBytes() + growth, running: map[int]context.CancelCauseFunc{}, done: make(chan struct{})}
	go func() {
		tick := time.NewTicker(heapCheckEvery)
		defer tick.Stop()
		for {
			select {
			case <-g.done:
				return
			case <-tick.C:
				g.check()
			}
		}
	}()
	return g
}

func (g *heapGuard) stop() { g.stopOnce.Do(func() { close(g.done) }) }

// watch registers a running control's cancel; the returned func removes it.
func (g *heapGuard) watch(cancel context.CancelCauseFunc) func() {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := g.next
	g.next++
	g.running[id] = cancel
	return func() {
		g.mu.Lock()
		delete(g.running, id)
		g.mu.Unlock()
	}
}

func (g *heapGuard) check() {
	if heapBytes() <= g.limit {
		return
	}
	g.mu.Lock()
	idle := len(g.running) == 0
	recent := time.Since(g.lastGC) < minGCInterval
	g.mu.Unlock()
	if idle || recent {
		return
	}
	// The sample counts objects not yet swept: judge the live heap.
	runtime.GC()
	g.mu.Lock()
	defer g.mu.Unlock()
	g.lastGC = time.Now()
	if heapBytes() <= g.limit {
		return
	}
	err := &limitError{guard: true, msg: fmt.Sprintf(
		"the policy was stopped by the memory guard: the heap grew by more than %d MiB while it ran", g.growth>>20)}
	for id, cancel := range g.running {
		cancel(err)
		delete(g.running, id)
	}
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

// heapBytes is the heap's objects, live and not yet swept: cheap to read.
func heapBytes() uint64 {
	s := make([]metrics.Sample, 1)
	copy(s, heapSample)
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
