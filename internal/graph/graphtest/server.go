package graphtest

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultPageSize is Graph's default page size for directory objects.
const DefaultPageSize = 100

// ServerOptions tunes the fake Graph.
type ServerOptions struct {
	// PageSize is the server-side page size when the client sends no $top;
	// default DefaultPageSize.
	PageSize int
	// Faults injects failures; nil injects none.
	Faults *Faults
	// Latency delays every envelope request (not inner batch requests).
	Latency time.Duration
	// RequireToken, when set, makes requests without
	// "Authorization: Bearer <RequireToken>" fail with 401
	// InvalidAuthenticationToken. Inner batch requests inherit the envelope's
	// Authorization header.
	RequireToken string
	// ShuffleSeed seeds the order of $batch responses (always shuffled,
	// deterministically for a given seed and set of ids).
	ShuffleSeed int64
	// NextLinkOrigin, when set, replaces the request's own origin in
	// @odata.nextLink, e.g. to hand out a link to a foreign host.
	NextLinkOrigin string
	// StrictPacing answers 429 without Retry-After to a Conditional Access
	// or Identity Protection request arriving less than a second (by Now)
	// after the previous one, as Graph does per tenant.
	StrictPacing bool
	// Throttling, when set, throttles like Graph (pacing as StrictPacing,
	// resource-unit budget, random 429s) and counts requests for
	// Fake.ThrottleStats; see Throttling.
	Throttling *Throttling
	// Now is the clock for recorded times, error dates, StrictPacing and
	// Throttling;
	// default time.Now. Share a Clock with the client under test.
	Now func() time.Time
}

// RecordedRequest is what the fake saw of one request.
type RecordedRequest struct {
	Method     string
	URL        string // path and query as received, e.g. /v1.0/users?$top=5
	Path       string // decoded path
	Host       string
	Time       time.Time // by ServerOptions.Now, on arrival
	Authorized bool      // an Authorization header was present
	Paced      bool      // Conditional Access / Identity Protection (1 request/second/tenant in Graph)
	InBatch    bool      // an inner request of a $batch
	Status     int       // the status answered
}

// Fake is the fake Graph (and ARM) as an http.Handler. It is safe for
// concurrent use.
type Fake struct {
	tenant *Tenant
	opts   ServerOptions
	// throttle is nil unless opts.Throttling is set.
	throttle *throttle

	mu             sync.Mutex
	reqs           []RecordedRequest
	lastPaced      time.Time
	nextLinkOrigin string // overrides opts.NextLinkOrigin when set

	asked sync.Map // method and URL -> *atomic.Uint64: how often it was asked, for request ids
}

// NewFake returns the fake serving tenant.
func NewFake(t *Tenant, opts ServerOptions) *Fake {
	if t == nil {
		t = NewTenant()
	}
	if opts.PageSize <= 0 {
		opts.PageSize = DefaultPageSize
	}
	if opts.PageSize > maxTop {
		opts.PageSize = maxTop
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	f := &Fake{tenant: t, opts: opts}
	if opts.Throttling != nil {
		f.throttle = newThrottle(*opts.Throttling)
	}
	return f
}

// Handler returns the fake Graph serving t, for in-process use with
// NewTransport or an own server.
func Handler(t *Tenant, opts ServerOptions) http.Handler { return NewFake(t, opts) }

// Tenant is the tenant being served; tests may change it between requests.
func (f *Fake) Tenant() *Tenant { return f.tenant }

// Requests returns a copy of every request seen so far, in arrival order.
func (f *Fake) Requests() []RecordedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]RecordedRequest(nil), f.reqs...)
}

// SetNextLinkOrigin makes later nextLinks point at origin (scheme://host)
// instead of the request's own origin, e.g. to test that a client refuses
// to follow them; "" restores the default.
func (f *Fake) SetNextLinkOrigin(origin string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextLinkOrigin = origin
}

// ResetRequests forgets the recorded requests.
func (f *Fake) ResetRequests() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = nil
}

// ServeHTTP answers one request like Graph or ARM would.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.opts.Latency > 0 {
		t := time.NewTimer(f.opts.Latency)
		select {
		case <-r.Context().Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	f.serve(w, r, false)
}

// serve records and routes a request (envelope or inner batch request).
func (f *Fake) serve(w http.ResponseWriter, r *http.Request, inBatch bool) {
	sw := &statusWriter{ResponseWriter: w}
	idx := f.record(r, inBatch)
	f.route(sw, r, inBatch)
	f.mu.Lock()
	f.reqs[idx].Status = sw.status
	f.mu.Unlock()
	if f.throttle != nil {
		f.throttle.observe(r, isBatchPath(r.URL.Path), inBatch, sw.status, sw.Header())
	}
}

func (f *Fake) record(r *http.Request, inBatch bool) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, RecordedRequest{
		Method:     r.Method,
		URL:        r.URL.RequestURI(),
		Path:       r.URL.Path,
		Host:       r.Host,
		Time:       f.opts.Now(),
		Authorized: r.Header.Get("Authorization") != "",
		Paced:      isPacedPath(r.URL.Path),
		InBatch:    inBatch,
	})
	return len(f.reqs) - 1
}

// isPacedPath reports Graph's 1 request/second/tenant class: Conditional
// Access and Identity Protection, under any version.
func isPacedPath(path string) bool {
	p := strings.ToLower(path)
	if i := strings.IndexByte(p[min(1, len(p)):], '/'); i >= 0 {
		p = p[i+1:]
	}
	return strings.HasPrefix(p, "/identity/conditionalaccess") || strings.HasPrefix(p, "/identityprotection")
}

func (f *Fake) route(w http.ResponseWriter, r *http.Request, inBatch bool) {
	path := r.URL.Path
	rp := responder{w: w, arm: isARMPath(path), requestID: f.newRequestID(r), clientRequestID: r.Header.Get("client-request-id"), now: f.opts.Now()}
	if rp.arm {
		w.Header().Set("x-ms-request-id", rp.requestID)
	} else {
		w.Header().Set("request-id", rp.requestID)
		if rp.clientRequestID != "" {
			w.Header().Set("client-request-id", rp.clientRequestID)
		}
	}
	if tok := f.opts.RequireToken; tok != "" {
		switch got := r.Header.Get("Authorization"); {
		case got == "":
			rp.fail(http.StatusUnauthorized, "InvalidAuthenticationToken", "Access token is empty.")
			return
		case got != "Bearer "+tok:
			rp.fail(http.StatusUnauthorized, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.")
			return
		}
	}
	envelope := isBatchPath(path)
	if ft := f.opts.Faults.pick(r.Method, path, envelope); ft != nil {
		if ft.RetryAfter != "" {
			w.Header().Set("Retry-After", ft.RetryAfter)
		}
		rp.fail(ft.Status, ft.Code, ft.Message)
		return
	}
	paced := isPacedPath(path)
	if (f.opts.StrictPacing || f.throttle != nil) && paced && !f.paceOK() {
		rp.fail(http.StatusTooManyRequests, "TooManyRequests", "Too many requests to Conditional Access or Identity Protection: 1 request per second per tenant.")
		return
	}
	if f.throttle != nil && !envelope && f.throttle.admit(r.Method, r.URL.RequestURI(), paced, f.opts.Now()).apply(rp) {
		return
	}
	switch {
	case envelope && inBatch:
		rp.fail(http.StatusBadRequest, "BadRequest", "Nested batch requests are not supported.")
	case envelope && r.Method != http.MethodPost:
		rp.fail(http.StatusMethodNotAllowed, "BadRequest", "Use POST for $batch.")
	case envelope:
		f.serveBatch(rp, r)
	case r.Method == http.MethodPost && isGetByIDsPath(path):
		f.serveGetByIDs(rp, r)
	case r.Method != http.MethodGet:
		rp.fail(http.StatusMethodNotAllowed, "Request_BadRequest", "Specified HTTP method is not allowed for the request target: the fake serves GET (and POST directoryObjects/getByIds).")
	default:
		f.serveGet(rp, r)
	}
}

// paceOK applies Graph's 1 request/second limit on paced endpoints.
func (f *Fake) paceOK() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.opts.Now()
	if !f.lastPaced.IsZero() && now.Sub(f.lastPaced) < time.Second {
		return false
	}
	f.lastPaced = now
	return true
}

func (f *Fake) serveGet(rp responder, r *http.Request) {
	path := r.URL.Path
	if rp.arm {
		if v, _ := queryValue(r.URL.Query(), "api-version"); v == "" {
			rp.fail(http.StatusBadRequest, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.")
			return
		}
	}
	fnd, ok := f.tenant.lookup(path)
	if !ok {
		if rp.arm {
			rp.fail(http.StatusNotFound, "ResourceNotFound", fmt.Sprintf("The resource '%s' was not found.", path))
		} else {
			rp.fail(http.StatusNotFound, "Request_ResourceNotFound", fmt.Sprintf("Resource '%s' does not exist or one of its queried reference-property objects are not present.", lastSegment(path)))
		}
		return
	}
	if fnd.failure != nil {
		rp.fail(fnd.failure.Status, fnd.failure.Code, fnd.failure.Message)
		return
	}
	// ARM has its own $filter dialect (atScope(), ...): not interpreted.
	oq, err := parseODataQuery(r.URL.Query(), !rp.arm)
	if err != nil {
		qe := err.(*queryError)
		rp.fail(http.StatusBadRequest, qe.code, qe.message)
		return
	}
	if !fnd.collection {
		rp.raw(http.StatusOK, applySelect(fnd.object, oq.selects))
		return
	}
	var items []json.RawMessage
	if ids, ok := idFilter(oq.filter); ok {
		items = f.tenant.membersByID(path, ids)
	} else {
		items = applyFilter(fnd.items, oq.filter)
	}
	size := f.opts.PageSize
	if oq.top > 0 {
		size = oq.top
	}
	start := min(oq.skip, len(items))
	end := min(start+size, len(items))
	page := items[start:end]
	if len(oq.selects) > 0 {
		sel := make([]json.RawMessage, len(page))
		for i, it := range page {
			sel[i] = applySelect(it, oq.selects)
		}
		page = sel
	}
	next := ""
	if end < len(items) {
		next = f.origin(r) + r.URL.EscapedPath() + "?" + withSkipToken(r.URL.RawQuery, encodeSkipToken(end))
	}
	rp.page(f.contextURL(r), page, next)
}

// origin is where nextLinks point: the request's own origin, as Graph does,
// unless NextLinkOrigin overrides it.
func (f *Fake) origin(r *http.Request) string {
	f.mu.Lock()
	override := f.nextLinkOrigin
	f.mu.Unlock()
	if override == "" {
		override = f.opts.NextLinkOrigin
	}
	if override != "" {
		return strings.TrimRight(override, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// contextURL is Graph's @odata.context, e.g.
// https://graph.microsoft.com/v1.0/$metadata#users.
func (f *Fake) contextURL(r *http.Request) string {
	p := strings.TrimPrefix(r.URL.Path, "/")
	version, rest, _ := strings.Cut(p, "/")
	return f.origin(r) + "/" + version + "/$metadata#" + rest
}

// withSkipToken keeps the original query options as sent and replaces the
// skip token.
func withSkipToken(rawQuery, token string) string {
	var parts []string
	for _, kv := range strings.Split(rawQuery, "&") {
		if kv == "" {
			continue
		}
		k, _, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); err == nil && strings.EqualFold(strings.TrimPrefix(dk, "$"), "skiptoken") {
			continue
		}
		parts = append(parts, kv)
	}
	return strings.Join(append(parts, "$skiptoken="+token), "&")
}

func lastSegment(path string) string {
	path = strings.TrimRight(path, "/")
	return path[strings.LastIndexByte(path, '/')+1:]
}

func isBatchPath(path string) bool {
	p := strings.ToLower(strings.TrimRight(path, "/"))
	return p == "/v1.0/$batch" || p == "/beta/$batch"
}

// newRequestID gives each request an id that depends only on what was
// asked and how often (a retry gets a new one), not on the order requests
// arrived in: concurrent runs over one tenant then record the same ids.
func (f *Fake) newRequestID(r *http.Request) string {
	key := r.Method + " " + r.URL.String()
	n, _ := f.asked.LoadOrStore(key, new(atomic.Uint64))
	sum := sha256.Sum256(fmt.Appendf(nil, "%s #%d", key, n.(*atomic.Uint64).Add(1)))
	return fmt.Sprintf("00000000-0000-4000-8000-%x", sum[:6])
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Server is the fake Graph on a loopback TLS listener.
type Server struct {
	URL string // https://127.0.0.1:port
	*Fake
	srv *httptest.Server
}

// NewServer starts the fake Graph serving t over TLS on loopback. Use
// Client for an *http.Client that trusts it; Close when done.
func NewServer(t *Tenant, opts ServerOptions) *Server {
	fake := NewFake(t, opts)
	srv := httptest.NewTLSServer(fake)
	return &Server{URL: srv.URL, Fake: fake, srv: srv}
}

// Client returns an HTTP client trusting the server's certificate.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// NewTransport serves requests in process through h, without a socket:
// the binary's --demo mode and fast tests. Requests look to h as if they
// came over the network (RequestURI, RemoteAddr, Host, and TLS for https).
func NewTransport(h http.Handler) http.RoundTripper { return inProcess{h} }

type inProcess struct{ h http.Handler }

func (t inProcess) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	in := req.Clone(req.Context())
	in.Body = io.NopCloser(bytes.NewReader(body))
	in.ContentLength = int64(len(body))
	in.RequestURI = req.URL.RequestURI()
	in.URL = &url.URL{Path: req.URL.Path, RawPath: req.URL.RawPath, RawQuery: req.URL.RawQuery}
	in.RemoteAddr = "127.0.0.1:49152"
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	in.Proto, in.ProtoMajor, in.ProtoMinor = "HTTP/1.1", 1, 1
	if strings.EqualFold(req.URL.Scheme, "https") {
		in.TLS = &tls.ConnectionState{Version: tls.VersionTLS13, HandshakeComplete: true, ServerName: req.URL.Hostname()}
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, in)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}
