package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// engineCache compiles each distinct configuration and policy set once:
// scan --tenants prepares every tenant before reading any, and most share
// theirs. An Engine is read-only once loaded, so tenants scanned at once
// evaluate with the same one. A nil cache compiles every time.
type engineCache struct {
	engines map[string]*policy.Engine
}

func newEngineCache() *engineCache { return &engineCache{engines: map[string]*policy.Engine{}} }

// load is auditOptions.loadEngine through the cache.
func (c *engineCache) load(ctx context.Context, f *Factory, audit *auditOptions) (*policy.Engine, error) {
	if c == nil {
		return audit.loadEngine(ctx, f)
	}
	cfg, source, err := audit.config()
	if err != nil {
		return nil, err
	}
	if source != "" {
		fmt.Fprintf(f.IO.Err, "Configuration: %s\n", termsafe.String(source))
	}
	key := source + "\x00" + strings.Join(audit.PolicyDirs, "\x00")
	if e, ok := c.engines[key]; ok {
		return e, nil
	}
	e, err := loadEngine(ctx, cfg, audit.PolicyDirs)
	if err != nil {
		return nil, err
	}
	c.engines[key] = e
	return e, nil
}
