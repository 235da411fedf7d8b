package snapshot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/entra-audit/entra-audit/internal/graph"
)

// mapSource is a tiny in-test Source: path -> JSON body, or an error.
type mapSource struct {
	mu     sync.Mutex
	bodies map[string]string // singleton body, or a JSON array for collections
	errs   map[string]error
	calls  []string
}

func (m *mapSource) lookup(path string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls = append(m.calls, path)
	if err, ok := m.errs[path]; ok {
		return "", err
	}
	b, ok := m.bodies[path]
	if !ok {
		return "", &graph.Error{Method: "GET", URL: path, Status: 404, Code: "Request_ResourceNotFound", Kind: graph.KindNotFound}
	}
	return b, nil
}

func (m *mapSource) Get(ctx context.Context, path string, out any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := m.lookup(path)
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(b), out)
}

func (m *mapSource) ListAll(ctx context.Context, path string) ([]json.RawMessage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b, err := m.lookup(path)
	if err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if err := json.Unmarshal([]byte(b), &items); err != nil {
		return nil, fmt.Errorf("fake: %s is not a collection: %w", path, err)
	}
	return items, nil
}

func forbidden(path string) error {
	return &graph.Error{Method: "GET", URL: path, Status: 403, Code: "Authorization_RequestDenied",
		Message: "Insufficient privileges to complete the operation.", RequestID: "req-1", Kind: graph.KindMissingPermission}
}

func nonPremium(path string) error {
	return &graph.Error{Method: "GET", URL: path, Status: 403, Code: "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
		Message: "Tenant is not a B2C tenant and doesn't have premium license", Kind: graph.KindLicenseRequired}
}

var _ = strings.TrimSpace
