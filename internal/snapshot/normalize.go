package snapshot

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Normalisation keeps Graph's property names and values and removes only
// what would make two snapshots of an unchanged tenant differ:
//
//   - every annotation key starting with "@" (@odata.context, @odata.etag,
//     @odata.nextLink, @odata.count, @microsoft.graph.tips…) and every
//     sibling annotation such as "authenticationStrength@odata.context",
//     except "@odata.type", which says which derived type an object is;
//   - GlobalVolatile fields at any depth, and the resource's own Volatile
//     fields (dotted paths from the object's root);
//   - the order of arrays that are sets (see SetFields and sortArrays).
//
// createdDateTime is kept (reviewers ask when a policy appeared; it never
// changes); modifiedDateTime/lastModifiedDateTime are dropped: they change
// on every save even when nothing else did, and the diff of the object
// already shows what changed.

// GlobalVolatile are property names dropped wherever they appear.
var GlobalVolatile = []string{
	"modifiedDateTime",           // CA policies, named locations, strengths: bumped on every save
	"lastModifiedDateTime",       // same, on policies and PIM rules
	"signInActivity",             // users: last sign-in, changes constantly
	"onPremisesLastSyncDateTime", // organization, users, groups: every sync cycle (30 min)
	"lastDirSyncTime",            // legacy name of the same
	"lastRunDateTime",            // domains: signingCertificateUpdateStatus check time
	"lastPasswordChangeDateTime", // users: not configuration
	"deletedDateTime",            // always null for live objects
}

// SetFields are properties whose string arrays carry no order: they are
// sorted (byte order) wherever they appear. Arrays not listed keep Graph's
// order, because some orders mean something (certificateUserBindings by
// priority, a JSON "definition" text array).
var SetFields = []string{
	// Conditional Access conditions and controls
	"includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles", "excludeRoles",
	"includeApplications", "excludeApplications", "includeUserActions", "includeAuthenticationContextClassReferences",
	"includeServicePrincipals", "excludeServicePrincipals", "includeLocations", "excludeLocations",
	"includePlatforms", "excludePlatforms", "clientAppTypes", "signInRiskLevels", "userRiskLevels",
	"servicePrincipalRiskLevels", "builtInControls", "customAuthenticationFactors", "termsOfUse", "members",
	// authentication strengths and named locations
	"allowedCombinations", "appliesToCombinations", "allowedAAGUIDs", "allowedIssuerSkis", "allowedPolicyOIDs",
	"countriesAndRegions",
	// roles, tenant, apps
	"allowedResourceActions", "excludedResourceActions", "permissionGrantPoliciesAssigned", "supportedServices",
	"tags", "servicePrincipalNames", "identifierUris", "redirectUris", "replyUrls", "notificationEmails",
	"technicalNotificationMails", "securityComplianceNotificationMails", "marketingNotificationEmails",
	"securityComplianceNotificationPhones", "businessPhones", "capabilities", "groupTypes",
}

// objectSortKeys says by which property arrays of objects are sorted, for
// arrays whose elements have no "id". Arrays of objects that all carry a
// string "id" are sorted by it unless listed in keepOrder.
var objectSortKeys = map[string][]string{
	"ipRanges":                  {"cidrAddress"},
	"values":                    {"name"}, // directory settings name/value pairs
	"verifiedDomains":           {"name"},
	"assignedPlans":             {"service", "servicePlanId", "capabilityStatus"},
	"provisionedPlans":          {"service", "capabilityStatus"},
	"servicePlans":              {"servicePlanId"},
	"passwordCredentials":       {"keyId"},
	"keyCredentials":            {"keyId"},
	"requiredResourceAccess":    {"resourceAppId"},
	"resourceAccess":            {"id"},
	"combinationConfigurations": {"id"},
}

// keepOrder lists arrays of objects whose order carries meaning.
var keepOrder = map[string]bool{
	"certificateUserBindings": true, // priority order
	"rolePermissions":         true,
}

// Normalize returns a normalised deep copy of obj for resource res.
func Normalize(res Resource, obj Object) Object {
	out, _ := normalizeValue("", obj, res.sortedSet()).(map[string]any)
	if out == nil {
		out = map[string]any{}
	}
	for _, path := range res.Volatile {
		deletePath(out, strings.Split(path, "."))
	}
	return out
}

// setFieldSet is SetFields as a set, shared (read-only) by the resources
// that add none: Normalize runs once per object.
var setFieldSet = sync.OnceValue(func() map[string]bool { return Resource{}.buildSortedSet() })

func (r Resource) sortedSet() map[string]bool {
	if len(r.SortedFields) == 0 {
		return setFieldSet()
	}
	return r.buildSortedSet()
}

func (r Resource) buildSortedSet() map[string]bool {
	set := make(map[string]bool, len(SetFields)+len(r.SortedFields))
	for _, f := range SetFields {
		set[f] = true
	}
	for _, f := range r.SortedFields {
		set[f] = true
	}
	return set
}

func normalizeValue(name string, v any, sets map[string]bool) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			if dropKey(k) {
				continue
			}
			out[k] = normalizeValue(k, val, sets)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, val := range t {
			out[i] = normalizeValue(name, val, sets)
		}
		sortArray(name, out, sets)
		return out
	case float64:
		// Objects built from encoding/json without UseNumber; keep the exact text.
		return json.Number(strconv.FormatFloat(t, 'f', -1, 64))
	case int:
		return json.Number(strconv.Itoa(t))
	case int64:
		return json.Number(strconv.FormatInt(t, 10))
	case []string:
		// Collectors building objects by hand; stored as Graph would decode them.
		out := make([]any, len(t))
		for i, s := range t {
			out[i] = s
		}
		return normalizeValue(name, out, sets)
	case []Object:
		out := make([]any, len(t))
		for i, o := range t {
			out[i] = o
		}
		return normalizeValue(name, out, sets)
	default:
		return v
	}
}

func dropKey(k string) bool {
	if k == "@odata.type" {
		return false
	}
	if strings.HasPrefix(k, "@") || strings.Contains(k, "@odata.") {
		return true
	}
	return slices.Contains(GlobalVolatile, k)
}

func sortArray(name string, arr []any, sets map[string]bool) {
	if len(arr) < 2 {
		return
	}
	id := listIdentity(name, arr, sets)
	switch {
	case id.Ordered:
		return
	case len(id.Keys) == 0:
		sort.SliceStable(arr, func(i, j int) bool { return arr[i].(string) < arr[j].(string) })
		return
	}
	keys := id.Keys
	canon := make([]string, len(arr))
	for i, v := range arr {
		canon[i] = canonicalJSON(v)
	}
	idx := make([]int, len(arr))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ma, mb := arr[idx[a]].(map[string]any), arr[idx[b]].(map[string]any)
		for _, k := range keys {
			sa, sb := scalarText(ma[k]), scalarText(mb[k])
			if sa != sb {
				return sa < sb
			}
		}
		return canon[idx[a]] < canon[idx[b]] // total order: deterministic whatever Graph sent
	})
	sorted := make([]any, len(arr))
	for i, j := range idx {
		sorted[i] = arr[j]
	}
	copy(arr, sorted)
}

func allStrings(arr []any) bool {
	for _, v := range arr {
		if _, ok := v.(string); !ok {
			return false
		}
	}
	return true
}

func allObjects(arr []any) bool {
	for _, v := range arr {
		if _, ok := v.(map[string]any); !ok {
			return false
		}
	}
	return true
}

func allHaveString(arr []any, key string) bool {
	for _, v := range arr {
		if _, ok := v.(map[string]any)[key].(string); !ok {
			return false
		}
	}
	return true
}

func scalarText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case json.Number:
		return t.String()
	case nil:
		return ""
	default:
		return canonicalJSON(t)
	}
}

// canonicalJSON is a stable text of v (encoding/json sorts map keys).
func canonicalJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return buf.String()
}

func deletePath(m map[string]any, parts []string) {
	if len(parts) == 1 {
		delete(m, parts[0])
		return
	}
	switch next := m[parts[0]].(type) {
	case map[string]any:
		deletePath(next, parts[1:])
	case []any:
		for _, el := range next {
			if em, ok := el.(map[string]any); ok {
				deletePath(em, parts[1:])
			}
		}
	}
}

// lookupPath reads a dotted path ("properties.displayName") from obj.
func lookupPath(obj Object, path string) any {
	var cur any = obj
	for _, p := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

// DecodeObject decodes one Graph JSON object, keeping numbers exact.
func DecodeObject(raw []byte) (Object, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var obj Object
	if err := dec.Decode(&obj); err != nil {
		return nil, err
	}
	if obj == nil {
		obj = Object{}
	}
	return obj, nil
}
