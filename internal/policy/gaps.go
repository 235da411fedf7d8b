package policy

import (
	"fmt"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// gapInfo is one resource's entry of input.collection.
type gapInfo struct {
	status, permission, license, message string
}

// collectionOf reads input.collection: resource key → collection outcome.
func collectionOf(input map[string]any) map[string]gapInfo {
	out := map[string]gapInfo{}
	coll, _ := input["collection"].(map[string]any)
	for key, v := range coll {
		e, _ := v.(map[string]any)
		out[key] = gapInfo{
			status:     str(e["status"]),
			permission: str(e["permission"]),
			license:    str(e["license"]),
			message:    str(e["message"]),
		}
	}
	return out
}

// missing lists the required resources that were not collected. A resource
// absent from the manifest counts as not collected: never a silent pass.
func missing(requires []string, collection map[string]gapInfo) []finding.Gap {
	var gaps []finding.Gap
	for _, key := range requires {
		info, ok := collection[key]
		if ok && info.status == "collected" {
			continue
		}
		g := finding.Gap{Resource: key, Status: info.status, Permission: info.permission, License: info.license, Message: info.message}
		if !ok || g.Status == "" {
			g.Status = "not_collected"
			g.Message = "the snapshot does not contain this resource: take a new snapshot with this version of entra-audit"
		}
		gaps = append(gaps, g)
	}
	return gaps
}

// gapMessage says in one sentence what is missing and what would fix it.
func gapMessage(gaps []finding.Gap) string {
	parts := make([]string, 0, len(gaps))
	for _, g := range gaps {
		var why string
		switch {
		case g.Permission != "":
			why = fmt.Sprintf("%s: grant %s", strings.ReplaceAll(g.Status, "_", " "), g.Permission)
		case g.License != "":
			why = fmt.Sprintf("%s: needs %s", strings.ReplaceAll(g.Status, "_", " "), g.License)
		default:
			why = strings.ReplaceAll(g.Status, "_", " ")
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", g.Resource, why))
	}
	return "data not collected: " + strings.Join(parts, "; ")
}

// noBaselineMessage is the not_applicable message of a change-aware
// control (METADATA compares) audited without a baseline.
const noBaselineMessage = "needs a baseline to compare with: run with --baseline DIR"

// comparison is input.drift, the comparison with a baseline, as far as the
// engine needs it: nil when the input has none (no --baseline).
type comparison struct {
	dir       string                        // input.drift.baseline.dir
	resources map[string]comparisonResource // input.drift.resources
}

type comparisonResource struct {
	status, reason string
}

// comparisonOf reads input.drift; nil when it is absent.
func comparisonOf(input map[string]any) *comparison {
	d, ok := input["drift"].(map[string]any)
	if !ok {
		return nil
	}
	base, _ := d["baseline"].(map[string]any)
	c := &comparison{dir: str(base["dir"]), resources: map[string]comparisonResource{}}
	res, _ := d["resources"].(map[string]any)
	for key, v := range res {
		e, _ := v.(map[string]any)
		c.resources[key] = comparisonResource{status: str(e["status"]), reason: str(e["reason"])}
	}
	return c
}

// notComparable lists the compared resources whose changes cannot be told:
// any status but compared, or a resource the comparison does not cover.
// Never a silent pass: a control that cannot tell says so.
func (c *comparison) notComparable(compares []string) []finding.Gap {
	var gaps []finding.Gap
	for _, key := range compares {
		r, ok := c.resources[key]
		if ok && r.status == finding.ResourceCompared {
			continue
		}
		g := finding.Gap{Resource: key, Status: finding.ResourceNotComparable, Message: r.reason}
		if g.Message == "" {
			if ok {
				g.Message = fmt.Sprintf("the comparison gives it status %q", r.status)
			} else {
				g.Message = "the comparison with the baseline does not cover this resource"
			}
		}
		gaps = append(gaps, g)
	}
	return gaps
}

// gapMessage says in one sentence which compared resources cannot be told
// apart from the baseline, and why.
func (c *comparison) gapMessage(gaps []finding.Gap) string {
	parts := make([]string, 0, len(gaps))
	for _, g := range gaps {
		parts = append(parts, fmt.Sprintf("%s: %s", g.Resource, g.Message))
	}
	baseline := "the baseline"
	if c.dir != "" {
		baseline = fmt.Sprintf("the baseline (%s)", c.dir)
	}
	return fmt.Sprintf("cannot compare with %s: %s", baseline, strings.Join(parts, "; "))
}
