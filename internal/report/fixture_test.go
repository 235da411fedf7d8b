package report

import (
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// fixtureReport is the one shared report every golden file is rendered
// from. It covers every status, every severity, waivers (active and
// expired), evidence, tenant-wide findings, collection gaps and drift, with
// fixed times so output is byte-stable.
func fixtureReport() finding.Report {
	collected := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	evaluated := collected.Add(90 * time.Second)
	return finding.Report{
		SchemaVersion: finding.ReportSchemaVersion,
		Tool:          finding.Tool{Name: "entra-audit", Version: "0.1.0-test", InformationURI: "https://github.com/entra-audit/entra-audit"},
		Tenant: finding.Tenant{
			ID:            "00000000-0000-4000-8000-00000000c0de",
			DefaultDomain: "contoso.onmicrosoft.com",
			DisplayName:   "Contoso Ltd",
			Cloud:         "global",
		},
		CollectedAt: collected,
		EvaluatedAt: evaluated,
		SnapshotDir: "snapshots/contoso",
		Controls: []finding.Result{
			{
				Control: finding.Control{
					ID:          "MS.AAD.1.1v1",
					Title:       "Legacy authentication SHALL be blocked",
					Description: "Legacy authentication protocols do not support MFA; a Conditional Access policy must block them for all users.",
					Severity:    finding.SeverityCritical,
					Family:      "conditionalAccess",
					Frameworks:  map[string][]string{"cisa-scuba": {"MS.AAD.1.1v1"}, "cis-m365": {"5.2.2.3"}},
					Remediation: "Create a Conditional Access policy that targets all users and all cloud apps, with client app types Exchange ActiveSync and Other clients, and grant control Block.",
					References:  []string{"https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication"},
					Requires:    []string{"conditionalAccess.policies"},
					Source:      "builtin",
				},
				Status:  finding.StatusFail,
				Message: "No enabled policy blocks legacy authentication for all users.",
				Findings: []finding.Finding{{
					Resource: finding.Resource{Type: "conditionalAccess.policies", ID: "7d1c6f3a-0b59-4c1e-9a53-1c2b3d4e5f60", Name: "Block legacy auth (report-only)"},
					Location: &finding.Location{File: "conditionalAccess/policies/7d1c6f3a-0b59-4c1e-9a53-1c2b3d4e5f60.yaml", Line: 3},
					Message:  "Policy \"Block legacy auth (report-only)\" is in report-only mode, so it blocks nothing.",
					Evidence: map[string]any{"state": "enabledForReportingButNotEnforced", "clientAppTypes": []any{"exchangeActiveSync", "other"}},
				}},
			},
			{
				Control: finding.Control{
					ID:          "MS.AAD.7.1v1",
					Title:       "A minimum of two users and a maximum of eight users SHALL be provisioned with the Global Administrator role",
					Description: "Too many Global Administrators widen the blast radius of one compromised account.",
					Severity:    finding.SeverityHigh,
					Family:      "roles",
					Frameworks:  map[string][]string{"cisa-scuba": {"MS.AAD.7.1v1"}},
					Remediation: "Remove the Global Administrator role from accounts that do not need it; use least-privileged roles instead.",
					References:  []string{"https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices"},
					Requires:    []string{"roles.assignments"},
					Source:      "builtin",
				},
				Status:  finding.StatusFail,
				Message: "11 users hold Global Administrator; at most 8 are allowed.",
				Findings: []finding.Finding{
					{
						Resource: finding.Resource{Type: "roles.assignments", ID: "62e90394-69f5-4237-9190-012177145e10", Name: "Global Administrator"},
						Location: &finding.Location{File: "roles/definitions/62e90394-69f5-4237-9190-012177145e10.yaml", Line: 1},
						Message:  "Role Global Administrator has 11 permanent members.",
						Evidence: map[string]any{"members": 11, "max": 8},
					},
				},
			},
			{
				Control: finding.Control{
					ID:          "EA.APP.01v1",
					Title:       "Applications SHALL NOT hold credentials that never expire",
					Description: "Long-lived application secrets are a common persistence mechanism.",
					Severity:    finding.SeverityMedium,
					Family:      "apps",
					Frameworks:  map[string][]string{"eidsca": {"EIDSCA.AP.01"}},
					Remediation: "Rotate the secret and set a lifetime of at most 180 days.",
					References:  []string{"https://learn.microsoft.com/entra/identity-platform/howto-create-service-principal-portal"},
					Requires:    []string{"applications"},
					Source:      "builtin",
				},
				Status:  finding.StatusFail,
				Message: "2 applications have secrets valid for more than two years.",
				Findings: []finding.Finding{
					{
						Resource: finding.Resource{Type: "applications", ID: "a1b2c3d4-0000-4000-8000-000000000001", Name: "Payroll sync"},
						Location: &finding.Location{File: "applications/a1b2c3d4-0000-4000-8000-000000000001.yaml", Line: 12},
						Message:  "Application Payroll sync has a secret expiring 2099-01-01.",
						Evidence: map[string]any{"endDateTime": "2099-01-01T00:00:00Z"},
					},
					{
						Resource: finding.Resource{Type: "applications", ID: "a1b2c3d4-0000-4000-8000-000000000002", Name: "=HYPERLINK(\"http://evil\")"},
						Location: &finding.Location{File: "applications/a1b2c3d4-0000-4000-8000-000000000002.yaml", Line: 9},
						Message:  "Application =HYPERLINK(\"http://evil\") has a secret expiring 2098-06-30.",
						Evidence: map[string]any{"endDateTime": "2098-06-30T00:00:00Z"},
						Waiver: &finding.Waiver{
							Control: "EA.APP.01v1", ResourceIDs: []string{"a1b2c3d4-0000-4000-8000-000000000002"},
							Reason: "Vendor rotation pending", Owner: "alice@contoso.com", Expires: "2026-10-01", Expired: true,
						},
					},
				},
			},
			{
				Control: finding.Control{
					ID:          "EA.TEN.02v1",
					Title:       "Users SHOULD NOT be able to consent to applications",
					Severity:    finding.SeverityLow,
					Family:      "tenant",
					Frameworks:  map[string][]string{"eidsca": {"EIDSCA.AP.08"}, "cis-m365": {"5.1.5.1"}},
					Remediation: "Set user consent to \"Do not allow user consent\" and configure the admin consent workflow.",
					Requires:    []string{"policies.authorization"},
					Source:      "builtin",
				},
				Status:  finding.StatusFail,
				Message: "Users may consent to apps from verified publishers.",
				Findings: []finding.Finding{{
					Resource: finding.Resource{Type: "policies.authorization", ID: "authorizationPolicy"},
					Message:  "The tenant allows user consent (permissionGrantPoliciesAssigned: ManagePermissionGrantsForSelf.microsoft-user-default-low).",
				}},
			},
			{
				Control: finding.Control{
					ID:          "MS.AAD.3.1v1",
					Title:       "Phishing-resistant MFA SHALL be enforced for all users",
					Severity:    finding.SeverityHigh,
					Family:      "authenticationMethods",
					Frameworks:  map[string][]string{"cisa-scuba": {"MS.AAD.3.1v1"}},
					Remediation: "Require the phishing-resistant MFA authentication strength for all users.",
					References:  []string{"https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths"},
					Requires:    []string{"conditionalAccess.policies"},
					Source:      "builtin",
				},
				Status:  finding.StatusPass,
				Message: "Policy \"Require phishing-resistant MFA\" covers all users.",
				Findings: []finding.Finding{{
					Resource: finding.Resource{Type: "conditionalAccess.policies", ID: "0c9d8e7f-1111-4222-8333-444455556666", Name: "Require phishing-resistant MFA"},
					Location: &finding.Location{File: "conditionalAccess/policies/0c9d8e7f-1111-4222-8333-444455556666.yaml", Line: 1},
					Message:  "Enabled, all users, authentication strength Phishing-resistant MFA.",
				}},
			},
			{
				Control: finding.Control{
					ID:          "MS.AAD.2.1v1",
					Title:       "Users detected as high risk SHALL be blocked",
					Severity:    finding.SeverityHigh,
					Family:      "conditionalAccess",
					Frameworks:  map[string][]string{"cisa-scuba": {"MS.AAD.2.1v1"}},
					Remediation: "Create a Conditional Access policy blocking sign-in for high user risk.",
					Requires:    []string{"identityProtection.riskyUsers"},
					Source:      "builtin",
				},
				Status:  finding.StatusError,
				Message: "Risky users were not collected: the tenant lacks Entra ID P2.",
				Gaps: []finding.Gap{{
					Resource: "identityProtection.riskyUsers", Status: "license_required", License: "AAD_PREMIUM_P2",
					Message: "Identity Protection requires Microsoft Entra ID P2.",
				}},
			},
			{
				Control: finding.Control{
					ID:          "MS.AAD.5.1v1",
					Title:       "Only administrators SHALL be allowed to register applications",
					Severity:    finding.SeverityMedium,
					Family:      "apps",
					Frameworks:  map[string][]string{"cisa-scuba": {"MS.AAD.5.1v1"}},
					Remediation: "Set \"Users can register applications\" to No.",
					Source:      "builtin",
				},
				Status:  finding.StatusWaived,
				Message: "Waived until 2027-03-31.",
				Waiver: &finding.Waiver{
					Control: "MS.AAD.5.1v1", Reason: "Developer tenant; tracked in SEC-142", Owner: "bob@contoso.com",
					Ticket: "SEC-142", Expires: "2027-03-31",
				},
			},
			{
				Control: finding.Control{
					ID:          "MS.AAD.8.1v1",
					Title:       "Guest users SHOULD have limited access to Entra ID directory objects",
					Severity:    finding.SeverityInfo,
					Family:      "tenant",
					Frameworks:  map[string][]string{"cisa-scuba": {"MS.AAD.8.1v1"}},
					Remediation: "Set guest user access to \"restricted access\".",
					Source:      "builtin",
				},
				Status: finding.StatusManual,
				Manual: "Open Entra admin center > External Identities > External collaboration settings and check guest user access.",
			},
			{
				Control: finding.Control{
					ID:          "EA.MC.01v1",
					Title:       "Cross-cloud trust SHALL be reviewed",
					Severity:    finding.SeverityLow,
					Family:      "multicloud",
					Frameworks:  map[string][]string{},
					Remediation: "Review cross-cloud settings.",
					Source:      "custom/multicloud.rego",
				},
				Status:  finding.StatusNotApplicable,
				Message: "The tenant has no cross-cloud partners.",
			},
		},
		Collection: []finding.CollectionStatus{
			{Resource: "conditionalAccess.policies", Status: "collected", Count: 14},
			{Resource: "roles.assignments", Status: "collected", Count: 37},
			{Resource: "applications", Status: "collected", Count: 212},
			{Resource: "identityProtection.riskyUsers", Status: "license_required", License: "AAD_PREMIUM_P2", Message: "Identity Protection requires Microsoft Entra ID P2.", RequestID: "3f1e9a2b-0000-4000-8000-000000000abc"},
			{Resource: "auditLogs.signIns", Status: "missing_permission", Permission: "AuditLog.Read.All", Message: "403 Authorization_RequestDenied: grant AuditLog.Read.All"},
		},
		Drift: &finding.Drift{SchemaVersion: finding.DriftSchemaVersion,
			Baseline: finding.DriftSide{Dir: "baselines/contoso", TenantID: "8f2a6a3e-1d4b-4c9a-9b7e-2f1c3d4e5a6b", CollectedAt: time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)},
			Snapshot: finding.DriftSide{Dir: "out/snapshot", TenantID: "8f2a6a3e-1d4b-4c9a-9b7e-2f1c3d4e5a6b", CollectedAt: time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)},
			Resources: []finding.DriftResource{
				{Resource: "applications", Status: finding.ResourceCompared, Added: 1},
				{Resource: "auditLogs.signIns", Status: finding.ResourceNotComparable, Reason: "snapshot: not collected (missing_permission: AuditLog.Read.All)"},
				{Resource: "conditionalAccess.policies", Status: finding.ResourceCompared, Modified: 1},
			},
			Attribution: &finding.AttributionRun{Status: finding.AttributionFound, From: time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC),
				To: time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC), Events: 12},
			Changes: []finding.ObjectChange{
				{
					Kind:     "modified",
					Resource: finding.Resource{Type: "conditionalAccess.policies", ID: "7d1c6f3a-0b59-4c1e-9a53-1c2b3d4e5f60", Name: "Block legacy auth (report-only)"},
					File:     "conditionalAccess/policies/7d1c6f3a-0b59-4c1e-9a53-1c2b3d4e5f60.yaml",
					Fields: []finding.FieldChange{
						{Path: "conditions.users.excludeUsers", Added: []finding.Ref{{Value: "c241330b-01a9-471f-9e8a-774bcf36d58b", Name: "Isaiah Langer (isaiah.langer@contoso.com)"}}},
						{Path: "state", Before: "enabled", After: "enabledForReportingButNotEnforced"},
					},
					Attribution: &finding.Attribution{Status: finding.AttributionFound, Events: []finding.AuditEvent{{
						ID: "Directory_0b1c", Time: time.Date(2026, 11, 14, 9, 12, 0, 0, time.UTC), Activity: "Update conditional access policy",
						Service: "Conditional Access", Result: "success",
						Actor: finding.Actor{Type: "user", ID: "9a1de644-815e-46d1-bb8f-aa1837f8a88b", Name: "lee.gu@contoso.com"},
					}}},
					Diff: "--- baseline\n+++ live\n@@ -1,3 +1,3 @@\n id: 7d1c6f3a-0b59-4c1e-9a53-1c2b3d4e5f60\n-state: enabled\n+state: enabledForReportingButNotEnforced\n",
				},
				{
					Kind:     "added",
					Resource: finding.Resource{Type: "applications", ID: "a1b2c3d4-0000-4000-8000-000000000002", Name: "=HYPERLINK(\"http://evil\")"},
					File:     "applications/a1b2c3d4-0000-4000-8000-000000000002.yaml",
					Attribution: &finding.Attribution{Status: finding.AttributionNoEvent,
						Message: "no directory audit event between 2026-11-02 06:00 UTC and 2026-11-20 06:00 UTC names this object"},
				},
			}},
		Warnings: []string{"waiver for EA.CA.09v1 matches no control"},
	}
}
