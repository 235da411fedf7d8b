package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
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
// label. The writer uses it for "# name" comments on GUIDs.
type Names struct {
	labels map[string]string // lower-case id -> label
}

// namePriority are resources whose names win over others for a shared id
// (the tenant id is both the organization and the root management group;
// "Contoso Ltd" reads better than "Tenant Root Group").
var namePriority = []string{"tenant.organization"}

// BuildNames indexes every collected object. Resources are visited in key
// order (namePriority first) and the first label registered for an id wins,
// so the index is the same whatever order collectors finished in.
func BuildNames(resources []Resource, outcomes []*Outcome) *Names {
	n := &Names{labels: map[string]string{}}
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
		for _, obj := range o.Objects {
			label := res.label(obj)
			if label == "" {
				continue
			}
			for _, ref := range res.refPaths() {
				if id, ok := lookupPath(obj, ref).(string); ok && id != "" {
					n.add(id, label)
				}
			}
		}
	}
	for id, label := range wellKnownNames {
		n.add(id, label)
	}
	return n
}

func (n *Names) add(id, label string) {
	k := strings.ToLower(id)
	if _, dup := n.labels[k]; !dup {
		n.labels[k] = label
	}
}

// Lookup returns the label for id.
func (n *Names) Lookup(id string) (string, bool) {
	if n == nil {
		return "", false
	}
	l, ok := n.labels[strings.ToLower(id)]
	return l, ok
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
	var s string
	if r.Label != nil {
		s = r.Label(obj)
	} else {
		s, _ = lookupPath(obj, r.nameField()).(string)
	}
	// A comment is one line: fold whitespace, whatever the name holds.
	return strings.Join(strings.Fields(s), " ")
}

// objectID is the value of the object's IDField as text.
func (r Resource) objectID(obj Object) string {
	s, _ := lookupPath(obj, r.idField()).(string)
	return s
}

// maxSlug bounds the name part of a file name.
const maxSlug = 60

// Slug turns a display name into a safe file-name part: lower-case ASCII
// letters and digits, other runs of characters become one hyphen, at most
// 60 characters, "object" when nothing is left. It never contains a path
// separator, a dot or anything a file system treats specially.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if b.Len() >= maxSlug {
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
	if len(s) > maxSlug {
		s = strings.TrimRight(s[:maxSlug], "-")
	}
	if s == "" {
		return "object"
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
