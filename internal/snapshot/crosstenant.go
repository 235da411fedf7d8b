package snapshot

import (
	"context"
	"fmt"

	"github.com/entra-audit/entra-audit/internal/graph"
)

const (
	keyCrossTenantPolicy   = "crossTenantAccess.policy"
	keyCrossTenantDefault  = "crossTenantAccess.default"
	keyCrossTenantPartners = "crossTenantAccess.partners"
	keyMultiTenantOrg      = "crossTenantAccess.multiTenantOrganization"

	crossTenantPolicyPath = "/v1.0/policies/crossTenantAccessPolicy"
)

type crossTenantCollector struct{}

// NewCrossTenantCollector reads the cross-tenant access policy, its
// default, every partner with its identity synchronization inline, and the
// multi-tenant organization.
func NewCrossTenantCollector() Collector { return crossTenantCollector{} }

func (crossTenantCollector) Family() string { return "crossTenantAccess" }

func (crossTenantCollector) Resources() []Resource {
	perm := []string{"Policy.Read.All"}
	return []Resource{
		{Key: keyCrossTenantPolicy, Path: "cross-tenant-access/policy.yaml", Singleton: true, Permissions: perm},
		{Key: keyCrossTenantDefault, Path: "cross-tenant-access/default.yaml", Singleton: true, Permissions: perm},
		// Partners have no display name of their own: comments use the
		// identity synchronization's name, files the partner's name as the
		// index knows it (tenant information first).
		{Key: keyCrossTenantPartners, Path: "cross-tenant-access/partners/", Permissions: perm,
			IDField: "tenantId", NameField: "identitySynchronization.displayName", FileName: partnerFileName},
		{Key: keyMultiTenantOrg, Path: "cross-tenant-access/multi-tenant-organization.yaml", Singleton: true,
			Permissions: []string{"MultiTenantOrganization.ReadBasic.All"}},
	}
}

func (c crossTenantCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
	singletons := []struct{ key, path string }{
		{keyCrossTenantPolicy, crossTenantPolicyPath},
		{keyCrossTenantDefault, crossTenantPolicyPath + "/default"},
		// A tenant outside any multi-tenant organization answers with an
		// object in state "inactive": that is the data, not an error.
		{keyMultiTenantOrg, "/v1.0/tenantRelationships/multiTenantOrganization"},
	}
	for _, s := range singletons {
		obj, err := getObject(ctx, src.Graph, s.path)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			rec.Fail(s.key, err)
			continue
		}
		rec.PutOne(s.key, obj)
	}
	partners, err := c.partners(ctx, src)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(keyCrossTenantPartners, err)
		return nil
	}
	rec.Put(keyCrossTenantPartners, partners)
	return nil
}

// partners lists the partner configurations and adds each one's
// identitySynchronization (null when Graph answers 404: no sync policy).
// $expand=identitySynchronization is not accepted on the list by every
// Graph version, so the policies are fetched per partner, in one $batch.
func (crossTenantCollector) partners(ctx context.Context, src Sources) ([]Object, error) {
	partners, err := listObjects(ctx, src.Graph, crossTenantPolicyPath+"/partners")
	if err != nil {
		return nil, err
	}
	reqs := make([]BatchGet, len(partners))
	for i, p := range partners {
		tid, _ := p["tenantId"].(string)
		if tid == "" {
			return nil, fmt.Errorf("partner configuration %d has no tenantId", i)
		}
		reqs[i] = BatchGet{ID: fmt.Sprintf("p%d", i), URL: "/policies/crossTenantAccessPolicy/partners/" + tid + "/identitySynchronization"}
	}
	bodies, errs, err := batchGet(ctx, src, "v1.0", reqs)
	if err != nil {
		return nil, err
	}
	for i, p := range partners {
		id := reqs[i].ID
		if e := errs[id]; e != nil {
			if graph.KindOf(e) == graph.KindNotFound {
				p["identitySynchronization"] = nil
				continue
			}
			return nil, fmt.Errorf("identity synchronization of partner %s: %w", p["tenantId"], e)
		}
		sync, err := objectFromJSON(bodies[id])
		if err != nil {
			return nil, fmt.Errorf("identity synchronization of partner %s: %w", p["tenantId"], err)
		}
		p["identitySynchronization"] = sync
	}
	return partners, nil
}

// partnerFileName names a partner after its tenant's name, or "partner"
// when no name is known (the tenant id's prefix follows either way).
func partnerFileName(p Object, name func(string) string) []string {
	tid, _ := p["tenantId"].(string)
	if n := name(tid); n != "" {
		return []string{n}
	}
	return []string{"partner"}
}
