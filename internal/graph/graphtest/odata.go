package graphtest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// maxTop is Graph's largest page size for directory objects.
const maxTop = 999

// odataQuery holds the query options the fake understands. $expand and
// $count are accepted and ignored: fixtures are stored expanded.
type odataQuery struct {
	top     int // 0 = server default
	skip    int // offset decoded from $skiptoken
	selects []string
	filter  filterExpr // nil = none
}

// queryError is a 400 the fake answers for a bad query option.
type queryError struct{ code, message string }

func (e *queryError) Error() string { return e.code + ": " + e.message }

// queryValue returns a system query option by name, with or without "$",
// case-insensitively, as Graph accepts it.
func queryValue(q url.Values, name string) (string, bool) {
	for k, vs := range q {
		if strings.EqualFold(strings.TrimPrefix(k, "$"), name) && len(vs) > 0 {
			return vs[0], true
		}
	}
	return "", false
}

// parseODataQuery reads $top, $skiptoken, $select and $filter.
func parseODataQuery(q url.Values, withFilter bool) (odataQuery, error) {
	var oq odataQuery
	if v, ok := queryValue(q, "top"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > maxTop {
			return oq, &queryError{"Request_UnsupportedQuery", fmt.Sprintf("Invalid page size specified: '%s'. Must be between 1 and %d inclusive.", v, maxTop)}
		}
		oq.top = n
	}
	if v, ok := queryValue(q, "skiptoken"); ok {
		n, ok := decodeSkipToken(v)
		if !ok {
			return oq, &queryError{"Directory_ExpiredPageToken", "The specified page token value has expired and can no longer be included in your request."}
		}
		oq.skip = n
	}
	if v, ok := queryValue(q, "select"); ok {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				oq.selects = append(oq.selects, s)
			}
		}
	}
	if v, ok := queryValue(q, "filter"); ok && withFilter {
		f, err := parseFilter(v)
		if err != nil {
			return oq, &queryError{"Request_UnsupportedQuery", "Invalid filter clause: " + err.Error()}
		}
		oq.filter = f
	}
	return oq, nil
}

// Skip tokens are opaque to clients (they must never craft them); the fake
// hides an offset in one.
func encodeSkipToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("graphtest-offset:" + strconv.Itoa(offset)))
}

func decodeSkipToken(tok string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	s, ok := strings.CutPrefix(string(b), "graphtest-offset:")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// applySelect keeps the selected properties plus id and @odata.type.
func applySelect(item json.RawMessage, selects []string) json.RawMessage {
	if len(selects) == 0 {
		return item
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(item, &m) != nil {
		return item
	}
	keep := make(map[string]json.RawMessage, len(selects)+2)
	for k, v := range m {
		if strings.EqualFold(k, "id") || strings.EqualFold(k, "@odata.type") {
			keep[k] = v
			continue
		}
		for _, s := range selects {
			if strings.EqualFold(k, s) {
				keep[k] = v
				break
			}
		}
	}
	out, err := json.Marshal(keep)
	if err != nil {
		return item
	}
	return out
}

// applyFilter returns the items matching f (all when f is nil).
func applyFilter(items []json.RawMessage, f filterExpr) []json.RawMessage {
	if f == nil {
		return items
	}
	var out []json.RawMessage
	for _, it := range items {
		var m map[string]any
		if json.Unmarshal(it, &m) == nil && f.match(m) {
			out = append(out, it)
		}
	}
	return out
}
