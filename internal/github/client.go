package github

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// ActionsBot is the account that comments and pull requests made with a
// GitHub Actions GITHUB_TOKEN are attributed to. No person can hold the
// login: "[" and "]" are not allowed in user names.
const ActionsBot = "github-actions[bot]"

// Client makes entra-audit's GitHub API calls with one token.
type Client struct {
	gh *gh.Client

	// As is the login whose comments count as ours. Empty: the token's own
	// account (GET /user), or ActionsBot when the token may not read /user
	// (an installation token such as the Actions GITHUB_TOKEN). Set it for
	// the installation token of another GitHub App ("my-app[bot]").
	As string
}

// New returns a client that authenticates with token. apiURL empty means
// github.com (https://api.github.com/); otherwise it is the API root of a
// GitHub Enterprise Server (GITHUB_API_URL, https://HOST/api/v3), to which
// go-github appends /api/v3/ when it is missing (a bare host) unless the
// host starts with "api." (GHE.com). http:// is accepted only for loopback
// hosts (tests), so the token never travels in clear. httpClient nil means
// a client with a one-minute timeout; it is copied, never modified.
func New(token, apiURL string, httpClient *http.Client) (*Client, error) {
	if token == "" {
		return nil, errors.New("no GitHub token")
	}
	if httpClient == nil {
		httpClient = &http.Client{Timeout: time.Minute}
	}
	hc := *httpClient
	// The token goes only to the API host: go-github's own WithAuthToken
	// would add it to any request the client makes, redirects included.
	auth := &authTransport{next: hc.Transport, token: token}
	hc.Transport = auth
	c := gh.NewClient(&hc) // copies hc, keeps the transport
	if apiURL != "" {
		u, err := url.Parse(apiURL)
		switch {
		case err != nil:
			return nil, fmt.Errorf("GitHub API URL %q: %v", apiURL, err)
		case u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
			return nil, fmt.Errorf("GitHub API URL %q: want https://HOST/api/v3", apiURL)
		case u.Scheme == "http" && !loopback(u.Hostname()):
			return nil, fmt.Errorf("GitHub API URL %q: http:// only for loopback hosts; use https://", apiURL)
		case u.User != nil || u.RawQuery != "" || u.Fragment != "":
			return nil, fmt.Errorf("GitHub API URL %q: no user, query or fragment", apiURL)
		}
		if c, err = c.WithEnterpriseURLs(apiURL, apiURL); err != nil {
			return nil, fmt.Errorf("GitHub API URL %q: %v", apiURL, err)
		}
	}
	c.UserAgent = "entra-audit"
	auth.scheme, auth.host = c.BaseURL.Scheme, c.BaseURL.Host
	return &Client{gh: c}, nil
}

// BaseURL is the API root requests go to (for messages and tests).
func (c *Client) BaseURL() string { return c.gh.BaseURL.String() }

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

type authTransport struct {
	next         http.RoundTripper
	token        string
	scheme, host string
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	if req.URL.Scheme == t.scheme && req.URL.Host == t.host {
		req = req.Clone(req.Context())
		req.Header.Set("Authorization", "Bearer "+t.token)
	}
	return next.RoundTrip(req)
}

// hints says what to do about an HTTP status, per call.
type hints map[int]string

const (
	hint401 = "check GITHUB_TOKEN: it is missing, mistyped, expired or revoked (a job's GITHUB_TOKEN expires when the job ends)"
	hint404 = "not found, or not visible to the token"
	// A pull request from a fork gets a read-only GITHUB_TOKEN whatever
	// the workflow asks for.
	forkNote         = "; on a pull request from a fork the GITHUB_TOKEN is read-only (https://docs.github.com/actions/security-guides/automatic-token-authentication#permissions-for-the-github_token)"
	hintCommentWrite = "the token needs permission to comment: 'pull-requests: write' (or 'issues: write') in the workflow's permissions" + forkNote
)

// apiError says which call failed, what GitHub answered and, for the
// statuses in h (and 401 always), what to do. The token is never part of
// it: go-github's messages hold the method, URL and GitHub's answer.
func apiError(op string, err error, h hints) error {
	var (
		er *gh.ErrorResponse
		rl *gh.RateLimitError
		ab *gh.AbuseRateLimitError
	)
	switch {
	case errors.As(err, &rl):
		return fmt.Errorf("%s: %w (rate limit exhausted until %s; wait, or use a token with its own limit)", op, err, rl.Rate.Reset.Format(time.RFC3339))
	case errors.As(err, &ab):
		wait := "a few minutes"
		if ab.RetryAfter != nil {
			wait = ab.RetryAfter.String()
		}
		return fmt.Errorf("%s: %w (secondary rate limit: retry after %s)", op, err, wait)
	case errors.As(err, &er) && er.Response != nil:
		status := er.Response.StatusCode
		msg := fmt.Sprintf("%s: HTTP %d %s", op, status, er.Message)
		for _, e := range er.Errors {
			if e.Message != "" {
				msg += "; " + e.Message
			} else if e.Code != "" {
				msg += fmt.Sprintf("; %s %s %s", e.Resource, e.Field, e.Code)
			}
		}
		hint := h[status]
		if hint == "" && status == http.StatusUnauthorized {
			hint = hint401
		}
		if hint == "" && status == http.StatusNotFound {
			hint = hint404
		}
		if hint != "" {
			msg += " (" + hint + ")"
		}
		return &Error{Op: op, Status: status, msg: msg, err: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// Error is a GitHub API refusal: the call, the HTTP status and a hint.
type Error struct {
	Op     string
	Status int
	msg    string
	err    error
}

func (e *Error) Error() string { return e.msg }
func (e *Error) Unwrap() error { return e.err }

// refused reports whether err is GitHub saying no to this token (403 or
// 404) rather than a failure of the request or a rate limit.
func refused(err error) bool {
	var er *gh.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil {
		return false
	}
	return er.Response.StatusCode == http.StatusForbidden || er.Response.StatusCode == http.StatusNotFound
}

func repoName(owner, repo string) string {
	return strings.TrimSpace(owner) + "/" + strings.TrimSpace(repo)
}
