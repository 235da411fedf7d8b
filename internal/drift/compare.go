package drift

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// Comparison is the outcome of Compare: the drift report and, for the
// policy input, each changed object's two versions.
type Comparison struct {
	Drift *finding.Drift
	pairs []pair // parallel to Drift.Changes
}

// pair is one object in the baseline (before) and the snapshot (after);
// nil where it is absent.
type pair struct{ before, after snapshot.Object }

// Compare returns what changed from base (the baseline) to head (the live
// snapshot). Both must be loaded snapshots; an object file that Locate
// cannot find or read back is an error (the tree was edited or damaged).
func Compare(base, head *snapshot.Snapshot) (*Comparison, error) {
	d := &finding.Drift{
		SchemaVersion: finding.DriftSchemaVersion,
		Baseline:      side(base),
		Snapshot:      side(head),
		Resources:     []finding.DriftResource{},
		Changes:       []finding.ObjectChange{},
	}
	c := &Comparison{Drift: d}
	n := namer{head: head.Names(), base: base.Names()}
	for _, key := range resourceKeys(base, head) {
		res, known := snapshot.ResourceByKey(key)
		if !known {
			continue // the loader already warned about a key from a newer release
		}
		dr := finding.DriftResource{Resource: key, Status: finding.ResourceCompared}
		baseOK, baseWhy := base.Collected(key)
		headOK, headWhy := head.Collected(key)
		switch {
		case !baseOK && !headOK:
			dr.Status, dr.Reason = finding.ResourceNotComparable, "baseline: "+baseWhy+"; snapshot: "+headWhy
		case !baseOK:
			dr.Status, dr.Reason = finding.ResourceNotComparable, "baseline: "+baseWhy
		case !headOK:
			dr.Status, dr.Reason = finding.ResourceNotComparable, "snapshot: "+headWhy
		default:
			if err := c.compareResource(res, base, head, n, &dr); err != nil {
				return nil, err
			}
		}
		d.Resources = append(d.Resources, dr)
	}
	c.sort()
	return c, nil
}

func side(s *snapshot.Snapshot) finding.DriftSide {
	at, _ := s.Manifest.CollectedTime()
	return finding.DriftSide{Dir: s.Dir, TenantID: s.Manifest.Tenant.ID, CollectedAt: at}
}

// resourceKeys is the union of both manifests' keys, sorted.
func resourceKeys(a, b *snapshot.Snapshot) []string {
	var keys []string
	for _, s := range []*snapshot.Snapshot{a, b} {
		for k := range s.Manifest.Resources {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// compareResource matches the objects of one resource by id.
func (c *Comparison) compareResource(res snapshot.Resource, base, head *snapshot.Snapshot, n namer, dr *finding.DriftResource) error {
	before, order := index(res, base.Objects(res))
	after, headOrder := index(res, head.Objects(res))
	for _, id := range headOrder {
		if _, ok := before[id]; !ok {
			order = append(order, id)
		}
	}
	for _, id := range order {
		b, a := before[id], after[id]
		var ch finding.ObjectChange
		switch {
		case b == nil:
			ch = finding.ObjectChange{Kind: finding.ChangeAdded}
			dr.Added++
		case a == nil:
			ch = finding.ObjectChange{Kind: finding.ChangeRemoved}
			dr.Removed++
		default:
			if equal(res, "", b, a) {
				continue
			}
			fields := diffFields(res, b, a, n)
			if len(fields) == 0 {
				continue // only what the writer drops differs (volatile fields, annotations)
			}
			ch = finding.ObjectChange{Kind: finding.ChangeModified, Fields: fields}
			dr.Modified++
		}
		obj := a
		if obj == nil {
			obj = b
		}
		names := n.head
		if a == nil {
			names = n.base
		}
		ch.Resource = finding.Resource{Type: res.Key, ID: res.ObjectID(obj), Name: res.ObjectLabel(obj, names)}
		ch.Related = related(obj)
		if err := c.locate(&ch, res, base, head, res.ObjectID(b), res.ObjectID(a)); err != nil {
			return err
		}
		c.Drift.Changes = append(c.Drift.Changes, ch)
		c.pairs = append(c.pairs, pair{before: b, after: a})
	}
	return nil
}

// index maps lower-case ids to objects, keeping the first-seen order.
func index(res snapshot.Resource, objs []snapshot.Object) (map[string]snapshot.Object, []string) {
	m := make(map[string]snapshot.Object, len(objs))
	order := make([]string, 0, len(objs))
	for _, o := range objs {
		id := strings.ToLower(res.ObjectID(o))
		if res.Singleton {
			id = "" // a singleton is one object whatever its id says
		}
		if _, dup := m[id]; dup {
			continue
		}
		m[id] = o
		order = append(order, id)
	}
	return m, order
}

// locate sets the file, line and text diff of a change. Each tree is
// searched by its own object's id: a singleton matches whatever its id.
func (c *Comparison) locate(ch *finding.ObjectChange, res snapshot.Resource, base, head *snapshot.Snapshot, baseID, headID string) error {
	var oldText, newText []byte
	var err error
	if ch.Kind != finding.ChangeAdded {
		file, _, ok := base.Locate(res.Key, baseID)
		if !ok {
			return fmt.Errorf("drift: baseline %s: %s %q has no file", base.Dir, res.Key, baseID)
		}
		if oldText, err = base.ReadFile(file); err != nil {
			return fmt.Errorf("drift: baseline: %w", err)
		}
		ch.File, ch.BaselineFile = file, file
	}
	if ch.Kind != finding.ChangeRemoved {
		file, line, ok := head.Locate(res.Key, headID)
		if !ok {
			return fmt.Errorf("drift: snapshot %s: %s %q has no file", head.Dir, res.Key, headID)
		}
		if newText, err = head.ReadFile(file); err != nil {
			return fmt.Errorf("drift: snapshot: %w", err)
		}
		ch.File, ch.Line, ch.BaselineFile = file, line, ""
	}
	oldName, newName := "/dev/null", "/dev/null"
	if oldText != nil {
		oldName = "baseline/" + ch.File
	}
	if newText != nil {
		newName = "snapshot/" + ch.File
	}
	if ch.BaselineFile != "" {
		oldName = "baseline/" + ch.BaselineFile
	}
	ch.Diff = unifiedDiff(oldName, newName, string(oldText), string(newText))
	return nil
}

// related are the GUIDs an object points at from its top level
// (principalId, roleDefinitionId, resourceId, appRoleId…), sorted.
func related(obj snapshot.Object) []string {
	var out []string
	for k, v := range obj {
		if s, ok := v.(string); ok && k != "id" && snapshot.IsGUID(s) {
			out = append(out, strings.ToLower(s))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var kindRank = map[string]int{finding.ChangeRemoved: 0, finding.ChangeModified: 1, finding.ChangeAdded: 2}

// sort orders changes by resource key, kind (removed, modified, added),
// name and id, keeping pairs aligned.
func (c *Comparison) sort() {
	idx := make([]int, len(c.Drift.Changes))
	for i := range idx {
		idx[i] = i
	}
	ch := c.Drift.Changes
	slices.SortStableFunc(idx, func(i, j int) int {
		a, b := ch[i], ch[j]
		return cmp.Or(cmp.Compare(a.Resource.Type, b.Resource.Type), cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]),
			cmp.Compare(a.Resource.Name, b.Resource.Name), cmp.Compare(a.Resource.ID, b.Resource.ID))
	})
	changes := make([]finding.ObjectChange, len(idx))
	pairs := make([]pair, len(idx))
	for to, from := range idx {
		changes[to], pairs[to] = ch[from], c.pairs[from]
	}
	c.Drift.Changes, c.pairs = changes, pairs
}

// Empty reports whether nothing drifted and every resource was compared.
func (c *Comparison) Empty() bool {
	if len(c.Drift.Changes) > 0 {
		return false
	}
	for _, r := range c.Drift.Resources {
		if r.Status != finding.ResourceCompared {
			return false
		}
	}
	return true
}
