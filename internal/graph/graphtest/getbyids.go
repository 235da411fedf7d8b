package graphtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// maxGetByIDs is Graph's limit of ids in one directoryObjects/getByIds.
const maxGetByIDs = 1000

// directoryTypes maps the types getByIds accepts (lower case) to the
// collection that holds them, searched in this order when the request
// names no types (directoryObject: every type).
var directoryTypes = []struct{ name, collection string }{
	{"user", "users"},
	{"group", "groups"},
	{"servicePrincipal", "servicePrincipals"},
	{"application", "applications"},
	{"device", "devices"},
	{"orgContact", "contacts"},
}

// isGetByIDsPath reports POST /{version}/directoryObjects/getByIds.
func isGetByIDsPath(path string) bool {
	p := strings.ToLower(strings.TrimRight(path, "/"))
	return p == "/v1.0/directoryobjects/getbyids" || p == "/beta/directoryobjects/getbyids"
}

// serveGetByIDs answers POST /{version}/directoryObjects/getByIds like
// Graph: the body {"ids": [...], "types": [...]} (at most 1,000 ids; types
// case-insensitive, default every type) gives the objects found among the
// tenant's collections of those types, each with its @odata.type; ids that
// match nothing are left out. A failure set on the path itself (SetError)
// answers every call; a collection that fails is searched as empty.
func (f *Fake) serveGetByIDs(rp responder, r *http.Request) {
	path := r.URL.Path
	if fnd, ok := f.tenant.lookup(path); ok && fnd.failure != nil {
		rp.fail(fnd.failure.Status, fnd.failure.Code, fnd.failure.Message)
		return
	}
	var in struct {
		IDs   []string `json:"ids"`
		Types []string `json:"types"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&in); err != nil {
		rp.fail(http.StatusBadRequest, "Request_BadRequest", "Invalid request body: "+err.Error())
		return
	}
	switch {
	case len(in.IDs) == 0:
		rp.fail(http.StatusBadRequest, "Request_BadRequest", "The ids parameter is required and must not be empty.")
		return
	case len(in.IDs) > maxGetByIDs:
		rp.fail(http.StatusBadRequest, "Request_BadRequest", fmt.Sprintf("The number of ids (%d) exceeds the limit of %d.", len(in.IDs), maxGetByIDs))
		return
	}
	version := strings.Split(strings.TrimPrefix(path, "/"), "/")[0]
	var types []string
	for _, t := range in.Types {
		known := slices.ContainsFunc(directoryTypes, func(d struct{ name, collection string }) bool { return strings.EqualFold(d.name, t) })
		if !known && !strings.EqualFold(t, "directoryObject") {
			rp.fail(http.StatusBadRequest, "Request_BadRequest", fmt.Sprintf("Unsupported type %q in types.", t))
			return
		}
		types = append(types, strings.ToLower(t))
	}
	var out []json.RawMessage
	for _, d := range directoryTypes {
		if len(types) > 0 && !slices.Contains(types, strings.ToLower(d.name)) && !slices.Contains(types, "directoryobject") {
			continue
		}
		collection := "/" + version + "/" + d.collection
		fnd, ok := f.tenant.lookup(collection)
		if !ok || fnd.failure != nil || !fnd.collection {
			continue
		}
		for _, it := range f.tenant.membersByID(collection, in.IDs) {
			var m map[string]any
			if json.Unmarshal(it, &m) != nil {
				continue
			}
			if _, typed := m["@odata.type"]; !typed {
				m["@odata.type"] = "#microsoft.graph." + d.name
			}
			out = append(out, mustJSON(m))
		}
	}
	rp.page(f.origin(r)+"/"+version+"/$metadata#directoryObjects", out, "")
}
