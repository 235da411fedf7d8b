package policy

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// A typo in entra-audit.yaml is the commonest first mistake. YAML's own
// message ("field breakGlas not found in type policy.Config") names a Go
// type the user never sees; these helpers say which key is unknown, the
// closest valid one and every key valid at that level.

// configKeys are the keys valid in each part of the file, by the Go type
// the YAML decoder names in its message.
var configKeys = map[string][]string{}

func init() {
	for _, v := range []any{Config{}, BreakGlass{}, ControlConfig{}, Exclusions{}, RoleExclusions{}, Waiver{}} {
		t := reflect.TypeOf(v)
		var keys []string
		for i := range t.NumField() {
			if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
				keys = append(keys, tag)
			}
		}
		slices.Sort(keys)
		configKeys["policy."+t.Name()] = keys
	}
}

var unknownField = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)

// explainUnknownField rewrites the decoder's unknown-field message; other
// messages are returned as they are.
func explainUnknownField(msg string) string {
	m := unknownField.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	key, valid := m[1], configKeys[m[2]]
	if len(valid) == 0 {
		return msg
	}
	out := "unknown key " + key
	if s := closest(key, valid); s != "" {
		out += " (did you mean " + s + "?)"
	}
	return out + "; the keys here are " + strings.Join(valid, ", ")
}

// didYouMean is " (did you mean X?)" for the closest of candidates, or "".
func didYouMean(s string, candidates []string) string {
	if c := closest(s, candidates); c != "" {
		return " (did you mean " + c + "?)"
	}
	return ""
}

// closest is the candidate nearest to s by edit distance (case ignored),
// when near enough to be a typo: at most 2 edits, or a third of s.
func closest(s string, candidates []string) string {
	best, bestD := "", 0
	limit := max(2, len(s)/3)
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if d > limit {
			continue
		}
		// Of equally near ones, the one that keeps more of what was typed
		// first (MS.AAD.7.2v2 is MS.AAD.7.2v1, not MS.AAD.3.2v2).
		if best == "" || d < bestD || d == bestD && (commonPrefix(s, c) > commonPrefix(s, best) ||
			commonPrefix(s, c) == commonPrefix(s, best) && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && strings.EqualFold(a[n:n+1], b[n:n+1]) {
		n++
	}
	return n
}
