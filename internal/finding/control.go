package finding

// Control is the static description of one check, taken from its Rego
// METADATA. Its ID is written once, in that METADATA.
type Control struct {
	ID          string              `json:"id"` // MS.AAD.3.2v2, EA.CA.01v1
	Title       string              `json:"title"`
	Description string              `json:"description,omitempty"` // the statement / rationale
	Severity    Severity            `json:"severity"`
	Family      string              `json:"family"`     // conditionalAccess, roles, authenticationMethods, crossTenantAccess, multicloud, tenant, apps
	Frameworks  map[string][]string `json:"frameworks"` // cisa-scuba: [MS.AAD.3.2v2], cis-m365: [...], eidsca: [...]
	Remediation string              `json:"remediation"`
	References  []string            `json:"references"`
	Requires    []string            `json:"requires"` // snapshot resource keys, e.g. conditionalAccess.policies
	Source      string              `json:"source"`   // builtin or the custom policy file
	// Reads are the properties the control reads (METADATA custom.reads):
	// resource key, then the Graph property path, list elements as [].
	// Absent says, for the few it judges when absent rather than report
	// error, what it takes their absence to mean. For the catalogue
	// (docs/controls.md); not part of a report.
	Reads  []string          `json:"-"`
	Absent map[string]string `json:"-"`
}

// Resource names one tenant object a finding is about.
type Resource struct {
	Type string `json:"type"` // snapshot resource key: conditionalAccess.policies
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Location points at the object in the snapshot tree (relative to the
// snapshot directory) so reviewers and SARIF can open it.
type Location struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
}

// Finding is one offending object of a failing control, or one piece of
// evidence of a passing one.
type Finding struct {
	Resource Resource       `json:"resource"`
	Location *Location      `json:"location,omitempty"`
	Message  string         `json:"message"`
	Evidence map[string]any `json:"evidence,omitempty"`
	Waiver   *Waiver        `json:"waiver,omitempty"` // set when this finding is waived
}

// Gap is data a control needed but the snapshot lacks.
type Gap struct {
	Resource   string `json:"resource"` // snapshot resource key
	Status     string `json:"status"`   // missing_permission, license_required, not_available, failed, not_collected
	Permission string `json:"permission,omitempty"`
	License    string `json:"license,omitempty"`
	Message    string `json:"message,omitempty"`
}

// Waiver accepts a known risk for a while.
type Waiver struct {
	Control     string   `json:"control"`
	ResourceIDs []string `json:"resourceIds,omitempty"` // empty = the whole control
	Reason      string   `json:"reason"`
	Owner       string   `json:"owner"`
	Ticket      string   `json:"ticket,omitempty"`
	Expires     string   `json:"expires"` // YYYY-MM-DD
	Expired     bool     `json:"expired,omitempty"`
}

// Result is one control's verdict on one snapshot.
type Result struct {
	Control
	Status   Status    `json:"status"`
	Message  string    `json:"message,omitempty"` // why, in one sentence
	Findings []Finding `json:"findings"`          // fail: offending objects; pass: evidence
	Gaps     []Gap     `json:"gaps,omitempty"`    // error: what was not collected
	Waiver   *Waiver   `json:"waiver,omitempty"`  // waived (or expired) whole-control waiver
	Manual   string    `json:"manual,omitempty"`  // manual: the instructions to follow
}
