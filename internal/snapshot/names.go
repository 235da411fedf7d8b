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
type Names struct {
	labels map[string]string // lower-case id -> label
	names  map[string]string // lower-case id -> plain name
}

// namePriority are resources whose names win over others for a shared id
// (the tenant id is both the organization and the root management group;
// "Contoso Ltd" reads better than "Tenant Root Group").
var namePriority = []string{"tenant.organization"}

// BuildNames indexes every collected object. Resources are visited in key
// order (namePriority first) and the first label registered for an id wins,
// so the index is the same whatever order collectors finished in.
func BuildNames(resources []Resource, outcomes []*Outcome) *Names {
	n := &Names{labels: map[string]string{}, names: map[string]string{}}
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
						n.add(id, label, name)
					}
				}
			}
			if res.NestedLabels != nil {
				nested := res.NestedLabels(obj)
				for _, id := range slices.Sorted(maps.Keys(nested)) {
					label := oneLineText(nested[id])
					n.add(id, label, label)
				}
			}
		}
	}
	for id, label := range wellKnownNames {
		n.add(id, label, label)
	}
	return n
}

// add registers id unless it is already known (first wins); an empty
// label registers nothing.
func (n *Names) add(id, label, name string) {
	if id == "" || label == "" {
		return
	}
	k := strings.ToLower(id)
	if _, dup := n.labels[k]; dup {
		return
	}
	n.labels[k] = label
	if name == "" {
		name = label
	}
	n.names[k] = name
}

// Lookup returns the label for id.
func (n *Names) Lookup(id string) (string, bool) {
	if n == nil {
		return "", false
	}
	l, ok := n.labels[strings.ToLower(id)]
	return l, ok
}

// Name returns the plain name for id ("" when unknown).
func (n *Names) Name(id string) string {
	if n == nil {
		return ""
	}
	return n.names[strings.ToLower(id)]
}

// Len is the number of indexed ids.
func (n *Names) Len() int { return len(n.labels) }

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
