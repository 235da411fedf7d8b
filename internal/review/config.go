package review

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
)

// diffConfig lists what the head's configuration changes, each in one
// sentence and marked when it accepts more risk (weakens): a waiver added
// or extended, a control disabled or made less severe, an exclusion, a
// break-glass account or a trusted tenant added.
func diffConfig(base, head *policy.Config) []finding.ConfigChange {
	if base == nil {
		base = &policy.Config{}
	}
	if head == nil {
		head = &policy.Config{}
	}
	var out []finding.ConfigChange
	add := func(kind, control string, weakens bool, format string, args ...any) {
		out = append(out, finding.ConfigChange{Kind: kind, Control: control, Text: fmt.Sprintf(format, args...), Weakens: weakens})
	}

	bw, hw := waiverIndex(base.Waivers), waiverIndex(head.Waivers)
	for _, k := range slices.Sorted(maps.Keys(hw)) {
		w := hw[k]
		old, ok := bw[k]
		switch {
		case !ok:
			add("waiver_added", w.Control, true, "waives %s", waiverText(w))
		case old.Expires != w.Expires || old.Owner != w.Owner || old.Reason != w.Reason || old.Ticket != w.Ticket:
			add("waiver_changed", w.Control, w.Expires > old.Expires, "changes the waiver of %s (was until %s, owner %s): now %s",
				w.Control, old.Expires, old.Owner, waiverText(w))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(bw)) {
		if _, ok := hw[k]; !ok {
			add("waiver_removed", bw[k].Control, false, "no longer waives %s", waiverText(bw[k]))
		}
	}

	ids := append(slices.Collect(maps.Keys(base.Controls)), slices.Collect(maps.Keys(head.Controls))...)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		b, h := base.Controls[id], head.Controls[id]
		if h.Disabled && !b.Disabled {
			add("control_disabled", id, true, "disables %s", id)
		}
		if b.Disabled && !h.Disabled {
			add("control_enabled", id, false, "enables %s again", id)
		}
		if b.Severity != h.Severity {
			// From the control's own severity (unknown here) to any override
			// is flagged: a reviewer should see it either way.
			weaker := h.Severity != "" && (b.Severity == "" || severityRank(h.Severity) < severityRank(b.Severity))
			add("severity_changed", id, weaker, "changes the severity of %s from %s to %s", id, orDefault(b.Severity), orDefault(h.Severity))
		}
		for _, d := range []struct {
			what     string
			from, to []string
		}{
			{"users", b.Exclusions.Users, h.Exclusions.Users}, {"groups", b.Exclusions.Groups, h.Exclusions.Groups},
			{"roles", b.Exclusions.Roles, h.Exclusions.Roles}, {"service principals", b.Exclusions.ServicePrincipals, h.Exclusions.ServicePrincipals},
			{"guest types", b.Exclusions.GuestTypes, h.Exclusions.GuestTypes},
			{"permanent role holders (users)", b.RoleExclusions.Users, h.RoleExclusions.Users},
			{"permanent role holders (groups)", b.RoleExclusions.Groups, h.RoleExclusions.Groups},
		} {
			added, removed := setDiff(d.from, d.to)
			if len(added) > 0 {
				add("exclusion_added", id, true, "accepts more excluded %s for %s: %s", d.what, id, strings.Join(added, ", "))
			}
			if len(removed) > 0 {
				add("exclusion_removed", id, false, "no longer accepts excluded %s for %s: %s", d.what, id, strings.Join(removed, ", "))
			}
		}
	}
	for _, d := range []struct {
		kind, what string
		from, to   []string
	}{
		{"break_glass", "break-glass users", base.BreakGlass.Users, head.BreakGlass.Users},
		{"break_glass", "break-glass groups", base.BreakGlass.Groups, head.BreakGlass.Groups},
		{"trusted_tenant", "trusted partner tenants", base.TrustedTenants, head.TrustedTenants},
	} {
		added, removed := setDiff(d.from, d.to)
		if len(added) > 0 {
			add(d.kind+"_added", "", true, "declares more %s (exempt from the controls that check them): %s", d.what, strings.Join(added, ", "))
		}
		if len(removed) > 0 {
			add(d.kind+"_removed", "", false, "declares fewer %s: %s", d.what, strings.Join(removed, ", "))
		}
	}
	if base.Cloud != head.Cloud {
		add("cloud_changed", "", true, "changes the declared cloud from %s to %s", orDefault(base.Cloud), orDefault(head.Cloud))
	}
	return out
}

func waiverIndex(ws []policy.Waiver) map[string]policy.Waiver {
	m := map[string]policy.Waiver{}
	for _, w := range ws {
		ids := slices.Clone(w.ResourceIDs)
		slices.Sort(ids)
		m[w.Control+"\x00"+strings.ToLower(strings.Join(ids, ","))] = w
	}
	return m
}

// waiverText: "MS.AAD.7.2v1 until 2027-03-31, owner identity-team@contoso.com (SEC-1234): reason".
func waiverText(w policy.Waiver) string {
	what := w.Control
	if n := len(w.ResourceIDs); n > 0 {
		what += fmt.Sprintf(" for %d object(s) (%s)", n, strings.Join(w.ResourceIDs, ", "))
	}
	s := fmt.Sprintf("%s until %s, owner %s", what, w.Expires, w.Owner)
	if w.Ticket != "" {
		s += " (" + w.Ticket + ")"
	}
	if w.Reason != "" {
		s += ": " + strings.TrimSpace(w.Reason)
	}
	return s
}

func setDiff(from, to []string) (added, removed []string) {
	in := func(list []string, s string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
	}
	for _, s := range to {
		if !in(from, s) {
			added = append(added, s)
		}
	}
	for _, s := range from {
		if !in(to, s) {
			removed = append(removed, s)
		}
	}
	return added, removed
}

func severityRank(s string) int { return finding.Severity(strings.ToLower(s)).Rank() }

func orDefault(s string) string {
	if s == "" {
		return "the default"
	}
	return s
}
