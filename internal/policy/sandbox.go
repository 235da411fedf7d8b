package policy

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// forbiddenBuiltins are the builtins policies may not call, with why. On
// top of these, every builtin OPA marks nondeterministic is removed (see
// Capabilities), so a new one in a future OPA is refused by default.
//
// Kept on purpose: net.cidr_* (pure functions on their arguments, useful
// for named locations), io.jwt.decode and io.jwt.verify_* (pure given the
// key), uuid.parse, rego.parse_module, trace (inert without a tracer;
// print is compiled out in production).
var forbiddenBuiltins = map[string]string{
	"http.send":              "policies run sandboxed without network access",
	"net.lookup_ip_addr":     "policies run sandboxed without network access (DNS)",
	"opa.runtime":            "policies may not read the process environment or configuration",
	"time.now_ns":            "policies may not read the wall clock: use input.meta.evaluationTime (data.lib.tenant.evaluation_ns)",
	"rand.intn":              "policies must be deterministic",
	"uuid.rfc4122":           "policies must be deterministic",
	"io.jwt.encode_sign":     "policies must be deterministic and may not sign tokens",
	"io.jwt.encode_sign_raw": "policies must be deterministic and may not sign tokens",
	"io.jwt.decode_verify":   "it reads the wall clock: use io.jwt.decode and io.jwt.verify_* instead",
	"json.match_schema":      "it may fetch remote schema references: policies run sandboxed without network access",
	"json.verify_schema":     "it may fetch remote schema references: policies run sandboxed without network access",
	"providers.aws.sign_req": "it only serves outbound HTTP requests, which policies may not make",
}

// forbiddenReason says why name may not be used; ok is false for allowed
// builtins.
func forbiddenReason(name string) (reason string, ok bool) {
	if r, found := forbiddenBuiltins[name]; found {
		return r, true
	}
	if strings.HasPrefix(name, "http.") {
		return "policies run sandboxed without network access", true
	}
	if nondeterministic()[name] {
		return "policies must be deterministic", true
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

// Capabilities returns the sandbox every policy (built-in, custom and their
// tests) is compiled with: this OPA's builtins minus the forbidden and the
// nondeterministic ones, and no host allowed on the network.
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
