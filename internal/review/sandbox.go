package review

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime/metrics"
	"slices"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// A pull request's own policies are untrusted code. They run in the same
// OPA sandbox as every policy (no network, environment or clock), and here
// also under a limit of wall time and of heap growth: a pathological
// policy ends as a failed policy section, not a hung job.

var (
	errPolicyTimeout = errors.New("the pull request's policies did not finish within the time limit")
	errPolicyMemory  = errors.New("the pull request's policies exceeded the memory limit")
)

// guarded runs fn with ctx cancelled when timeout passes or the heap grows
// by more than memory bytes, and returns which limit stopped it.
func guarded(ctx context.Context, timeout time.Duration, memory uint64, fn func(context.Context) error) error {
	ctx, cancelTime := context.WithTimeoutCause(ctx, timeout, errPolicyTimeout)
	defer cancelTime()
	ctx, cancelMem := context.WithCancelCause(ctx)
	defer cancelMem(nil)
	limit := heapBytes() + memory
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if heapBytes() > limit {
					cancelMem(errPolicyMemory)
					return
				}
			}
		}
	}()
	err := fn(ctx)
	close(stop)
	<-watched
	if cause := context.Cause(ctx); cause != nil && (err != nil || ctx.Err() != nil) {
		return cause
	}
	return err
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

// heapBytes is the live and not yet swept heap: cheap to read often.
func heapBytes() uint64 {
	s := make([]metrics.Sample, 1)
	copy(s, heapSample)
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

func (o Options) limits() (time.Duration, uint64) {
	t, m := o.PolicyTimeout, o.PolicyMemory
	if t <= 0 {
		t = DefaultPolicyTimeout
	}
	if m == 0 {
		m = DefaultPolicyMemory
	}
	return t, m
}

// proposedEngine compiles the head's custom policies when they differ
// from the base's; otherwise it says why there is nothing to compare.
func proposedEngine(ctx context.Context, opts Options, base, head *side) (*policy.Engine, *finding.PolicyChanges) {
	if len(opts.PolicyDirs) == 0 {
		return nil, nil
	}
	if base.policyText == head.policyText {
		return nil, &finding.PolicyChanges{Status: "none", Message: "the custom policies did not change"}
	}
	timeout, memory := opts.limits()
	var eng *policy.Engine
	err := guarded(ctx, timeout, memory, func(ctx context.Context) error {
		var err error
		eng, err = opts.LoadEngine(ctx, head.config, head.policyDirs)
		return err
	})
	if err != nil {
		return nil, &finding.PolicyChanges{Status: "failed", Message: "the pull request's policies could not be loaded: " + firstLine(err.Error())}
	}
	return eng, nil
}

// judgePolicies evaluates the head's policies on the head's data and says
// which controls they would judge differently from the base's policies.
func judgePolicies(ctx context.Context, opts Options, proposed *policy.Engine, input map[string]any, head *snapshot.Snapshot,
	verdict []finding.Result) *finding.PolicyChanges {
	timeout, memory := opts.limits()
	var results []finding.Result
	err := guarded(ctx, timeout, memory, func(ctx context.Context) error {
		ev, err := proposed.Evaluate(ctx, input, policy.EvalOptions{Time: opts.Time, Locator: locator{head}})
		if err == nil {
			results = ev.Results
		}
		return err
	})
	if err != nil {
		return &finding.PolicyChanges{Status: "failed", Message: fmt.Sprintf("%s (limits: %s, %d MiB of heap)", firstLine(err.Error()), timeout, memory>>20)}
	}
	pc := &finding.PolicyChanges{Status: "evaluated"}
	now := map[string]finding.Result{}
	for _, r := range results {
		now[r.ID] = r
	}
	was := map[string]finding.Result{}
	for _, r := range verdict {
		was[r.ID] = r
	}
	for _, id := range slices.Sorted(maps.Keys(was)) {
		w, n := was[id], now[id]
		switch _, ok := now[id]; {
		case !ok:
			pc.Changes = append(pc.Changes, finding.ControlChange{Control: id, Kind: "removed", Before: w.Status,
				Text: fmt.Sprintf("removes or disables %s (%s on this data with the base's policies)", id, w.Status)})
		case w.Status == n.Status && len(active(w.Findings)) == len(active(n.Findings)):
		case rank(n.Status) < rank(w.Status) || (n.Status == w.Status && len(active(n.Findings)) < len(active(w.Findings))):
			pc.Changes = append(pc.Changes, finding.ControlChange{Control: id, Kind: "relaxed", Before: w.Status, After: n.Status,
				Text: fmt.Sprintf("relaxes %s: %s with %d findings → %s with %d", id, w.Status, len(active(w.Findings)), n.Status, len(active(n.Findings)))})
		case rank(n.Status) > rank(w.Status) || (n.Status == w.Status && len(active(n.Findings)) > len(active(w.Findings))):
			pc.Changes = append(pc.Changes, finding.ControlChange{Control: id, Kind: "stricter", Before: w.Status, After: n.Status,
				Text: fmt.Sprintf("tightens %s: %s with %d findings → %s with %d", id, w.Status, len(active(w.Findings)), n.Status, len(active(n.Findings)))})
		default:
			pc.Changes = append(pc.Changes, finding.ControlChange{Control: id, Kind: "changed", Before: w.Status, After: n.Status,
				Text: fmt.Sprintf("changes %s from %s to %s", id, w.Status, n.Status)})
		}
	}
	for _, id := range slices.Sorted(maps.Keys(now)) {
		if _, ok := was[id]; !ok {
			pc.Changes = append(pc.Changes, finding.ControlChange{Control: id, Kind: "added", After: now[id].Status,
				Text: fmt.Sprintf("adds %s (%s on this data)", id, now[id].Status)})
		}
	}
	return pc
}

// rank orders statuses by how much they demand: fail and error above the rest.
func rank(s finding.Status) int {
	switch s {
	case finding.StatusFail, finding.StatusError:
		return 2
	case finding.StatusWaived, finding.StatusManual:
		return 1
	}
	return 0
}

func active(fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Waiver == nil {
			out = append(out, f)
		}
	}
	return out
}
