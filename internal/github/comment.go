package github

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// maxCommentPages bounds the walk through a pull request's comments
// (100 per page): a server that keeps answering "next" cannot hold us.
const maxCommentPages = 1000

var markerName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// ValidMarker reports whether name can be a marker: letters, digits, ".",
// "_" and "-" (so it can never close the HTML comment), at most 128 (room
// for "review-" and a tenant name).
func ValidMarker(name string) bool { return markerName.MatchString(name) }

// MarkerLine is the hidden line that marks entra-audit's comment of that
// name: <!-- entra-audit:NAME -->.
func MarkerLine(name string) string { return "<!-- entra-audit:" + name + " -->" }

// WithMarker returns body with the marker line as its first line, and
// nowhere else: at the top, trimming a long body can never cut it.
func WithMarker(body, name string) string {
	line := MarkerLine(name)
	lines := strings.SplitAfter(body, "\n")
	var b strings.Builder
	b.Grow(len(body) + len(line) + 1)
	b.WriteString(line)
	b.WriteByte('\n')
	for _, l := range lines {
		if !isLine(l, line) {
			b.WriteString(l)
		}
	}
	return b.String()
}

// carries reports whether a comment body has the marker line (any line,
// surrounding spaces and a CR from a browser edit aside).
func carries(body, line string) bool {
	for l := range strings.SplitSeq(body, "\n") {
		if isLine(l, line) {
			return true
		}
	}
	return false
}

func isLine(l, line string) bool { return strings.TrimSpace(l) == line }

// ErrAuthorMismatch: the comment was written, but by an account other than
// the one we look for, so the next run will not recognise it and will
// comment again. Pass the right login (Client.As, --as).
var ErrAuthorMismatch = errors.New("the new comment's author is not the account entra-audit looks for")

// UpsertComment writes body as entra-audit's sticky comment on pull request
// pr: it edits our newest comment carrying the marker, or creates one. It
// returns the comment's URL and whether it was created.
//
// A comment is ours when it carries the marker AND was written by our
// account: the token's own login (GET /user), or, when the token may not
// read /user (the Actions GITHUB_TOKEN and other installation tokens),
// github-actions[bot] or c.As. Anyone can paste a marker into a comment; a
// look-alike by another author is never edited.
//
// The body is given the marker line (see WithMarker) and fitted to
// GitHub's comment limit (FitComment, with no report URL: fit it first to
// name one). An unchanged body is not edited again (no "edited" noise).
func (c *Client) UpsertComment(ctx context.Context, owner, repo string, pr int, marker, body string) (url string, created bool, err error) {
	if !ValidMarker(marker) {
		return "", false, fmt.Errorf("marker %q: use letters, digits, '.', '_' and '-'", marker)
	}
	if pr <= 0 {
		return "", false, fmt.Errorf("pull request number %d: must be positive", pr)
	}
	where := fmt.Sprintf("%s#%d", repoName(owner, repo), pr)
	body = FitComment(WithMarker(body, marker), CommentLimit, "")

	login, err := c.login(ctx)
	if err != nil {
		return "", false, err
	}
	ours, err := c.findComment(ctx, owner, repo, pr, MarkerLine(marker), login, where)
	if err != nil {
		return "", false, err
	}
	if ours != nil {
		if ours.GetBody() == body {
			return ours.GetHTMLURL(), false, nil
		}
		edited, _, err := c.gh.Issues.EditComment(ctx, owner, repo, ours.GetID(), &gh.IssueComment{Body: &body})
		if err != nil {
			return "", false, apiError(fmt.Sprintf("edit comment %d on %s", ours.GetID(), where), err, hints{
				403: hintCommentWrite,
				404: "the comment was deleted meanwhile, or is not visible to the token",
			})
		}
		return edited.GetHTMLURL(), false, nil
	}
	made, _, err := c.gh.Issues.CreateComment(ctx, owner, repo, pr, &gh.IssueComment{Body: &body})
	if err != nil {
		return "", false, apiError("comment on "+where, err, hints{
			403: hintCommentWrite,
			404: fmt.Sprintf("repository %s or pull request #%d not found, or not visible to the token", repoName(owner, repo), pr),
		})
	}
	if got := made.GetUser().GetLogin(); got != "" && !strings.EqualFold(got, login) {
		return made.GetHTMLURL(), true, fmt.Errorf("%w: it is %q, not %q (pass --as %s)", ErrAuthorMismatch, got, login, got)
	}
	return made.GetHTMLURL(), true, nil
}

// login is the account whose comments are ours: c.As, else the token's
// own login, else (the token may not read /user, as installation tokens
// may not: 403 "Resource not accessible by integration") the Actions bot.
func (c *Client) login(ctx context.Context) (string, error) {
	if c.As != "" {
		return c.As, nil
	}
	u, _, err := c.gh.Users.Get(ctx, "")
	switch {
	case err == nil && u.GetLogin() != "":
		return u.GetLogin(), nil
	case err == nil || refused(err):
		return ActionsBot, nil
	}
	return "", apiError("read the token's account (GET /user)", err, nil)
}

// findComment pages through every comment on the pull request and returns
// our newest one carrying the marker, or nil. Of several (a race between
// two runs, or a comment edited by hand), the newest is the one a reader
// sees last in the thread, so it is the one kept current: latest
// created_at, ties broken by the higher id (ids grow with time). The
// others are left as they are.
func (c *Client) findComment(ctx context.Context, owner, repo string, pr int, line, login, where string) (*gh.IssueComment, error) {
	opts := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{PerPage: 100}}
	var ours *gh.IssueComment
	for pages := 0; ; pages++ {
		if pages == maxCommentPages {
			return nil, fmt.Errorf("list comments on %s: more than %d pages", where, maxCommentPages)
		}
		page, resp, err := c.gh.Issues.ListComments(ctx, owner, repo, pr, opts)
		if err != nil {
			return nil, apiError("list comments on "+where, err, hints{
				403: "the token needs 'pull-requests: read' (or 'issues: read') in the workflow's permissions",
				404: fmt.Sprintf("repository %s or pull request #%d not found, or not visible to the token", repoName(owner, repo), pr),
			})
		}
		for _, cm := range page {
			if !strings.EqualFold(cm.GetUser().GetLogin(), login) || !carries(cm.GetBody(), line) {
				continue
			}
			if ours == nil || newer(cm, ours) {
				ours = cm
			}
		}
		if resp.NextPage == 0 || resp.NextPage <= opts.Page {
			return ours, nil
		}
		opts.Page = resp.NextPage
	}
}

func newer(a, b *gh.IssueComment) bool {
	ta, tb := a.GetCreatedAt().Time, b.GetCreatedAt().Time
	if !ta.Equal(tb) {
		return ta.After(tb)
	}
	return a.GetID() > b.GetID()
}
