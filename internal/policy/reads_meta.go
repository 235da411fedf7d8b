package policy

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// propertyPattern is one step of a property path in METADATA custom.reads:
// a Graph property name, [] when it is a list whose elements the path goes
// into (authenticationMethodConfigurations[].state), or the annotation
// @odata.type.
var propertyPattern = regexp.MustCompile(`^(@odata\.type|[A-Za-z][A-Za-z0-9_]*(\[\])?)$`)

// ReadPath splits a custom.reads entry into its resource key (the first two
// dotted parts) and property path steps; @odata.type stays one step.
func ReadPath(read string) (key string, path []string) {
	parts := strings.Split(read, ".")
	if len(parts) < 2 {
		return read, nil
	}
	key = parts[0] + "." + parts[1]
	for i := 2; i < len(parts); i++ {
		if parts[i] == "@odata" && i+1 < len(parts) && parts[i+1] == "type" {
			path = append(path, "@odata.type")
			i++
			continue
		}
		path = append(path, parts[i])
	}
	return key, path
}

const readsUsage = "must be a list of properties, <resource key>.<property path> " +
	"(tenant.authorizationPolicy.defaultUserRolePermissions.allowedToCreateApps), or " +
	"<property>: <what its absence means> for a property the control judges when absent"

// reads validates METADATA custom.reads: a list of properties, each a known
// resource key followed by a property path, listed once. An entry may be a
// one-key map, property: meaning, for a property whose absence the control
// judges itself (Graph documents a default), saying what absent means.
func (m metaChecker) reads(v any) ([]string, map[string]string, []string) {
	items, ok := v.([]any)
	if v != nil && !ok {
		return nil, nil, []string{readsUsage}
	}
	var (
		list     []string
		absent   map[string]string
		problems []string
	)
	for _, item := range items {
		var r string
		switch x := item.(type) {
		case string:
			r = x
		case map[string]any:
			meaning, isText := "", false
			for k, v := range x {
				r = k
				meaning, isText = v.(string)
			}
			if len(x) != 1 || !isText || strings.TrimSpace(meaning) == "" {
				return nil, nil, []string{readsUsage}
			}
			if absent == nil {
				absent = map[string]string{}
			}
			absent[r] = strings.TrimSpace(meaning)
		default:
			return nil, nil, []string{readsUsage}
		}
		list = append(list, r)
		problems = append(problems, m.checkRead(r)...)
	}
	if dup := duplicates(list); len(dup) > 0 {
		problems = append(problems, fmt.Sprintf("lists %s twice", strings.Join(dup, ", ")))
	}
	sort.Strings(problems)
	return list, absent, problems
}

func (m metaChecker) checkRead(r string) []string {
	key, path := ReadPath(r)
	switch {
	case !m.known[key]:
		return []string{fmt.Sprintf("%q does not start with a snapshot resource key (see docs/snapshot-format.md)", r)}
	case len(path) == 0:
		return []string{fmt.Sprintf("%q names a resource, not a property: add the property path", r)}
	}
	for _, p := range path {
		if !propertyPattern.MatchString(p) {
			return []string{fmt.Sprintf("%q: %q is not a property name (letters and digits, [] for list elements)", r, p)}
		}
	}
	return nil
}
