package graph

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// ErrForeignOrigin is wrapped by errors for URLs (nextLinks, redirects)
// that leave the configured API origin. Nothing is sent to them.
var ErrForeignOrigin = errors.New("URL is not on the configured API origin")

// origin is the scheme, host and path prefix that every request of a Client
// must stay on. The bearer token is only ever attached to URLs it accepts.
type origin struct {
	scheme string // "https", or "http" for loopback hosts only
	host   string // host[:port], lower case
	prefix string // optional path prefix without trailing slash, e.g. "" or "/graph"
}

// parseBaseURL checks the configured base URL: https anywhere, plain http
// only on loopback (tests and the in-process demo), no query or fragment.
func parseBaseURL(raw string) (origin, error) {
	if strings.TrimSpace(raw) == "" {
		return origin{}, errors.New("graph: base URL is empty: set it to the API root, e.g. https://graph.microsoft.com")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return origin{}, fmt.Errorf("graph: base URL %q is not a URL: %w", raw, err)
	}
	if u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return origin{}, fmt.Errorf("graph: base URL %q must be scheme://host[/prefix] with no user, query or fragment", raw)
	}
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return origin{}, fmt.Errorf("graph: base URL %q uses http on a non-loopback host: use https (plain http is only for 127.0.0.1, ::1 or localhost)", raw)
		}
	default:
		return origin{}, fmt.Errorf("graph: base URL %q must use https", raw)
	}
	return origin{scheme: scheme, host: canonicalHost(scheme, u.Host), prefix: strings.TrimRight(u.Path, "/")}, nil
}

// canonicalHost lower-cases host[:port] and drops the scheme's default port,
// so https://graph.microsoft.com:443 is the same origin as
// https://graph.microsoft.com.
func canonicalHost(scheme, host string) string {
	h := strings.ToLower(host)
	if scheme == "https" {
		return strings.TrimSuffix(h, ":443")
	}
	if scheme == "http" {
		return strings.TrimSuffix(h, ":80")
	}
	return h
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (o origin) String() string { return o.scheme + "://" + o.host + o.prefix }

// resolve turns a caller path ("/v1.0/users?$top=5") or an absolute URL
// handed back by the API (an @odata.nextLink) into a URL on this origin. An
// absolute URL elsewhere is refused before any request exists, so the token
// cannot leak to it.
func (o origin) resolve(ref string) (*url.URL, error) {
	if ref == "" {
		return nil, errors.New("graph: empty request path")
	}
	if strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") {
		u, err := url.Parse(o.String() + escapeLoose(ref))
		if err != nil {
			return nil, fmt.Errorf("graph: bad request path %q: %w", ref, err)
		}
		return u, nil
	}
	u, err := url.Parse(escapeLoose(ref))
	if err != nil {
		return nil, fmt.Errorf("graph: bad URL %q: %w", ref, err)
	}
	if !u.IsAbs() {
		return nil, fmt.Errorf("graph: request path %q must start with / (e.g. /v1.0/users)", ref)
	}
	if err := o.check(u); err != nil {
		return nil, err
	}
	return u, nil
}

// check refuses a URL whose scheme, host or path prefix differs from the
// configured base.
func (o origin) check(u *url.URL) error {
	scheme := strings.ToLower(u.Scheme)
	host := canonicalHost(scheme, u.Host)
	if scheme != o.scheme || host != o.host || u.User != nil {
		return fmt.Errorf("graph: refusing to follow %s://%s%s: %w %s (the access token is only sent there)",
			u.Scheme, u.Host, u.EscapedPath(), ErrForeignOrigin, o)
	}
	if o.prefix != "" && u.Path != o.prefix && !strings.HasPrefix(u.Path, o.prefix+"/") {
		return fmt.Errorf("graph: refusing to follow %s: %w %s (its path is outside the root)", redactURL(u), ErrForeignOrigin, o)
	}
	return nil
}

// checkRedirect allows only same-origin redirects, so the Authorization
// header is never replayed to another host.
func (o origin) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("graph: stopped after 5 redirects")
	}
	if err := o.check(req.URL); err != nil {
		return fmt.Errorf("graph: redirect refused: %w", err)
	}
	return nil
}

// relPath is the path of u below the origin prefix, e.g. "/v1.0/users".
func (o origin) relPath(u *url.URL) string {
	p := strings.TrimPrefix(u.Path, o.prefix)
	if p == "" {
		return "/"
	}
	return p
}

// redactURL prints a URL for errors and logs: scheme, host, path, and the
// query (Graph and ARM queries carry no secrets; user info is dropped).
func redactURL(u *url.URL) string {
	c := *u
	c.User = nil
	c.Fragment = ""
	return c.String()
}

// escapeLoose percent-encodes the bytes that may not appear raw in a URL
// (spaces in $filter clauses, quotes, non-ASCII), leaving existing %XX
// escapes and OData punctuation ($ ' ( ) , = &) alone, so callers can write
// "/v1.0/users?$filter=startswith(displayName,'a b')".
func escapeLoose(s string) string {
	needs := false
	for i := 0; i < len(s); i++ {
		if mustEscape(s[i]) {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if mustEscape(c) {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func mustEscape(c byte) bool {
	if c <= ' ' || c >= 0x7f {
		return true
	}
	switch c {
	case '"', '<', '>', '\\', '^', '`', '{', '|', '}':
		return true
	}
	return false
}
