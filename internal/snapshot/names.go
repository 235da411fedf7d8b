package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// guidPattern matches a GUID as Graph writes it (any case).
var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsGUID reports whether s is a GUID.
func IsGUID(s string) bool { return guidPattern.MatchString(s) }

// Names maps the ids other objects use to point at an object (its id and
// its RefKeys: role templateId, appId, partner tenantId…) to a readable
// label, for "# name" comments on GUIDs, and to the object's plain name
// (its NameField: "Megan Bowen" where the label is "Megan Bowen
// (megan.bowen@contoso.com)"), for file names built from references.
//
// Ids are kept per kind of object (a resource key, the ids defined inside
// one, or a well-known kind), because kinds share ids: the all-zeros GUID
// is both the default app management policy and, in a Conditional Access
// location condition, "MFA trusted IPs". A reference is named by the kinds
// its property points at (refKinds); a property not listed there is named
// only when every kind that knows the id agrees on its name.
type Names struct {
	kinds map[string]map[string]nameEntry // kind -> lower-case id -> names
	order []string                        // kinds in registration order
}

type nameEntry struct{ label, name string }

// namePriority are resources whose names win over others for a shared id
// (the tenant id is both the organization and the root management group;
// "Contoso Ltd" reads better than "Tenant Root Group").
var namePriority = []string{"tenant.organization"}

// BuildNames indexes every collected object, per kind. Within a kind the
// first label registered for an id wins, and resources are visited in key
// order, so the index is the same whatever order collectors finished in.
func BuildNames(resources []Resource, outcomes []*Outcome) *Names {
	n := &Names{kinds: map[string]map[string]nameEntry{}}
	byKey := map[string]*Outcome{}
	for _, o := range outcomes {
		byKey[o.Key] = o
	}
	ordered := sortedResources(resources)
	sort.SliceStable(ordered, func(i, j int) bool {
		return slices.Contains(namePriority, ordered[i].Key) && !slices.Contains(namePriority, ordered[j].Key)
	})
	for _, res := range ordered {
		o := byKey[res.Key]
		if o == nil || o.Status != StatusCollected {
			continue
		}
		refs := res.refPaths()
		for _, obj := range o.Objects {
			if label := res.label(obj); label != "" {
				name := res.plainName(obj)
				for _, ref := range refs {
					if id, ok := lookupPath(obj, ref).(string); ok && id != "" {
						n.add(res.Key, id, label, name)
					}
				}
			}
			if res.NestedLabels != nil {
				nested := res.NestedLabels(obj)
				for _, id := range slices.Sorted(maps.Keys(nested)) {
					label := oneLineText(nested[id])
					n.add(nestedKind(res.Key), id, label, label)
				}
			}
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(wellKnownNames)) {
		for id, label := range wellKnownNames[kind] {
			n.add(kind, id, label, label)
		}
	}
	return n
}

// nestedKind is the kind of the ids defined inside objects of a resource
// (the app roles of service principals).
func nestedKind(key string) string { return key + "#nested" }

// refKinds says which kinds of object a property's ids point at, in the
// order they are looked up. Properties not listed may point at any kind.
var refKinds = map[string][]string{
	"includeUsers": {"principals.users"}, "excludeUsers": {"principals.users"}, "userId": {"principals.users"},
	"includeGroups": {"principals.groups"}, "excludeGroups": {"principals.groups"}, "groupId": {"principals.groups"},
	"includeRoles":     {"roles.definitions", wellKnownRole},
	"excludeRoles":     {"roles.definitions", wellKnownRole},
	"roleTemplateId":   {"roles.definitions", wellKnownRole},
	"roleDefinitionId": {"roles.definitions", wellKnownRole, "multicloud.azureRoleDefinitions", wellKnownAzureRole},
	"guestUserRoleId":  {wellKnownRole},
	"includeLocations": {"conditionalAccess.namedLocations"}, "excludeLocations": {"conditionalAccess.namedLocations"},
	"includeApplications":      {"apps.servicePrincipals", "apps.applications", "multicloud.federationApps", wellKnownApp},
	"excludeApplications":      {"apps.servicePrincipals", "apps.applications", "multicloud.federationApps", wellKnownApp},
	"resourceAppId":            {"apps.servicePrincipals", "apps.applications", wellKnownApp},
	"includeServicePrincipals": {"apps.servicePrincipals", "multicloud.federationApps"},
	"excludeServicePrincipals": {"apps.servicePrincipals", "multicloud.federationApps"},
	"resourceId":               {"apps.servicePrincipals", "multicloud.federationApps"},
	"clientId":                 {"apps.servicePrincipals", "multicloud.federationApps"},
	"principalId":              {"principals.users", "principals.groups", "apps.servicePrincipals", "principals.directoryObjects", "multicloud.federationApps"},
	"appRoleId":                {nestedKind("apps.servicePrincipals"), nestedKind("multicloud.federationApps"), wellKnownPermission},
	"includeAuthenticationContextClassReferences": {"conditionalAccess.authenticationContexts"},
	"tenantId":               {"tenant.organization", "crossTenantAccess.partners", "crossTenantAccess.partnerTenantInformation", wellKnownTenant},
	"appOwnerOrganizationId": {"tenant.organization", "crossTenantAccess.partnerTenantInformation", wellKnownTenant},
	// An "id" inside another object is named by what holds it (the
	// renderer passes "parent.id"); any other "id" needs all kinds to agree.
	"resourceAccess.id":         {nestedKind("apps.servicePrincipals"), nestedKind("multicloud.federationApps"), wellKnownPermission},
	"appRoles.id":               {nestedKind("apps.servicePrincipals"), nestedKind("multicloud.federationApps"), wellKnownPermission},
	"includeTargets.id":         {"principals.groups", "principals.users"},
	"excludeTargets.id":         {"principals.groups", "principals.users"},
	"includeTarget.id":          {"principals.groups", "principals.users"},
	"excludeTarget.id":          {"principals.groups", "principals.users"},
	"authenticationStrength.id": {"conditionalAccess.authenticationStrengths", wellKnownStrength},
}

// add registers id under kind unless the kind already has it (first
// wins); an empty label registers nothing.
func (n *Names) add(kind, id, label, name string) {
	if id == "" || label == "" {
		return
	}
	m := n.kinds[kind]
	if m == nil {
		m = map[string]nameEntry{}
		n.kinds[kind] = m
		n.order = append(n.order, kind)
	}
	k := strings.ToLower(id)
	if _, dup := m[k]; dup {
		return
	}
	if name == "" {
		name = label
	}
	m[k] = nameEntry{label, name}
}

// entryFor finds what a reference under property prop to id is called:
// in the property's kinds in order, or, for a property not in refKinds,
// in the one name every kind knowing the id agrees on (namePriority
// settles a disagreement).
func (n *Names) entryFor(prop, id string) (nameEntry, bool) {
	if n == nil {
		return nameEntry{}, false
	}
	k := strings.ToLower(id)
	if kinds, ok := refKinds[prop]; ok {
		for _, kind := range kinds {
			if e, ok := n.kinds[kind][k]; ok {
				return e, true
			}
		}
		return nameEntry{}, false
	}
	var found *nameEntry
	for _, kind := range n.order {
		e, ok := n.kinds[kind][k]
		if !ok {
			continue
		}
		if slices.Contains(namePriority, kind) {
			return e, true
		}
		if found != nil && found.label != e.label {
			return nameEntry{}, false // kinds disagree: better no name than a wrong one
		}
		found = &e
	}
	if found == nil {
		return nameEntry{}, false
	}
	return *found, true
}

// LookupFor returns the label of the object a reference under property
// prop to id points at.
func (n *Names) LookupFor(prop, id string) (string, bool) {
	e, ok := n.entryFor(prop, id)
	return e.label, ok
}

// Lookup returns the label for id when every kind that knows it agrees.
func (n *Names) Lookup(id string) (string, bool) { return n.LookupFor("", id) }

// Name returns the plain name for id ("" when unknown or ambiguous).
func (n *Names) Name(id string) string {
	e, _ := n.entryFor("", id)
	return e.name
}

// Len is the number of indexed ids, over all kinds.
func (n *Names) Len() int {
	total := 0
	for _, m := range n.kinds {
		total += len(m)
	}
	return total
}

func (r Resource) nameField() string {
	if r.NameField != "" {
		return r.NameField
	}
	return "displayName"
}

func (r Resource) idField() string {
	if r.IDField != "" {
		return r.IDField
	}
	return "id"
}

// refPaths are the properties whose values are ids of the object.
func (r Resource) refPaths() []string {
	return append([]string{r.idField()}, r.RefKeys...)
}

// label is the object's name for comments: Label, else its NameField.
func (r Resource) label(obj Object) string {
	if r.Label != nil {
		return oneLineText(r.Label(obj))
	}
	return r.plainName(obj)
}

// plainName is the object's NameField value on one line.
func (r Resource) plainName(obj Object) string {
	s, _ := lookupPath(obj, r.nameField()).(string)
	return oneLineText(s)
}

// oneLineText folds whitespace: a comment or a name is one line, whatever
// the tenant's display names hold.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// objectID is the value of the object's IDField as text.
func (r Resource) objectID(obj Object) string {
	s, _ := lookupPath(obj, r.idField()).(string)
	return s
}

// refName is the plain name of the object a reference points at, for file
// names: its name from the index, else the id's first 8 characters when it
// is a GUID, else the value itself ("" for no reference).
func refName(name func(id string) string, ref any) string {
	id, _ := ref.(string)
	if id == "" {
		return ""
	}
	if n := name(id); n != "" {
		return n
	}
	if IsGUID(id) {
		return strings.ToLower(id[:8])
	}
	return id
}

// maxSlug bounds the name part of a file name.
const maxSlug = 60

// Slug turns a display name into a safe file-name part: lower-case ASCII
// letters and digits, other runs of characters become one hyphen, at most
// 60 characters, "object" when nothing is left. It never contains a path
// separator, a dot or anything a file system treats specially.
func Slug(name string) string {
	if s := slugN(name, maxSlug); s != "" {
		return s
	}
	return "object"
}

// slugN is Slug with a length bound of n, and "" when nothing is left.
func slugN(name string, n int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if b.Len() >= n {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > n {
		s = strings.TrimRight(s[:n], "-")
	}
	return s
}

// idSuffix is the short id part of a file name: the first 8 characters of
// a GUID, otherwise (domain names, "c1", ARM names that are not GUIDs) the
// first 8 hex digits of the id's SHA-256, so it is always safe text.
func idSuffix(id string, full bool) string {
	if IsGUID(id) {
		if full {
			return strings.ToLower(id)
		}
		return strings.ToLower(id[:8])
	}
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:])
	if full {
		return h
	}
	return h[:8]
}
