// Package githubtest is a fake GitHub REST API for tests: issue comments on
// pull requests (ids, authors, creation times), GET /user, pull requests,
// Link-header pagination as GitHub sends it, token checks, and GitHub's
// refusals (401 bad credentials, 403 "Resource not accessible by
// integration" for installation tokens and read-only tokens, 404, 422 for
// a body over 65,536 characters). It is an in-memory server on loopback;
// its state can be seeded and read back.
package githubtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// GHES is the path prefix of a GitHub Enterprise Server's REST API.
const GHES = "/api/v3"

// bodyLimit is GitHub's limit on comment and pull request bodies, in characters.
const bodyLimit = 65536

// Comment is an issue comment as the fake stores it.
type Comment struct {
	ID      int64
	Author  string
	Body    string
	Created time.Time
	Updated time.Time
}

// Pull is a pull request as the fake stores it.
type Pull struct {
	Number             int
	Title, Body        string
	Head, Base, Author string
	State              string // open or closed
}

type account struct {
	login        string
	installation bool // GET /user refused, like the Actions GITHUB_TOKEN
	readOnly     bool // writes refused, like a fork's GITHUB_TOKEN
}

type repo struct {
	nextNumber int
	comments   map[int][]*Comment // by issue (pull request) number
	pulls      map[int]*Pull
}

// Server is the fake. Its zero value is not usable: call New.
type Server struct {
	// PerPageMax is the largest per_page the fake honours (GitHub: 100).
	// Lower it to make a client follow Link headers.
	PerPageMax int

	srv    *httptest.Server
	prefix string

	mu       sync.Mutex
	accounts map[string]*account
	repos    map[string]*repo
	nextID   int64
	clock    time.Time
	requests []string
}

// New starts a fake serving its API under prefix ("" as on api.github.com,
// GHES as on GitHub Enterprise Server), closed when the test ends.
func New(t testing.TB, prefix string) *Server {
	s := &Server{
		PerPageMax: 100,
		prefix:     strings.TrimRight(prefix, "/"),
		accounts:   map[string]*account{},
		repos:      map[string]*repo{},
		nextID:     1000,
		clock:      time.Date(2024, 1, 2, 3, 0, 0, 0, time.UTC),
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the server's root, http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.srv.URL }

// APIURL is the API root to configure a client with (GITHUB_API_URL).
func (s *Server) APIURL() string { return s.srv.URL + s.prefix }

// Client is an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Redirect is a transport that sends every request, whatever its host
// (https://api.github.com), to this server instead.
func (s *Server) Redirect() http.RoundTripper {
	target, _ := url.Parse(s.srv.URL)
	return roundTrip(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = target.Scheme, target.Host, ""
		return http.DefaultTransport.RoundTrip(r)
	})
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// AddUser registers a user token (a personal access token): GET /user
// answers with login, and what it writes is written by login.
func (s *Server) AddUser(token, login string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts[token] = &account{login: login}
}

// AddInstallation registers an installation token (the Actions
// GITHUB_TOKEN with login github-actions[bot], or another app's
// "name[bot]"): GET /user is refused with 403 "Resource not accessible by
// integration", and what it writes is written by login.
func (s *Server) AddInstallation(token, login string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts[token] = &account{login: login, installation: true}
}

// ReadOnly makes a registered token's writes fail with 403, as a fork's
// pull request GITHUB_TOKEN does.
func (s *Server) ReadOnly(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts[token].readOnly = true
}

// AddRepo creates an empty repository "owner/name".
func (s *Server) AddRepo(fullName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.repos[strings.ToLower(fullName)] = &repo{nextNumber: 1, comments: map[int][]*Comment{}, pulls: map[int]*Pull{}}
}

// AddPull opens pull request number from head into base, by author.
func (s *Server) AddPull(fullName string, number int, head, base, author string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.repos[strings.ToLower(fullName)]
	r.pulls[number] = &Pull{Number: number, Title: "PR " + strconv.Itoa(number), Head: head, Base: base, Author: author, State: "open"}
	r.nextNumber = max(r.nextNumber, number+1)
}

// AddComment writes a comment on pull request number as author, a minute
// after the previous one, and returns its id.
func (s *Server) AddComment(fullName string, number int, author, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addComment(s.repos[strings.ToLower(fullName)], number, author, body).ID
}

func (s *Server) addComment(r *repo, number int, author, body string) *Comment {
	s.nextID++
	s.clock = s.clock.Add(time.Minute)
	c := &Comment{ID: s.nextID, Author: author, Body: body, Created: s.clock, Updated: s.clock}
	r.comments[number] = append(r.comments[number], c)
	return c
}

// Comments is a copy of the comments on pull request number, oldest first.
func (s *Server) Comments(fullName string, number int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, c := range s.repos[strings.ToLower(fullName)].comments[number] {
		out = append(out, *c)
	}
	return out
}

// Pulls is a copy of the repository's pull requests by number.
func (s *Server) Pulls(fullName string) []Pull {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Pull
	for _, p := range s.repos[strings.ToLower(fullName)].pulls {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Pull) int { return a.Number - b.Number })
	return out
}

// Requests lists the requests served so far ("GET /api/v3/user?...").
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-GitHub-Request-Id", fmt.Sprintf("FAKE:%d", len(s.requests)))

	path, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	if !ok || !strings.HasPrefix(path, "/") {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	acct := s.authenticate(r)
	if acct == nil {
		writeError(w, http.StatusUnauthorized, "Bad credentials")
		return
	}
	seg := strings.Split(strings.Trim(path, "/"), "/")
	if len(seg) == 1 && seg[0] == "user" && r.Method == http.MethodGet {
		if acct.installation {
			writeError(w, http.StatusForbidden, "Resource not accessible by integration")
			return
		}
		writeJSON(w, http.StatusOK, user(acct.login))
		return
	}
	if len(seg) < 4 || seg[0] != "repos" {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	full := seg[1] + "/" + seg[2]
	rp := s.repos[strings.ToLower(full)]
	if rp == nil {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	write := r.Method == http.MethodPost || r.Method == http.MethodPatch
	if write && acct.readOnly {
		writeError(w, http.StatusForbidden, "Resource not accessible by integration")
		return
	}
	switch rest := seg[3:]; {
	case len(rest) == 3 && rest[0] == "issues" && rest[2] == "comments":
		n, err := strconv.Atoi(rest[1])
		if err != nil || rp.pulls[n] == nil {
			writeError(w, http.StatusNotFound, "Not Found")
			return
		}
		switch r.Method {
		case http.MethodGet:
			s.listComments(w, r, full, n, rp.comments[n])
		case http.MethodPost:
			var in struct{ Body *string }
			if !readBody(w, r, &in, "IssueComment") {
				return
			}
			c := s.addComment(rp, n, acct.login, *in.Body)
			writeJSON(w, http.StatusCreated, s.commentJSON(r, full, n, c))
		default:
			writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		}
	case len(rest) == 3 && rest[0] == "issues" && rest[1] == "comments" && r.Method == http.MethodPatch:
		id, _ := strconv.ParseInt(rest[2], 10, 64)
		for n, cs := range rp.comments {
			for _, c := range cs {
				if c.ID != id {
					continue
				}
				var in struct{ Body *string }
				if !readBody(w, r, &in, "IssueComment") {
					return
				}
				s.clock = s.clock.Add(time.Second)
				c.Body, c.Updated = *in.Body, s.clock
				writeJSON(w, http.StatusOK, s.commentJSON(r, full, n, c))
				return
			}
		}
		writeError(w, http.StatusNotFound, "Not Found")
	case len(rest) == 1 && rest[0] == "pulls":
		switch r.Method {
		case http.MethodGet:
			s.listPulls(w, r, full, rp)
		case http.MethodPost:
			s.createPull(w, r, full, rp, acct)
		default:
			writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		}
	case len(rest) == 2 && rest[0] == "pulls" && r.Method == http.MethodPatch:
		n, _ := strconv.Atoi(rest[1])
		p := rp.pulls[n]
		if p == nil {
			writeError(w, http.StatusNotFound, "Not Found")
			return
		}
		var in struct{ Title, Body *string }
		if !readBody(w, r, &in, "PullRequest") {
			return
		}
		if in.Title != nil {
			p.Title = *in.Title
		}
		if in.Body != nil {
			p.Body = *in.Body
		}
		writeJSON(w, http.StatusOK, s.pullJSON(full, p))
	default:
		writeError(w, http.StatusNotFound, "Not Found")
	}
}

// authenticate accepts "Authorization: Bearer T" and "token T".
func (s *Server) authenticate(r *http.Request) *account {
	h := r.Header.Get("Authorization")
	for _, scheme := range []string{"Bearer ", "token "} {
		if tok, ok := strings.CutPrefix(h, scheme); ok {
			return s.accounts[tok]
		}
	}
	return nil
}

// readBody decodes a JSON request and refuses a missing or oversized
// body field with GitHub's 422.
func readBody(w http.ResponseWriter, r *http.Request, in any, resource string) bool {
	if err := json.NewDecoder(r.Body).Decode(in); err != nil {
		writeError(w, http.StatusBadRequest, "Problems parsing JSON")
		return false
	}
	var body *string
	switch v := in.(type) {
	case *struct{ Body *string }:
		body = v.Body
		if body == nil || *body == "" {
			writeError(w, http.StatusUnprocessableEntity, "Validation Failed",
				map[string]string{"resource": resource, "code": "missing_field", "field": "body"})
			return false
		}
	case *struct{ Title, Body *string }:
		body = v.Body
	case *newPull:
		body = v.Body
	}
	if body != nil && utf8.RuneCountInString(*body) > bodyLimit {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed",
			map[string]string{"resource": resource, "code": "custom", "field": "body",
				"message": fmt.Sprintf("body is too long (maximum is %d characters)", bodyLimit)})
		return false
	}
	return true
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request, full string, n int, all []*Comment) {
	page, per, ok := paging(w, r, s.PerPageMax)
	if !ok {
		return
	}
	last := max(1, (len(all)+per-1)/per)
	from, to := min(len(all), (page-1)*per), min(len(all), page*per)
	link(w, r, page, last)
	out := []any{}
	for _, c := range all[from:to] {
		out = append(out, s.commentJSON(r, full, n, c))
	}
	writeJSON(w, http.StatusOK, out)
}

// paging reads per_page (default 30, at most max) and page (default 1).
func paging(w http.ResponseWriter, r *http.Request, most int) (page, per int, ok bool) {
	page, per = 1, 30
	q := r.URL.Query()
	if v := q.Get("per_page"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			per = n
		}
	}
	per = min(per, most, 100)
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusUnprocessableEntity, "Validation Failed")
			return 0, 0, false
		}
		page = n
	}
	return page, per, true
}

// link writes the Link header GitHub sends: prev, next, last, first, each
// the request's URL with its page replaced.
func link(w http.ResponseWriter, r *http.Request, page, last int) {
	at := func(p int) string {
		u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path}
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		u.RawQuery = q.Encode()
		return "<" + u.String() + ">"
	}
	var parts []string
	if page > 1 {
		parts = append(parts, at(page-1)+`; rel="prev"`)
	}
	if page < last {
		parts = append(parts, at(page+1)+`; rel="next"`, at(last)+`; rel="last"`)
	}
	if page > 1 {
		parts = append(parts, at(1)+`; rel="first"`)
	}
	if len(parts) > 0 {
		w.Header().Set("Link", strings.Join(parts, ", "))
	}
}

type newPull struct {
	Title, Head, Base, Body *string
}

func (s *Server) listPulls(w http.ResponseWriter, r *http.Request, full string, rp *repo) {
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	owner := strings.SplitN(full, "/", 2)[0]
	out := []any{}
	for _, n := range sortedKeys(rp.pulls) {
		p := rp.pulls[n]
		if (state != "all" && p.State != state) ||
			(q.Get("head") != "" && !strings.EqualFold(q.Get("head"), owner+":"+p.Head)) ||
			(q.Get("base") != "" && q.Get("base") != p.Base) {
			continue
		}
		out = append(out, s.pullJSON(full, p))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createPull(w http.ResponseWriter, r *http.Request, full string, rp *repo, acct *account) {
	var in newPull
	if !readBody(w, r, &in, "PullRequest") {
		return
	}
	if in.Title == nil || in.Head == nil || in.Base == nil || *in.Title == "" {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed",
			map[string]string{"resource": "PullRequest", "code": "missing_field", "field": "title"})
		return
	}
	if *in.Head == *in.Base {
		writeError(w, http.StatusUnprocessableEntity, "Validation Failed",
			map[string]string{"resource": "PullRequest", "code": "custom", "message": "No commits between " + *in.Base + " and " + *in.Head})
		return
	}
	for _, p := range rp.pulls {
		if p.State == "open" && p.Head == *in.Head && p.Base == *in.Base {
			writeError(w, http.StatusUnprocessableEntity, "Validation Failed",
				map[string]string{"resource": "PullRequest", "code": "custom", "message": "A pull request already exists for " + full + ":" + p.Head + "."})
			return
		}
	}
	p := &Pull{Number: rp.nextNumber, Title: *in.Title, Head: *in.Head, Base: *in.Base, Author: acct.login, State: "open"}
	if in.Body != nil {
		p.Body = *in.Body
	}
	rp.nextNumber++
	rp.pulls[p.Number] = p
	writeJSON(w, http.StatusCreated, s.pullJSON(full, p))
}

func sortedKeys(m map[int]*Pull) []int {
	var keys []int
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func user(login string) map[string]any {
	typ := "User"
	if strings.HasSuffix(login, "[bot]") {
		typ = "Bot"
	}
	return map[string]any{"login": login, "id": len(login) * 7919, "type": typ}
}

func (s *Server) commentJSON(r *http.Request, full string, n int, c *Comment) map[string]any {
	api := s.srv.URL + s.prefix
	return map[string]any{
		"id":                 c.ID,
		"node_id":            fmt.Sprintf("IC_%d", c.ID),
		"body":               c.Body,
		"user":               user(c.Author),
		"created_at":         c.Created.Format(time.RFC3339),
		"updated_at":         c.Updated.Format(time.RFC3339),
		"author_association": "NONE",
		"url":                fmt.Sprintf("%s/repos/%s/issues/comments/%d", api, full, c.ID),
		"issue_url":          fmt.Sprintf("%s/repos/%s/issues/%d", api, full, n),
		"html_url":           fmt.Sprintf("%s/%s/pull/%d#issuecomment-%d", s.srv.URL, full, n, c.ID),
	}
}

func (s *Server) pullJSON(full string, p *Pull) map[string]any {
	owner := strings.SplitN(full, "/", 2)[0]
	repo := map[string]any{"full_name": full}
	return map[string]any{
		"number":   p.Number,
		"state":    p.State,
		"title":    p.Title,
		"body":     p.Body,
		"user":     user(p.Author),
		"html_url": fmt.Sprintf("%s/%s/pull/%d", s.srv.URL, full, p.Number),
		"head":     map[string]any{"ref": p.Head, "label": owner + ":" + p.Head, "repo": repo},
		"base":     map[string]any{"ref": p.Base, "label": owner + ":" + p.Base, "repo": repo},
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string, errs ...map[string]string) {
	body := map[string]any{"message": msg, "documentation_url": "https://docs.github.com/rest"}
	if len(errs) > 0 {
		body["errors"] = errs
	}
	writeJSON(w, status, body)
}
