package graphtest

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
)

// Fault is one rule of injected failure. A request matching several rules
// gets the first that fires.
type Fault struct {
	// Path is the request path without query, matched case-insensitively;
	// a trailing "*" makes it a prefix; "" matches every path except the
	// $batch envelope (inner batch requests are matched by their own path,
	// so throttling hits them individually, as in Graph).
	Path string
	// Method limits the rule to one HTTP method; "" = any.
	Method string
	// Status is the answer, e.g. 429, 503, 401, 403, 404.
	Status int
	// Code and Message go into the error body; defaults follow the status
	// (TooManyRequests, serviceNotAvailable, ...).
	Code, Message string
	// RetryAfter is the Retry-After header value ("2", "2.128"); "" sends
	// none, like Graph's CA throttling.
	RetryAfter string
	// Times stops the rule after it fired that often ("N failures then
	// success"); 0 = no limit.
	Times int
	// Rate is the fraction of matching requests that fail, drawn from the
	// seeded PRNG; 0 means every matching request.
	Rate float64
}

// Faults injects failures deterministically (for a given request order)
// and is safe for concurrent use.
type Faults struct {
	mu    sync.Mutex
	rng   *rand.Rand
	rules []*faultRule
	fired int
}

type faultRule struct {
	Fault
	fired int
}

// NewFaults returns faults drawing from a PRNG seeded with seed.
func NewFaults(seed int64, rules ...Fault) *Faults {
	f := &Faults{rng: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))}
	return f.Add(rules...)
}

// Add appends rules and returns f.
func (f *Faults) Add(rules ...Fault) *Faults {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range rules {
		f.rules = append(f.rules, &faultRule{Fault: r})
	}
	return f
}

// Throttle adds a rule answering 429 to a fraction rate of all requests,
// with the given Retry-After value ("" for none).
func (f *Faults) Throttle(rate float64, retryAfter string) *Faults {
	return f.Add(Fault{Status: http.StatusTooManyRequests, Rate: rate, RetryAfter: retryAfter})
}

// Fired is how many failures were injected so far.
func (f *Faults) Fired() int {
	if f == nil {
		return 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fired
}

// pick returns the fault for this request, if one fires.
func (f *Faults) pick(method, path string, batchEnvelope bool) *Fault {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.rules {
		if !r.matches(method, path, batchEnvelope) || (r.Times > 0 && r.fired >= r.Times) {
			continue
		}
		if r.Rate > 0 && r.Rate < 1 && f.rng.Float64() >= r.Rate {
			continue
		}
		r.fired++
		f.fired++
		ft := r.Fault
		if ft.Code == "" {
			ft.Code = defaultCode(ft.Status)
		}
		if ft.Message == "" {
			ft.Message = defaultMessage(ft.Status)
		}
		return &ft
	}
	return nil
}

func (r *faultRule) matches(method, path string, batchEnvelope bool) bool {
	if r.Method != "" && !strings.EqualFold(r.Method, method) {
		return false
	}
	switch {
	case r.Path == "":
		return !batchEnvelope
	case strings.HasSuffix(r.Path, "*"):
		return strings.HasPrefix(canonicalPath(path)+"/", strings.ToLower(strings.TrimSuffix(r.Path, "*")))
	default:
		return canonicalPath(r.Path) == canonicalPath(path)
	}
}

func defaultCode(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "TooManyRequests"
	case http.StatusServiceUnavailable:
		return "serviceNotAvailable"
	case http.StatusGatewayTimeout:
		return "gatewayTimeout"
	case http.StatusUnauthorized:
		return "InvalidAuthenticationToken"
	case http.StatusForbidden:
		return "Authorization_RequestDenied"
	case http.StatusNotFound:
		return "Request_ResourceNotFound"
	default:
		return "generalException"
	}
}

func defaultMessage(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "Please retry again later."
	case http.StatusForbidden:
		return "Insufficient privileges to complete the operation."
	case http.StatusUnauthorized:
		return "Access token validation failure."
	default:
		return http.StatusText(status)
	}
}
