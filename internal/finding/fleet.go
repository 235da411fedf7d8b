package finding

import "time"

// IndexSchemaVersion versions index.json; bump on breaking changes.
const IndexSchemaVersion = "1"

// ScanResultSchemaVersion versions scan.json.
const ScanResultSchemaVersion = "1"

// Scan outcomes of one tenant, as the index shows them.
const (
	OutcomeOK       = "ok"       // scanned; nothing at or above failOn
	OutcomeFindings = "findings" // scanned; a control at or above failOn failed or could not be evaluated
	OutcomeFailed   = "failed"   // the scan did not produce a report
)

// ScanResult is scan.json, which every scan writes beside its reports,
// also when it fails after its inputs were checked: how it ended. It lets
// `report merge` tell a failed scan from a finished one, and say why,
// from the output directory alone.
type ScanResult struct {
	SchemaVersion string   `json:"schemaVersion"`
	ExitCode      int      `json:"exitCode"`
	FailOn        Severity `json:"failOn,omitempty"` // empty: never
	Error         string   `json:"error,omitempty"`  // one line: why the scan failed
}

// Index is the report across tenants (index.json): computed by
// internal/fleet from each tenant's output directory, rendered by the
// index writers. Tenants are sorted by name.
type Index struct {
	SchemaVersion string          `json:"schemaVersion"`
	Tool          Tool            `json:"tool"`
	Top           int             `json:"top"` // findings kept per tenant, the most severe first
	Totals        IndexTotals     `json:"totals"`
	Tenants       []TenantSummary `json:"tenants"`
}

// IndexTotals sums the tenants.
type IndexTotals struct {
	Tenants  int          `json:"tenants"`
	OK       int          `json:"ok"`
	Findings int          `json:"findings"`
	Failed   int          `json:"failed"`
	Counts   StatusCounts `json:"counts"`
	// Weakening is the changes, across tenants, that made a control fail.
	Weakening int `json:"weakening"`
}

// StatusCounts tallies controls by status.
type StatusCounts struct {
	Fail          int `json:"fail"`
	Error         int `json:"error"`
	Waived        int `json:"waived"`
	Manual        int `json:"manual"`
	NotApplicable int `json:"not_applicable"`
	Pass          int `json:"pass"`
}

// Add counts one result of status s; an unknown status counts as error
// (a result nobody set is never a pass).
func (c *StatusCounts) Add(s Status, n int) {
	switch s {
	case StatusFail:
		c.Fail += n
	case StatusWaived:
		c.Waived += n
	case StatusManual:
		c.Manual += n
	case StatusNotApplicable:
		c.NotApplicable += n
	case StatusPass:
		c.Pass += n
	default:
		c.Error += n
	}
}

// Of is the count of status s.
func (c StatusCounts) Of(s Status) int {
	switch s {
	case StatusFail:
		return c.Fail
	case StatusError:
		return c.Error
	case StatusWaived:
		return c.Waived
	case StatusManual:
		return c.Manual
	case StatusNotApplicable:
		return c.NotApplicable
	case StatusPass:
		return c.Pass
	}
	return 0
}

// Plus is the sum of two tallies.
func (c StatusCounts) Plus(o StatusCounts) StatusCounts {
	return StatusCounts{Fail: c.Fail + o.Fail, Error: c.Error + o.Error, Waived: c.Waived + o.Waived,
		Manual: c.Manual + o.Manual, NotApplicable: c.NotApplicable + o.NotApplicable, Pass: c.Pass + o.Pass}
}

// TenantSummary is one tenant's line of the index.
type TenantSummary struct {
	Name     string       `json:"name"`     // the tenant list's name: its folder
	Tenant   Tenant       `json:"tenant"`   // from findings.json (empty when the scan failed before the audit)
	Outcome  string       `json:"outcome"`  // ok, findings, failed
	ExitCode int          `json:"exitCode"` // the tenant's scan exit code
	Error    string       `json:"error,omitempty"`
	FailOn   Severity     `json:"failOn,omitempty"`
	Counts   StatusCounts `json:"counts"`
	// EvaluatedAt is the audit's evaluation time (zero when it failed).
	EvaluatedAt time.Time `json:"evaluatedAt,omitzero"`
	// Worst are the most severe failing findings (waived ones left out), at most Index.Top.
	Worst      []WorstFinding `json:"worst"`
	FailingAll int            `json:"failingFindings"` // every failing finding, of which Worst are the first
	Drift      *DriftSummary  `json:"drift,omitempty"` // nil: scanned without a baseline
	Reports    []ReportLink   `json:"reports"`         // the tenant's report files that exist
}

// WorstFinding is one failing finding in the index.
type WorstFinding struct {
	Control  string   `json:"control"`
	Severity Severity `json:"severity"`
	Title    string   `json:"title"`
	Object   Resource `json:"object"` // empty for a control that fails for the whole tenant
	Message  string   `json:"message"`
}

// DriftSummary is a tenant's drift from its baseline, counted.
type DriftSummary struct {
	Changed  int `json:"changedObjects"`
	Added    int `json:"added"`
	Removed  int `json:"removed"`
	Modified int `json:"modified"`
	// Weakening is the changes that made at least one control fail;
	// Weakened the controls they made fail, sorted.
	Weakening     int      `json:"weakening"`
	Weakened      []string `json:"weakenedControls"`
	NotComparable int      `json:"notComparable"` // resources not collected in one of the two trees
}

// ReportLink is one report file of a tenant, relative to the index's folder.
type ReportLink struct {
	Format string `json:"format"` // html, markdown, json, sarif, junit, csv
	Path   string `json:"path"`   // slash-separated
}
