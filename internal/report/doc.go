// Package report renders a finding.Report into the files people and tools
// read: findings.json (the machine contract), results.sarif (GitHub code
// scanning), report.html (auditors), summary.md (job summaries and PR
// comments), junit.xml (test tabs of Azure DevOps and GitLab) and
// action-plan.csv (remediation tracking).
//
// Every format is one Writer in its own file, registered by name. Writers
// see only the finding.Report: they never call Graph, read flags or look
// at the snapshot on disk, so the same report renders identically anywhere.
package report
