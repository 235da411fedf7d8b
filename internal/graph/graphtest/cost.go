package graphtest

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// ResourceUnits is what Graph's identity and access limit charges for a
// request (learn "throttling-limits"): GET users, applications and
// oauth2PermissionGrants (collection or member) 2,
// servicePrincipals/{id}/appRoleAssignments 2, groups/{id}/members 3,
// groups/{id}/transitiveMembers 5, subscribedSkus 3, anything else 1;
// then $select −1, $expand +1, $top below 20 −1, at least 1. Conditional
// Access and Identity Protection (paced at one request per second instead),
// ARM and the $batch envelope (its inner requests are charged) cost 0.
// target is the path and query as sent, e.g. "/v1.0/users?$top=999".
func ResourceUnits(method, target string) int {
	u, err := url.Parse(target)
	if err != nil || isARMPath(u.Path) || isPacedPath(u.Path) || isBatchPath(u.Path) {
		return 0
	}
	cost := 1
	if method == http.MethodGet || method == "" {
		cost = baseCost(strings.Split(strings.Trim(strings.ToLower(u.Path), "/"), "/"))
	}
	q := u.Query()
	if _, ok := queryValue(q, "select"); ok {
		cost--
	}
	if _, ok := queryValue(q, "expand"); ok {
		cost++
	}
	if v, ok := queryValue(q, "top"); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n < 20 {
			cost--
		}
	}
	return max(cost, 1)
}

// baseCost is the published cost of a GET on segs (version first).
func baseCost(segs []string) int {
	if len(segs) < 2 {
		return 1
	}
	segs = segs[1:]
	switch {
	case len(segs) <= 2 && (segs[0] == "users" || segs[0] == "applications" || segs[0] == "oauth2permissiongrants"):
		return 2
	case len(segs) <= 2 && segs[0] == "subscribedskus":
		return 3
	case len(segs) == 3 && segs[0] == "serviceprincipals" && segs[2] == "approleassignments":
		return 2
	case len(segs) == 3 && segs[0] == "groups" && segs[2] == "members":
		return 3
	case len(segs) == 3 && segs[0] == "groups" && segs[2] == "transitivemembers":
		return 5
	}
	return 1
}

var (
	guidPattern   = regexp.MustCompile(`(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	quotedPattern = regexp.MustCompile(`'[^']*[0-9][^']*'`) // an id, not a keyword such as 'Group'
	repeatedIDs   = regexp.MustCompile(`'\{id\}'(,\s*'\{id\}')+`)
)

// NormalizedRequest names a request the way ThrottleStats.ByPath counts
// it: the method, then path and query decoded, with GUIDs and quoted
// literals holding a digit replaced by {id}, lists of them collapsed and
// $skiptoken dropped,
// so every page and every object of one read share a name:
// "GET /v1.0/users/{id}?$select=id,displayName".
func NormalizedRequest(method, target string) string {
	path, rawQuery, _ := strings.Cut(target, "?")
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	var kept []string
	for _, kv := range strings.Split(rawQuery, "&") {
		k, _, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); kv == "" || err == nil && strings.EqualFold(strings.TrimPrefix(dk, "$"), "skiptoken") {
			continue
		}
		if d, err := url.QueryUnescape(kv); err == nil {
			kv = d
		}
		kept = append(kept, kv)
	}
	s := path
	if len(kept) > 0 {
		s += "?" + strings.Join(kept, "&")
	}
	s = guidPattern.ReplaceAllString(s, "{id}")
	s = quotedPattern.ReplaceAllString(s, "'{id}'")
	s = repeatedIDs.ReplaceAllString(s, "'{id}',…")
	return method + " " + s
}
