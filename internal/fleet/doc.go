// Package fleet computes the index across tenants: it reads each tenant's
// scan output directory (findings.json, drift.json, scan.json) into the
// domain types and summarises them as a finding.Index, which the index
// writers of internal/report render. It never scans, renders or prints:
// `scan --tenants` and `report merge` (internal/cli) wire it.
package fleet
