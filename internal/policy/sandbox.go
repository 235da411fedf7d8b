package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The sandbox. A policy sees the input document and data.config, and
// nothing else: an audit must give the same result when run again on the
// same snapshot, config and --evaluation-time, on any machine. The rule,
// applied to this OPA's capabilities (ast.CapabilitiesForThisVersion):
//
//  1. every builtin OPA marks Nondeterministic is refused (network,
//     environment, clock, randomness: OPA's own classification, so a new
//     one in a future OPA is refused by default);
//  2. plus the builtins in refusedBuiltins, which read the clock or reach
//     outside without being marked, each with its class and reason (the
//     marked ones are listed too, for a better message);
//  3. plus anything under http. (network).
//
// Builtins whose name suggests one of these classes (sensitivePattern) but
// that are pure functions of their arguments are in reviewedBuiltins, with
// why. TestSandboxDecidesEveryBuiltin fails when an OPA upgrade brings a
// nondeterministic builtin that is allowed, or a sensitive-looking one that
// is neither refused nor reviewed, so each forces a decision here.

// Refusal classes.
const (
	classNetwork     = "network"
	classEnvironment = "environment"
	classClock       = "clock"
	classRandomness  = "randomness"
)

type refusal struct {
	class  string
	reason string
}

// refusedBuiltins are refused by name, with why.
var refusedBuiltins = map[string]refusal{
	"http.send":          {classNetwork, "policies run sandboxed without network access"},
	"net.lookup_ip_addr": {classNetwork, "policies run sandboxed without network access (DNS)"},
	"json.match_schema":  {classNetwork, "it may fetch remote schema references: policies run sandboxed without network access"},
	"json.verify_schema": {classNetwork, "it may fetch remote schema references: policies run sandboxed without network access"},
	// Not marked nondeterministic: it signs with the credentials it is
	// given, for an http.send that policies may not make.
	"providers.aws.sign_req": {classNetwork, "it only serves outbound HTTP requests, which policies may not make"},

	"opa.runtime": {classEnvironment, "policies may not read the process environment or configuration"},

	"time.now_ns":          {classClock, "policies may not read the wall clock: use input.meta.evaluationTime (data.lib.tenant.evaluation_ns)"},
	"io.jwt.decode_verify": {classClock, "it reads the clock to check exp and nbf: use io.jwt.decode and io.jwt.verify_* instead"},
	// Not marked nondeterministic: both check the validity period against
	// the wall clock (x509.VerifyOptions.CurrentTime zero means now), so
	// the result changes with the real date, not --evaluation-time.
	"crypto.x509.parse_and_verify_certificates": {classClock,
		"it checks validity against the wall clock: use crypto.x509.parse_certificates and compare notAfter with data.lib.tenant.evaluation_ns"},
	"crypto.x509.parse_and_verify_certificates_with_options": {classClock,
		"it checks validity against the wall clock unless told otherwise: use crypto.x509.parse_certificates and compare notAfter with data.lib.tenant.evaluation_ns"},

	"rand.intn":              {classRandomness, "policies must be deterministic"},
	"uuid.rfc4122":           {classRandomness, "policies must be deterministic"},
	"io.jwt.encode_sign":     {classRandomness, "policies must be deterministic and may not sign tokens"},
	"io.jwt.encode_sign_raw": {classRandomness, "policies must be deterministic and may not sign tokens"},
}

// sensitivePattern matches builtin names that suggest a refused class.
// Every match must be refused or in reviewedBuiltins.
var sensitivePattern = regexp.MustCompile(`time|clock|now|date|rand|uuid|http|net|env|runtime|opa\.|sign|verify|x509|schema|provider|lookup|send|trace|print`)

// reviewedBuiltins match sensitivePattern but are allowed: pure functions
// of their arguments (or inert), reviewed against OPA's topdown sources.
var reviewedBuiltins = map[string]string{
	"time.add_date":          "pure on its arguments",
	"time.clock":             "pure on its arguments (a \"Local\" zone argument reads TZ: pass \"UTC\" or an IANA name)",
	"time.date":              "pure on its arguments (a \"Local\" zone argument reads TZ: pass \"UTC\" or an IANA name)",
	"time.diff":              "pure on its arguments (a \"Local\" zone argument reads TZ: pass \"UTC\" or an IANA name)",
	"time.format":            "pure on its arguments (a \"Local\" zone argument reads TZ: pass \"UTC\" or an IANA name)",
	"time.weekday":           "pure on its arguments (a \"Local\" zone argument reads TZ: pass \"UTC\" or an IANA name)",
	"time.parse_duration_ns": "pure on its arguments",
	"time.parse_ns":          "pure on its arguments",
	"time.parse_rfc3339_ns":  "pure on its arguments",
	"uuid.parse":             "pure: parses the string it is given",

	"net.cidr_contains":         "pure on its arguments (named locations)",
	"net.cidr_contains_matches": "pure on its arguments",
	"net.cidr_expand":           "pure on its arguments (large ranges are bounded by --policy-timeout; it checks cancellation)",
	"net.cidr_intersects":       "pure on its arguments",
	"net.cidr_is_valid":         "pure on its arguments",
	"net.cidr_merge":            "pure on its arguments",
	"net.cidr_overlap":          "pure on its arguments",

	"crypto.x509.parse_certificates":        "pure: parses, does not verify against the clock",
	"crypto.x509.parse_certificate_request": "pure: parses",
	"crypto.x509.parse_keypair":             "pure: parses",
	"crypto.x509.parse_rsa_private_key":     "pure: parses",

	"io.jwt.verify_eddsa": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_es256": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_es384": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_es512": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_hs256": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_hs384": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_hs512": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_ps256": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_ps384": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_ps512": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_rs256": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_rs384": "pure: checks the signature with the key given, not exp or nbf",
	"io.jwt.verify_rs512": "pure: checks the signature with the key given, not exp or nbf",

	"graphql.parse_and_verify": "pure: checks a query against the schema it is given",
	"graphql.parse_schema":     "pure: parses the schema it is given (no remote references)",
	"graphql.schema_is_valid":  "pure: parses the schema it is given (no remote references)",

	// Caught by the pattern only by their spelling.
	"assign":  "the := operator",
	"sprintf": "formats its arguments",

	// Output, not input: neither lets a policy read anything.
	"print":          "compiled out in audits (print statements disabled); captured into the test output by `policies test`",
	"internal.print": "what print compiles to: see print",
	"trace":          "inert: notes go to a tracer, and audits run none (coverage in `policies test` ignores them)",
}

// forbiddenReason says why name may not be used; ok is false for allowed
// builtins.
func forbiddenReason(name string) (reason string, ok bool) {
	if r, found := refusedBuiltins[name]; found {
		return r.reason, true
	}
	if strings.HasPrefix(name, "http.") {
		return "policies run sandboxed without network access", true
	}
	if nondeterministic()[name] {
		return "OPA marks it nondeterministic: policies must be deterministic", true
	}
	return "", false
}

// nondeterministic is the set of builtins this OPA marks nondeterministic.
var nondeterministic = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if b.Nondeterministic {
			out[b.Name] = true
		}
	}
	return out
})

// RefusedBuiltin is one builtin the sandbox refuses in this OPA.
type RefusedBuiltin struct {
	Name   string
	Class  string // network, environment, clock, randomness or nondeterministic
	Reason string
}

// RefusedBuiltins lists the builtins of this OPA that the sandbox refuses,
// sorted by name: the rule above applied to its capabilities.
func RefusedBuiltins() []RefusedBuiltin {
	var out []RefusedBuiltin
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		reason, refused := forbiddenReason(b.Name)
		if !refused {
			continue
		}
		class := "nondeterministic"
		if r, ok := refusedBuiltins[b.Name]; ok {
			class = r.class
		} else if strings.HasPrefix(b.Name, "http.") {
			class = classNetwork
		}
		out = append(out, RefusedBuiltin{Name: b.Name, Class: class, Reason: reason})
	}
	slices.SortFunc(out, func(a, b RefusedBuiltin) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Capabilities returns the sandbox every policy (built-in, custom and their
// tests) is compiled with: this OPA's builtins minus the refused ones, and
// no host allowed on the network.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		_, forbidden := forbiddenReason(b.Name)
		return forbidden || b.Nondeterministic
	})
	caps.AllowNet = []string{}
	return caps
}

// checkSandbox reports every call of a forbidden builtin in the modules,
// naming file:line and the builtin, before the compiler's terser
// "undefined function".
func checkSandbox(files []*moduleFile) error {
	var errs []string
	for _, f := range files {
		ast.WalkTerms(f.module, func(t *ast.Term) bool {
			ref, ok := t.Value.(ast.Ref)
			if !ok {
				return false
			}
			name := ref.String()
			if reason, forbidden := forbiddenReason(name); forbidden {
				errs = append(errs, fmt.Sprintf("%s %s:%d: %s is not allowed: %s",
					f.origin(), f.name, t.Location.Row, name, reason))
			}
			return false
		})
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		errs = slices.Compact(errs)
		return &LoadError{Problems: errs}
	}
	return nil
}
