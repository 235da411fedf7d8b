package bench

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// Row is one family's figures (or the whole run's, Family "total").
type Row struct {
	Family          string
	Calls, Minimal  int // Graph and ARM calls made (inner $batch calls each) and planned
	Throttled       int // 429s answered, each a retry
	Units, MinUnits int
	Wall            time.Duration
	Bound           Bound
}

// Rows are the figures of m against plan, one per family and a total.
func Rows(m *Measurement, plan []Step, l Limits) []Row {
	families := map[string]bool{}
	for f := range m.FamilyWall {
		families[f] = true
	}
	for _, s := range plan {
		families[s.Family] = true
	}
	names := make([]string, 0, len(families))
	for f := range families {
		names = append(names, f)
	}
	sort.Strings(names)
	row := func(f string, c graphtest.ThrottleCounts, steps []Step, wall time.Duration) Row {
		calls, units := PlanCalls(steps)
		return Row{Family: f, Calls: c.Calls, Minimal: calls, Throttled: c.Throttled, Units: c.Units, MinUnits: units,
			Wall: wall, Bound: Bounds(steps, l)}
	}
	var rows []Row
	for _, f := range names {
		rows = append(rows, row(f, m.Stats.ByLabel[f], ofFamily(plan, f), m.FamilyWall[f]))
	}
	return append(rows, row("total", m.Stats.Total, plan, m.Wall))
}

// Table prints rows with what was measured under which limits.
func Table(title string, rows []Row, m *Measurement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", title)
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "%-22s\tcalls\tminimal\t×min\t429s\tRU\tRU min\twall\tbound\t×bound\t\n", "family")
	for _, r := range rows {
		fmt.Fprintf(w, "%-22s\t%d\t%d\t%.2f\t%d\t%d\t%d\t%s\t%s %s\t%.2f\t\n", r.Family, r.Calls, r.Minimal, ratio(float64(r.Calls), float64(r.Minimal)),
			r.Throttled, r.Units, r.MinUnits, seconds(r.Wall), seconds(r.Bound.Max()), r.Bound.binding(), ratio(r.Wall.Seconds(), r.Bound.Max().Seconds()))
	}
	w.Flush()
	t := m.Stats.Total
	fmt.Fprintf(&b, "round trips %d (%d $batch envelopes carrying %d calls); objects %d\n",
		t.Calls-t.InBatch+t.Batches, t.Batches, t.InBatch, objectCount(m))
	return b.String()
}

// TopRequests lists the n requests made most often, by name.
func TopRequests(m *Measurement, n int) string {
	return topBy(m, n, func(c graphtest.ThrottleCounts) int { return c.Calls })
}

// MostThrottled lists the n requests answered 429 most often.
func MostThrottled(m *Measurement, n int) string {
	return topBy(m, n, func(c graphtest.ThrottleCounts) int { return c.Throttled })
}

func topBy(m *Measurement, n int, key func(graphtest.ThrottleCounts) int) string {
	type named struct {
		name string
		graphtest.ThrottleCounts
	}
	var all []named
	for k, c := range m.Stats.ByRequest {
		if key(c) > 0 {
			all = append(all, named{k, c})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if a, b := key(all[i].ThrottleCounts), key(all[j].ThrottleCounts); a != b {
			return a > b
		}
		return all[i].name < all[j].name
	})
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "calls\t429s\tRU\trequest")
	for _, r := range all[:min(n, len(all))] {
		name := r.name
		if len(name) > 120 {
			name = name[:119] + "…"
		}
		fmt.Fprintf(w, "%d\t%d\t%d\t%s\n", r.Calls, r.Throttled, r.Units, name)
	}
	w.Flush()
	return b.String()
}

// binding names the limit that sets the bound.
func (b Bound) binding() string {
	switch b.Max() {
	case b.Latency:
		return "(lat)"
	case b.Pacing:
		return "(CA)"
	}
	return "(RU)"
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func objectCount(m *Measurement) int {
	n := 0
	for _, o := range m.Result.Outcomes {
		n += len(o.Objects)
	}
	return n
}
