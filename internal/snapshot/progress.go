package snapshot

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph"
)

// progress reports a run as it goes: one line per finished family (in CI
// logs too), and on a terminal a status line redrawn in place with what
// the running families have cost so far, so a run that waits on Graph's
// throttling says so instead of looking stuck.
type progress struct {
	mu      sync.Mutex
	out     io.Writer // nil: quiet
	live    bool
	drawn   bool // a status line is on screen
	running map[string]*familyProgress
}

type familyProgress struct {
	started  time.Time
	counters graph.Counters
}

// liveWidth keeps the status line on one row of a narrow terminal.
const liveWidth = 110

func newProgress(out io.Writer, live bool) *progress {
	return &progress{out: out, live: live && out != nil, running: map[string]*familyProgress{}}
}

// start registers a running family and returns the context its requests
// are counted with.
func (p *progress) start(ctx context.Context, family string) (context.Context, *familyProgress) {
	fp := &familyProgress{started: time.Now()}
	p.mu.Lock()
	p.running[family] = fp
	p.mu.Unlock()
	return graph.WithCounters(ctx, &fp.counters), fp
}

// finish prints the family's line.
func (p *progress) finish(family string, fp *familyProgress, resources, objects int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.running, family)
	if p.out == nil {
		return
	}
	p.clear()
	c := fp.counters.Read()
	line := fmt.Sprintf("%s: %d resources, %d objects, %d Graph calls", family, resources, objects, c.Calls)
	if c.Throttled > 0 || c.Waited > 0 {
		line += fmt.Sprintf(", %d throttled (%s waiting)", c.Throttled, c.Waited.Round(100*time.Millisecond))
	}
	fmt.Fprintf(p.out, "%s, %s\n", line, time.Since(fp.started).Round(time.Millisecond))
}

// restored prints the line of a family taken from a checkpoint.
func (p *progress) restored(family string, resources, objects int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.out == nil {
		return
	}
	p.clear()
	fmt.Fprintf(p.out, "%s: %d resources, %d objects, from the checkpoint\n", family, resources, objects)
}

// run redraws the status line until ctx ends, then clears it.
func (p *progress) run(ctx context.Context) {
	if !p.live {
		return
	}
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			p.mu.Lock()
			p.clear()
			p.mu.Unlock()
			return
		case <-t.C:
			p.draw()
		}
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	names := make([]string, 0, len(p.running))
	for f := range p.running {
		names = append(names, f)
	}
	if len(names) == 0 {
		p.clear()
		return
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, f := range names {
		c := p.running[f].counters.Read()
		s := fmt.Sprintf("%s %d calls", f, c.Calls)
		if c.Throttled > 0 {
			s += fmt.Sprintf(" (%d throttled)", c.Throttled)
		}
		parts = append(parts, s)
	}
	line := "reading: " + strings.Join(parts, ", ")
	if len(line) > liveWidth {
		line = line[:liveWidth-1] + "…"
	}
	fmt.Fprintf(p.out, "\r\x1b[K%s", line)
	p.drawn = true
}

// clear erases the status line; the caller holds mu.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.out, "\r\x1b[K")
		p.drawn = false
	}
}
