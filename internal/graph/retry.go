package graph

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Backoff bounds when the API gives no Retry-After (Graph's CA and identity
// protection 429s never do): capped exponential with full jitter.
const (
	backoffBase = time.Second
	backoffCap  = 60 * time.Second
)

// retryableStatus reports whether Graph asks us to come back later.
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests ||
		status == http.StatusServiceUnavailable ||
		status == http.StatusGatewayTimeout
}

// retryAfter parses a Retry-After value: delay seconds, possibly fractional
// ("2.128", as Graph documents it), or an HTTP-date. ok is false when the
// value is absent or unusable, so the caller backs off on its own.
func retryAfter(value string, now time.Time) (d time.Duration, ok bool) {
	v := strings.TrimSpace(value)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs < 0 || secs != secs || secs > 24*3600 { // negative, NaN or absurd
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)).Round(time.Millisecond), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// backoff is the full-jitter delay before retry number attempt (1-based):
// uniform in [0, min(cap, base*2^(attempt-1))].
func backoff(attempt int) time.Duration {
	ceiling := backoffBase
	for i := 1; i < attempt && ceiling < backoffCap; i++ {
		ceiling *= 2
	}
	if ceiling > backoffCap {
		ceiling = backoffCap
	}
	return rand.N(ceiling + 1)
}

// transientNetError reports errors worth another attempt: resets, aborted
// or half-closed connections and timeouts. Certificate errors, refused
// redirects and our own cancellation are final.
func transientNetError(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return false
}

// sleepCtx waits for d or until ctx ends, whichever is first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
