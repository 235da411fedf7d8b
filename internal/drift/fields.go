package drift

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// Field-level comparison of two versions of one object. Values are as the
// loader gives them: maps, lists, strings, json.Number, bools and nil.

// empty is what Graph uses interchangeably: absent, null, [] and {}.
func empty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case []any:
		return len(t) == 0
	case map[string]any:
		return len(t) == 0
	}
	return false
}

// dropped reports whether the writer drops a property: annotations other
// than @odata.type, and volatile fields. Such a property is never drift.
func dropped(res snapshot.Resource, path, key string) bool {
	if key != "@odata.type" && (strings.HasPrefix(key, "@") || strings.Contains(key, "@odata.")) {
		return true
	}
	if slices.Contains(snapshot.GlobalVolatile, key) {
		return true
	}
	return slices.Contains(res.Volatile, joinPath(path, key))
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// equal is the fast check: are a and b the same for drift purposes?
func equal(res snapshot.Resource, path string, a, b any) bool {
	if empty(a) && empty(b) {
		return true
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range x {
			if !dropped(res, path, k) && !equal(res, joinPath(path, k), v, y[k]) {
				return false
			}
		}
		for k, v := range y {
			if _, seen := x[k]; !seen && !dropped(res, path, k) && !empty(v) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok {
			return false
		}
		if len(x) != len(y) {
			return false
		}
		id := res.ListIdentityOf(lastKey(path), slices.Concat(x, y))
		if id.Ordered {
			for i := range x {
				if !equal(res, path, x[i], y[i]) {
					return false
				}
			}
			return true
		}
		ex, ey := elements(res, path, x, id), elements(res, path, y, id)
		if len(ex) != len(ey) {
			return false
		}
		for k, v := range ex {
			w, ok := ey[k]
			if !ok || !equal(res, path, v, w) {
				return false
			}
		}
		return true
	default:
		return scalar(a) == scalar(b)
	}
}

// lastKey is the property name a path ends in ("conditions.users.excludeUsers" → "excludeUsers";
// "x[Sms].y" → "y").
func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}

// elements keys the members of a set-like list: a string is its own key,
// a keyed object its key values.
func elements(res snapshot.Resource, path string, list []any, id snapshot.ListIdentity) map[string]any {
	out := make(map[string]any, len(list))
	for _, el := range list {
		out[elementKey(el, id)] = el
	}
	return out
}

func elementKey(el any, id snapshot.ListIdentity) string {
	if len(id.Keys) == 0 {
		return scalar(el)
	}
	m, _ := el.(map[string]any)
	parts := make([]string, len(id.Keys))
	for i, k := range id.Keys {
		parts[i] = scalar(m[k])
	}
	return strings.Join(parts, ",")
}

// scalar is a value's text for comparison; maps and lists as canonical JSON.
func scalar(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		return "s:" + t
	case json.Number:
		return "n:" + t.String()
	case bool:
		return fmt.Sprint(t)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// diffFields lists the changed properties of one object, sorted by path.
func diffFields(res snapshot.Resource, a, b snapshot.Object, n namer) []finding.FieldChange {
	var out []finding.FieldChange
	diffValue(res, "", map[string]any(a), map[string]any(b), n, &out)
	slices.SortStableFunc(out, func(x, y finding.FieldChange) int { return strings.Compare(x.Path, y.Path) })
	return out
}

func diffValue(res snapshot.Resource, path string, a, b any, n namer, out *[]finding.FieldChange) {
	if equal(res, path, a, b) {
		return
	}
	x, xMap := a.(map[string]any)
	y, yMap := b.(map[string]any)
	if (xMap || empty(a)) && (yMap || empty(b)) && (xMap || yMap) {
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			if !dropped(res, path, k) {
				diffValue(res, joinPath(path, k), x[k], y[k], n, out)
			}
		}
		return
	}
	la, aList := a.([]any)
	lb, bList := b.([]any)
	if (aList || empty(a)) && (bList || empty(b)) && (aList || bList) {
		if id := res.ListIdentityOf(lastKey(path), slices.Concat(la, lb)); id.Set() {
			diffSet(res, path, la, lb, id, n, out)
			return
		}
	}
	*out = append(*out, finding.FieldChange{Path: path, Before: value(a), After: value(b)})
}

// diffSet compares two versions of a set-like list: strings and objects
// without an "id" key report the elements added and removed; objects
// with an id are matched by it and compared property by property
// (path[<id>].property), so one method's state change reads as such.
func diffSet(res snapshot.Resource, path string, a, b []any, id snapshot.ListIdentity, n namer, out *[]finding.FieldChange) {
	ea, eb := elements(res, path, a, id), elements(res, path, b, id)
	byID := slices.Equal(id.Keys, []string{"id"})
	var added, removed []finding.Ref
	for _, k := range slices.Sorted(maps.Keys(eb)) {
		old, ok := ea[k]
		switch {
		case !ok:
			added = append(added, n.ref(lastKey(path), eb[k]))
		case byID:
			diffValue(res, fmt.Sprintf("%s[%s]", path, strings.TrimPrefix(k, "s:")), old, eb[k], n, out)
		case !equal(res, path, old, eb[k]):
			// a keyed object (an IP range by cidrAddress) whose other fields changed
			removed = append(removed, n.ref(lastKey(path), old))
			added = append(added, n.ref(lastKey(path), eb[k]))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(ea)) {
		if _, ok := eb[k]; !ok {
			removed = append(removed, n.ref(lastKey(path), ea[k]))
		}
	}
	if len(added) > 0 || len(removed) > 0 {
		*out = append(*out, finding.FieldChange{Path: path, Added: added, Removed: removed})
	}
}

// value is v as a FieldChange shows it: nil for absent, null and empty.
func value(v any) any {
	if empty(v) {
		return nil
	}
	return v
}

// namer names referenced ids, preferring the live snapshot's names (an
// object renamed since the baseline reads as it is called now) and
// falling back to the baseline's (a user deleted since).
type namer struct{ head, base *snapshot.Names }

func (n namer) ref(prop string, v any) finding.Ref {
	r := finding.Ref{Value: v}
	if s, ok := v.(string); ok {
		if id := snapshot.ReferencedID(prop, s); id != "" {
			if label, ok := n.head.LookupFor(prop, id); ok {
				r.Name = label
			} else if label, ok := n.base.LookupFor(prop, id); ok {
				r.Name = label
			}
		}
	}
	return r
}
