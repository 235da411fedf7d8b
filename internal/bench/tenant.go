package bench

import (
	"encoding/json"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// NewTenant is the demo tenant grown by s, deterministically: users and
// groups served as directory collections (listed, read by id, filtered by
// id), role holders that are users, PIM groups, service principals and
// deleted objects, Conditional Access policies naming users, groups, roles
// and locations, PIM for groups with member and owner policies, service
// principals holding application permissions, federation apps with their
// assignees and partners with and without identity synchronization.
func NewTenant(s Size) (*graphtest.Tenant, error) {
	tn, err := demo.Tenant()
	if err != nil {
		return nil, err
	}
	g := generator{tn: tn, s: s}
	g.directory()
	g.roles()
	g.pimGroups()
	g.apps()
	g.conditionalAccess()
	g.partners()
	return tn, nil
}

type generator struct {
	tn *graphtest.Tenant
	s  Size
}

// add appends n objects made by item to the collection at path.
func (g generator) add(path string, n int, item func(i int) json.RawMessage) {
	items := make([]json.RawMessage, n)
	for i := range n {
		items[i] = item(i)
	}
	g.tn.AddCollection(path, items...)
}

// Users by role: holders of active roles [0, h), of eligible roles
// [h/2, 3h/2), PIM group members and owners from 2h, Conditional Access
// exclusions at the end of the directory.
func (g generator) user(i int) string { return id(kindUser, i%g.s.Users) }

func (g generator) holderUser(i int) string { return g.user(i % g.s.roleHolderUsers()) }

func (g generator) pimUser(i int) string { return g.user(2*g.s.roleHolderUsers() + i) }

func (g generator) caUser(i int) string { return g.user(g.s.Users - 1 - i%g.s.CAPolicies) }

// Groups: PIM groups first, then the others.
func (g generator) pimGroup(i int) string { return id(kindGroup, i%g.s.PIMGroups) }

func (g generator) plainGroup(i int) string {
	return id(kindGroup, g.s.PIMGroups+i%max(1, g.s.Groups-g.s.PIMGroups))
}

// Service principals: federation apps first, then custom APIs, then
// line-of-business apps.
func (g generator) sp(i int) string { return id(kindSP, i%g.s.ServicePrincipals) }

func (g generator) lobSP(i int) string {
	first := g.s.FederationApps + g.s.CustomAPIs
	return g.sp(first + i%max(1, g.s.ServicePrincipals-first))
}
