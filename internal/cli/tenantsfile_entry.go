package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/entra-audit/entra-audit/internal/fleet"
	"github.com/entra-audit/entra-audit/internal/graph"
)

var (
	// A path in the list: relative, inside the repository, plain (the
	// action's `tenants` command applies the same rule).
	listPath = regexp.MustCompile(`^[A-Za-z0-9_.][A-Za-z0-9._/-]{0,255}$`)
	// A tenant id or domain, a client id.
	listID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,253}$`)
	// An environment variable's name.
	envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,127}$`)
)

// tenant reads one entry of the list; ok is false when it has no usable
// name (its other problems are still recorded).
func (p *tenantsParser) tenant(n *yaml.Node) (tenantSpec, bool) {
	s := tenantSpec{Line: n.Line, lines: map[string]int{}}
	if n.Kind != yaml.MappingNode {
		p.at(n, "each tenant is a mapping with a name")
		return s, false
	}
	for k, v := range pairs(n) {
		if k.Value == "name" {
			s.Name, s.lines["name"] = v.Value, v.Line
			if v.Tag != "!!str" || !fleet.ValidName(v.Value) {
				p.at(v, "tenant name %q must match %s: it becomes a folder, an environment and a branch", v.Value, fleet.NamePattern())
				return s, false
			}
		}
	}
	if s.Name == "" {
		p.at(n, "a tenant without a name")
		return s, false
	}
	who := fmt.Sprintf("tenant %q: ", s.Name)
	for k, v := range pairs(n) {
		s.lines[k.Value] = v.Line
		switch k.Value {
		case "name":
		case "demo":
			if v.Tag != "!!bool" {
				p.at(v, "%sdemo must be true or false", who)
			}
			s.Demo = v.Value == "true"
		case "config", "baseline":
			if p.path(v, who+k.Value) {
				if k.Value == "config" {
					s.Config = v.Value
				} else {
					s.Baseline = v.Value
				}
			}
		case "policies":
			if v.Kind != yaml.SequenceNode {
				p.at(v, "%spolicies must be a list of relative paths", who)
				continue
			}
			for _, e := range v.Content {
				if p.path(e, who+"policies") {
					s.Policies = append(s.Policies, e.Value)
				}
			}
		case "failOn":
			if _, err := parseFailOn(v.Value); err != nil || v.Tag != "!!str" {
				p.at(v, "%sfailOn must be critical, high, medium, low, info or never", who)
			}
			s.FailOn = v.Value
		case "connection":
			s.Connection = p.connection(v, who)
		default:
			p.at(k, "%sunknown key %q: use %s", who, k.Value, strings.Join(tenantKeys, ", "))
		}
	}
	if s.Demo && s.Connection.Set {
		p.at(n, "%sdemo: true reads the embedded demo tenant: it takes no connection", who)
	}
	return s, true
}

// path checks a relative path value; false when it is not one.
func (p *tenantsParser) path(v *yaml.Node, what string) bool {
	ok := v.Kind == yaml.ScalarNode && v.Tag == "!!str" && listPath.MatchString(v.Value) &&
		!slices.ContainsFunc(strings.Split(v.Value, "/"), func(c string) bool { return c == "" || c == "." || c == ".." })
	if !ok {
		p.at(v, "%s %q must be a relative path inside the repository (no .., no leading /)", what, v.Value)
	}
	return ok
}

// connection reads a connection section: each value checked as its flag
// would be, secrets only by the name of the variable holding them.
func (p *tenantsParser) connection(n *yaml.Node, who string) tenantConnection {
	c := tenantConnection{Set: true, Env: map[string]string{}}
	if n.Kind != yaml.MappingNode {
		p.at(n, "%sconnection must be a mapping (tenant, clientId, auth, …)", who)
		return c
	}
	for k, v := range pairs(n) {
		what := who + "connection." + k.Value
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" || v.Value == "" {
			p.at(v, "%s must be a non-empty string", what)
			continue
		}
		if i := slices.IndexFunc(connectionStrings, func(s connectionString) bool { return s.key == k.Value }); i >= 0 {
			if err := checkConnectionValue(k.Value, v.Value); err != nil {
				p.at(v, "%s (%s): %v", what, connectionStrings[i].flag, err)
			}
			*connectionStrings[i].field(&c.connectOptions) = v.Value
			continue
		}
		if i := slices.IndexFunc(connectionEnv, func(e connectionVar) bool { return e.key == k.Value }); i >= 0 {
			if !envName.MatchString(v.Value) {
				p.at(v, "%s must name an environment variable (letters, digits, _), not hold its value", what)
				continue
			}
			c.Env[connectionEnv[i].stands] = v.Value
			continue
		}
		if instead, ok := inlineSecrets[k.Value]; ok {
			p.at(k, "%s: secrets never go in the tenant list; name the environment variable that holds it with %s", what, instead)
			continue
		}
		var keys []string
		for _, s := range connectionStrings {
			keys = append(keys, s.key)
		}
		for _, e := range connectionEnv {
			keys = append(keys, e.key)
		}
		p.at(k, "%sunknown connection key %q: use %s", who, k.Value, strings.Join(keys, ", "))
	}
	return c
}

// checkConnectionValue checks one connection value as its flag is checked.
func checkConnectionValue(key, v string) error {
	switch key {
	case "auth":
		mode, err := graph.ParseAuthMode(v)
		if err == nil && mode == graph.AuthDeviceCode {
			err = fmt.Errorf("device-code needs a person at a terminal; a tenant list runs unattended")
		}
		return err
	case "cloud":
		_, err := graph.LookupCloud(v)
		return err
	case "graphUrl", "armUrl":
		return checkEndpoint(v, true)
	case "authorityUrl":
		return checkEndpoint(v, false)
	}
	if !listID.MatchString(v) {
		return fmt.Errorf("%q is not a tenant id, domain or client id", v)
	}
	return nil
}

// checkPaths checks that the paths the entry names exist: a config file,
// policy folders, a baseline snapshot. A typo would otherwise audit
// without them.
func (s tenantSpec) checkPaths(file string) []string {
	var problems []string
	bad := func(key, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: tenant %q: %s", file, s.lines[key], s.Name, fmt.Sprintf(format, args...)))
	}
	if s.Config != "" {
		if st, err := os.Stat(s.Config); err != nil || !st.Mode().IsRegular() {
			bad("config", "config %s does not exist or is not a file", s.Config)
		}
	}
	for _, dir := range s.Policies {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			bad("policies", "policies %s does not exist or is not a folder", dir)
		}
	}
	if s.Baseline != "" {
		if _, err := os.Stat(filepath.Join(s.Baseline, "manifest.yaml")); err != nil {
			bad("baseline", "baseline %s is not a snapshot (no manifest.yaml)", s.Baseline)
		}
	}
	return problems
}
