package snapshot

import (
	"slices"
	"sort"
	"strings"
)

// PermissionNeed is one permission the catalogue needs, with who needs it.
type PermissionNeed struct {
	API        string   // APIGraph or APIARM
	Permission string   // e.g. Policy.Read.All, or an ARM role
	Families   []string // sorted
	Keys       []string // resource keys, sorted
}

// RequiredPermissions lists every permission the collectors' resources
// declare, by API then name.
func RequiredPermissions(collectors []Collector) []PermissionNeed {
	type k struct{ api, perm string }
	needs := map[k]*PermissionNeed{}
	for _, c := range collectors {
		for _, r := range c.Resources() {
			api := r.API
			if api == "" {
				api = APIGraph
			}
			for _, p := range r.Permissions {
				key := k{api, p}
				n := needs[key]
				if n == nil {
					n = &PermissionNeed{API: api, Permission: p}
					needs[key] = n
				}
				if !slices.Contains(n.Families, c.Family()) {
					n.Families = append(n.Families, c.Family())
				}
				n.Keys = append(n.Keys, r.Key)
			}
		}
	}
	out := make([]PermissionNeed, 0, len(needs))
	for _, n := range needs {
		sort.Strings(n.Families)
		sort.Strings(n.Keys)
		out = append(out, *n)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].API != out[j].API {
			return out[i].API == APIGraph // Graph first
		}
		return out[i].Permission < out[j].Permission
	})
	return out
}

// broaderReads are granted permissions that also allow reading what the
// listed narrower ones do (Graph's permission reference lists
// Directory.Read.All as an alternative on each of these reads).
var broaderReads = map[string][]string{
	"Directory.Read.All": {"Organization.Read.All", "Domain.Read.All", "User.Read.All", "Group.Read.All",
		"GroupMember.Read.All", "Application.Read.All", "RoleManagement.Read.Directory"},
}

// Satisfied reports whether a token holding granted covers need: the same
// permission, its ReadWrite form (X.ReadWrite.Y covers X.Read.Y), or a
// broader read listed in broaderReads. Names compare case-insensitively.
func Satisfied(need string, granted []string) bool {
	for _, g := range granted {
		if strings.EqualFold(g, need) || strings.EqualFold(strings.Replace(g, ".ReadWrite.", ".Read.", 1), need) {
			return true
		}
		for _, narrower := range broaderReads[g] {
			if strings.EqualFold(narrower, need) {
				return true
			}
		}
	}
	return false
}
