package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/entra-audit/entra-audit/internal/policy"
)

// The tenant list (.github/entra-audit/tenants.yaml, examples/tenants.yaml):
// the nightly workflow's matrix and `scan --tenants`. The action's
// `tenants` command (action.yml) reads the same keys with the same
// strictness; the two must change together.

// maxTenantsFile bounds the file: a list of thousands of tenants is a few
// hundred KiB.
const maxTenantsFile = 4 << 20

// tenantSpec is one tenant of the list.
type tenantSpec struct {
	Name       string
	Line       int // of the entry, for messages
	Demo       bool
	Config     string // "" : the default (see tenantDefaults)
	Policies   []string
	FailOn     string // "" : high
	Baseline   string
	Connection tenantConnection
	lines      map[string]int // of each key's value
}

// tenantConnection maps onto the connection flags. Secrets are never in
// the file: Env maps an Azure SDK variable (AZURE_CLIENT_SECRET, …) to the
// name of the variable that holds this tenant's value.
type tenantConnection struct {
	Set bool // the entry has a connection section
	connectOptions
	Env map[string]string
}

type connectionString struct {
	key, flag string
	field     func(*connectOptions) *string
}

type connectionVar struct{ key, stands string }

// connectionStrings are the connection keys that take a value, and the
// flag each sets.
var connectionStrings = []connectionString{
	{"tenant", "--tenant", func(o *connectOptions) *string { return &o.Tenant }},
	{"clientId", "--client-id", func(o *connectOptions) *string { return &o.ClientID }},
	{"auth", "--auth", func(o *connectOptions) *string { return &o.Auth }},
	{"cloud", "--cloud", func(o *connectOptions) *string { return &o.Cloud }},
	{"graphUrl", "--graph-url", func(o *connectOptions) *string { return &o.GraphURL }},
	{"authorityUrl", "--authority-url", func(o *connectOptions) *string { return &o.AuthorityURL }},
	{"armUrl", "--arm-url", func(o *connectOptions) *string { return &o.ARMURL }},
	{"managedIdentityClientId", "--managed-identity-client-id", func(o *connectOptions) *string { return &o.ManagedIdentityClientID }},
}

// connectionEnv are the connection keys that name an environment
// variable, and the Azure SDK (or entra-audit) variable it stands in for.
var connectionEnv = []connectionVar{
	{"clientSecretEnv", "AZURE_CLIENT_SECRET"},
	{"certificatePathEnv", "AZURE_CLIENT_CERTIFICATE_PATH"},
	{"certificatePasswordEnv", "AZURE_CLIENT_CERTIFICATE_PASSWORD"},
	{"federatedTokenFileEnv", "AZURE_FEDERATED_TOKEN_FILE"},
	{"accessTokenEnv", "ENTRA_AUDIT_ACCESS_TOKEN"},
	{"armAccessTokenEnv", "ENTRA_AUDIT_ARM_ACCESS_TOKEN"},
}

// inlineSecrets are keys someone might write a secret under; each is
// refused with the key that names its variable instead.
var inlineSecrets = map[string]string{
	"clientSecret": "clientSecretEnv", "secret": "clientSecretEnv", "password": "certificatePasswordEnv",
	"certificatePassword": "certificatePasswordEnv", "certificate": "certificatePathEnv",
	"certificatePath": "certificatePathEnv", "accessToken": "accessTokenEnv", "token": "accessTokenEnv",
	"armAccessToken": "armAccessTokenEnv", "federatedTokenFile": "federatedTokenFileEnv",
}

var tenantKeys = []string{"name", "demo", "config", "policies", "failOn", "baseline", "connection"}

// loadTenantsFile reads and validates the whole list: every problem, each
// with file and line, as one usage error (exit 2), before any tenant is
// read. Paths are relative to the current directory (the repository
// root, as in the nightly workflow) and must exist.
func loadTenantsFile(path string) ([]tenantSpec, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, usageError("--tenants: %v", err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxTenantsFile+1))
	if err != nil {
		return nil, usageError("--tenants: %v", err)
	}
	if len(data) > maxTenantsFile {
		return nil, usageError("--tenants %s: larger than %d MiB; not a tenant list", path, maxTenantsFile>>20)
	}
	specs, problems := parseTenants(path, data)
	if len(problems) == 0 {
		for _, s := range specs {
			problems = append(problems, s.checkPaths(path)...)
		}
	}
	if len(problems) > 0 {
		return nil, &ExitError{Code: ExitUsage, Err: &policy.LoadError{Problems: problems}}
	}
	return specs, nil
}

// tenantsParser collects the problems of one file.
type tenantsParser struct {
	file     string
	problems []string
}

func (p *tenantsParser) at(n *yaml.Node, format string, args ...any) {
	p.problems = append(p.problems, fmt.Sprintf("%s:%d: %s", p.file, n.Line, fmt.Sprintf(format, args...)))
}

// parseTenants checks the structure and values of the list.
func parseTenants(file string, data []byte) ([]tenantSpec, []string) {
	p := &tenantsParser{file: file}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, second yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []string{file + ": empty; want a mapping with a list `tenants`"}
		}
		return nil, []string{fmt.Sprintf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		return nil, []string{fmt.Sprintf("%s:%d: a second YAML document: the tenant list is one document", file, second.Line)}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.at(root, "want a mapping with a list `tenants`")
		return nil, p.problems
	}
	var list *yaml.Node
	for k, v := range pairs(root) {
		if k.Value != "tenants" {
			p.at(k, "unknown key %q: the file holds `tenants` only", k.Value)
			continue
		}
		list = v
	}
	switch {
	case list == nil:
		p.at(root, "no `tenants` list")
		return nil, p.problems
	case list.Kind != yaml.SequenceNode:
		p.at(list, "`tenants` must be a list of tenants")
		return nil, p.problems
	case len(list.Content) == 0:
		p.at(list, "`tenants` is empty: no tenant to scan")
		return nil, p.problems
	}
	var specs []tenantSpec
	seen := map[string]int{}
	for _, n := range list.Content {
		s, ok := p.tenant(n)
		if !ok {
			continue
		}
		if line, dup := seen[s.Name]; dup {
			p.at(n, "tenant %q appears twice (also at line %d): each name is a folder", s.Name, line)
			continue
		}
		seen[s.Name] = s.Line
		specs = append(specs, s)
	}
	return specs, p.problems
}

// pairs walks a mapping's keys and values.
func pairs(m *yaml.Node) func(func(k, v *yaml.Node) bool) {
	return func(yield func(k, v *yaml.Node) bool) {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if !yield(m.Content[i], m.Content[i+1]) {
				return
			}
		}
	}
}
