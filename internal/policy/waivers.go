package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// applyWaivers turns failing results (or some of their findings) into
// waived ones, until each waiver's expiry date. An expired waiver leaves the
// result failing and says so; a waiver that matches nothing is a warning.
func applyWaivers(results []finding.Result, cfg *Config, now time.Time) []string {
	var warnings []string
	warn := func(w Waiver, format string, args ...any) {
		where := "config"
		if cfg.path != "" {
			where = fmt.Sprintf("config %s:%d", cfg.path, w.line)
		}
		warnings = append(warnings, fmt.Sprintf("%s: waiver for %s %s", where, w.Control, fmt.Sprintf(format, args...)))
	}
	byID := map[string]*finding.Result{}
	for i := range results {
		byID[results[i].ID] = &results[i]
	}
	today := now.UTC().Format(time.DateOnly)
	touched := map[string]bool{}
	for _, w := range cfg.Waivers {
		fw := &finding.Waiver{
			Control: w.Control, ResourceIDs: w.ResourceIDs, Reason: w.Reason, Owner: w.Owner,
			Ticket: w.Ticket, Expires: w.Expires, Expired: today > w.Expires,
		}
		r := byID[w.Control]
		switch {
		case r == nil:
			warn(w, "matches nothing: the control is disabled")
			continue
		case r.Status != finding.StatusFail && r.Status != finding.StatusWaived:
			warn(w, "matches nothing: the control's status is %s", r.Status)
			continue
		}
		touched[r.ID] = true
		if len(w.ResourceIDs) == 0 {
			if r.Waiver == nil || r.Waiver.Expired {
				r.Waiver = fw
			}
			continue
		}
		var unmatched []string
		for _, id := range w.ResourceIDs {
			hit := false
			for i := range r.Findings {
				f := &r.Findings[i]
				if f.Resource.ID == id {
					hit = true
					if f.Waiver == nil || f.Waiver.Expired {
						f.Waiver = fw
					}
				}
			}
			if !hit {
				unmatched = append(unmatched, id)
			}
		}
		if len(unmatched) == len(w.ResourceIDs) {
			warn(w, "matches nothing: no finding is about %s", strings.Join(unmatched, ", "))
		} else if len(unmatched) > 0 {
			warn(w, "names resources with no finding: %s", strings.Join(unmatched, ", "))
		}
	}
	for id := range touched {
		settle(byID[id])
	}
	return warnings
}

// settle sets a failing result's status and message from its waivers.
func settle(r *finding.Result) {
	var expired []string
	if r.Waiver != nil && r.Waiver.Expired {
		expired = append(expired, r.Waiver.Expires)
	}
	waived := 0
	for _, f := range r.Findings {
		switch {
		case f.Waiver == nil:
		case f.Waiver.Expired:
			expired = append(expired, f.Waiver.Expires)
		default:
			waived++
		}
	}
	slices.Sort(expired)
	expired = slices.Compact(expired)
	switch {
	case r.Waiver != nil && !r.Waiver.Expired:
		r.Status = finding.StatusWaived
		r.Message = fmt.Sprintf("waived until %s by %s: %s", r.Waiver.Expires, r.Waiver.Owner, r.Waiver.Reason)
	case waived > 0 && waived == len(r.Findings):
		r.Status = finding.StatusWaived
		r.Message = fmt.Sprintf("all %s waived", countMessage(waived, "finding"))
	default:
		r.Status = finding.StatusFail
		open := len(r.Findings) - waived
		r.Message = countMessage(open, "finding")
		if waived > 0 {
			r.Message += fmt.Sprintf(" (%d more waived)", waived)
		}
		if len(expired) > 0 {
			r.Message = fmt.Sprintf("waiver expired on %s; %s", strings.Join(expired, ", "), r.Message)
		}
	}
}
