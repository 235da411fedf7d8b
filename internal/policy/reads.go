package policy

import (
	"fmt"
	"slices"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
)

// undeclaredReads lists the snapshot resources a control module reads
// directly (input.<family>.<resource>) but does not name in `requires`:
// such a control would judge missing data as empty data, and might pass.
// Reads through library helpers are not seen; the helpers document them.
func undeclaredReads(mod *ast.Module, requires []string, known map[string]bool) map[string]int {
	out := map[string]int{}
	ast.WalkRefs(mod, func(ref ast.Ref) bool {
		if len(ref) < 3 || !ref[0].Equal(ast.InputRootDocument) {
			return false
		}
		fam, ok1 := ref[1].Value.(ast.String)
		res, ok2 := ref[2].Value.(ast.String)
		if !ok1 || !ok2 {
			return false
		}
		key := string(fam) + "." + string(res)
		if known[key] && !slices.Contains(requires, key) {
			if _, seen := out[key]; !seen && ref[0].Location != nil {
				out[key] = ref[0].Location.Row
			}
		}
		return false
	})
	return out
}

func describeUndeclared(reads map[string]int) []string {
	keys := make([]string, 0, len(reads))
	for k := range reads {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%d: reads input.%s but METADATA custom.requires does not list %s: "+
			"add it, so that the control reports error rather than judge uncollected data", reads[k], k, k))
	}
	return out
}
