package graphtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// Tenant is an in-memory directory: collections, singletons and failing
// paths, looked up case-insensitively like Graph does. It is safe for
// concurrent use.
type Tenant struct {
	mu      sync.RWMutex
	entries map[string]*entry // key: canonicalPath
}

// Failure is how a path fails: HTTP status, Graph (or ARM) error code and
// message.
type Failure struct {
	Status  int
	Code    string
	Message string
}

type entry struct {
	path       string
	collection bool
	items      []json.RawMessage
	object     json.RawMessage
	failure    *Failure
	index      memberIndex // of items, so member GETs on 20,000 users do not scan
}

// NewTenant returns an empty tenant: every path is 404 until added.
func NewTenant() *Tenant { return &Tenant{entries: map[string]*entry{}} }

// canonicalPath is the lookup key: lower case, no query, no trailing slash.
func canonicalPath(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	p = strings.ToLower(strings.TrimRight(p, "/"))
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// AddCollection appends items (JSON objects) to the collection at path,
// creating it (possibly empty) if needed. It panics on an item that is not a
// JSON object: that is a broken test, not a broken tenant.
func (t *Tenant) AddCollection(path string, items ...json.RawMessage) {
	for i, it := range items {
		if !isJSONObject(it) {
			panic(fmt.Sprintf("graphtest: AddCollection(%q): item %d is not a JSON object", path, i))
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.entries[canonicalPath(path)]
	if e == nil || !e.collection {
		e = &entry{path: path, collection: true}
		t.entries[canonicalPath(path)] = e
	}
	for _, it := range items {
		e.index.add(it, len(e.items))
		e.items = append(e.items, compactJSON(it))
	}
}

// SetObject makes path a singleton answering obj (a JSON object).
func (t *Tenant) SetObject(path string, obj json.RawMessage) {
	if !isJSONObject(obj) {
		panic(fmt.Sprintf("graphtest: SetObject(%q): not a JSON object", path))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.entries[canonicalPath(path)] = &entry{path: path, object: compactJSON(obj)}
}

// SetError makes every request to path (and to members below it) fail like
// Graph does, e.g. 403 Authorization_RequestDenied, 400
// AadPremiumLicenseRequired, 404 Request_ResourceNotFound.
func (t *Tenant) SetError(path string, status int, code, message string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.entries[canonicalPath(path)] = &entry{path: path, failure: &Failure{Status: status, Code: code, Message: message}}
}

// found is what a path resolves to.
type found struct {
	collection bool
	items      []json.RawMessage // a snapshot of the collection; do not modify
	object     json.RawMessage
	failure    *Failure
}

// lookup resolves path: an entry, a member of a collection by id (or ARM
// name or full id), or an alternate key such as
// /v1.0/servicePrincipals(appId='...').
func (t *Tenant) lookup(path string) (found, bool) {
	key := canonicalPath(path)
	t.mu.RLock()
	defer t.mu.RUnlock()
	if e, ok := t.entries[key]; ok {
		return found{collection: e.collection, items: e.items[:len(e.items):len(e.items)], object: e.object, failure: e.failure}, true
	}
	cut := strings.LastIndexByte(key, '/')
	if cut <= 0 {
		return found{}, false
	}
	parent, seg := key[:cut], key[cut+1:]
	prop, want := "", seg
	if open := strings.IndexByte(seg, '('); open > 0 && strings.HasSuffix(seg, ")") {
		// name(prop='value') alternate key, or name('id')
		parent = parent + "/" + seg[:open]
		inner := seg[open+1 : len(seg)-1]
		if eq := strings.IndexByte(inner, '='); eq > 0 {
			prop, inner = strings.TrimSpace(inner[:eq]), strings.TrimSpace(inner[eq+1:])
		}
		want = strings.Trim(inner, "'")
	}
	e, ok := t.entries[parent]
	if ok && e.failure != nil {
		return found{failure: e.failure}, true
	}
	if !ok || !e.collection {
		return found{}, false
	}
	if prop == "" {
		if i, ok := e.index.member(want, key); ok {
			return found{object: e.items[i]}, true
		}
		return found{}, false
	}
	for _, it := range e.items {
		if propMatches(it, prop, want) {
			return found{object: it}, true
		}
	}
	return found{}, false
}

// membersByID returns the items of the collection at path whose id is
// one of ids (case-insensitive), in collection order, as applyFilter would
// for "id in (...)", without scanning the collection.
func (t *Tenant) membersByID(path string, ids []string) []json.RawMessage {
	t.mu.RLock()
	defer t.mu.RUnlock()
	e, ok := t.entries[canonicalPath(path)]
	if !ok || !e.collection {
		return nil
	}
	return e.index.byIDs(e.items, ids)
}

// propMatches reports whether item's property prop equals want
// (case-insensitive): an alternate key such as appId='...'.
func propMatches(item json.RawMessage, prop, want string) bool {
	var m map[string]any
	if json.Unmarshal(item, &m) != nil {
		return false
	}
	for k, v := range m {
		if strings.EqualFold(k, prop) {
			s, _ := v.(string)
			return strings.EqualFold(s, want)
		}
	}
	return false
}

func isJSONObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{' && json.Valid(b)
}

func compactJSON(b []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return append(json.RawMessage(nil), b...)
	}
	return buf.Bytes()
}
