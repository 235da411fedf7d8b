package github_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/github"
	"github.com/entra-audit/entra-audit/internal/github/githubtest"
)

const (
	repo  = "octo/tenant-config"
	owner = "octo"
	name  = "tenant-config"
	pr    = 7
	token = "ghp_faketoken123"
	me    = "audit-bot"
)

// fake starts a GitHub Enterprise Server-shaped fake (go-github puts a
// loopback API under /api/v3/) with one pull request and a client for
// a user token.
func fake(t *testing.T) (*githubtest.Server, *github.Client) {
	t.Helper()
	srv := githubtest.New(t, githubtest.GHES)
	srv.AddUser(token, me)
	srv.AddRepo(repo)
	srv.AddPull(repo, pr, "feature", "main", "alice")
	return srv, client(t, srv, token)
}

func client(t *testing.T, srv *githubtest.Server, tok string) *github.Client {
	t.Helper()
	c, err := github.New(tok, srv.APIURL(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func upsert(t *testing.T, c *github.Client, body string) (string, bool) {
	t.Helper()
	url, created, err := c.UpsertComment(context.Background(), owner, name, pr, "review", body)
	if err != nil {
		t.Fatal(err)
	}
	return url, created
}

func TestGitHubCommentCreatedThenUpdated(t *testing.T) {
	srv, c := fake(t)
	url1, created := upsert(t, c, "## Review\nfirst\n")
	if !created {
		t.Fatal("first call did not create")
	}
	url2, created := upsert(t, c, "## Review\nsecond\n")
	if created {
		t.Fatal("second call created another comment")
	}
	got := srv.Comments(repo, pr)
	if len(got) != 1 {
		t.Fatalf("%d comments, want 1", len(got))
	}
	if url1 != url2 || !strings.HasSuffix(url1, fmt.Sprintf("#issuecomment-%d", got[0].ID)) {
		t.Errorf("urls %q, %q for comment %d", url1, url2, got[0].ID)
	}
	if want := "<!-- entra-audit:review -->\n## Review\nsecond\n"; got[0].Body != want || got[0].Author != me {
		t.Errorf("comment = %q by %s, want %q by %s", got[0].Body, got[0].Author, want, me)
	}

	// The same body again is not an edit.
	before := len(srv.Requests())
	upsert(t, c, "## Review\nsecond\n")
	for _, r := range srv.Requests()[before:] {
		if strings.HasPrefix(r, "PATCH") {
			t.Errorf("unchanged body edited: %s", r)
		}
	}
}

func TestGitHubCommentLookAlikeByAnotherAuthorIsLeftAlone(t *testing.T) {
	srv, c := fake(t)
	forged := "<!-- entra-audit:review -->\nLGTM, merge it"
	other := srv.AddComment(repo, pr, "mallory", forged)
	// A marker for another name is not ours either.
	otherMarker := srv.AddComment(repo, pr, me, "<!-- entra-audit:drift -->\nnot the review")

	_, created := upsert(t, c, "## Review\nours\n")
	if !created {
		t.Fatal("the look-alike was taken for ours")
	}
	got := srv.Comments(repo, pr)
	if len(got) != 3 {
		t.Fatalf("%d comments, want 3", len(got))
	}
	for _, cm := range got {
		switch cm.ID {
		case other:
			if cm.Body != forged || !cm.Updated.Equal(cm.Created) {
				t.Errorf("the look-alike was edited: %q", cm.Body)
			}
		case otherMarker:
			if cm.Body != "<!-- entra-audit:drift -->\nnot the review" {
				t.Errorf("another marker's comment was edited: %q", cm.Body)
			}
		default:
			if cm.Author != me || !strings.Contains(cm.Body, "ours") {
				t.Errorf("new comment = %q by %s", cm.Body, cm.Author)
			}
		}
	}
}

func TestGitHubCommentPaginationFollowsLinkHeaders(t *testing.T) {
	srv, c := fake(t)
	srv.PerPageMax = 30 // the client asks for 100; the fake insists on 30
	var ours int64
	for i := range 75 {
		if i == 70 { // page 3
			ours = srv.AddComment(repo, pr, me, "<!-- entra-audit:review -->\nold")
			continue
		}
		srv.AddComment(repo, pr, "reviewer", fmt.Sprintf("comment %d", i))
	}
	if _, created := upsert(t, c, "new"); created {
		t.Fatal("our comment on page 3 was not found")
	}
	got := srv.Comments(repo, pr)
	if len(got) != 75 || got[70].ID != ours || got[70].Body != "<!-- entra-audit:review -->\nnew" {
		t.Fatalf("%d comments; ours = %+v", len(got), got[70])
	}
	var pages []string
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r, "GET /api/v3/repos/octo/tenant-config/issues/7/comments") {
			pages = append(pages, r)
		}
	}
	if len(pages) != 3 || !strings.Contains(pages[1], "page=2") || !strings.Contains(pages[2], "page=3") {
		t.Errorf("list requests: %q", pages)
	}
}

func TestGitHubCommentOversizedBodyIsTrimmedBySection(t *testing.T) {
	srv, c := fake(t)
	body := bigReport(70000)
	if n := utf8.RuneCountInString(body); n < 70000 {
		t.Fatalf("fixture has %d characters", n)
	}
	// The fake refuses bodies over 65,536 characters with GitHub's 422, so
	// success alone proves the fit; check what was kept and said.
	upsert(t, c, body)
	got := srv.Comments(repo, pr)[0].Body
	if n := utf8.RuneCountInString(got); n > github.CommentLimit || n < github.CommentLimit-3000 {
		t.Errorf("kept %d characters, want at most %d and not much less", n, github.CommentLimit)
	}
	if !strings.HasPrefix(got, "<!-- entra-audit:review -->\n# entra-audit review\n\n## Summary\n") {
		t.Errorf("marker or first section lost: %.120q", got)
	}
	if !strings.Contains(got, "> [!NOTE]\n> ") || !strings.Contains(got, "sections were cut to fit GitHub's comment limit: Finding 60\\: Ünïcødé 🔐; ") ||
		!strings.Contains(got, "The full report is in this run's artifacts.") {
		t.Errorf("no note on what was cut:\n%s", got[len(got)-600:])
	}
}

// bigReport is a review of about n characters: a headline, a summary and
// sections of multi-byte text (each rune 2 to 4 bytes in UTF-8).
func bigReport(n int) string {
	var b strings.Builder
	b.WriteString("# entra-audit review\n\n## Summary\n\n12 findings, 3 changes.\n\n")
	for i := 0; utf8.RuneCountInString(b.String()) < n; i++ {
		if i%3 == 2 {
			fmt.Fprintf(&b, "<details><summary>Diff %d: Zoë's policy</summary>\n\n```diff\n## not a heading\n- %s\n```\n\n</details>\n\n", i, strings.Repeat("日本語テキスト", 100))
		} else {
			fmt.Fprintf(&b, "### Finding %d: Ünïcødé 🔐\n\n%s\n\n", i, strings.Repeat("é€🔐ж", 300))
		}
	}
	return b.String()
}

func TestGitHubCommentGHESBaseURL(t *testing.T) {
	srv, c := fake(t)
	if c.BaseURL() != srv.URL()+"/api/v3/" {
		t.Errorf("base URL %s", c.BaseURL())
	}
	upsert(t, c, "x")
	reqs := srv.Requests()
	if len(reqs) == 0 {
		t.Fatal("no requests")
	}
	for _, r := range reqs {
		if !strings.Contains(r, " /api/v3/") {
			t.Errorf("request outside /api/v3/: %s", r)
		}
	}
	// The API root as GITHUB_API_URL gives it, or with a trailing slash, is the same.
	for _, api := range []string{srv.URL() + "/api/v3", srv.URL() + "/api/v3/", srv.URL() + "/"} {
		c2, err := github.New(token, api, nil)
		if err != nil || c2.BaseURL() != srv.URL()+"/api/v3/" {
			t.Errorf("New(%q): %v, %v", api, c2, err)
		}
	}
}

func TestGitHubCommentOnGitHubDotCom(t *testing.T) {
	srv := githubtest.New(t, "")
	srv.AddUser(token, me)
	srv.AddRepo(repo)
	srv.AddPull(repo, pr, "feature", "main", "alice")
	c, err := github.New(token, "", &http.Client{Transport: srv.Redirect()})
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != "https://api.github.com/" {
		t.Errorf("base URL %s", c.BaseURL())
	}
	upsert(t, c, "x")
	if reqs := srv.Requests(); len(reqs) != 3 || reqs[0] != "GET /user" || !strings.HasPrefix(reqs[2], "POST /repos/octo/tenant-config/issues/7/comments") {
		t.Errorf("requests %q", reqs)
	}
	for _, api := range []string{"https://api.github.com", "https://ghes.example.com/api/v3", "https://ghes.example.com", "https://api.contoso.ghe.com"} {
		c, err := github.New(token, api, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"https://api.github.com":          "https://api.github.com/",
			"https://ghes.example.com/api/v3": "https://ghes.example.com/api/v3/",
			"https://ghes.example.com":        "https://ghes.example.com/api/v3/",
			"https://api.contoso.ghe.com":     "https://api.contoso.ghe.com/",
		}[api]
		if c.BaseURL() != want {
			t.Errorf("New(%q) base %s, want %s", api, c.BaseURL(), want)
		}
	}
	for _, bad := range []string{"http://ghes.example.com/api/v3", "ftp://x", "https://u:p@ghes.example.com", "not a url"} {
		if _, err := github.New(token, bad, nil); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
}

func TestGitHubCommentInstallationTokenFindsTheActionsBotComment(t *testing.T) {
	srv := githubtest.New(t, githubtest.GHES)
	srv.AddInstallation("ghs_install", github.ActionsBot)
	srv.AddRepo(repo)
	srv.AddPull(repo, pr, "feature", "main", "alice")
	lookAlike := srv.AddComment(repo, pr, "mallory", "<!-- entra-audit:review -->\nforged")
	old := srv.AddComment(repo, pr, github.ActionsBot, "<!-- entra-audit:review -->\nolder duplicate")
	ours := srv.AddComment(repo, pr, github.ActionsBot, "<!-- entra-audit:review -->\nprevious run")
	srv.AddComment(repo, pr, "alice", "thanks")

	c := client(t, srv, "ghs_install")
	if _, created := upsert(t, c, "this run"); created {
		t.Fatal("the bot's comment was not found")
	}
	if reqs := srv.Requests(); reqs[0] != "GET /api/v3/user" {
		t.Errorf("first request %s", reqs[0])
	}
	for _, cm := range srv.Comments(repo, pr) {
		switch cm.ID {
		case ours:
			if cm.Body != "<!-- entra-audit:review -->\nthis run" {
				t.Errorf("newest bot comment = %q", cm.Body)
			}
		case lookAlike, old:
			if !cm.Updated.Equal(cm.Created) {
				t.Errorf("comment %d by %s was edited", cm.ID, cm.Author)
			}
		}
	}
	if n := len(srv.Comments(repo, pr)); n != 4 {
		t.Errorf("%d comments, want 4", n)
	}
}

func TestGitHubCommentAsAnotherApp(t *testing.T) {
	srv := githubtest.New(t, githubtest.GHES)
	srv.AddInstallation("ghs_app", "my-app[bot]")
	srv.AddRepo(repo)
	srv.AddPull(repo, pr, "feature", "main", "alice")

	// Without --as the app's comment cannot be recognised next time: said.
	c := client(t, srv, "ghs_app")
	_, created, err := c.UpsertComment(context.Background(), owner, name, pr, "review", "one")
	if !created || !errors.Is(err, github.ErrAuthorMismatch) || !strings.Contains(err.Error(), "--as my-app[bot]") {
		t.Fatalf("created %v, err %v", created, err)
	}
	// With As, the app's comment is ours and the Actions bot's is not.
	srv.AddComment(repo, pr, github.ActionsBot, "<!-- entra-audit:review -->\nanother workflow's")
	c.As = "my-app[bot]"
	if _, created := upsert(t, c, "two"); created {
		t.Error("with As the app's comment was not found")
	}
	got := srv.Comments(repo, pr)
	if len(got) != 2 || got[0].Body != "<!-- entra-audit:review -->\ntwo" || got[1].Body != "<!-- entra-audit:review -->\nanother workflow's" {
		t.Errorf("comments %+v", got)
	}
}

func TestGitHubCommentErrorsSayWhatToDo(t *testing.T) {
	srv, _ := fake(t)
	srv.AddUser("ghs_fork", "github-actions[bot]")
	srv.ReadOnly("ghs_fork")
	cases := []struct {
		token string
		pr    int
		want  []string
	}{
		{"ghp_wrong_secret", pr, []string{"read the token's account", "HTTP 401 Bad credentials", "check GITHUB_TOKEN"}},
		{"ghs_fork", pr, []string{"comment on octo/tenant-config#7", "HTTP 403 Resource not accessible by integration", "pull-requests: write", "fork"}},
		{token, 99, []string{"list comments on octo/tenant-config#99", "HTTP 404", "pull request #99 not found, or not visible to the token"}},
	}
	for _, tc := range cases {
		c := client(t, srv, tc.token)
		_, _, err := c.UpsertComment(context.Background(), owner, name, tc.pr, "review", "x")
		if err == nil {
			t.Errorf("%s: no error", tc.token)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", tc.token, err, w)
			}
		}
		if strings.Contains(err.Error(), tc.token) {
			t.Errorf("the token is in the error: %q", err)
		}
	}
	if _, _, err := client(t, srv, token).UpsertComment(context.Background(), owner, name, pr, "x -->", "x"); err == nil {
		t.Error("a marker that closes the HTML comment was accepted")
	}
}

func TestGitHubTokenGoesOnlyToTheAPIHost(t *testing.T) {
	seen := map[string]string{}
	rt := roundTrip(func(r *http.Request) (*http.Response, error) {
		seen[r.URL.Host] = r.Header.Get("Authorization")
		return nil, errors.New("no network here")
	})
	c, err := github.New(token, "https://ghes.example.com/api/v3", &http.Client{Transport: rt})
	if err != nil {
		t.Fatal(err)
	}
	c.UpsertComment(context.Background(), owner, name, pr, "review", "x")
	if seen["ghes.example.com"] != "Bearer "+token {
		t.Errorf("Authorization = %q", seen["ghes.example.com"])
	}
	req, _ := http.NewRequest(http.MethodGet, "https://elsewhere.example/", nil)
	(&http.Client{Transport: rt}).Do(req)
	if seen["elsewhere.example"] != "" {
		t.Error("token sent to another host")
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
