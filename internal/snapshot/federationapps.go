package snapshot

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// The multicloud family's third part: the enterprise apps that federate
// sign-in to AWS and Google Cloud, and who is assigned to them.

// federationAppsListPath lists every service principal with just the
// fields the match rule and the snapshot need.
const federationAppsListPath = "/v1.0/servicePrincipals?$select=id,appId,displayName,accountEnabled," +
	"appRoleAssignmentRequired,preferredSingleSignOnMode,servicePrincipalNames,tags&$top=999"

// federationApps finds the enterprise apps that federate sign-in to AWS
// and Google Cloud and records each with its app roles (for AWS, the IAM
// roles users get) and appRoleAssignedTo (who is assigned) inline. The two
// per-app reads go through one $batch.
func (multicloudCollector) federationApps(ctx context.Context, src Sources, rec *Recorder) {
	sps, err := listObjects(ctx, src.Graph, federationAppsListPath)
	if err != nil {
		if ctx.Err() == nil {
			rec.Fail(keyFederationApps, err)
		}
		return
	}
	var apps []Object
	for _, sp := range sps {
		if federationCloud(sp) != "" {
			apps = append(apps, sp)
		}
	}
	slices.SortFunc(apps, func(a, b Object) int { return strings.Compare(fmt.Sprint(a["id"]), fmt.Sprint(b["id"])) })
	var reqs []BatchGet
	for i, app := range apps {
		id := fmt.Sprint(app["id"])
		reqs = append(reqs,
			BatchGet{ID: fmt.Sprintf("r%d", i), URL: "/servicePrincipals/" + id + "?$select=id,appRoles"},
			BatchGet{ID: fmt.Sprintf("a%d", i), URL: "/servicePrincipals/" + id + "/appRoleAssignedTo"})
	}
	bodies, errs, err := batchGet(ctx, src, "v1.0", reqs)
	if err != nil {
		if ctx.Err() == nil {
			rec.Fail(keyFederationApps, err)
		}
		return
	}
	for i, app := range apps {
		rid, aid := fmt.Sprintf("r%d", i), fmt.Sprintf("a%d", i)
		for _, id := range []string{rid, aid} {
			if e := errs[id]; e != nil {
				rec.Fail(keyFederationApps, fmt.Errorf("federation app %s (%s): %w", app["displayName"], app["id"], e))
				return
			}
		}
		roles, err := objectFromJSON(bodies[rid])
		if err == nil {
			var assigned []Object
			if assigned, err = pageObjects(ctx, src.Graph, bodies[aid]); err == nil {
				slices.SortFunc(assigned, func(a, b Object) int { return strings.Compare(fmt.Sprint(a["id"]), fmt.Sprint(b["id"])) })
				app["appRoles"] = roles["appRoles"]
				app["appRoleAssignedTo"] = objectsToAny(assigned)
			}
		}
		if err != nil {
			rec.Fail(keyFederationApps, fmt.Errorf("federation app %s (%s): %w", app["displayName"], app["id"], err))
			return
		}
	}
	if apps == nil {
		apps = []Object{}
	}
	rec.Put(keyFederationApps, apps)
}

// federationCloud is the match rule for federation apps: "aws" or "gcp"
// when a service principal federates to that cloud, else "". Gallery app
// ids differ per tenant and per gallery version, so it looks at what the
// app federates to: its SAML identifier (a servicePrincipalName such as
// https://signin.aws.amazon.com/saml, https://<region>.signin.aws.amazon.com/
// platform/saml/…, google.com or google.com/a/<domain>), then at the
// gallery display names (AWS IAM Identity Center, AWS Single-Account
// Access, Amazon Web Services, Google Cloud, G Suite / Google Workspace).
func federationCloud(sp Object) string {
	for _, n := range asList(sp["servicePrincipalNames"]) {
		s, _ := n.(string)
		s = strings.ToLower(s)
		switch {
		case strings.Contains(s, "signin.aws.amazon.com"), strings.Contains(s, "amazonaws.com"):
			return "aws"
		case s == "google.com", strings.HasPrefix(s, "google.com/"), strings.HasPrefix(s, "https://google.com"),
			strings.HasPrefix(s, "https://www.google.com"), strings.Contains(s, "accounts.google.com"):
			return "gcp"
		}
	}
	name, _ := sp["displayName"].(string)
	name = strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "aws "), name == "aws", strings.Contains(name, "amazon web services"),
		strings.Contains(name, "aws iam identity center"), strings.Contains(name, "aws single-account"):
		return "aws"
	case strings.Contains(name, "google cloud"), strings.Contains(name, "g suite"), strings.Contains(name, "google workspace"):
		return "gcp"
	}
	return ""
}
