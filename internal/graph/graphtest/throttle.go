package graphtest

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Throttling makes the fake throttle like Graph (set
// ServerOptions.Throttling; nil, the default, throttles nothing):
//
//   - Conditional Access and Identity Protection at one request per second
//     per tenant, their 429s without Retry-After (as StrictPacing);
//   - every other Graph request charged ResourceUnits against a budget of
//     Units per Window; a request the window cannot pay for is answered 429
//     with Retry-After the time left in the window (fractional seconds,
//     "2.128", as Graph sends it) and is not charged;
//   - a fraction RandomRate of requests answered 429 whatever the budget,
//     with Retry-After RandomRetryAfter (none on paced paths, which never
//     carry one);
//   - answered requests carry x-ms-resource-unit (their cost) and, once the
//     window is 80% used, x-ms-throttle-limit-percentage.
//
// Inner $batch requests are throttled and charged one by one, their 429s
// carrying their own Retry-After, as in Graph; the envelope itself is
// never throttled and costs nothing (one round trip of ServerOptions.Latency,
// which also models the per-request latency). Windows are fixed: one starts
// with the first charged request after the previous ended. Fake.ThrottleStats
// counts what happened per request and per label (WithLabel).
type Throttling struct {
	// Units is the resource-unit budget per Window; 0 charges nothing.
	// Graph gives an app in a tenant 3,500 (under 50 users), 5,000 (up to
	// 500) or 8,000 (larger).
	Units int
	// Window is the budget's period; default 10 s.
	Window time.Duration
	// RandomRate is the fraction of requests (inner $batch requests
	// included, envelopes not) answered 429 regardless of the budget.
	RandomRate float64
	// RandomRetryAfter is those 429s' Retry-After; default 1 s.
	RandomRetryAfter time.Duration
	// Seed seeds the random 429s (deterministic for a given request order).
	Seed int64
}

// throttle is the state of a Throttling.
type throttle struct {
	cfg Throttling

	mu          sync.Mutex
	rng         *rand.Rand
	windowStart time.Time
	used        int
	stats       ThrottleStats
}

func newThrottle(cfg Throttling) *throttle {
	if cfg.Window <= 0 {
		cfg.Window = 10 * time.Second
	}
	if cfg.RandomRetryAfter <= 0 {
		cfg.RandomRetryAfter = time.Second
	}
	return &throttle{cfg: cfg, rng: rand.New(rand.NewPCG(uint64(cfg.Seed), 0x5851f42d4c957f2d)), stats: newThrottleStats()}
}

// verdict is the throttle's answer to one request.
type verdict struct {
	throttled  bool
	retryAfter time.Duration // 0: no Retry-After header
	units      int           // charged
	usedShare  float64       // of the window's budget, after charging
}

// admit decides a non-envelope request that passed pacing.
func (t *throttle) admit(method, target string, paced bool, now time.Time) verdict {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cfg.RandomRate > 0 && t.rng.Float64() < t.cfg.RandomRate {
		v := verdict{throttled: true}
		if !paced {
			v.retryAfter = t.cfg.RandomRetryAfter
		}
		return v
	}
	if t.cfg.Units <= 0 {
		return verdict{}
	}
	cost := ResourceUnits(method, target)
	if cost == 0 {
		return verdict{}
	}
	if t.windowStart.IsZero() || !now.Before(t.windowStart.Add(t.cfg.Window)) {
		t.windowStart, t.used = now, 0
	}
	if t.used+cost > t.cfg.Units {
		return verdict{throttled: true, retryAfter: max(t.windowStart.Add(t.cfg.Window).Sub(now), time.Millisecond)}
	}
	t.used += cost
	return verdict{units: cost, usedShare: float64(t.used) / float64(t.cfg.Units)}
}

// apply writes the verdict's headers; true when the request was throttled
// (answered here).
func (v verdict) apply(rp responder) bool {
	h := rp.w.Header()
	if v.throttled {
		if v.retryAfter > 0 {
			h.Set("Retry-After", strconv.FormatFloat(v.retryAfter.Seconds(), 'f', 3, 64))
		}
		rp.fail(http.StatusTooManyRequests, "TooManyRequests", "Please retry again later.")
		return true
	}
	if v.units > 0 {
		h.Set("x-ms-resource-unit", strconv.Itoa(v.units))
	}
	if v.usedShare >= 0.8 {
		h.Set("x-ms-throttle-limit-percentage", strconv.FormatFloat(v.usedShare, 'f', 1, 64))
	}
	return false
}
