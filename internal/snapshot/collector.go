package snapshot

import (
	"context"
	"encoding/json"
)

// Source is what collectors need from the wire. *graph.Client satisfies it;
// ARM has its own Source because it has its own host and token.
type Source interface {
	Get(ctx context.Context, path string, out any) error
	ListAll(ctx context.Context, path string) ([]json.RawMessage, error)
}

// Sources bundles the APIs a run can reach. ARM is nil when no ARM token
// can be had; collectors then record "not available".
type Sources struct {
	Graph Source
	ARM   Source
	// Batch runs several Graph GETs in one round trip (nil: do them one by one).
	Batch BatchFunc
}

// BatchGet is one GET inside a $batch; URL is relative without version.
type BatchGet struct {
	ID  string
	URL string
}

// BatchFunc runs GETs through Graph's $batch and returns, per request id, the
// body or the error (a *graph.Error, classified).
type BatchFunc func(ctx context.Context, version string, reqs []BatchGet) (map[string]json.RawMessage, map[string]error, error)

// Object is one normalised Graph object: Graph's own property names and
// values, volatile fields removed.
type Object = map[string]any

// Resource describes one leaf of the snapshot: a collection (one file per
// object) or a singleton (one file). Its Key is both the path in the policy
// input document and the manifest key: "conditionalAccess.policies".
type Resource struct {
	Key         string   // input document path, e.g. conditionalAccess.policies
	Path        string   // tree path: a directory for collections, a .yaml file for singletons
	Singleton   bool     // one object, written to Path
	Permissions []string // least-privileged application permissions, e.g. Policy.Read.All
	License     string   // licence the data needs, e.g. "Microsoft Entra ID P2"; "" = none
	Volatile    []string // top-level or dotted fields dropped before writing
	NameField   string   // property used for file names and reference comments; default displayName
	IDField     string   // default id
}

// Collector reads one family of resources (conditional access, roles, …).
type Collector interface {
	// Family is the first segment of its resource keys: conditionalAccess.
	Family() string
	// Resources lists every resource the collector may produce.
	Resources() []Resource
	// Collect reads the tenant and records each resource in rec, either with
	// its objects or with the error that kept it from being read. A missing
	// permission or licence is recorded, not returned; Collect returns an
	// error only when the whole run must stop (context cancelled).
	Collect(ctx context.Context, src Sources, rec *Recorder) error
}
