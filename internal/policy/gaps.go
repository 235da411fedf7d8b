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
