package finding

import "time"

// DriftSchemaVersion versions drift.json; bump on breaking changes.
const DriftSchemaVersion = "1"

// Change kinds of an object between a baseline and a snapshot.
const (
	ChangeAdded    = "added"
	ChangeRemoved  = "removed"
	ChangeModified = "modified"
)

// Comparison statuses of one resource.
const (
	ResourceCompared      = "compared"
	ResourceNotComparable = "not_comparable" // not collected in one of the two trees
)

// Attribution statuses of one changed object.
const (
	AttributionFound       = "attributed"  // audit events name who changed it
	AttributionNoEvent     = "no_event"    // the log holds no matching event for the window
	AttributionUnavailable = "unavailable" // the log could not be read (permission, licence, error)
)

// Drift is what changed between a baseline (the approved state) and a
// snapshot (the live state). It is computed by internal/drift and rendered
// by the report writers; drift.json is this type.
type Drift struct {
	SchemaVersion string          `json:"schemaVersion"`
	Baseline      DriftSide       `json:"baseline"`
	Snapshot      DriftSide       `json:"snapshot"`
	Resources     []DriftResource `json:"resources"` // every resource key of either tree, sorted
	Changes       []ObjectChange  `json:"changes"`   // sorted by resource key, then kind, then name and id
	// Attribution says whether and how the audit log was read (nil: not asked).
	Attribution *AttributionRun `json:"attribution,omitempty"`
}

// DriftSide identifies one of the two trees.
type DriftSide struct {
	Dir         string    `json:"dir"`
	TenantID    string    `json:"tenantId"`
	CollectedAt time.Time `json:"collectedAt"`
}

// DriftResource is one resource's comparison outcome and counts.
type DriftResource struct {
	Resource string `json:"resource"` // snapshot resource key
	Status   string `json:"status"`   // compared, not_comparable
	Reason   string `json:"reason,omitempty"`
	Added    int    `json:"added,omitempty"`
	Removed  int    `json:"removed,omitempty"`
	Modified int    `json:"modified,omitempty"`
}

// ObjectChange is one object added, removed or modified.
type ObjectChange struct {
	Kind     string   `json:"kind"` // added, removed, modified
	Resource Resource `json:"resource"`
	// File and Line locate the object in the snapshot (the baseline's file
	// for a removed object, marked by BaselineFile).
	File         string        `json:"file"`
	Line         int           `json:"line,omitempty"`
	BaselineFile string        `json:"baselineFile,omitempty"`
	Fields       []FieldChange `json:"fields,omitempty"` // modified only
	Diff         string        `json:"diff"`             // unified diff of the object's file (names in comments)
	Attribution  *Attribution  `json:"attribution,omitempty"`
	// Weakens are the controls this change made fail: they did not fail
	// on the baseline (or not on this object) and do now (audit/scan only).
	Weakens []string `json:"weakens,omitempty"`
	// Related are the ids this object points at (principalId,
	// roleDefinitionId, resourceId…), for matching audit events; not output.
	Related []string `json:"-"`
}

// FieldChange is one changed property, by Graph property path
// ("conditions.users.excludeUsers"; an element of a list of objects is
// addressed by its id: "authenticationMethodConfigurations[Sms].state").
// A list Graph treats as a set reports Added and Removed elements; any
// other change reports Before and After (nil for absent, null or empty).
type FieldChange struct {
	Path    string `json:"path"`
	Before  any    `json:"before,omitempty"`
	After   any    `json:"after,omitempty"`
	Added   []Ref  `json:"added,omitempty"`
	Removed []Ref  `json:"removed,omitempty"`
}

// Ref is a value with the name of the object it refers to, when it is an
// id the snapshot knows ("Isaiah Langer (isaiah.langer@contoso.com)").
type Ref struct {
	Value any    `json:"value"`
	Name  string `json:"name,omitempty"`
}

// AttributionRun records the audit-log read behind the attributions.
type AttributionRun struct {
	Status  string    `json:"status"` // attributed (the log was read), unavailable
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
	Events  int       `json:"events"`            // events read in the window
	Message string    `json:"message,omitempty"` // why unavailable, or a retention note
}

// Attribution says who changed one object, from the directory audit log.
type Attribution struct {
	Status  string       `json:"status"` // attributed, no_event, unavailable
	Message string       `json:"message,omitempty"`
	Events  []AuditEvent `json:"events,omitempty"` // oldest first
}

// AuditEvent is one directory audit log entry (GET /auditLogs/directoryAudits).
type AuditEvent struct {
	ID                 string             `json:"id"`
	Time               time.Time          `json:"time"`
	Activity           string             `json:"activity"` // activityDisplayName
	Category           string             `json:"category,omitempty"`
	Service            string             `json:"service,omitempty"` // loggedByService
	OperationType      string             `json:"operationType,omitempty"`
	Result             string             `json:"result,omitempty"`
	CorrelationID      string             `json:"correlationId,omitempty"`
	Actor              Actor              `json:"actor"`
	Targets            []AuditTarget      `json:"targets,omitempty"`
	ModifiedProperties []ModifiedProperty `json:"modifiedProperties,omitempty"`
}

// Actor is who initiated an audit event: a user or an app.
type Actor struct {
	Type string `json:"type"`           // user, app, unknown
	ID   string `json:"id,omitempty"`   // user object id, or the app's service principal id
	Name string `json:"name,omitempty"` // user principal name (else display name), or app display name
	// AppID is the app's client id (apps only).
	AppID     string `json:"appId,omitempty"`
	IPAddress string `json:"ipAddress,omitempty"`
}

// AuditTarget is one target resource of an audit event.
type AuditTarget struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
}

// ModifiedProperty is a property change Entra recorded (values are the
// JSON-encoded strings Graph returns).
type ModifiedProperty struct {
	Name     string `json:"name"`
	OldValue string `json:"oldValue,omitempty"`
	NewValue string `json:"newValue,omitempty"`
}
