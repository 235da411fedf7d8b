package graphtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// fixtureEntry is one entry of a fixture file; see the package comment.
type fixtureEntry struct {
	Path    string             `json:"path"`
	Comment string             `json:"comment"`
	Value   *[]json.RawMessage `json:"value"`
	Object  json.RawMessage    `json:"object"`
	Error   *fixtureError      `json:"error"`
}

type fixtureError struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// LoadTenantFS builds a Tenant from the *.json fixture files under dir in
// fsys (see the package comment for the format). It is strict: unknown
// keys, duplicate paths and malformed entries are errors naming the file.
func LoadTenantFS(fsys fs.FS, dir string) (*Tenant, error) {
	t := NewTenant()
	origin := map[string]string{} // canonical path -> file that defined it
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(p), ".json") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		entries, err := decodeFixtureFile(data)
		if err != nil {
			return fmt.Errorf("graphtest: fixture %s: %w", p, err)
		}
		for i, e := range entries {
			if string(e.Object) == "null" {
				e.Object = nil
			}
			if err := checkFixtureEntry(e); err != nil {
				return fmt.Errorf("graphtest: fixture %s, entry %d (%q): %w", p, i, e.Path, err)
			}
			key := canonicalPath(e.Path)
			if prev, dup := origin[key]; dup {
				return fmt.Errorf("graphtest: fixture %s, entry %d: path %q is already defined in %s", p, i, e.Path, prev)
			}
			origin[key] = p
			switch {
			case e.Value != nil:
				t.AddCollection(e.Path, *e.Value...)
			case e.Object != nil:
				t.SetObject(e.Path, e.Object)
			default:
				t.SetError(e.Path, e.Error.Status, e.Error.Code, e.Error.Message)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// decodeFixtureFile reads one entry or an array of entries, refusing
// unknown keys and trailing data.
func decodeFixtureFile(data []byte) ([]fixtureEntry, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("empty file: expected an entry object or an array of entries")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	var entries []fixtureEntry
	switch trimmed[0] {
	case '[':
		if err := dec.Decode(&entries); err != nil {
			return nil, err
		}
	case '{':
		var e fixtureEntry
		if err := dec.Decode(&e); err != nil {
			return nil, err
		}
		entries = []fixtureEntry{e}
	default:
		return nil, errors.New("expected an entry object or an array of entries")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the first JSON value")
	}
	return entries, nil
}

func checkFixtureEntry(e fixtureEntry) error {
	if !strings.HasPrefix(e.Path, "/") || strings.ContainsAny(e.Path, "?# ") {
		return errors.New(`"path" must be an absolute API path without query, e.g. /v1.0/users`)
	}
	parts := 0
	if e.Value != nil {
		parts++
	}
	if e.Object != nil {
		parts++
	}
	if e.Error != nil {
		parts++
	}
	if parts != 1 {
		return errors.New(`need exactly one of "value" (collection), "object" (singleton) or "error"`)
	}
	switch {
	case e.Value != nil:
		for i, it := range *e.Value {
			if !isJSONObject(it) {
				return fmt.Errorf(`"value" item %d is not a JSON object`, i)
			}
		}
	case e.Object != nil:
		if !isJSONObject(e.Object) {
			return errors.New(`"object" is not a JSON object`)
		}
	default:
		if e.Error.Status < 400 || e.Error.Status > 599 {
			return fmt.Errorf(`"error" status %d must be 400..599`, e.Error.Status)
		}
		if e.Error.Code == "" {
			return errors.New(`"error" needs a "code", e.g. Authorization_RequestDenied`)
		}
	}
	return nil
}
