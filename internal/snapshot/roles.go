package snapshot

import (
	"context"
	"fmt"
	"path"
	"slices"
	"sync"
)

// Entra role resources: definitions and active assignments work on every
// tenant; schedule instances, PIM policies and PIM for groups (its
// instances and its policies) need P2.
const (
	keyRoleDefinitions           = "roles.definitions"
	keyRoleAssignments           = "roles.assignments"
	keyRoleAssignmentInstances   = "roles.assignmentScheduleInstances"
	keyRoleEligibilityInstances  = "roles.eligibilityScheduleInstances"
	keyRolePolicyAssignments     = "roles.policyAssignments"
	keyGroupAssignmentInstances  = "roles.groupAssignmentScheduleInstances"
	keyGroupEligibilityInstances = "roles.groupEligibilityScheduleInstances"
	keyGroupPolicyAssignments    = "roles.groupPolicyAssignments"

	// pimLicense is what Graph's 400 AadPremiumLicenseRequired asks for.
	pimLicense = "Microsoft Entra ID P2"
	// roleGroupsPermission lets us tell which role holders are groups.
	roleGroupsPermission = "GroupMember.Read.All"
)

// rolesPolicyAssignmentsPath reads the PIM policy of every directory role
// with its rules; Graph refuses the list without the scope filter.
const rolesPolicyAssignmentsPath = "/v1.0/policies/roleManagementPolicyAssignments" +
	"?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$expand=policy($expand=rules)"

// groupPolicyAssignmentsFilter reads the PIM policies of one group (%s is
// its id): one assignment for membership, one for ownership
// (roleDefinitionId member or owner), each with its policy and rules.
const groupPolicyAssignmentsFilter = "/policies/roleManagementPolicyAssignments" +
	"?$filter=scopeId eq '%s' and scopeType eq 'Group'&$expand=policy($expand=rules)"

// roleAssignableGroupsPath lists the only groups that can hold Entra roles.
const roleAssignableGroupsPath = "/v1.0/groups?$filter=isAssignableToRole eq true&$select=id&$top=999"

type rolesCollector struct{}

// NewRolesCollector reads Entra role definitions, assignments, PIM schedule
// instances, PIM policies and PIM for groups of role-holding groups.
func NewRolesCollector() Collector { return rolesCollector{} }

func (rolesCollector) Family() string { return "roles" }

func (rolesCollector) Resources() []Resource {
	return []Resource{
		// Built-in roles are referenced by template id (CA includeRoles).
		{Key: keyRoleDefinitions, Path: "roles/definitions/", Permissions: []string{"RoleManagement.Read.Directory"},
			RefKeys: []string{"templateId"}},
		{Key: keyRoleAssignments, Path: "roles/assignments/", Permissions: []string{"RoleManagement.Read.Directory"},
			FileName: roleAssignmentFileName},
		{Key: keyRoleAssignmentInstances, Path: "roles/assignment-schedule-instances/",
			Permissions: []string{"RoleAssignmentSchedule.Read.Directory"}, License: pimLicense, FileName: roleAssignmentFileName},
		{Key: keyRoleEligibilityInstances, Path: "roles/eligibility-schedule-instances/",
			Permissions: []string{"RoleEligibilitySchedule.Read.Directory"}, License: pimLicense, FileName: roleAssignmentFileName},
		{Key: keyRolePolicyAssignments, Path: "roles/policy-assignments/",
			Permissions: []string{"RoleManagementPolicy.Read.Directory"}, License: pimLicense,
			FileName: func(o Object, name func(string) string) []string {
				return []string{refName(name, o["roleDefinitionId"])}
			}},
		{Key: keyGroupAssignmentInstances, Path: "roles/group-assignment-schedule-instances/",
			Permissions: []string{"PrivilegedAssignmentSchedule.Read.AzureADGroup", roleGroupsPermission}, License: pimLicense,
			FileName: groupPIMFileName},
		{Key: keyGroupEligibilityInstances, Path: "roles/group-eligibility-schedule-instances/",
			Permissions: []string{"PrivilegedEligibilitySchedule.Read.AzureADGroup", roleGroupsPermission}, License: pimLicense,
			FileName: groupPIMFileName},
		// The PIM policy a group's members and owners activate through
		// (a group eligible for Global Administrator is activated under
		// the group's member policy, not the role's).
		{Key: keyGroupPolicyAssignments, Path: "roles/group-policy-assignments/",
			Permissions: []string{"RoleManagementPolicy.Read.AzureADGroup", roleGroupsPermission}, License: pimLicense,
			FileName: func(o Object, name func(string) string) []string {
				access, _ := o["roleDefinitionId"].(string)
				return []string{refName(name, o["scopeId"]), access}
			}},
	}
}

// roleAssignmentFileName names an assignment or schedule instance after its
// role and principal ("global-administrator--megan-bowen--…"), plus its
// scope when narrower than the directory (an administrative unit).
func roleAssignmentFileName(o Object, name func(string) string) []string {
	parts := []string{refName(name, o["roleDefinitionId"]), refName(name, o["principalId"])}
	if scope, _ := o["directoryScopeId"].(string); scope != "" && scope != "/" {
		parts = append(parts, refName(name, path.Base(scope)))
	}
	return parts
}

// groupPIMFileName names a PIM for groups instance after its group, its
// principal and whether it grants membership or ownership.
func groupPIMFileName(o Object, name func(string) string) []string {
	access, _ := o["accessId"].(string)
	return []string{refName(name, o["groupId"]), refName(name, o["principalId"]), access}
}

func (c rolesCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	g := src.Graph
	lists := []struct{ key, path string }{
		{keyRoleDefinitions, "/v1.0/roleManagement/directory/roleDefinitions"},
		{keyRoleAssignments, "/v1.0/roleManagement/directory/roleAssignments"},
		{keyRoleAssignmentInstances, "/v1.0/roleManagement/directory/roleAssignmentScheduleInstances"},
		{keyRoleEligibilityInstances, "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances"},
		{keyRolePolicyAssignments, rolesPolicyAssignmentsPath},
	}
	// The lists are independent and each is paged one page after another:
	// read them at once, so the family takes as long as its longest list.
	type read struct {
		objs []Object
		err  error
	}
	reads := make([]read, len(lists))
	var wg sync.WaitGroup
	for i, l := range lists {
		wg.Go(func() {
			objs, err := listObjects(ctx, g, l.path)
			reads[i] = read{objs, err}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	holders := map[string]bool{}
	for i, l := range lists {
		objs, err := reads[i].objs, reads[i].err
		if err != nil {
			rec.Fail(l.key, err)
			continue
		}
		rec.Put(l.key, objs)
		if l.key == keyRoleAssignments || l.key == keyRoleAssignmentInstances || l.key == keyRoleEligibilityInstances {
			for _, o := range objs {
				if id, _ := o["principalId"].(string); id != "" {
					holders[id] = true
				}
			}
		}
	}
	c.collectGroupPIM(ctx, src, rec, holders)
	return ctx.Err()
}

// groupPIM is one PIM for groups resource, read per group.
type groupPIM struct {
	key, prefix string
	url         func(groupID string) string
}

var groupPIMResources = []groupPIM{
	{keyGroupEligibilityInstances, "e", func(id string) string {
		return "/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=groupId eq '" + id + "'"
	}},
	{keyGroupAssignmentInstances, "a", func(id string) string {
		return "/identityGovernance/privilegedAccess/group/assignmentScheduleInstances?$filter=groupId eq '" + id + "'"
	}},
	{keyGroupPolicyAssignments, "p", func(id string) string { return fmt.Sprintf(groupPolicyAssignmentsFilter, id) }},
}

// collectGroupPIM reads PIM for groups for the role-assignable groups among
// the role holders: eligibility and assignment instances and the group's
// PIM policies. Graph has no tenant-wide list (groupId, or the policy's
// scopeId, is a required filter), so it asks per group, three requests
// each, through $batch.
func (rolesCollector) collectGroupPIM(ctx context.Context, src Sources, rec *Recorder, holders map[string]bool) {
	if len(holders) == 0 {
		for _, r := range groupPIMResources {
			rec.Put(r.key, []Object{})
		}
		return
	}
	groups, err := listObjects(ctx, src.Graph, roleAssignableGroupsPath)
	if err != nil {
		for _, r := range groupPIMResources {
			rec.FailNeeding(r.key, roleGroupsPermission,
				fmt.Errorf("list role-assignable groups to find the groups that hold roles: %w", err))
		}
		return
	}
	var ids []string
	for _, grp := range groups {
		if id, _ := grp["id"].(string); holders[id] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var reqs []BatchGet
	for _, r := range groupPIMResources {
		for i, id := range ids {
			reqs = append(reqs, BatchGet{ID: fmt.Sprintf("%s%d", r.prefix, i), URL: r.url(id)})
		}
	}
	bodies, errs, err := batchGet(ctx, src, "v1.0", reqs)
	if err != nil {
		for _, r := range groupPIMResources {
			rec.Fail(r.key, err)
		}
		return
	}
	for _, r := range groupPIMResources {
		objs := []Object{}
		var failure error
		for i, id := range ids {
			rid := fmt.Sprintf("%s%d", r.prefix, i)
			if e := errs[rid]; e != nil {
				failure = e
				break
			}
			page, err := pageObjects(ctx, src.Graph, bodies[rid])
			if err != nil {
				failure = fmt.Errorf("PIM for group %s: %w", id, err)
				break
			}
			objs = append(objs, page...)
		}
		if failure != nil {
			rec.Fail(r.key, failure)
			continue
		}
		rec.Put(r.key, objs)
	}
}
