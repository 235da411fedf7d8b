package finding

import "time"

// ReportSchemaVersion versions findings.json; bump on breaking changes.
const ReportSchemaVersion = "1"

// Tenant identifies the audited tenant.
type Tenant struct {
	ID            string `json:"id"`
	DefaultDomain string `json:"defaultDomain,omitempty"`
	DisplayName   string `json:"displayName,omitempty"`
	Cloud         string `json:"cloud,omitempty"`
}

// CollectionStatus is one snapshot resource's collection outcome, copied
// from the snapshot manifest so reports can show gaps.
type CollectionStatus struct {
	Resource   string `json:"resource"`
	Status     string `json:"status"` // collected, missing_permission, license_required, not_available, failed
	Count      int    `json:"count,omitempty"`
	Permission string `json:"permission,omitempty"`
	License    string `json:"license,omitempty"`
	Message    string `json:"message,omitempty"`
	RequestID  string `json:"requestId,omitempty"`
}

// Report is everything a writer renders. Writers must not need anything else.
type Report struct {
	SchemaVersion string             `json:"schemaVersion"`
	Tool          Tool               `json:"tool"`
	Tenant        Tenant             `json:"tenant"`
	CollectedAt   time.Time          `json:"collectedAt"`
	EvaluatedAt   time.Time          `json:"evaluatedAt"`
	SnapshotDir   string             `json:"snapshotDir"` // as given, relative to the repo root when possible; prefixes Location.File in SARIF
	Controls      []Result           `json:"controls"`
	Collection    []CollectionStatus `json:"collection"`
	Drift         *Drift             `json:"drift,omitempty"`    // with --baseline: what changed since the approved state
	Warnings      []string           `json:"warnings,omitempty"` // e.g. waivers matching nothing
}

// Tool names the program that produced the report.
type Tool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"informationUri"`
}

// Counts tallies results by status.
func (r Report) Counts() map[Status]int {
	c := map[Status]int{}
	for _, res := range r.Controls {
		c[res.Status]++
	}
	return c
}

// Tripping lists the results that fail a build at threshold min, in
// report order: failing controls at least min severe and, unless
// allowErrors, controls at least min severe that could not be evaluated
// (error): "we could not check" is never a pass. Waived results do not
// trip; expired waivers already turned their results back into fails.
func (r Report) Tripping(min Severity, allowErrors bool) []Result {
	var out []Result
	for _, res := range r.Controls {
		if !res.Severity.AtLeast(min) {
			continue
		}
		if res.Status == StatusFail || (res.Status == StatusError && !allowErrors) {
			out = append(out, res)
		}
	}
	return out
}
