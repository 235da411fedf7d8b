package policy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// StatusPropertyMissing is the gap status of a property a control needs
// that is absent from an object of the snapshot (a control's `missing`
// rule): a property Graph always returns, or that the control cannot judge
// without. The control reports error, never pass.
const StatusPropertyMissing = "property_missing"

// maxMissingInMessage bounds how many absent properties the result's
// message names; its gaps list them all.
const maxMissingInMessage = 5

// missingGaps reads a control's `missing` entries: objects built with
// data.lib.result.missing ({resource: {type, id, name}, property}) or
// strings "<resource key>.<property path>". Sorted, duplicates dropped.
func missingGaps(v any) ([]finding.Gap, error) {
	list, _ := v.([]any)
	seen := map[finding.Gap]bool{}
	var gaps []finding.Gap
	for _, item := range list {
		var g finding.Gap
		switch x := item.(type) {
		case string:
			key, path := ReadPath(x)
			if len(path) == 0 {
				return nil, fmt.Errorf("missing entry %q is not <resource key>.<property path>", x)
			}
			g = finding.Gap{Resource: key, Status: StatusPropertyMissing, Message: strings.Join(path, ".") + " is absent"}
		case map[string]any:
			r, _ := x["resource"].(map[string]any)
			typ, prop := str(r["type"]), str(x["property"])
			if typ == "" || prop == "" {
				return nil, fmt.Errorf("missing entry %v lacks resource.type or property: build it with data.lib.result.missing", item)
			}
			g = finding.Gap{Resource: typ, Status: StatusPropertyMissing, Message: objectLabel(str(r["name"]), str(r["id"])) + prop + " is absent"}
		default:
			return nil, fmt.Errorf("missing entry %v is neither a string nor an object: build it with data.lib.result.missing", item)
		}
		if !seen[g] {
			seen[g] = true
			gaps = append(gaps, g)
		}
	}
	sort.Slice(gaps, func(i, j int) bool {
		if gaps[i].Resource != gaps[j].Resource {
			return gaps[i].Resource < gaps[j].Resource
		}
		return gaps[i].Message < gaps[j].Message
	})
	return gaps, nil
}

// objectLabel names the object a property is absent from: "'CA002' (ab90…): ".
func objectLabel(name, id string) string {
	switch {
	case name != "" && id != "" && name != id:
		return fmt.Sprintf("'%s' (%s): ", name, id)
	case id != "":
		return id + ": "
	case name != "":
		return fmt.Sprintf("'%s': ", name)
	}
	return ""
}

// missingMessage says in one sentence which properties are absent.
func missingMessage(gaps []finding.Gap) string {
	parts := make([]string, 0, maxMissingInMessage+1)
	for i, g := range gaps {
		if i == maxMissingInMessage {
			parts = append(parts, fmt.Sprintf("and %d more", len(gaps)-i))
			break
		}
		parts = append(parts, g.Resource+" "+g.Message)
	}
	return "properties absent from the snapshot, so the control cannot be judged: " + strings.Join(parts, "; ") +
		" (Graph returns them: take a new snapshot with this version of entra-audit)"
}

// applyMissing turns a control's `missing` entries into its result: error,
// with a gap per absent property. It reports whether there were any.
func applyMissing(res *finding.Result, v any) (bool, error) {
	gaps, err := missingGaps(v)
	switch {
	case err != nil:
		res.Status = finding.StatusError
		res.Message = "the policy yielded a malformed missing entry: " + err.Error()
		return true, err
	case len(gaps) == 0:
		return false, nil
	}
	res.Status = finding.StatusError
	res.Gaps = gaps
	res.Message = missingMessage(gaps)
	return true, nil
}
