package snapshot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/graph"
)

const (
	keyServicePrincipals         = "apps.servicePrincipals"
	keyApplications              = "apps.applications"
	keyAppRoleAssignments        = "apps.appRoleAssignments"
	keyOAuth2PermissionGrants    = "apps.oauth2PermissionGrants"
	keyPermissionClassifications = "apps.permissionClassifications"
	msGraphAppID                 = "00000003-0000-0000-c000-000000000000"
	msGraphSP                    = "/servicePrincipals(appId='" + msGraphAppID + "')"
	servicePrincipalSelect       = "id,appId,displayName,servicePrincipalType,accountEnabled,appOwnerOrganizationId," +
		"appRoleAssignmentRequired,signInAudience,tags,verifiedPublisher,passwordCredentials,keyCredentials," +
		"servicePrincipalNames,preferredSingleSignOnMode"
	applicationSelect = "id,appId,displayName,signInAudience,passwordCredentials,keyCredentials,requiredResourceAccess,identifierUris"
)

// wellKnownResourceAppIDs are APIs whose application permissions matter
// even when no app registration of this tenant asks for them (third-party
// multi-tenant apps): Exchange Online, SharePoint Online and the retired
// Azure AD Graph.
var wellKnownResourceAppIDs = []string{
	"00000002-0000-0ff1-ce00-000000000000",
	"00000003-0000-0ff1-ce00-000000000000",
	"00000002-0000-0000-c000-000000000000",
}

type appsCollector struct{}

// NewAppsCollector reads service principals, app registrations, the
// application permissions granted to service principals, delegated grants
// and Microsoft Graph's delegated permission classifications.
//
// Decisions:
//   - Credentials: passwordCredentials keep keyId, displayName and dates;
//     hint (the secret's first characters), secretText and keyCredentials'
//     key are dropped, whatever Graph returns.
//   - appRoles are kept only on the Microsoft Graph service principal
//     (id, value, displayName, allowedMemberTypes), so policies can turn an
//     appRoleId into a permission name such as RoleManagement.ReadWrite.Directory;
//     other service principals' roles would multiply the snapshot's size.
//   - Application permissions: one paged read of Graph's appRoleAssignedTo,
//     plus appRoleAssignedTo of the other APIs that app registrations
//     request application permissions on (requiredResourceAccess type Role)
//     and of Exchange Online, SharePoint Online and Azure AD Graph, in one
//     $batch; only assignments to service principals are kept (users and
//     groups assigned to an app are not permissions).
//   - Owners and federated identity credentials are not read: both cost a
//     call per application.
func NewAppsCollector() Collector { return appsCollector{} }

func (appsCollector) Family() string { return "apps" }

func (appsCollector) Resources() []Resource {
	app := []string{"Application.Read.All"}
	return []Resource{
		{Key: keyServicePrincipals, Path: "apps/service-principals/", Permissions: app, RefKeys: []string{"appId"},
			NestedLabels: appRoleLabels},
		{Key: keyApplications, Path: "apps/applications/", Permissions: app, RefKeys: []string{"appId"}},
		{Key: keyAppRoleAssignments, Path: "apps/app-role-assignments/", Permissions: app, NameField: "principalDisplayName",
			FileName: appRoleAssignmentFileName},
		{Key: keyOAuth2PermissionGrants, Path: "apps/oauth2-permission-grants/", Permissions: []string{"Directory.Read.All"}, NameField: "clientId",
			FileName: delegatedGrantFileName},
		{Key: keyPermissionClassifications, Path: "apps/permission-classifications/", Permissions: app, NameField: "permissionName"},
	}
}

// appRoleLabels names a service principal's app roles for comments on
// appRoleId: by value (Microsoft Graph's "RoleManagement.ReadWrite.Directory"),
// else by display name (a federation app's "msiam_access").
func appRoleLabels(sp Object) map[string]string {
	out := map[string]string{}
	for _, r := range asList(sp["appRoles"]) {
		m, _ := r.(map[string]any)
		id, _ := m["id"].(string)
		label, _ := m["value"].(string)
		if label == "" {
			label, _ = m["displayName"].(string)
		}
		if id != "" && label != "" {
			out[id] = label
		}
	}
	return out
}

// appRoleAssignmentFileName names a granted application permission after
// the client and the permission ("contoso-hr-sync--rolemanagement-readwrite-directory--…").
func appRoleAssignmentFileName(a Object, name func(string) string) []string {
	client, _ := a["principalDisplayName"].(string)
	role, _ := a["appRoleId"].(string)
	return []string{client, name(role)}
}

// delegatedGrantFileName names a delegated grant after its client, the API
// and who consented ("contoso-reporting--microsoft-graph--allprincipals--…").
func delegatedGrantFileName(g Object, name func(string) string) []string {
	consent, _ := g["consentType"].(string)
	return []string{refName(name, g["clientId"]), refName(name, g["resourceId"]), consent}
}

func (c appsCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	g := src.Graph
	sps, spErr := c.servicePrincipals(ctx, g)
	putOrFail(rec, keyServicePrincipals, sps, spErr)

	apps, appErr := listObjects(ctx, g, "/v1.0/applications?$select="+applicationSelect+"&$top=999")
	for _, a := range apps {
		stripCredentialSecrets(a)
	}
	putOrFail(rec, keyApplications, apps, appErr)

	grants, err := c.appRoleAssignments(ctx, src, sps, spErr, apps)
	putOrFail(rec, keyAppRoleAssignments, grants, err)

	delegated, err := listObjects(ctx, g, "/v1.0/oauth2PermissionGrants")
	putOrFail(rec, keyOAuth2PermissionGrants, delegated, err)

	classes, err := listObjects(ctx, g, "/v1.0"+msGraphSP+"/delegatedPermissionClassifications")
	putOrFail(rec, keyPermissionClassifications, classes, err)
	return ctx.Err()
}

// servicePrincipals lists every service principal and adds the Microsoft
// Graph service principal's app roles (id and value) to it.
func (appsCollector) servicePrincipals(ctx context.Context, g Source) ([]Object, error) {
	sps, err := listObjects(ctx, g, "/v1.0/servicePrincipals?$select="+servicePrincipalSelect+"&$top=999")
	if err != nil {
		return nil, err
	}
	for _, sp := range sps {
		stripCredentialSecrets(sp)
	}
	graphSP, err := getObject(ctx, g, "/v1.0"+msGraphSP+"?$select=id,appRoles")
	if graph.KindOf(err) == graph.KindNotFound {
		// No Graph service principal (never seen in a real tenant): policies
		// fall back to Graph's published app role ids.
		return sps, nil
	}
	if err != nil {
		return nil, fmt.Errorf("Microsoft Graph service principal's app roles: %w", err)
	}
	var roles []any
	for _, r := range asList(graphSP["appRoles"]) {
		if m, ok := r.(map[string]any); ok {
			roles = append(roles, map[string]any{
				"id": m["id"], "value": m["value"], "displayName": m["displayName"], "allowedMemberTypes": m["allowedMemberTypes"],
			})
		}
	}
	slices.SortFunc(roles, func(a, b any) int {
		return strings.Compare(fmt.Sprint(a.(map[string]any)["value"]), fmt.Sprint(b.(map[string]any)["value"]))
	})
	for _, sp := range sps {
		if sp["appId"] == msGraphAppID {
			sp["appRoles"] = roles
		}
	}
	return sps, nil
}

// appRoleAssignments reads application permissions: Graph's in one paged
// collection, the other APIs' (see NewAppsCollector) in one $batch.
func (appsCollector) appRoleAssignments(ctx context.Context, src Sources, sps []Object, spErr error, apps []Object) ([]Object, error) {
	// $top=999: the default page is 100, and a large tenant's grants to
	// Graph run to thousands (pages are read one after another).
	out, err := listObjects(ctx, src.Graph, "/v1.0"+msGraphSP+"/appRoleAssignedTo?$top=999")
	if err != nil {
		return nil, err
	}
	if spErr != nil {
		return nil, fmt.Errorf("service principals could not be listed, so the APIs other than Microsoft Graph are unknown: %w", spErr)
	}
	wanted := map[string]bool{}
	for _, id := range wellKnownResourceAppIDs {
		wanted[id] = true
	}
	for _, a := range apps {
		for _, rra := range asList(a["requiredResourceAccess"]) {
			m, _ := rra.(map[string]any)
			resApp, _ := m["resourceAppId"].(string)
			for _, ra := range asList(m["resourceAccess"]) {
				if r, _ := ra.(map[string]any); r["type"] == "Role" && resApp != "" {
					wanted[resApp] = true
				}
			}
		}
	}
	delete(wanted, msGraphAppID)
	var resourceIDs []string
	for _, sp := range sps {
		if appID, _ := sp["appId"].(string); wanted[appID] {
			resourceIDs = append(resourceIDs, fmt.Sprint(sp["id"]))
		}
	}
	slices.Sort(resourceIDs)
	reqs := make([]BatchGet, len(resourceIDs))
	for i, id := range resourceIDs {
		reqs[i] = BatchGet{ID: fmt.Sprintf("r%d", i), URL: "/servicePrincipals/" + id + "/appRoleAssignedTo?$top=999"}
	}
	bodies, errs, err := batchGet(ctx, src, "v1.0", reqs)
	if err != nil {
		return nil, err
	}
	for i, id := range resourceIDs {
		if e := errs[reqs[i].ID]; e != nil {
			if graph.KindOf(e) == graph.KindNotFound {
				continue
			}
			return nil, fmt.Errorf("app role assignments of resource %s: %w", id, e)
		}
		page, err := pageObjects(ctx, src.Graph, bodies[reqs[i].ID])
		if err != nil {
			return nil, fmt.Errorf("app role assignments of resource %s: %w", id, err)
		}
		out = append(out, page...)
	}
	kept := out[:0]
	for _, a := range out {
		if a["principalType"] == "ServicePrincipal" {
			kept = append(kept, a)
		}
	}
	return kept, nil
}

// stripCredentialSecrets removes what could reveal a secret from an app or
// service principal: passwordCredentials' hint and secretText and
// keyCredentials' key.
func stripCredentialSecrets(o Object) {
	for _, field := range []string{"passwordCredentials", "keyCredentials"} {
		for _, c := range asList(o[field]) {
			if m, ok := c.(map[string]any); ok {
				delete(m, "hint")
				delete(m, "secretText")
				delete(m, "key")
			}
		}
	}
}
