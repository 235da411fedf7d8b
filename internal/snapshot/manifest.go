package snapshot

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
)

// SchemaVersion is the snapshot format this entra-audit writes and reads.
const SchemaVersion = 1

// ManifestFile is the manifest's name at the root of a snapshot.
const ManifestFile = "manifest.yaml"

// Manifest is manifest.yaml. For two runs over an unchanged tenant only
// collectedAt differs (tests inject the clock to get identical bytes).
type Manifest struct {
	SchemaVersion int                      `yaml:"schemaVersion"`
	ToolVersion   string                   `yaml:"toolVersion"`
	Tenant        ManifestTenant           `yaml:"tenant"`
	Cloud         string                   `yaml:"cloud"`
	CollectedAt   string                   `yaml:"collectedAt"` // RFC 3339, UTC
	Resources     map[string]ManifestEntry `yaml:"resources"`
}

// ManifestTenant identifies the tenant.
type ManifestTenant struct {
	ID            string `yaml:"id"`
	DefaultDomain string `yaml:"defaultDomain,omitempty"`
	DisplayName   string `yaml:"displayName,omitempty"`
}

// ManifestEntry is one resource's outcome.
type ManifestEntry struct {
	Status     string `yaml:"status"`
	Count      *int   `yaml:"count,omitempty"` // collected only
	Path       string `yaml:"path,omitempty"`  // where its files are (collected only)
	Permission string `yaml:"permission,omitempty"`
	License    string `yaml:"license,omitempty"`
	Message    string `yaml:"message,omitempty"`
	RequestID  string `yaml:"requestId,omitempty"`
}

// CollectedTime parses collectedAt.
func (m *Manifest) CollectedTime() (time.Time, error) {
	return time.Parse(time.RFC3339, m.CollectedAt)
}

func newManifest(res *Result, opts WriteOptions) *Manifest {
	var collected time.Time
	switch {
	case opts.Now != nil:
		collected = opts.Now()
	case !res.CollectedAt.IsZero():
		collected = res.CollectedAt
	default:
		collected = time.Now()
	}
	cloud := opts.Cloud
	if cloud == "" {
		cloud = "global"
	}
	tool := opts.ToolVersion
	if tool == "" {
		tool = "dev"
	}
	m := &Manifest{
		SchemaVersion: SchemaVersion,
		ToolVersion:   tool,
		Tenant:        ManifestTenant{ID: res.Tenant.ID, DefaultDomain: res.Tenant.DefaultDomain, DisplayName: res.Tenant.DisplayName},
		Cloud:         cloud,
		CollectedAt:   collected.UTC().Truncate(time.Second).Format(time.RFC3339),
		Resources:     map[string]ManifestEntry{},
	}
	paths := map[string]string{}
	for _, r := range res.Resources {
		paths[r.Key] = r.treePath()
	}
	for _, o := range res.Outcomes {
		e := ManifestEntry{Status: o.Status, Permission: o.Permission, License: o.License, Message: o.Message, RequestID: o.RequestID}
		if o.Status == StatusCollected {
			n := len(o.Objects)
			e.Count = &n
			e.Path = paths[o.Key]
		}
		m.Resources[o.Key] = e
	}
	return m
}

func (m *Manifest) render() ([]byte, error) {
	var node yaml.Node
	if err := node.Encode(m); err != nil {
		return nil, fmt.Errorf("snapshot: encode manifest: %w", err)
	}
	return encodeNode(&node)
}
