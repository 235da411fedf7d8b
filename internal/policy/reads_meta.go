package policy

import (
	"fmt"
	"regexp"
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

// reads validates METADATA custom.reads: a list of properties, each a known
// resource key followed by a property path, listed once.
func (m metaChecker) reads(v any) ([]string, []string) {
	list, ok := strings_(v)
	if !ok {
		return nil, []string{"must be a list of properties: <resource key>.<property path>, " +
			"e.g. tenant.authorizationPolicy.defaultUserRolePermissions.allowedToCreateApps"}
	}
	var problems []string
	for _, r := range list {
		key, path := ReadPath(r)
		switch {
		case !m.known[key]:
			problems = append(problems, fmt.Sprintf("%q does not start with a snapshot resource key (see docs/snapshot-format.md)", r))
		case len(path) == 0:
			problems = append(problems, fmt.Sprintf("%q names a resource, not a property: add the property path", r))
		default:
			for _, p := range path {
				if !propertyPattern.MatchString(p) {
					problems = append(problems, fmt.Sprintf("%q: %q is not a property name (letters and digits, [] for list elements)", r, p))
					break
				}
			}
		}
	}
	if dup := duplicates(list); len(dup) > 0 {
		problems = append(problems, fmt.Sprintf("lists %s twice", strings.Join(dup, ", ")))
	}
	return list, problems
}
