package snapshot

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/entra-audit/entra-audit/internal/graph"
)

const (
	keyAuthorizationSystems = "multicloud.authorizationSystems"
	keyAzureRoleAssignments = "multicloud.azureRoleAssignments"
	keyAzureRoleDefinitions = "multicloud.azureRoleDefinitions"
	keyManagementGroups     = "multicloud.managementGroups"
	keySubscriptions        = "multicloud.subscriptions"
	keyFederationApps       = "multicloud.federationApps"

	// permissionsManagementRetired is the expected outcome of part (a).
	permissionsManagementRetired = "Microsoft Entra Permissions Management was retired on 2025-10-01"
	noARMReason                  = "no Azure Resource Manager token: the run has no Azure Resource Manager access " +
		"(let the identity get a token for Azure Resource Manager, or pass --arm-url), so Azure RBAC was not read"
	// One Azure grant covers the family: Reader at the root scope "/" is
	// inherited by every management group and subscription, and is the
	// only one that can read the assignments made at "/" itself (elevated
	// access). Making it needs elevated access once; Reader on the tenant
	// root management group reads everything else.
	rootReaderPermission = "Reader at root scope (/), inherited by every management group and subscription"

	armRoleAssignmentsQuery = "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()"
	armRoleDefinitionsAPI   = "?api-version=2022-04-01"
	armManagementGroupsPath = "/providers/Microsoft.Management/managementGroups?api-version=2021-04-01"
	armSubscriptionsPath    = "/subscriptions?api-version=2022-12-01"
	armScopeConcurrency     = 4
)

type multicloudCollector struct{}

// NewMulticloudCollector reads multicloud permissions in three parts, each
// with its own status: Entra Permissions Management authorization systems
// (retired, so normally "not available"), Azure RBAC through Azure Resource
// Manager, and the AWS / Google Cloud federation apps with their assignees.
func NewMulticloudCollector() Collector { return multicloudCollector{} }

func (multicloudCollector) Family() string { return "multicloud" }

func (multicloudCollector) Resources() []Resource {
	armReader := []string{rootReaderPermission}
	armMeta := []string{"updatedOn", "updatedBy", "createdOn", "createdBy"}
	return []Resource{
		// Permissions Management has no grantable permission ("Not supported").
		{Key: keyAuthorizationSystems, Path: "multicloud/permissions-management/", NameField: "authorizationSystemName"},
		// ARM objects keep ARM's shape: the GUID is "name", labels live in properties.
		// Nothing refers to an assignment: no label; files read role,
		// principal and scope.
		{Key: keyAzureRoleAssignments, API: APIARM, Path: "multicloud/azure/role-assignments/", Permissions: armReader,
			IDField: "name", NameField: "name", Volatile: prefixAll("properties.", armMeta[:2]),
			Label: func(Object) string { return "" }, FileName: azureRoleAssignmentFileName},
		{Key: keyAzureRoleDefinitions, API: APIARM, Path: "multicloud/azure/role-definitions/", Permissions: armReader,
			IDField: "name", NameField: "properties.roleName", Volatile: prefixAll("properties.", armMeta)},
		{Key: keyManagementGroups, API: APIARM, Path: "multicloud/azure/management-groups/",
			Permissions: armReader, IDField: "name", NameField: "properties.displayName"},
		{Key: keySubscriptions, API: APIARM, Path: "multicloud/azure/subscriptions/",
			Permissions: armReader, IDField: "subscriptionId", NameField: "displayName"},
		{Key: keyFederationApps, Path: "multicloud/federation-apps/", Permissions: []string{"Application.Read.All"},
			NestedLabels: appRoleLabels},
	}
}

// azureRoleAssignmentFileName names an ARM role assignment after its role
// (the last segment of roleDefinitionId), its principal and its scope.
func azureRoleAssignmentFileName(o Object, name func(string) string) []string {
	p := dig(o, "properties")
	roleDef, _ := p["roleDefinitionId"].(string)
	scope, _ := p["scope"].(string)
	return []string{refName(name, path.Base(roleDef)), refName(name, p["principalId"]), armScopeName(scope, name)}
}

// armScopeName is a scope's readable name: "root" for "/", else the name
// of its last segment (a subscription or management group the index
// knows, a resource group's own name).
func armScopeName(scope string, name func(string) string) string {
	if strings.Trim(scope, "/") == "" {
		return "root"
	}
	return refName(name, path.Base(scope))
}

func (c multicloudCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	c.authorizationSystems(ctx, src, rec)
	c.azure(ctx, src, rec)
	c.federationApps(ctx, src, rec)
	return ctx.Err()
}

// authorizationSystems tries the retired Permissions Management API. Graph
// now refuses it (400/404 for the unknown segment, 403 because no
// permission can be granted); all of those mean "retired", not a failure.
func (multicloudCollector) authorizationSystems(ctx context.Context, src Sources, rec *Recorder) {
	systems, err := listObjects(ctx, src.Graph, "/beta/external/authorizationSystems")
	switch {
	case err == nil:
		rec.Put(keyAuthorizationSystems, systems)
	case ctx.Err() != nil:
	case permissionsManagementGone(err):
		rec.NotAvailable(keyAuthorizationSystems, permissionsManagementRetired+" (Graph answered: "+shortError(err)+")")
	default:
		rec.Fail(keyAuthorizationSystems, err)
	}
}

func permissionsManagementGone(err error) bool {
	var ge *graph.Error
	if errors.As(err, &ge) {
		switch ge.Status {
		case 400, 403, 404, 410, 501:
			return true
		}
	}
	return strings.Contains(strings.ToLower(err.Error()), "not supported")
}

// shortError is the status and code of a Graph error, or its text.
func shortError(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) {
		s := fmt.Sprintf("%d", ge.Status)
		if ge.Code != "" {
			s += " " + ge.Code
		}
		return s
	}
	return err.Error()
}

// azure reads Azure RBAC: management groups, subscriptions, role
// assignments at root scope /, at each management group and at each
// subscription (atScope(): the scope and above, so duplicates are merged by
// id; resource group and resource scopes are not read), and the role
// definitions those assignments use, so role names are known.
func (multicloudCollector) azure(ctx context.Context, src Sources, rec *Recorder) {
	keys := []string{keyManagementGroups, keySubscriptions, keyAzureRoleAssignments, keyAzureRoleDefinitions}
	if src.ARM == nil {
		for _, k := range keys {
			rec.NotAvailable(k, noARMReason)
		}
		return
	}
	arm := src.ARM
	mgs, mgErr := listObjects(ctx, arm, armManagementGroupsPath)
	putOrFail(rec, keyManagementGroups, mgs, mgErr)
	subs, subErr := listObjects(ctx, arm, armSubscriptionsPath)
	putOrFail(rec, keySubscriptions, subs, subErr)

	assignments, err := azureRoleAssignments(ctx, arm, mgs, subs)
	switch {
	case err != nil:
	case mgErr != nil:
		err = fmt.Errorf("management groups could not be listed, so their role assignments are unknown: %w", mgErr)
	case subErr != nil:
		err = fmt.Errorf("subscriptions could not be listed, so their role assignments are unknown: %w", subErr)
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		rec.Fail(keyAzureRoleAssignments, err)
		rec.Fail(keyAzureRoleDefinitions, fmt.Errorf("role definitions are read for the role assignments, which could not be read: %w", err))
		return
	}
	rec.Put(keyAzureRoleAssignments, assignments)
	defs, err := azureRoleDefinitions(ctx, arm, assignments)
	putOrFail(rec, keyAzureRoleDefinitions, defs, err)
}

func azureRoleAssignments(ctx context.Context, arm Source, mgs, subs []Object) ([]Object, error) {
	root, err := listObjects(ctx, arm, armRoleAssignmentsQuery)
	if err != nil {
		if graph.KindOf(err) == graph.KindMissingPermission {
			return nil, fmt.Errorf("role assignments at root scope / (elevated access) need %s: %w", rootReaderPermission, err)
		}
		return nil, err
	}
	var scopes []string
	for _, mg := range mgs {
		if name, _ := mg["name"].(string); name != "" {
			scopes = append(scopes, "/providers/Microsoft.Management/managementGroups/"+name)
		}
	}
	for _, s := range subs {
		if id, _ := s["subscriptionId"].(string); id != "" {
			scopes = append(scopes, "/subscriptions/"+id)
		}
	}
	byID := map[string]Object{}
	for _, a := range root {
		byID[fmt.Sprint(a["id"])] = a
	}
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
		sem      = make(chan struct{}, armScopeConcurrency)
	)
	for _, scope := range scopes {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			objs, err := listObjects(ctx, arm, scope+armRoleAssignmentsQuery)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("role assignments at %s: %w", scope, err)
				}
				return
			}
			for _, a := range objs {
				byID[fmt.Sprint(a["id"])] = a
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]Object, 0, len(ids))
	for _, id := range ids {
		out = append(out, byID[id])
	}
	return out, nil
}

// azureRoleDefinitions GETs each role definition the assignments use, once
// per GUID, through the shortest id seen (tenant-level for built-in roles).
// A definition that no longer exists (404) is skipped.
func azureRoleDefinitions(ctx context.Context, arm Source, assignments []Object) ([]Object, error) {
	byGUID := map[string]string{}
	for _, a := range assignments {
		id, _ := dig(a, "properties")["roleDefinitionId"].(string)
		if id == "" {
			continue
		}
		guid := path.Base(id)
		if cur, ok := byGUID[guid]; !ok || len(id) < len(cur) || (len(id) == len(cur) && id < cur) {
			byGUID[guid] = id
		}
	}
	guids := make([]string, 0, len(byGUID))
	for g := range byGUID {
		guids = append(guids, g)
	}
	slices.Sort(guids)
	defs := []Object{}
	for _, g := range guids {
		def, err := getObject(ctx, arm, byGUID[g]+armRoleDefinitionsAPI)
		if err != nil {
			if graph.KindOf(err) == graph.KindNotFound {
				continue
			}
			return nil, fmt.Errorf("role definition %s: %w", g, err)
		}
		defs = append(defs, def)
	}
	return defs, nil
}

func putOrFail(rec *Recorder, key string, objs []Object, err error) {
	if err != nil {
		rec.Fail(key, err)
		return
	}
	rec.Put(key, objs)
}

func prefixAll(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}
