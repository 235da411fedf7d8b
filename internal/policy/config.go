package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// Config is entra-audit.yaml: what the organisation declares about its
// tenant (emergency accounts, accepted exclusions, trusted partners) and
// how it wants results judged (severity overrides, disabled controls,
// waivers). The engine gives it to policies as data.config.
type Config struct {
	BreakGlass     BreakGlass               `yaml:"breakGlass" json:"breakGlass"`
	Controls       map[string]ControlConfig `yaml:"controls" json:"controls"`
	TrustedTenants []string                 `yaml:"trustedTenants" json:"trustedTenants"`
	Cloud          string                   `yaml:"cloud" json:"cloud,omitempty"`
	Waivers        []Waiver                 `yaml:"waivers" json:"-"`

	path string     // the file, for messages
	root *yaml.Node // the document, for line numbers of later checks
}

// BreakGlass lists the emergency-access accounts, and the groups that hold
// only them (the snapshot has no group membership, so a policy excluding
// such a group cannot otherwise be seen to exclude the accounts).
type BreakGlass struct {
	Users  []string `yaml:"users" json:"users"`
	Groups []string `yaml:"groups" json:"groups"`
}

// ControlConfig is one control's settings.
type ControlConfig struct {
	Exclusions     Exclusions     `yaml:"exclusions" json:"exclusions"`
	RoleExclusions RoleExclusions `yaml:"roleExclusions" json:"roleExclusions"`
	Severity       string         `yaml:"severity" json:"severity,omitempty"`
	Disabled       bool           `yaml:"disabled" json:"disabled,omitempty"`
}

// Exclusions are the users, groups, roles, service principals and guest
// types a Conditional Access control accepts as excluded from its policies
// (ScubaGear's CapExclusions).
type Exclusions struct {
	Users             []string `yaml:"users" json:"users"`
	Groups            []string `yaml:"groups" json:"groups"`
	ServicePrincipals []string `yaml:"servicePrincipals" json:"servicePrincipals"`
	Roles             []string `yaml:"roles" json:"roles"`
	GuestTypes        []string `yaml:"guestTypes" json:"guestTypes"`
}

// RoleExclusions are the permanent role holders a role control accepts
// (ScubaGear's RoleExclusions).
type RoleExclusions struct {
	Users  []string `yaml:"users" json:"users"`
	Groups []string `yaml:"groups" json:"groups"`
}

// Waiver accepts a failing control, or some of its findings, until a date.
type Waiver struct {
	Control     string   `yaml:"control"`
	ResourceIDs []string `yaml:"resourceIds"`
	Reason      string   `yaml:"reason"`
	Owner       string   `yaml:"owner"`
	Ticket      string   `yaml:"ticket"`
	Expires     string   `yaml:"expires"` // YYYY-MM-DD, last day the waiver holds

	expires time.Time
	line    int
}

// Clouds are the national clouds a config may name.
var Clouds = []string{"global", "usgov", "usgovdod", "china"}

// GuestTypes are Graph's guestOrExternalUserTypes values.
var GuestTypes = []string{
	"internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember",
	"b2bDirectConnectUser", "otherExternalUser", "serviceProvider",
}

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// MaxConfigSize caps entra-audit.yaml (a real one is a few KiB), as the
// snapshot caps its files: a huge file is refused, not read whole.
const MaxConfigSize = 1 << 20

// LoadConfig reads and validates entra-audit.yaml strictly: an unknown key,
// a malformed id or date, a missing waiver field, a second YAML document or
// a file over MaxConfigSize is an error naming the file (and line). Control
// IDs are checked against the loaded controls by Load.
func LoadConfig(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return ParseConfig(path, data)
}

// ParseConfig is LoadConfig on bytes; name is used in messages.
func ParseConfig(name string, data []byte) (*Config, error) {
	if len(data) > MaxConfigSize {
		return nil, &LoadError{Problems: []string{fmt.Sprintf(
			"config %s: larger than %d MiB, the limit for a configuration file: is this the right file?", name, MaxConfigSize>>20)}}
	}
	if problems := secondDocument(name, data); len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	cfg := &Config{path: name}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, &LoadError{Problems: yamlProblems(name, err)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &LoadError{Problems: yamlProblems(name, err)}
	}
	cfg.root = &root
	if problems := cfg.validate(); len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	return cfg, nil
}

// secondDocument refuses a stream of several YAML documents: the decoder
// would apply the first and silently ignore the rest.
func secondDocument(name string, data []byte) []string {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, second yaml.Node
	if err := dec.Decode(&first); err != nil {
		return nil // empty, or a syntax error ParseConfig reports
	}
	switch err := dec.Decode(&second); {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil:
		return yamlProblems(name, err)
	}
	return []string{fmt.Sprintf("config %s:%d: a second YAML document starts here (---): the configuration is one document, "+
		"and only the first would apply: merge them or remove the ---", name, second.Line)}
}

var yamlLine = regexp.MustCompile(`^line (\d+): `)

// yamlProblems rewrites yaml.v3's "line N: msg" as "file:N: msg".
func yamlProblems(name string, err error) []string {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			out = append(out, fmt.Sprintf("config %s:%s: %s", name, sub[1], explainUnknownField(strings.TrimPrefix(m, sub[0]))))
			continue
		}
		out = append(out, fmt.Sprintf("config %s: %s", name, m))
	}
	return out
}

func (c *Config) at(path []string, format string, args ...any) string {
	return fmt.Sprintf("config %s:%d: %s", c.path, c.line(path...), fmt.Sprintf(format, args...))
}

func (c *Config) validate() []string {
	var problems []string
	guids := func(path []string, what string, ids []string) {
		for i, id := range ids {
			if !guidPattern.MatchString(id) {
				p := append(slices.Clone(path), strconv.Itoa(i))
				problems = append(problems, c.at(p, "%s %q is not an object id (GUID)", what, id))
			}
		}
	}
	guids([]string{"breakGlass", "users"}, "breakGlass.users:", c.BreakGlass.Users)
	guids([]string{"breakGlass", "groups"}, "breakGlass.groups:", c.BreakGlass.Groups)
	guids([]string{"trustedTenants"}, "trustedTenants:", c.TrustedTenants)
	if c.Cloud != "" && !slices.Contains(Clouds, c.Cloud) {
		problems = append(problems, c.at([]string{"cloud"}, "cloud %q is not one of %s", c.Cloud, strings.Join(Clouds, ", ")))
	}
	for _, id := range sortedKeys(c.Controls) {
		cc := c.Controls[id]
		p := []string{"controls", id}
		ex := append(slices.Clone(p), "exclusions")
		guids(append(slices.Clone(ex), "users"), id+" exclusions.users:", cc.Exclusions.Users)
		guids(append(slices.Clone(ex), "groups"), id+" exclusions.groups:", cc.Exclusions.Groups)
		guids(append(slices.Clone(ex), "servicePrincipals"), id+" exclusions.servicePrincipals:", cc.Exclusions.ServicePrincipals)
		guids(append(slices.Clone(ex), "roles"), id+" exclusions.roles:", cc.Exclusions.Roles)
		for i, g := range cc.Exclusions.GuestTypes {
			if !slices.Contains(GuestTypes, g) {
				problems = append(problems, c.at(append(slices.Clone(ex), "guestTypes", strconv.Itoa(i)),
					"%s exclusions.guestTypes: %q is not one of %s", id, g, strings.Join(GuestTypes, ", ")))
			}
		}
		rex := append(slices.Clone(p), "roleExclusions")
		guids(append(slices.Clone(rex), "users"), id+" roleExclusions.users:", cc.RoleExclusions.Users)
		guids(append(slices.Clone(rex), "groups"), id+" roleExclusions.groups:", cc.RoleExclusions.Groups)
		if cc.Severity != "" && finding.Severity(cc.Severity).Rank() == 0 {
			problems = append(problems, c.at(append(slices.Clone(p), "severity"),
				"%s severity %q is not one of critical, high, medium, low, info", id, cc.Severity))
		}
	}
	for i := range c.Waivers {
		w := &c.Waivers[i]
		p := []string{"waivers", strconv.Itoa(i)}
		w.line = c.line(p...)
		for field, v := range map[string]string{"control": w.Control, "reason": w.Reason, "owner": w.Owner, "expires": w.Expires} {
			if strings.TrimSpace(v) == "" {
				problems = append(problems, c.at(p, "waiver %d: %s is required", i+1, field))
			}
		}
		if w.Expires != "" {
			t, err := time.Parse(time.DateOnly, w.Expires)
			if err != nil {
				problems = append(problems, c.at(append(slices.Clone(p), "expires"),
					"waiver %d: expires %q is not a date (YYYY-MM-DD)", i+1, w.Expires))
			}
			w.expires = t
		}
	}
	slices.Sort(problems)
	return problems
}

// checkControls reports config entries that name no loaded control: a typo
// would otherwise silently not exclude, override or waive anything.
func (c *Config) checkControls(ids []string) []string {
	var problems []string
	exists := func(id string) bool { return slices.Contains(ids, id) }
	for _, id := range sortedKeys(c.Controls) {
		if !exists(id) {
			problems = append(problems, c.at([]string{"controls", id}, "controls: %q is not a control ID%s (see `entra-audit policies list`)",
				id, didYouMean(id, ids)))
		}
	}
	for i, w := range c.Waivers {
		if w.Control != "" && !exists(w.Control) {
			problems = append(problems, c.at([]string{"waivers", strconv.Itoa(i), "control"},
				"waiver %d: control %q is not a control ID%s (see `entra-audit policies list`)", i+1, w.Control, didYouMean(w.Control, ids)))
		}
	}
	return problems
}

// line finds the line of a key path (mapping keys and sequence indexes) in
// the document; it falls back to the deepest node found.
func (c *Config) line(path ...string) int {
	if c.root == nil || len(c.root.Content) == 0 {
		return 1
	}
	n := c.root.Content[0]
	line := n.Line
	for _, step := range path {
		next, at := child(n, step)
		if next == nil {
			break
		}
		n, line = next, at
	}
	return line
}

// child steps into a mapping key or sequence index; at is the line of the
// key (or the item).
func child(n *yaml.Node, step string) (next *yaml.Node, at int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == step {
				return n.Content[i+1], n.Content[i].Line
			}
		}
	case yaml.SequenceNode:
		i, err := strconv.Atoi(step)
		if err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i], n.Content[i].Line
		}
	}
	return nil, 0
}

// document is the config as policies see it at data.config.
func (c *Config) document() (map[string]any, error) {
	if c == nil {
		return map[string]any{}, nil
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	dropNulls(doc)
	return doc, nil
}

// dropNulls removes null values so that Rego's object.get defaults apply.
func dropNulls(m map[string]any) {
	for k, v := range m {
		switch x := v.(type) {
		case nil:
			delete(m, k)
		case map[string]any:
			dropNulls(x)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareID)
	return keys
}
