package report

import (
	"fmt"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// chart is a horizontal stacked bar chart drawn as inline SVG: one bar per
// row (severity or family), one segment per status.
type chart struct {
	ID, Title   string
	Description string // text alternative for screen readers
	Height      int
	Bars        []chartBar
	Legend      []option
}

type chartBar struct {
	Label    string
	Y, TextY int
	Total    int
	TotalX   string
	Segments []chartSegment
}

type chartSegment struct {
	X, Width string
	Status   string
	Title    string
}

const (
	chartLabelWidth = 170
	chartBarWidth   = 380
	chartRowHeight  = 26
)

func buildChart(id, title string, rows []summaryRow, statuses []finding.Status) chart {
	c := chart{ID: id, Title: title, Height: len(rows)*chartRowHeight + 4}
	max := 1
	for _, r := range rows {
		if r.Total > max {
			max = r.Total
		}
	}
	desc := title + ":"
	for i, r := range rows {
		y := i*chartRowHeight + 2
		bar := chartBar{Label: r.Label, Y: y, TextY: y + 15, Total: r.Total}
		x := float64(chartLabelWidth)
		for si, n := range r.Counts {
			if n == 0 {
				continue
			}
			w := float64(n) / float64(max) * chartBarWidth
			s := statuses[si]
			bar.Segments = append(bar.Segments, chartSegment{
				X: fmt.Sprintf("%.1f", x), Width: fmt.Sprintf("%.1f", w),
				Status: statusKey(s), Title: fmt.Sprintf("%s: %d %s", r.Label, n, statusLabel(s)),
			})
			desc += fmt.Sprintf(" %s %d %s;", r.Label, n, statusLabel(s))
			x += w
		}
		bar.TotalX = fmt.Sprintf("%.1f", x+6)
		c.Bars = append(c.Bars, bar)
	}
	for _, s := range statuses {
		c.Legend = append(c.Legend, option{statusKey(s), statusLabel(s)})
	}
	c.Description = desc
	return c
}
