package graph

import (
	"context"
	"net/http"
)

// headerKey carries extra request headers in a context.
type headerKey struct{}

// WithHeader returns a context whose requests (every attempt and every
// nextLink page of a Get or List made with it) also send the header key:
// value. It is for the few Graph calls that need one, such as
// "Prefer: include-unknown-enum-members" on Conditional Access, without
// widening the client's API. Headers the client owns (Authorization,
// Accept, Content-Type, User-Agent, client-request-id) cannot be replaced.
// Inner requests of a $batch do not inherit it.
func WithHeader(ctx context.Context, key, value string) context.Context {
	prev, _ := ctx.Value(headerKey{}).(http.Header)
	h := prev.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set(key, value)
	return context.WithValue(ctx, headerKey{}, h)
}

// ownedHeaders are set by the client itself and never taken from a context.
var ownedHeaders = map[string]bool{
	"Authorization": true, "Accept": true, "Content-Type": true, "User-Agent": true, "Client-Request-Id": true,
}

// setContextHeaders copies the headers added with WithHeader onto req.
func setContextHeaders(ctx context.Context, req *http.Request) {
	h, _ := ctx.Value(headerKey{}).(http.Header)
	for k, vs := range h {
		if ownedHeaders[http.CanonicalHeaderKey(k)] || len(vs) == 0 {
			continue
		}
		req.Header.Set(k, vs[0])
	}
}
