package snapshot

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

const (
	keyPrincipalUsers            = "principals.users"
	keyPrincipalGroups           = "principals.groups"
	keyPrincipalDirectoryObjects = "principals.directoryObjects"

	principalUserSelect  = "id,displayName,userPrincipalName,userType,accountEnabled,onPremisesSyncEnabled"
	principalGroupSelect = "id,displayName,isAssignableToRole,securityEnabled,groupTypes,onPremisesSyncEnabled,membershipRule"
)

type principalsCollector struct{}

// getByIDsPath resolves up to getByIDsLimit ids of any directory type in
// one POST; getByIDsTypes are the types that can hold an Entra role or a
// PIM for groups membership.
const (
	getByIDsPath  = "/directoryObjects/getByIds"
	getByIDsLimit = 1000
)

var getByIDsTypes = []string{"user", "group", "servicePrincipal"}

// directoryObjectProperties are kept from what getByIds returns (the whole
// object): what tells a principal apart, per type, as principals.users,
// principals.groups and apps.servicePrincipals select it.
var directoryObjectProperties = []string{
	"id", "@odata.type", "displayName",
	"userPrincipalName", "userType", "accountEnabled", "onPremisesSyncEnabled", // user (and accountEnabled of a service principal)
	"isAssignableToRole", "securityEnabled", "groupTypes", "membershipRule", // group
	"appId", "appOwnerOrganizationId", "servicePrincipalType", // service principal
}

// NewPrincipalsCollector reads the users and groups that hold roles or are
// named by policies — never the whole directory — and resolves every other
// role holder. It runs after the families whose references it resolves.
//
// Ids whose type is unknown (role holders) are read as users first and,
// when Graph has no such user, as groups; each by listing or by lookups,
// whichever costs fewer calls (readByID). A role holder that is neither is a
// service principal when apps.servicePrincipals has it (not looked up at
// all); any other is resolved with directoryObjects/getByIds and recorded in
// principals.directoryObjects, with its @odata.type, or, when Graph returns
// nothing for it (a deleted object, or one the token cannot see), as
// {id, unresolved: true}. So every role holder is accounted for in one of
// principals.users, principals.groups, apps.servicePrincipals and
// principals.directoryObjects whenever those were collected.
func NewPrincipalsCollector() Collector { return principalsCollector{} }

func (principalsCollector) Family() string { return "principals" }

// After names the families whose collected objects carry principal ids.
func (principalsCollector) After() []string {
	return []string{"roles", "multicloud", "authenticationMethods", "apps"}
}

// Awaits Conditional Access: it is paced at one request a second and is
// the slowest family of a large tenant, while the few ids it names are
// needed only at the end. The directory is listed meanwhile.
func (principalsCollector) Awaits() []string { return []string{"conditionalAccess"} }

func (principalsCollector) Resources() []Resource {
	return []Resource{
		{Key: keyPrincipalUsers, Path: "principals/users/", Permissions: []string{"User.Read.All"}, Label: userLabel},
		{Key: keyPrincipalGroups, Path: "principals/groups/", Permissions: []string{"GroupMember.Read.All"}},
		{Key: keyPrincipalDirectoryObjects, Path: "principals/directory-objects/", Permissions: []string{"Directory.Read.All"},
			FileName: directoryObjectFileName},
	}
}

// directoryObjectFileName names a resolved object after its type and name
// ("serviceprincipal--payroll-connector--…"), an unresolved one
// "unresolved--…".
func directoryObjectFileName(o Object, _ func(string) string) []string {
	if o["unresolved"] == true {
		return []string{"unresolved"}
	}
	kind, _ := o["@odata.type"].(string)
	kind = strings.TrimPrefix(strings.TrimPrefix(kind, "#"), "microsoft.graph.")
	name, _ := o["displayName"].(string)
	return []string{kind, name}
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

// principalRefs sorts referenced ids by what we know of their type;
// holders are the principals of role assignments and PIM instances,
// whatever else names them.
type principalRefs struct {
	users, groups, unknown, holders map[string]bool
	servicePrincipals               map[string]bool // the service principals apps.servicePrincipals has
}

func (principalsCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	// Users (known users and every id of unknown type) and groups (known
	// groups and, again, every id of unknown type) are read at once; an id
	// of unknown type is one or the other, never both. The directory is
	// listed for the ids known now, and once Conditional Access has
	// finished, what it adds is looked up (or known not to be there).
	users := newDirectoryRead("u", "/v1.0/users?$select="+principalUserSelect+"&$top=999", "/users/%s?$select="+principalUserSelect)
	groups := newDirectoryRead("g", "/v1.0/groups?$select="+principalGroupSelect+"&$top=999", "/groups/%s?$select="+principalGroupSelect)
	early := principalRefsFor(rec)
	var usersErr, groupsErr error
	var wg sync.WaitGroup
	wg.Go(func() { usersErr = users.list(ctx, src, sortedUnion(early.users, early.unknown)) })
	wg.Go(func() { groupsErr = groups.list(ctx, src, sortedUnion(early.groups, early.unknown)) })
	awaitErr := rec.Await(ctx, "conditionalAccess")
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if awaitErr != nil {
		return awaitErr
	}
	refs := principalRefsFor(rec)
	// What is still unaccounted for once users and groups are read: role
	// holders that are neither a user nor a group found below, nor a
	// service principal (known without a lookup).
	rest := maps.Clone(refs.holders)
	for id := range refs.servicePrincipals {
		delete(rest, id)
	}
	var found [2][]Object
	for i, read := range []struct {
		d   *directoryRead
		ids []string
		err *error
	}{{users, sortedUnion(refs.users, refs.unknown), &usersErr}, {groups, sortedUnion(refs.groups, refs.unknown), &groupsErr}} {
		wg.Go(func() {
			if *read.err == nil {
				found[i], _, *read.err = read.d.finish(ctx, src, read.ids)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, key := range []string{keyPrincipalUsers, keyPrincipalGroups} {
		if err := []error{usersErr, groupsErr}[i]; err != nil {
			rec.Fail(key, err)
			continue
		}
		rec.Put(key, found[i])
		for _, o := range found[i] {
			id, _ := o["id"].(string)
			delete(rest, id)
		}
	}
	return resolveDirectoryObjects(ctx, src, rec, sortedUnion(rest))
}

// principalRefsFor is gatherPrincipalRefs with the service principals
// (known without a lookup) taken out of the ids of unknown type.
func principalRefsFor(rec *Recorder) principalRefs {
	refs := gatherPrincipalRefs(rec)
	refs.servicePrincipals = map[string]bool{}
	for _, sp := range rec.Collected(keyServicePrincipals) {
		if id, _ := sp["id"].(string); id != "" {
			delete(refs.unknown, id)
			refs.servicePrincipals[id] = true
		}
	}
	return refs
}

// resolveDirectoryObjects records in principals.directoryObjects what
// getByIds says ids are, and {id, unresolved: true} for those it returns
// nothing for. The POSTs (1,000 ids each) go through $batch.
func resolveDirectoryObjects(ctx context.Context, src Sources, rec *Recorder, ids []string) error {
	if len(ids) == 0 {
		rec.Put(keyPrincipalDirectoryObjects, []Object{})
		return nil
	}
	if src.Batch == nil {
		rec.NotAvailable(keyPrincipalDirectoryObjects,
			fmt.Sprintf("%d role holders were not found among the users, groups and service principals read; resolving them needs POST %s, sent through $batch, which this run cannot send", len(ids), getByIDsPath))
		return nil
	}
	var reqs []BatchGet
	for start := 0; start < len(ids); start += getByIDsLimit {
		chunk := ids[start:min(start+getByIDsLimit, len(ids))]
		reqs = append(reqs, BatchGet{ID: fmt.Sprintf("d%d", len(reqs)), Method: "POST", URL: getByIDsPath,
			Body: map[string]any{"ids": chunk, "types": getByIDsTypes}})
	}
	bodies, errs, err := batchGet(ctx, src, "v1.0", reqs)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(keyPrincipalDirectoryObjects, err)
		return nil
	}
	wanted := map[string]bool{}
	for _, id := range ids {
		wanted[strings.ToLower(id)] = true
	}
	found := map[string]Object{}
	for _, r := range reqs {
		if e := errs[r.ID]; e != nil {
			rec.Fail(keyPrincipalDirectoryObjects, e)
			return nil
		}
		page, err := pageObjects(ctx, src.Graph, bodies[r.ID])
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			rec.Fail(keyPrincipalDirectoryObjects, fmt.Errorf("POST %s: %w", getByIDsPath, err))
			return nil
		}
		for _, o := range page {
			id, _ := o["id"].(string)
			if wanted[strings.ToLower(id)] {
				found[strings.ToLower(id)] = keepProperties(o, directoryObjectProperties)
			}
		}
	}
	objs := make([]Object, 0, len(ids))
	for _, id := range ids {
		if o, ok := found[strings.ToLower(id)]; ok {
			objs = append(objs, o)
			continue
		}
		objs = append(objs, Object{"id": id, "unresolved": true})
	}
	rec.Put(keyPrincipalDirectoryObjects, objs)
	return nil
}

// keepProperties is o cut to the listed properties (those it has).
func keepProperties(o Object, keep []string) Object {
	out := Object{}
	for k, v := range o {
		if slices.Contains(keep, k) {
			out[k] = v
		}
	}
	return out
}

// gatherPrincipalRefs collects principal ids from what earlier families
// recorded: role holders, PIM approvers, Conditional Access user and group
// conditions, authentication method targets, Azure role holders and
// federation app assignees.
func gatherPrincipalRefs(rec *Recorder) principalRefs {
	refs := principalRefs{users: map[string]bool{}, groups: map[string]bool{}, unknown: map[string]bool{}, holders: map[string]bool{}}
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
			add(refs.holders, o["principalId"])
			add(refs.groups, o["groupId"])
		}
	}
	// PIM approvers: #microsoft.graph.singleUser {userId}, groupMembers
	// {groupId}, in role and group policies.
	for _, o := range slices.Concat(rec.Collected(keyRolePolicyAssignments), rec.Collected(keyGroupPolicyAssignments)) {
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
