package snapshot

import (
	"context"
	"encoding/json"

	"github.com/entra-audit/entra-audit/internal/graph"
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

// BatchGet is one request inside a $batch, a GET unless Method says
// otherwise (directoryObjects/getByIds is a POST with a JSON Body); URL is
// relative without version.
type BatchGet struct {
	ID     string
	URL    string
	Method string // "" = GET
	Body   any    // JSON request body (POST), nil for none
}

// BatchFunc runs GETs through Graph's $batch and returns, per request id, the
// body or the error (a *graph.Error, classified).
type BatchFunc func(ctx context.Context, version string, reqs []BatchGet) (map[string]json.RawMessage, map[string]error, error)

// Batcher is what *graph.Client offers for $batch.
type Batcher interface {
	Batch(ctx context.Context, version string, reqs []graph.BatchRequest) ([]graph.BatchResponse, error)
}

// BatchVia adapts a Batcher (a *graph.Client) to a BatchFunc; nil gives nil.
func BatchVia(b Batcher) BatchFunc {
	if b == nil {
		return nil
	}
	return func(ctx context.Context, version string, reqs []BatchGet) (map[string]json.RawMessage, map[string]error, error) {
		in := make([]graph.BatchRequest, len(reqs))
		for i, r := range reqs {
			m := r.Method
			if m == "" {
				m = "GET"
			}
			in[i] = graph.BatchRequest{ID: r.ID, Method: m, URL: r.URL, Body: r.Body}
		}
		out, err := b.Batch(ctx, version, in)
		if err != nil {
			return nil, nil, err
		}
		bodies, errs := map[string]json.RawMessage{}, map[string]error{}
		for _, r := range out {
			if r.Err != nil {
				errs[r.ID] = r.Err
				continue
			}
			bodies[r.ID] = r.Body
		}
		return bodies, errs, nil
	}
}

// Object is one normalised Graph object: Graph's own property names and
// values, volatile fields removed. Numbers are json.Number.
type Object = map[string]any

// API names which service a resource is read from.
const (
	APIGraph = "graph" // Microsoft Graph (default)
	APIARM   = "arm"   // Azure Resource Manager
)

// Resource describes one leaf of the snapshot: a collection (one file per
// object) or a singleton (one file). Its Key is both the path in the policy
// input document and the manifest key: "conditionalAccess.policies".
type Resource struct {
	Key         string   // input document path, e.g. conditionalAccess.policies
	Path        string   // tree path: a directory for collections, a .yaml file for singletons
	Singleton   bool     // one object, written to Path
	API         string   // APIGraph (default) or APIARM: which permissions list Permissions belong to
	Permissions []string // least-privileged application permissions, e.g. Policy.Read.All (ARM: role or action)
	License     string   // licence the data needs, e.g. "Microsoft Entra ID P2"; "" = none
	Volatile    []string // top-level or dotted fields dropped before writing (on top of GlobalVolatile)
	// SortedFields names more properties whose string arrays are sets and
	// are sorted (on top of SetFields), e.g. "scopes".
	SortedFields []string
	NameField    string // property used for file names and reference comments; default displayName; dotted allowed (properties.displayName)
	IDField      string // default id; dotted allowed; ARM resources use "name"
	// RefKeys are more properties whose value other objects use to point at
	// this object (templateId of a role definition, appId of an app,
	// tenantId of a partner); the IDField is always a reference key.
	RefKeys []string
	// Label renders the name written in reference comments; default the
	// NameField value (users: "Adele Vance (adele.vance@contoso.com)").
	Label func(Object) string
	// NestedLabels, when set, names ids defined inside an object for
	// reference comments elsewhere: a service principal's appRoles (app
	// role id -> "RoleManagement.ReadWrite.Directory").
	NestedLabels func(Object) map[string]string
	// FileName, when set, gives the parts a collection object's file is
	// named after (each slugged, joined by "--"), for objects without a name
	// of their own: a role assignment is ["Exchange Administrator", "Nestor
	// Wilke"] by looking its roleDefinitionId and principalId up in name,
	// which returns the referenced object's plain name, "" for unknown ids.
	// Default: the NameField value.
	FileName func(obj Object, name func(id string) string) []string
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

// Follower is implemented by collectors that must run after other
// families, to read their results through Recorder.Collected (principals
// follow conditionalAccess and roles to resolve the ids they reference).
type Follower interface {
	After() []string // families this collector follows
}

// Overlapper is implemented by collectors that need some families' results
// only at the end of their work: they start once those families have
// started (so each holds a slot and will finish), and wait for them with
// Recorder.Await before reading what they recorded. Principals list the
// directory while Conditional Access, paced at one request a second, is
// still being read.
type Overlapper interface {
	Awaits() []string
}
