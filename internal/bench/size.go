package bench

import "math"

// Size is how many objects the generator adds to the demo tenant.
type Size struct {
	Users, Groups, PIMGroups               int // PIMGroups are role-assignable, part of Groups
	ServicePrincipals, Applications        int
	FederationApps, CustomAPIs             int // service principals: AWS/Google federation, APIs apps ask application permissions of
	AppRoleAssignments, DelegatedGrants    int // to Microsoft Graph; oauth2PermissionGrants
	CAPolicies, NamedLocations             int
	ActiveAssignments, EligibleAssignments int
	DeletedHolders                         int // role holders that no longer exist (getByIds finds nothing)
	Partners                               int // every other one with identity synchronization
}

// sizeAtOne is a large enterprise tenant (issue #14; the same counts as
// the policy benchmark's synthetic input in internal/cli).
var sizeAtOne = Size{
	Users: 20_000, Groups: 3_000, PIMGroups: 60,
	ServicePrincipals: 5_000, Applications: 2_000, FederationApps: 10, CustomAPIs: 20,
	AppRoleAssignments: 5_000, DelegatedGrants: 1_000,
	CAPolicies: 150, NamedLocations: 50,
	ActiveAssignments: 3_000, EligibleAssignments: 1_500, DeletedHolders: 100,
	Partners: 500,
}

// SizeAt is the tenant at scale k (k > 0): every count times k, rounded,
// at least 1.
func SizeAt(k float64) Size {
	n := func(c int) int { return max(1, int(math.Round(float64(c)*k))) }
	s := sizeAtOne
	return Size{
		Users: n(s.Users), Groups: n(s.Groups), PIMGroups: n(s.PIMGroups),
		ServicePrincipals: n(s.ServicePrincipals), Applications: n(s.Applications),
		FederationApps: n(s.FederationApps), CustomAPIs: n(s.CustomAPIs),
		AppRoleAssignments: n(s.AppRoleAssignments), DelegatedGrants: n(s.DelegatedGrants),
		CAPolicies: n(s.CAPolicies), NamedLocations: n(s.NamedLocations),
		ActiveAssignments: n(s.ActiveAssignments), EligibleAssignments: n(s.EligibleAssignments),
		DeletedHolders: n(s.DeletedHolders), Partners: n(s.Partners),
	}
}

// roleHolderUsers is how many distinct users hold roles: active
// assignments go to the first third, eligibilities overlap half of them.
func (s Size) roleHolderUsers() int { return max(1, s.ActiveAssignments/3) }
