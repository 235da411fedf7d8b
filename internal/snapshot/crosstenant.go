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
	keyPartnerTenantInfo   = "crossTenantAccess.partnerTenantInformation"

	crossTenantPolicyPath = "/v1.0/policies/crossTenantAccessPolicy"
)

type crossTenantCollector struct{}

// NewCrossTenantCollector reads the cross-tenant access policy, its
// default, every partner with its identity synchronization inline, each
// partner tenant's public information (its name, for people: a partner
// without identity synchronization has no name otherwise) and the
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
		// tenantInformation objects, as findTenantInformationByTenantId
		// returns them for each partner.
		{Key: keyPartnerTenantInfo, Path: "cross-tenant-access/partner-tenant-information/",
			Permissions: []string{"CrossTenantInformation.ReadBasic.All"}, IDField: "tenantId"},
	}
}

func (crossTenantCollector) Collect(ctx context.Context, src Sources, rec *Recorder) error {
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
	partners, err := listObjects(ctx, src.Graph, crossTenantPolicyPath+"/partners")
	if err == nil {
		err = checkPartnerTenantIDs(partners)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(keyCrossTenantPartners, err)
		rec.FailNeeding(keyPartnerTenantInfo, "Policy.Read.All",
			fmt.Errorf("the partners could not be listed, so their tenants are unknown: %w", err))
		return nil
	}
	if err := inlineIdentitySync(ctx, src, partners); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec.Fail(keyCrossTenantPartners, err)
	} else {
		rec.Put(keyCrossTenantPartners, partners)
	}
	info, err := partnerTenantInformation(ctx, src, partners)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	putOrFail(rec, keyPartnerTenantInfo, info, err)
	return nil
}

// checkPartnerTenantIDs refuses a partner whose tenantId is not a GUID:
// it goes into request paths.
func checkPartnerTenantIDs(partners []Object) error {
	for i, p := range partners {
		if tid, _ := p["tenantId"].(string); !IsGUID(tid) {
			return fmt.Errorf("partner configuration %d has tenantId %q, not a tenant id", i, tid)
		}
	}
	return nil
}

// inlineIdentitySync adds each partner's identitySynchronization (null
// when Graph answers 404: no sync policy). $expand=identitySynchronization
// is not accepted on the list by every Graph version, so the policies are
// fetched per partner, in one $batch.
func inlineIdentitySync(ctx context.Context, src Sources, partners []Object) error {
	reqs := make([]BatchGet, len(partners))
	for i, p := range partners {
		reqs[i] = BatchGet{ID: fmt.Sprintf("p%d", i), URL: "/policies/crossTenantAccessPolicy/partners/" + p["tenantId"].(string) + "/identitySynchronization"}
	}
	bodies, errs, err := batchGet(ctx, src, "v1.0", reqs)
	if err != nil {
		return err
	}
	for i, p := range partners {
		id := reqs[i].ID
		if e := errs[id]; e != nil {
			if graph.KindOf(e) == graph.KindNotFound {
				p["identitySynchronization"] = nil
				continue
			}
			return fmt.Errorf("identity synchronization of partner %s: %w", p["tenantId"], e)
		}
		sync, err := objectFromJSON(bodies[id])
		if err != nil {
			return fmt.Errorf("identity synchronization of partner %s: %w", p["tenantId"], err)
		}
		p["identitySynchronization"] = sync
	}
	return nil
}

// partnerTenantInformation reads each partner tenant's public information
// (tenantId, displayName, defaultDomainName, federationBrandName) in one
// $batch. A tenant Graph no longer knows (404: deleted) is left out.
func partnerTenantInformation(ctx context.Context, src Sources, partners []Object) ([]Object, error) {
	tids := make([]string, len(partners))
	for i, p := range partners {
		tids[i] = p["tenantId"].(string)
	}
	info, _, err := lookupByID(ctx, src, "t", tids, "/tenantRelationships/findTenantInformationByTenantId(tenantId='%s')")
	if err != nil {
		return nil, fmt.Errorf("tenant information of the partners: %w", err)
	}
	return info, nil
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
