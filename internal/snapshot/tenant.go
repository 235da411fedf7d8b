package snapshot

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/entra-audit/entra-audit/internal/graph"
)

// Tenant-wide settings: the organization (which also names the tenant in
// the manifest), licences, the authorization policy, security defaults,
// the admin consent workflow, app management policies, directory settings
// and domains with their federation configuration.

const keyOrganization = "tenant.organization"

// NewTenantCollector reads the tenant family.
func NewTenantCollector() Collector { return tenantCollector{} }

type tenantCollector struct{}

func (tenantCollector) Family() string { return "tenant" }

func (tenantCollector) Resources() []Resource {
	policy := []string{"Policy.Read.All"}
	return []Resource{
		{Key: keyOrganization, Path: "tenant/organization.yaml", Singleton: true, Permissions: []string{"Organization.Read.All"}},
		// skuId, not id ("<tenant id>_<sku id>"), names the file and is what
		// users' assignedLicenses point at. consumedUnits moves with every
		// licence assigned.
		{Key: "tenant.subscribedSkus", Path: "tenant/subscribed-skus", Permissions: []string{"Organization.Read.All"},
			NameField: "skuPartNumber", IDField: "skuId", Volatile: []string{"consumedUnits"}},
		{Key: "tenant.authorizationPolicy", Path: "tenant/authorization-policy.yaml", Singleton: true, Permissions: policy},
		{Key: "tenant.securityDefaults", Path: "tenant/security-defaults.yaml", Singleton: true, Permissions: policy},
		{Key: "tenant.adminConsentRequestPolicy", Path: "tenant/admin-consent-request-policy.yaml", Singleton: true, Permissions: policy},
		{Key: "tenant.defaultAppManagementPolicy", Path: "tenant/default-app-management-policy.yaml", Singleton: true, Permissions: policy},
		{Key: "tenant.appManagementPolicies", Path: "tenant/app-management-policies", Permissions: policy},
		{Key: "tenant.directorySettings", Path: "tenant/directory-settings", Permissions: []string{"Directory.Read.All"}},
		{Key: "tenant.domains", Path: "tenant/domains", Permissions: []string{"Domain.Read.All"}, NameField: "id"},
	}
}

func (tenantCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	g := src.Graph
	// /organization is a collection of exactly one object.
	if orgs, err := listObjects(ctx, g, "/v1.0/organization"); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(keyOrganization, err)
	} else if len(orgs) != 1 {
		rec.Fail(keyOrganization, fmt.Errorf("GET /v1.0/organization returned %d objects, want 1", len(orgs)))
	} else {
		rec.PutOne(keyOrganization, orgs[0])
	}
	steps := []struct {
		key, path string
		one       bool
	}{
		{"tenant.subscribedSkus", "/v1.0/subscribedSkus", false},
		{"tenant.authorizationPolicy", "/v1.0/policies/authorizationPolicy", true},
		{"tenant.securityDefaults", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", true},
		{"tenant.adminConsentRequestPolicy", "/v1.0/policies/adminConsentRequestPolicy", true},
		{"tenant.defaultAppManagementPolicy", "/v1.0/policies/defaultAppManagementPolicy", true},
		{"tenant.appManagementPolicies", "/v1.0/policies/appManagementPolicies", false},
		{"tenant.directorySettings", "/v1.0/groupSettings", false},
	}
	for _, s := range steps {
		var err error
		if s.one {
			_, err = collectOne(ctx, g, rec, s.key, s.path)
		} else {
			_, err = collectList(ctx, g, rec, s.key, s.path)
		}
		if err != nil {
			return err
		}
	}
	return collectDomains(ctx, src, rec)
}

// collectDomains lists domains and inlines, for each federated one, its
// federationConfiguration collection (one $batch for all when possible).
func collectDomains(ctx context.Context, src Sources, rec *Recorder) error {
	const key = "tenant.domains"
	domains, err := listObjects(ctx, src.Graph, "/v1.0/domains")
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(key, err)
		return nil
	}
	var federated []Object
	for _, d := range domains {
		if t, _ := d["authenticationType"].(string); t == "Federated" {
			federated = append(federated, d)
		}
	}
	if err := inlineFederation(ctx, src, federated); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(key, err)
		return nil
	}
	rec.Put(key, domains)
	return nil
}

// inlineFederation adds to each federated domain its federationConfiguration
// collection, read through $batch (pages beyond the first followed).
func inlineFederation(ctx context.Context, src Sources, federated []Object) error {
	reqs := make([]BatchGet, len(federated))
	for i, d := range federated {
		id, _ := d["id"].(string)
		reqs[i] = BatchGet{ID: strconv.Itoa(i), URL: "/domains/" + url.PathEscape(id) + "/federationConfiguration"}
	}
	bodies, errs, err := batchGet(ctx, src, "v1.0", reqs)
	if err != nil {
		return err
	}
	for i, d := range federated {
		id := reqs[i].ID
		if e := errs[id]; e != nil {
			if graph.KindOf(e) == graph.KindNotFound {
				continue // a domain switching to managed: no configuration
			}
			return fmt.Errorf("federation configuration of domain %v: %w", d["id"], e)
		}
		items, err := pageObjects(ctx, src.Graph, bodies[id])
		if err != nil {
			return fmt.Errorf("federation configuration of domain %v: %w", d["id"], err)
		}
		d["federationConfiguration"] = objectsToAny(items)
	}
	return nil
}

// tenantInfo reads the manifest's tenant identity from the organization.
func tenantInfo(orgs []Object) TenantInfo {
	if len(orgs) == 0 {
		return TenantInfo{}
	}
	org := orgs[0]
	info := TenantInfo{}
	info.ID, _ = org["id"].(string)
	info.DisplayName, _ = org["displayName"].(string)
	domains, _ := org["verifiedDomains"].([]any)
	for _, d := range domains {
		m, _ := d.(map[string]any)
		if def, _ := m["isDefault"].(bool); def {
			info.DefaultDomain, _ = m["name"].(string)
		}
	}
	return info
}
