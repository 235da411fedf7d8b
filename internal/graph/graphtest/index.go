package graphtest

import (
	"encoding/json"
	"slices"
	"strings"
)

// memberIndex finds a collection's members by id, ARM name or full ARM id
// (lower case) without decoding every item: the first position of each,
// so a lookup answers the same item a scan in collection order would.
type memberIndex struct {
	byID, byName, byARMID map[string]int
}

// add indexes item at position i.
func (x *memberIndex) add(item json.RawMessage, i int) {
	var keys struct {
		ID   any `json:"id"`
		Name any `json:"name"`
	}
	if json.Unmarshal(item, &keys) != nil {
		return
	}
	if x.byID == nil {
		x.byID, x.byName, x.byARMID = map[string]int{}, map[string]int{}, map[string]int{}
	}
	first := func(m map[string]int, k string) {
		if _, seen := m[k]; k != "" && !seen {
			m[k] = i
		}
	}
	id, _ := keys.ID.(string)
	name, _ := keys.Name.(string)
	first(x.byID, strings.ToLower(id))
	first(x.byName, strings.ToLower(name))
	if strings.HasPrefix(id, "/") {
		first(x.byARMID, strings.ToLower(strings.TrimRight(id, "/")))
	}
}

// member is the position of the first item whose id or name is want or
// whose full ARM id is fullPath (lower case).
func (x *memberIndex) member(want, fullPath string) (int, bool) {
	best := -1
	for _, hit := range []struct {
		m map[string]int
		k string
	}{{x.byID, strings.ToLower(want)}, {x.byName, strings.ToLower(want)}, {x.byARMID, fullPath}} {
		if i, ok := hit.m[hit.k]; ok && (best < 0 || i < best) {
			best = i
		}
	}
	return best, best >= 0
}

// byIDs returns the items whose id is one of ids, in collection order.
// Only the first item of a duplicated id is found: fixtures do not repeat
// ids.
func (x *memberIndex) byIDs(items []json.RawMessage, ids []string) []json.RawMessage {
	var pos []int
	seen := map[int]bool{}
	for _, id := range ids {
		if i, ok := x.byID[strings.ToLower(id)]; ok && i < len(items) && !seen[i] {
			seen[i] = true
			pos = append(pos, i)
		}
	}
	slices.Sort(pos)
	out := make([]json.RawMessage, len(pos))
	for k, i := range pos {
		out[k] = items[i]
	}
	return out
}

// idFilter returns the ids of a filter that is only "id eq '…'" or
// "id in ('…', …)", which the index answers.
func idFilter(f filterExpr) ([]string, bool) {
	c, ok := f.(cmpExpr)
	if !ok || c.neg || !strings.EqualFold(c.prop, "id") {
		return nil, false
	}
	ids := make([]string, 0, len(c.lits))
	for _, l := range c.lits {
		s, ok := l.(string)
		if !ok {
			return nil, false
		}
		ids = append(ids, s)
	}
	return ids, true
}
