package graph

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Options configures a Client. Only BaseURL is required.
type Options struct {
	// BaseURL is the scheme and host (and optional path prefix) of the API,
	// e.g. https://graph.microsoft.com or https://management.azure.com. It
	// must be https, except on loopback hosts (tests, demo).
	BaseURL string
	// Credential supplies bearer tokens; nil sends no Authorization header
	// (tests and the in-process demo only).
	Credential Credential
	// Scope asked of the credential; default Scope(BaseURL).
	Scope string
	// HTTPClient sends the requests; default a client with sane timeouts.
	// Its CheckRedirect is replaced (on a copy) so redirects never leave the
	// base origin.
	HTTPClient *http.Client
	// MaxRetries is how many times a request is retried after the first
	// attempt (429, 503, 504, transient network errors). 0 means 6;
	// negative means never retry.
	MaxRetries int
	// MaxConcurrency bounds concurrent requests of this client; default 4.
	MaxConcurrency int
	// Logger receives debug lines per request (never headers); default discard.
	Logger *slog.Logger
	// Sleep waits between attempts and for pacing; it must return early with
	// ctx.Err() when ctx ends. Default: a timer honouring ctx.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock for pacing and HTTP-date Retry-After; default time.Now.
	Now func() time.Time
	// PacePrefixes are API paths, below the version segment, whose
	// requests this client spaces (at one request per second unless
	// PaceIntervals says otherwise); default DefaultPacePrefixes. Use a
	// non-nil empty slice to pace nothing.
	PacePrefixes []string
	// PaceIntervals spaces the requests of some of PacePrefixes (same
	// spelling, case-insensitive) by another interval, e.g.
	// {"/auditLogs/": 2 * time.Second}. Nil means DefaultPaceIntervals when
	// PacePrefixes is nil too, and none when PacePrefixes is set.
	PaceIntervals map[string]time.Duration
	// UserAgent sent with every request; default "entra-audit".
	UserAgent string
}

// Client sends requests to one API origin (Graph or ARM) with retries,
// pacing, bounded concurrency and typed errors. It is safe for concurrent
// use.
type Client struct {
	base       origin
	cred       Credential
	scope      string
	http       *http.Client
	maxRetries int
	sem        chan struct{}
	log        *slog.Logger
	sleep      func(context.Context, time.Duration) error
	now        func() time.Time
	pacer      *pacer
	gate       *gate
	userAgent  string
}

const (
	defaultMaxRetries     = 6
	defaultMaxConcurrency = 4
	maxResponseBytes      = 64 << 20
)

// New checks opts and returns a Client.
func New(opts Options) (*Client, error) {
	base, err := parseBaseURL(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:       base,
		cred:       opts.Credential,
		scope:      opts.Scope,
		maxRetries: opts.MaxRetries,
		log:        opts.Logger,
		sleep:      opts.Sleep,
		now:        opts.Now,
		userAgent:  opts.UserAgent,
	}
	if c.scope == "" {
		c.scope = Scope(base.scheme + "://" + base.host)
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = defaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	n := opts.MaxConcurrency
	if n <= 0 {
		n = defaultMaxConcurrency
	}
	c.sem = make(chan struct{}, n)
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.userAgent == "" {
		c.userAgent = "entra-audit"
	}
	prefixes, intervals := opts.PacePrefixes, opts.PaceIntervals
	if prefixes == nil {
		prefixes = DefaultPacePrefixes
		if intervals == nil {
			intervals = DefaultPaceIntervals
		}
	}
	c.pacer = newPacer(prefixes, intervals, c.now, c.sleep)
	c.gate = &gate{now: c.now, sleep: c.sleep}
	hc := opts.HTTPClient
	if hc == nil {
		hc = defaultHTTPClient()
	}
	copied := *hc
	copied.CheckRedirect = base.checkRedirect
	c.http = &copied
	return c, nil
}

func defaultHTTPClient() *http.Client {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConnsPerHost:   defaultMaxConcurrency * 2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 90 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: 3 * time.Minute}
}

// BaseURL is the configured API root, e.g. https://graph.microsoft.com.
func (c *Client) BaseURL() string { return c.base.String() }

// Get fetches path (e.g. "/v1.0/policies/authorizationPolicy", or for ARM
// "/subscriptions?api-version=2022-12-01") and decodes the JSON body into
// out (a struct, map or *json.RawMessage; nil discards it).
func (c *Client) Get(ctx context.Context, path string, out any) error {
	u, err := c.base.resolve(path)
	if err != nil {
		return err
	}
	res, err := c.send(ctx, http.MethodGet, u, nil, nil)
	if err != nil {
		return err
	}
	return decodeInto(res.body, out, http.MethodGet, u)
}

func decodeInto(body []byte, out any, method string, u *url.URL) error {
	if out == nil || len(body) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("graph: %s %s: decode response: %w", method, redactURL(u), err)
	}
	return nil
}

// response is one answered attempt.
type response struct {
	status int
	header http.Header
	body   []byte
}

// send performs method on u, retrying throttling, unavailability and
// transient network errors up to the cap, and returns the 2xx response.
func (c *Client) send(ctx context.Context, method string, u *url.URL, body []byte, header map[string]string) (*response, error) {
	target := redactURL(u)
	lane := c.pacer.laneOf(c.base.relPath(u))
	clientRequestID := newRequestID()
	counters := countersOf(ctx)
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("graph: %s %s: %w", method, target, err)
		}
		if !isEnvelope(ctx) {
			counters.call(1)
		}
		res, netErr, err := c.attempt(ctx, method, u, body, header, lane, attempt, clientRequestID)
		if err != nil {
			return nil, err
		}
		if netErr != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("graph: %s %s: %w", method, target, ctx.Err())
			}
			if !transientNetError(netErr) || attempt > c.maxRetries {
				return nil, fmt.Errorf("graph: %s %s failed after %d attempt(s): %w", method, target, attempt, netErr)
			}
			counters.wait(backoff(attempt))
			if err := c.sleep(ctx, backoff(attempt)); err != nil {
				return nil, fmt.Errorf("graph: %s %s: waiting to retry: %w", method, target, err)
			}
			continue
		}
		if res.status >= 200 && res.status < 300 {
			if lane == nil {
				c.gate.hold(holdFor(res.header.Get))
			}
			return res, nil
		}
		if !retryableStatus(res.status) || attempt > c.maxRetries {
			return nil, newAPIError(method, target, res.status, res.header.Get, res.body, attempt)
		}
		d, ok := retryAfter(res.header.Get("Retry-After"), c.now())
		if !ok {
			d = backoff(attempt)
		} else if lane == nil && res.status == http.StatusTooManyRequests {
			c.gate.hold(d)
		}
		if res.status == http.StatusTooManyRequests {
			counters.throttle(1)
		}
		counters.wait(d)
		c.log.LogAttrs(ctx, slog.LevelDebug, "graph retry", slog.String("method", method), slog.String("url", target),
			slog.Int("status", res.status), slog.Int("attempt", attempt), slog.Duration("wait", d))
		if err := c.sleep(ctx, d); err != nil {
			return nil, fmt.Errorf("graph: %s %s: waiting %s to retry after %d: %w", method, target, d, res.status, err)
		}
	}
}

// attempt sends the request once, through lane when it is paced (non-nil).
// netErr is a transport failure that may be retried; err is final (no
// token, cancelled while queued, bad request).
func (c *Client) attempt(ctx context.Context, method string, u *url.URL, body []byte, header map[string]string,
	lane *lane, attempt int, clientRequestID string) (res *response, netErr, err error) {
	target := redactURL(u)
	paced := lane != nil
	if paced {
		release, err := c.pacer.acquire(ctx, lane)
		if err != nil {
			return nil, nil, fmt.Errorf("graph: %s %s: waiting for the pace of one request every %s: %w", method, target, lane.interval, err)
		}
		defer release()
	} else {
		waited, err := c.gate.wait(ctx)
		countersOf(ctx).wait(waited)
		if err != nil {
			return nil, nil, fmt.Errorf("graph: %s %s: waiting for Graph's throttling budget: %w", method, target, err)
		}
	}
	// A paced lane already sends one request at a time; taking a
	// concurrency slot too would delay it after its turn began, and the
	// next one would reach Graph less than the interval behind it.
	if !paced {
		select {
		case c.sem <- struct{}{}:
			defer func() { <-c.sem }()
		case <-ctx.Done():
			return nil, nil, fmt.Errorf("graph: %s %s: %w", method, target, ctx.Err())
		}
	}

	var rdr io.Reader
	if body != nil {
		rdr = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rdr)
	if err != nil {
		return nil, nil, fmt.Errorf("graph: build %s %s: %w", method, target, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("client-request-id", clientRequestID)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	setContextHeaders(ctx, req)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if c.cred != nil {
		tok, err := c.cred.Token(ctx, c.scope)
		if err != nil {
			return nil, nil, fmt.Errorf("graph: get a token for %s: %w", c.scope, err)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}

	if paced {
		c.pacer.sent(lane)
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.log.LogAttrs(ctx, slog.LevelDebug, "graph request failed", slog.String("method", method), slog.String("url", target),
			slog.Int("attempt", attempt), slog.Duration("duration", time.Since(start)), slog.String("error", err.Error()))
		return nil, err, nil
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, err, nil
	}
	if len(data) > maxResponseBytes {
		return nil, nil, fmt.Errorf("graph: %s %s: response larger than %d bytes", method, target, maxResponseBytes)
	}
	requestID := resp.Header.Get("request-id")
	if requestID == "" {
		requestID = resp.Header.Get("x-ms-request-id")
	}
	c.log.LogAttrs(ctx, slog.LevelDebug, "graph request", slog.String("method", method), slog.String("url", target),
		slog.Int("status", resp.StatusCode), slog.Int("attempt", attempt), slog.Bool("paced", paced),
		slog.Duration("duration", time.Since(start)), slog.String("request-id", requestID))
	return &response{status: resp.StatusCode, header: resp.Header, body: data}, nil, nil
}

// newRequestID is a random UUID for the client-request-id header, which
// Graph echoes and support can search for.
func newRequestID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return ""
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
