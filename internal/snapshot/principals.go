package snapshot

import (
	"context"
)

const (
	keyPrincipalUsers  = "principals.users"
	keyPrincipalGroups = "principals.groups"

	principalUserSelect  = "id,displayName,userPrincipalName,userType,accountEnabled,onPremisesSyncEnabled"
	principalGroupSelect = "id,displayName,isAssignableToRole,securityEnabled,groupTypes,onPremisesSyncEnabled,membershipRule"
)

type principalsCollector struct{}

// NewPrincipalsCollector reads the users and groups that hold roles or are
// named by policies — never the whole directory. It runs after the families
// whose references it resolves.
//
// Ids whose type is unknown (role holders) are looked up as users first and,
// when Graph answers 404, as groups. An id that is neither (a service
// principal, or a deleted object) is recorded nowhere: a control that looks
// for dangling references compares the referencing resource against
// principals.users and principals.groups, which is sound only when both were
// collected.
func NewPrincipalsCollector() Collector { return principalsCollector{} }

func (principalsCollector) Family() string { return "principals" }

// After names the families whose collected objects carry principal ids.
func (principalsCollector) After() []string {
	return []string{"conditionalAccess", "roles", "multicloud", "authenticationMethods"}
}

func (principalsCollector) Resources() []Resource {
	return []Resource{
		{Key: keyPrincipalUsers, Path: "principals/users/", Permissions: []string{"User.Read.All"}, Label: userLabel},
		{Key: keyPrincipalGroups, Path: "principals/groups/", Permissions: []string{"GroupMember.Read.All"}},
	}
}

// userLabel names a user in reference comments: "Adele Vance (adele.vance@contoso.com)".
func userLabel(u Object) string {
	name, _ := u["displayName"].(string)
	upn, _ := u["userPrincipalName"].(string)
	switch {
	case upn == "":
		return name
	case name == "":
		return upn
	}
	return name + " (" + upn + ")"
}

// principalRefs sorts referenced ids by what we know of their type.
type principalRefs struct {
	users, groups, unknown map[string]bool
}

func (principalsCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	refs := gatherPrincipalRefs(rec)

	// Users: known users plus every id of unknown type.
	userIDs := sortedUnion(refs.users, refs.unknown)
	users, notUsers, err := lookupByID(ctx, src, "u", userIDs, "/users/%s?$select="+principalUserSelect)
	groupCandidates := map[string]bool{}
	for id := range refs.groups {
		groupCandidates[id] = true
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(keyPrincipalUsers, err)
		// We cannot tell users apart: try every unknown id as a group.
		for id := range refs.unknown {
			groupCandidates[id] = true
		}
	} else {
		rec.Put(keyPrincipalUsers, users)
		for _, id := range notUsers {
			if refs.unknown[id] {
				groupCandidates[id] = true
			}
		}
	}

	groups, _, err := lookupByID(ctx, src, "g", sortedUnion(groupCandidates), "/groups/%s?$select="+principalGroupSelect)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(keyPrincipalGroups, err)
	} else {
		rec.Put(keyPrincipalGroups, groups)
	}
	return ctx.Err()
}

// gatherPrincipalRefs collects principal ids from what earlier families
// recorded: role holders, PIM approvers, Conditional Access user and group
// conditions, authentication method targets, Azure role holders and
// federation app assignees.
func gatherPrincipalRefs(rec *Recorder) principalRefs {
	refs := principalRefs{users: map[string]bool{}, groups: map[string]bool{}, unknown: map[string]bool{}}
	add := func(set map[string]bool, v any) {
		// The all-zero GUID is Graph's "no target" placeholder (Authenticator
		// feature settings' excludeTarget).
		if s, ok := v.(string); ok && IsGUID(s) && s != "00000000-0000-0000-0000-000000000000" {
			set[s] = true
		}
	}
	for _, key := range []string{keyRoleAssignments, keyRoleAssignmentInstances, keyRoleEligibilityInstances,
		keyGroupAssignmentInstances, keyGroupEligibilityInstances} {
		for _, o := range rec.Collected(key) {
			add(refs.unknown, o["principalId"])
			add(refs.groups, o["groupId"])
		}
	}
	// PIM approvers: #microsoft.graph.singleUser {userId}, groupMembers {groupId}.
	for _, o := range rec.Collected(keyRolePolicyAssignments) {
		walkObjects(o, func(m map[string]any) {
			add(refs.users, m["userId"])
			add(refs.groups, m["groupId"])
		})
	}
	for _, o := range rec.Collected("conditionalAccess.policies") {
		users := dig(o, "conditions", "users")
		for _, f := range []string{"includeUsers", "excludeUsers"} {
			for _, v := range asList(users[f]) {
				add(refs.users, v)
			}
		}
		for _, f := range []string{"includeGroups", "excludeGroups"} {
			for _, v := range asList(users[f]) {
				add(refs.groups, v)
			}
		}
	}
	// Authentication method targets: {targetType: group, id: <group id>}
	// (all_users is a keyword, not an id).
	for _, o := range rec.Collected(keyAuthMethodsPolicy) {
		walkObjects(o, func(m map[string]any) {
			if m["targetType"] == "group" {
				add(refs.groups, m["id"])
			}
		})
	}
	byType := func(kind string, id any) {
		switch kind {
		case "User":
			add(refs.users, id)
		case "Group":
			add(refs.groups, id)
		}
	}
	for _, o := range rec.Collected(keyAzureRoleAssignments) {
		p := dig(o, "properties")
		kind, _ := p["principalType"].(string)
		byType(kind, p["principalId"])
	}
	for _, app := range rec.Collected(keyFederationApps) {
		for _, a := range asList(app["appRoleAssignedTo"]) {
			if m, ok := a.(map[string]any); ok {
				kind, _ := m["principalType"].(string)
				byType(kind, m["principalId"])
			}
		}
	}
	for id := range refs.users {
		delete(refs.unknown, id)
	}
	for id := range refs.groups {
		delete(refs.unknown, id)
	}
	return refs
}
