package finding

// ReviewSchemaVersion versions review.json; bump on breaking changes.
const ReviewSchemaVersion = "1"

// Review verdicts, most serious first.
const (
	VerdictWeakens     = "weakens"     // introduces failing or unevaluable controls, waives, disables or relaxes
	VerdictStrengthens = "strengthens" // only resolves findings
	VerdictNeutral     = "neutral"     // changes configuration, but no control's verdict
	VerdictUnchanged   = "unchanged"   // nothing differs
)

// Review is the judgement of a change (a pull request) to baselines, the
// configuration or policies: computed by internal/review, rendered by the
// report writers as review.md (the PR comment) and review.json.
type Review struct {
	SchemaVersion string         `json:"schemaVersion"`
	Verdict       string         `json:"verdict"`
	Base          ReviewSide     `json:"base"`
	Head          ReviewSide     `json:"head"`
	Tenants       []TenantReview `json:"tenants"`
	// ConfigChanges is what the change does to entra-audit.yaml (one file
	// for every tenant).
	ConfigChanges []ConfigChange `json:"configChanges"`
	// Links to the reviewed commit's files and the run (from GitHub
	// Actions' environment); empty outside Actions.
	Links ReviewLinks `json:"links"`
}

// ReviewSide is one of the two trees: what was given and what it resolved to.
type ReviewSide struct {
	Spec   string `json:"spec"`             // as given: a directory or REV:PATH
	Commit string `json:"commit,omitempty"` // the commit a revision resolved to
	Path   string `json:"path"`             // the tree's path in the repository (for links)
}

// ReviewLinks are where the comment's links point.
type ReviewLinks struct {
	ServerURL  string `json:"serverUrl,omitempty"`  // https://github.com
	Repository string `json:"repository,omitempty"` // owner/name
	HeadSHA    string `json:"headSha,omitempty"`    // the reviewed commit
	RunURL     string `json:"runUrl,omitempty"`     // the workflow run (artifacts)
}

// TenantReview is one tenant's part of a review (one baseline folder).
type TenantReview struct {
	Name     string `json:"name"`     // the baseline folder's name
	TenantID string `json:"tenantId"` // from the head's manifest (else the base's)
	Display  string `json:"displayName,omitempty"`
	Status   string `json:"status"` // changed, added (new baseline), removed, unchanged

	Before map[Status]int `json:"before"` // status counts on the base
	After  map[Status]int `json:"after"`  // on the head, judged by the base's policies

	Introduced []ReviewFinding `json:"introduced"`
	Resolved   []ReviewFinding `json:"resolved"`
	Kept       []ReviewFinding `json:"kept"`

	Drift         *Drift         `json:"drift,omitempty"`
	PolicyChanges *PolicyChanges `json:"policyChanges,omitempty"`
}

// ReviewFinding is one control's verdict on one object that the change
// introduced, resolved or kept.
type ReviewFinding struct {
	Control  string    `json:"control"`
	Title    string    `json:"title"`
	Severity Severity  `json:"severity"`
	Status   Status    `json:"status"`   // on the side where it fails: fail or error
	Resource Resource  `json:"resource"` // type only for a tenant-wide finding
	Message  string    `json:"message"`  // the finding's, or the control's for errors
	Location *Location `json:"location,omitempty"`
	File     string    `json:"file,omitempty"` // the location's file in the repository, for links
}

// ConfigChange is one difference in entra-audit.yaml a reviewer must see.
type ConfigChange struct {
	Kind    string `json:"kind"` // waiver_added, waiver_removed, waiver_changed, control_disabled, control_enabled, severity_changed, exclusion_added, exclusion_removed, break_glass_added, break_glass_removed, trusted_tenant_added, trusted_tenant_removed, cloud_changed
	Control string `json:"control,omitempty"`
	Text    string `json:"text"` // one sentence: "waives MS.AAD.7.2v1 until 2027-03-31, owner identity-team@contoso.com (SEC-1234)"
	Weakens bool   `json:"weakens"`
}

// PolicyChanges is what the pull request's own Rego would change: its
// policies (run in the sandbox under a time and memory limit) judged
// against the base's on the same head data. It never decides the verdict
// that counts, which the base's policies give.
type PolicyChanges struct {
	Status  string          `json:"status"` // evaluated, failed (the reason in Message), none (the policies did not change)
	Message string          `json:"message,omitempty"`
	Changes []ControlChange `json:"changes,omitempty"`
}

// ControlChange is one control whose verdict the head's policies change.
type ControlChange struct {
	Control string `json:"control"`
	Kind    string `json:"kind"` // removed, added, relaxed, stricter, changed
	Before  Status `json:"before,omitempty"`
	After   Status `json:"after,omitempty"`
	Text    string `json:"text"`
}
