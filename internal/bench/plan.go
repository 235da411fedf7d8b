package bench

import (
	"strings"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// How the calls of a step can be sent.
type stepKind int

const (
	chain    stepKind = iota // pages of one list: one after the other
	batched                  // independent Graph requests: 20 per $batch round trip
	parallel                 // independent requests without $batch (ARM)
)

// Step is one read of the minimal plan.
type Step struct {
	Family  string
	What    string // the resource or read
	Request string // a representative request, "GET /v1.0/users?$top=999", for its cost
	Calls   int
	Kind    stepKind
	Paced   bool // Conditional Access: one request per second per tenant
}

// Page sizes of the minimal plan: directory objects take $top up to 999;
// lists whose page size Graph chooses (Conditional Access, role
// management, PIM, partners, delegated grants, …) come in the fake's
// default page, Graph's usual 100.
const (
	directoryPage = 999
	serverPage    = 100
	getByIDsMax   = 1000 // ids per directoryObjects/getByIds
)

func pages(n, size int) int { return max(1, (n+size-1)/size) }

// MinimalPlan is the fewest Graph (and ARM) calls that read the data of
// res, a complete snapshot of the tenant: each list in its largest pages,
// one call per object where Graph has no list, nothing read twice. The
// formulas are in docs/performance.md.
func MinimalPlan(res *snapshot.Result) []Step {
	p := planner{res: res}
	p.tenant()
	p.add("authenticationMethods", "policy", "GET /beta/policies/authenticationMethodsPolicy", 1, chain)
	p.conditionalAccess()
	p.crossTenant()
	p.roles()
	p.apps()
	p.multicloud()
	p.principals()
	return p.steps
}

type planner struct {
	res   *snapshot.Result
	steps []Step
}

func (p *planner) objects(key string) []snapshot.Object {
	if o := p.res.Outcome(key); o != nil {
		return o.Objects
	}
	return nil
}

func (p *planner) n(key string) int { return len(p.objects(key)) }

func (p *planner) add(family, what, request string, calls int, kind stepKind) {
	if calls > 0 {
		p.steps = append(p.steps, Step{Family: family, What: what, Request: request, Calls: calls, Kind: kind})
	}
}

// list adds the pages of the collection key read by request.
func (p *planner) list(family, key, request string, page int) {
	p.add(family, key, request, pages(p.n(key), page), chain)
}

func (p *planner) tenant() {
	const f = "tenant"
	for _, s := range []string{"organization", "policies/authorizationPolicy", "policies/identitySecurityDefaultsEnforcementPolicy",
		"policies/adminConsentRequestPolicy", "policies/defaultAppManagementPolicy"} {
		p.add(f, s, "GET /v1.0/"+s, 1, chain)
	}
	p.list(f, "tenant.subscribedSkus", "GET /v1.0/subscribedSkus", serverPage)
	p.list(f, "tenant.appManagementPolicies", "GET /v1.0/policies/appManagementPolicies", serverPage)
	p.list(f, "tenant.directorySettings", "GET /v1.0/groupSettings", serverPage)
	p.list(f, "tenant.domains", "GET /v1.0/domains", serverPage)
	federated := 0
	for _, d := range p.objects("tenant.domains") {
		if d["authenticationType"] == "Federated" {
			federated++
		}
	}
	p.add(f, "federationConfiguration per federated domain", "GET /v1.0/domains/{id}/federationConfiguration", federated, batched)
}

func (p *planner) conditionalAccess() {
	const f = "conditionalAccess"
	for _, r := range []struct {
		key, path string
		paced     bool
	}{
		{"conditionalAccess.policies", "/v1.0/identity/conditionalAccess/policies", true},
		{"conditionalAccess.namedLocations", "/v1.0/identity/conditionalAccess/namedLocations", true},
		{"conditionalAccess.authenticationStrengths", "/v1.0/policies/authenticationStrengthPolicies", false},
		{"conditionalAccess.authenticationContexts", "/v1.0/identity/conditionalAccess/authenticationContextClassReferences", true},
	} {
		p.list(f, r.key, "GET "+r.path, serverPage)
		p.steps[len(p.steps)-1].Paced = r.paced
	}
}

func (p *planner) crossTenant() {
	const f = "crossTenantAccess"
	for _, s := range []string{"policies/crossTenantAccessPolicy", "policies/crossTenantAccessPolicy/default", "tenantRelationships/multiTenantOrganization"} {
		p.add(f, s, "GET /v1.0/"+s, 1, chain)
	}
	p.list(f, "crossTenantAccess.partners", "GET /v1.0/policies/crossTenantAccessPolicy/partners", serverPage)
	n := p.n("crossTenantAccess.partners")
	// No $expand on the list: one call per partner, 404 without a policy.
	p.add(f, "identitySynchronization per partner", "GET /v1.0/policies/crossTenantAccessPolicy/partners/{id}/identitySynchronization", n, batched)
	p.add(f, "tenant information per partner", "GET /v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='{id}')", n, batched)
}

// isGUID is enough of a check for ids the plan counts.
func isGUID(s string) bool { return len(s) == 36 && strings.Count(s, "-") == 4 }
