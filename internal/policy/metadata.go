package policy

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// controlRules are the rules a control package may define; a package that
// defines one of them, or carries METADATA `custom`, is a control.
var controlRules = []string{"findings", "evidence", "not_applicable", "manual", "missing"}

// customFields are the keys of a control's METADATA `custom` block, all
// required (frameworks, references and requires may be empty).
var customFields = []string{"id", "severity", "family", "frameworks", "remediation", "references", "requires"}

// optionalFields are the keys a `custom` block may carry besides those:
// compares lists the resources whose changes since a baseline a
// change-aware control judges (input.drift); reads lists the properties it
// reads (docs/policy-authoring.md), for the catalogue.
var optionalFields = []string{"compares", "reads"}

// knownFields are every key a `custom` block may carry.
var knownFields = slices.Concat(customFields, optionalFields)

var (
	idPattern        = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$`)
	frameworkPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// metaChecker validates METADATA against the known resource keys.
type metaChecker struct {
	known map[string]bool
}

// isControl reports whether the module declares a control.
func isControl(mod *ast.Module) bool {
	if packageAnnotation(mod) != nil && packageAnnotation(mod).Custom != nil {
		return true
	}
	for _, r := range mod.Rules {
		if slices.Contains(controlRules, r.Head.Name.String()) || slices.Contains(controlRules, refName(r.Head.Ref())) {
			return true
		}
	}
	return false
}

func refName(ref ast.Ref) string {
	if len(ref) == 0 {
		return ""
	}
	if v, ok := ref[0].Value.(ast.Var); ok {
		return string(v)
	}
	return ""
}

func packageAnnotation(mod *ast.Module) *ast.Annotations {
	for _, a := range mod.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

// control decodes and validates a control module's METADATA strictly:
// every problem names the file and the line of the offending field. It
// returns the control, the resource keys of its `compares` (nil without
// one) and the problems.
func (m metaChecker) control(f *moduleFile) (finding.Control, []string, []string) {
	var problems []string
	at := func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s %s:%d: %s", f.origin(), f.name, line, fmt.Sprintf(format, args...)))
	}
	a := packageAnnotation(f.module)
	if a == nil {
		at(f.module.Package.Location.Row, "control package %s has no package METADATA: add a `# METADATA` block "+
			"with title and custom {%s} above the package line", f.module.Package.Path, strings.Join(customFields, ", "))
		return finding.Control{}, nil, problems
	}
	for _, other := range f.module.Annotations {
		if other != a && other.Scope == "package" {
			at(other.Location.Row, "a second package METADATA block starts here: a comment line that begins with "+
				"the word METADATA starts a new block; reword it")
		}
	}
	row := a.Location.Row
	line := func(field string) int { return fieldLine(f.module, row, field) }
	c := finding.Control{Title: strings.TrimSpace(a.Title), Description: strings.TrimSpace(a.Description), Source: "builtin"}
	if !f.builtin {
		c.Source = f.name
	}
	if c.Title == "" {
		at(row, "METADATA title is missing")
	}
	if a.Custom == nil {
		at(row, "METADATA custom is missing: it needs %s", strings.Join(customFields, ", "))
		return c, nil, problems
	}
	var unknown []string
	for k := range a.Custom {
		if !slices.Contains(knownFields, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		at(line(k), "METADATA custom.%s is not a known field (known: %s)", k, strings.Join(knownFields, ", "))
	}
	for _, k := range customFields {
		if _, ok := a.Custom[k]; !ok {
			at(custLine(f.module, row), "METADATA custom.%s is missing", k)
		}
	}

	if v, ok := a.Custom["id"]; ok {
		s, isStr := v.(string)
		if !isStr || !idPattern.MatchString(s) {
			at(line("id"), "METADATA custom.id %v is not a control ID (letters, digits, dots: MS.AAD.3.2v2, ACME.CA.1v1)", v)
		}
		c.ID = s
	}
	if v, ok := a.Custom["severity"]; ok {
		s, _ := v.(string)
		sev := finding.Severity(s)
		if sev.Rank() == 0 {
			at(line("severity"), "METADATA custom.severity %q is not one of critical, high, medium, low, info", fmt.Sprint(v))
		}
		c.Severity = sev
	}
	if v, ok := a.Custom["family"]; ok {
		s, _ := v.(string)
		if !slices.Contains(Families, s) {
			at(line("family"), "METADATA custom.family %q is not one of %s", fmt.Sprint(v), strings.Join(Families, ", "))
		}
		c.Family = s
	}
	if v, ok := a.Custom["frameworks"]; ok {
		fw, err := frameworks(v)
		if err != "" {
			at(line("frameworks"), "METADATA custom.frameworks %s", err)
		}
		c.Frameworks = fw
	}
	if v, ok := a.Custom["remediation"]; ok {
		s, _ := v.(string)
		if strings.TrimSpace(s) == "" {
			at(line("remediation"), "METADATA custom.remediation must say what to change, and where")
		}
		c.Remediation = strings.TrimSpace(s)
	}
	if v, ok := a.Custom["references"]; ok {
		refs, isList := strings_(v)
		if !isList {
			at(line("references"), "METADATA custom.references must be a list of https:// links")
		}
		for _, r := range refs {
			if !strings.HasPrefix(r, "https://") {
				at(line("references"), "METADATA custom.references: %q is not an https:// link", r)
			}
		}
		c.References = refs
	}
	if v, ok := a.Custom["requires"]; ok {
		keys, isList := strings_(v)
		if !isList {
			at(line("requires"), "METADATA custom.requires must be a list of snapshot resource keys")
		}
		for _, k := range keys {
			if !m.known[k] {
				at(line("requires"), "METADATA custom.requires: %q is not a snapshot resource key (see docs/snapshot-format.md)", k)
			}
		}
		if dup := duplicates(keys); len(dup) > 0 {
			at(line("requires"), "METADATA custom.requires lists %s twice", strings.Join(dup, ", "))
		}
		c.Requires = keys
		for _, p := range describeUndeclared(undeclaredReads(f.module, keys, m.known)) {
			problems = append(problems, fmt.Sprintf("%s %s:%s", f.origin(), f.name, p))
		}
	}
	var compares []string
	if v, ok := a.Custom["compares"]; ok {
		keys, isList := strings_(v)
		switch {
		case !isList:
			at(line("compares"), "METADATA custom.compares must be a list of snapshot resource keys")
		case len(keys) == 0:
			at(line("compares"), "METADATA custom.compares is empty: list the resources whose changes the control judges, or leave it out")
		}
		for _, k := range keys {
			if !m.known[k] {
				at(line("compares"), "METADATA custom.compares: %q is not a snapshot resource key (see docs/snapshot-format.md)", k)
			}
		}
		if dup := duplicates(keys); len(dup) > 0 {
			at(line("compares"), "METADATA custom.compares lists %s twice", strings.Join(dup, ", "))
		}
		compares = keys
	}
	if v, ok := a.Custom["reads"]; ok {
		reads, absent, msgs := m.reads(v)
		for _, msg := range msgs {
			at(line("reads"), "METADATA custom.reads %s", msg)
		}
		c.Reads, c.Absent = reads, absent
	}
	if c.Frameworks == nil {
		c.Frameworks = map[string][]string{}
	}
	if c.References == nil {
		c.References = []string{}
	}
	if c.Requires == nil {
		c.Requires = []string{}
	}
	return c, compares, problems
}

func frameworks(v any) (map[string][]string, string) {
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return map[string][]string{}, ""
		}
		return nil, "must be a map of framework name to a list of IDs (cis-m365: [\"5.2.2.2\"])"
	}
	out := make(map[string][]string, len(m))
	for k, ids := range m {
		if !frameworkPattern.MatchString(k) {
			return nil, fmt.Sprintf("key %q must be lower-case letters, digits and dashes (cisa-scuba, cis-m365, eidsca)", k)
		}
		list, isList := strings_(ids)
		if !isList || len(list) == 0 {
			return nil, fmt.Sprintf("%s must be a non-empty list of IDs", k)
		}
		out[k] = list
	}
	return out, ""
}

// strings_ converts a YAML list of strings; ok is false for anything else.
func strings_(v any) ([]string, bool) {
	if v == nil {
		return []string{}, true
	}
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func duplicates(list []string) []string {
	seen := map[string]bool{}
	var dup []string
	for _, s := range list {
		if seen[s] && !slices.Contains(dup, s) {
			dup = append(dup, s)
		}
		seen[s] = true
	}
	return dup
}

// custLine is the line of `custom:` in the METADATA block starting at row.
func custLine(mod *ast.Module, row int) int {
	for _, c := range mod.Comments {
		if c.Location.Row >= row && strings.HasPrefix(strings.TrimSpace(string(c.Text)), "custom:") {
			return c.Location.Row
		}
	}
	return row
}

// fieldLine finds the comment line of `field:` under custom in the METADATA
// block at row, so errors point at the field itself. The block is a run of
// consecutive comment lines.
func fieldLine(mod *ast.Module, row int, field string) int {
	start := custLine(mod, row)
	prev := start
	for _, c := range mod.Comments {
		if c.Location.Row <= start {
			continue
		}
		if c.Location.Row != prev+1 {
			break
		}
		prev = c.Location.Row
		if strings.HasPrefix(strings.TrimSpace(string(c.Text)), field+":") {
			return c.Location.Row
		}
	}
	return start
}
