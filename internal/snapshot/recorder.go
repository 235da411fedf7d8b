package snapshot

import (
	"context"
	"errors"
	"sort"
	"sync"

	"github.com/entra-audit/entra-audit/internal/graph"
)

// Collection statuses, as written to the manifest.
const (
	StatusCollected         = "collected"
	StatusMissingPermission = "missing_permission"
	StatusLicenseRequired   = "license_required"
	StatusNotAvailable      = "not_available"
	StatusFailed            = "failed"
)

// Outcome is what happened to one resource.
type Outcome struct {
	Key        string
	Status     string
	Objects    []Object // collections; singletons hold one object
	Permission string   // missing permission, named
	License    string   // licence required, named
	Message    string
	RequestID  string
	Kind       graph.ErrorKind // classification of the error, for failed outcomes
}

// Recorder collects outcomes from collectors running concurrently.
type Recorder struct {
	mu        sync.Mutex
	resources map[string]Resource
	outcomes  map[string]*Outcome
	finished  map[string]chan struct{} // per family, closed when it is done (set by Collect)
}

// Await waits until family has finished (or ctx ends), for an Overlapper
// about to read what the family recorded. A family the run does not have
// is finished.
func (r *Recorder) Await(ctx context.Context, family string) error {
	ch, ok := r.finished[family]
	if !ok {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// NewRecorder accepts outcomes for the given resources only.
func NewRecorder(resources []Resource) *Recorder {
	r := &Recorder{resources: map[string]Resource{}, outcomes: map[string]*Outcome{}}
	for _, res := range resources {
		r.resources[res.Key] = res
	}
	return r
}

// Put records a collected collection. The objects are normalised (see
// normalize.go) with the resource's rules before they are stored, so later
// collectors reading them through Collected see what will be written.
func (r *Recorder) Put(key string, objs []Object) {
	res := r.resource(key)
	norm := make([]Object, 0, len(objs))
	for _, o := range objs {
		norm = append(norm, Normalize(res, o))
	}
	r.set(&Outcome{Key: key, Status: StatusCollected, Objects: norm})
}

// PutOne records a collected singleton.
func (r *Recorder) PutOne(key string, obj Object) {
	r.set(&Outcome{Key: key, Status: StatusCollected, Objects: []Object{Normalize(r.resource(key), obj)}})
}

// Fail records why key could not be read, classifying Graph errors into a
// missing permission or licence named from the resource's description.
func (r *Recorder) Fail(key string, err error) {
	res := r.resource(key)
	// The message keeps what the collector wrapped around a Graph error
	// ("the partners could not be listed, so …: GET …: 403 …").
	o := &Outcome{Key: key, Status: StatusFailed, Message: err.Error()}
	var ge *graph.Error
	if errors.As(err, &ge) {
		o.RequestID = ge.RequestID
	}
	o.Kind = graph.KindOf(err)
	switch o.Kind {
	case graph.KindMissingPermission:
		o.Status = StatusMissingPermission
		if len(res.Permissions) > 0 {
			o.Permission = res.Permissions[0]
		}
	case graph.KindLicenseRequired:
		o.Status = StatusLicenseRequired
		o.License = res.License
	}
	r.set(o)
}

// FailNeeding records err for key like Fail, except that a missing
// permission is named as permission rather than the resource's first one:
// for a failed helper lookup that needs a different permission than the
// resource itself (listing role-assignable groups before reading PIM for
// groups needs GroupMember.Read.All).
func (r *Recorder) FailNeeding(key, permission string, err error) {
	r.Fail(key, err)
	if graph.KindOf(err) != graph.KindMissingPermission {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if o := r.outcomes[key]; o != nil {
		o.Permission = permission
	}
}

// NotAvailable records a resource that cannot exist here (a retired
// product, no ARM access), which is not an error.
func (r *Recorder) NotAvailable(key, reason string) {
	r.set(&Outcome{Key: key, Status: StatusNotAvailable, Message: reason})
}

// Collected returns the objects recorded for key so far (nil if none), for
// collectors that run after others (principals).
func (r *Recorder) Collected(key string) []Object {
	r.mu.Lock()
	defer r.mu.Unlock()
	if o, ok := r.outcomes[key]; ok && o.Status == StatusCollected {
		return o.Objects
	}
	return nil
}

// Outcome returns the outcome recorded for key, or nil.
func (r *Recorder) Outcome(key string) *Outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.outcomes[key]
}

// Outcomes returns every recorded outcome sorted by key.
func (r *Recorder) Outcomes() []*Outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Outcome, 0, len(r.outcomes))
	for _, o := range r.outcomes {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func (r *Recorder) resource(key string) Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.resources[key]
}

func (r *Recorder) set(o *Outcome) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, known := r.resources[o.Key]; !known {
		// A collector recording an undeclared key is a programming error;
		// keep it visible in the manifest rather than dropping data.
		o.Message = "undeclared resource key: " + o.Message
	}
	r.outcomes[o.Key] = o
}
