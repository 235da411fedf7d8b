// Package demo is the embedded "Contoso" tenant: Graph and ARM fixtures
// with a deliberate mix of good and bad configuration, served in process
// by the fake Graph so that --demo runs the real collection path (client,
// paging, $batch, error classification) without a network or credentials.
package demo

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

//go:embed contoso
var fixtures embed.FS

// Config is Contoso's entra-audit.yaml: its break-glass accounts, the
// exclusions it declares and a waiver. ConfigName names it in messages.
//
//go:embed entra-audit.yaml
var Config []byte

const ConfigName = "internal/demo/entra-audit.yaml"

// Contoso's identity, as in the fixtures.
const (
	TenantID      = "bdd640fb-0667-4ad1-9c80-317fa3b1799d"
	DefaultDomain = "contoso.com"
)

// Endpoints the demo clients pretend to talk to. Nothing is ever sent
// there: the transport serves every request in process.
const (
	GraphURL = "https://graph.contoso-demo.invalid"
	ARMURL   = "https://management.contoso-demo.invalid"
)

// Tenant loads the Contoso fixtures into a fake tenant.
func Tenant() (*graphtest.Tenant, error) {
	return graphtest.LoadTenantFS(fixtures, FixturesDir)
}

// Fixtures holds the Contoso fixture files under FixturesDir, for tests
// that build variants of the tenant (the approved baseline state).
var Fixtures fs.FS = fixtures

// FixturesDir is the fixture folder within Fixtures.
const FixturesDir = "contoso"

// Clients are Graph and ARM clients wired to the demo tenant in process.
type Clients struct {
	Graph *graph.Client
	ARM   *graph.Client
	Fake  *graphtest.Fake // what the clients asked, for tests
}

// NewClients serves the demo tenant to a real Graph client and ARM client
// through an in-process transport, with a static fake token. Pacing of the
// Conditional Access endpoints is off: the fake does not throttle.
func NewClients(logger *slog.Logger) (*Clients, error) {
	t, err := Tenant()
	if err != nil {
		return nil, err
	}
	return NewClientsFor(t, logger)
}

// NewClientsFor is NewClients for another fake tenant (a variant of Contoso).
func NewClientsFor(t *graphtest.Tenant, logger *slog.Logger) (*Clients, error) {
	fake := graphtest.NewFake(t, graphtest.ServerOptions{})
	hc := &http.Client{Transport: graphtest.NewTransport(fake)}
	mk := func(base string) (*graph.Client, error) {
		return graph.New(graph.Options{BaseURL: base, Credential: demoToken{}, HTTPClient: hc, Logger: logger,
			PacePrefixes: []string{}, UserAgent: "entra-audit-demo"})
	}
	g, err := mk(GraphURL)
	if err != nil {
		return nil, err
	}
	arm, err := mk(ARMURL)
	if err != nil {
		return nil, err
	}
	return &Clients{Graph: g, ARM: arm, Fake: fake}, nil
}

// demoToken is the static bearer token of the demo; it grants nothing.
type demoToken struct{}

func (demoToken) Token(context.Context, string) (string, error) {
	return "demo-token-not-a-secret", nil
}
