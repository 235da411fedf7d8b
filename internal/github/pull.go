package github

import (
	"context"
	"fmt"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// UpsertPullRequest opens, or updates, the pull request from branch head
// (in owner/repo itself) into base: an open one whose head is owner:head
// and base is base gets the new title and body; without one, it is
// created. The branch must already be pushed (the workflow does that with
// git). It returns the pull request's URL and whether it was created.
// body is fitted to GitHub's limit (FitPullRequestBody, no report URL).
func (c *Client) UpsertPullRequest(ctx context.Context, owner, repo, head, base, title, body string) (url string, created bool, err error) {
	if head == "" || base == "" || strings.Contains(head, ":") {
		return "", false, fmt.Errorf("pull request: want a head branch of %s (no OWNER: prefix) and a base branch", repoName(owner, repo))
	}
	where := repoName(owner, repo)
	body = FitPullRequestBody(body, CommentLimit, "")
	open, _, err := c.gh.PullRequests.List(ctx, owner, repo, &gh.PullRequestListOptions{
		State: "open", Head: owner + ":" + head, Base: base,
		ListOptions: gh.ListOptions{PerPage: 100},
	})
	if err != nil {
		return "", false, apiError(fmt.Sprintf("list pull requests of %s from %s", where, head), err, hints{
			403: "the token needs 'pull-requests: read' in the workflow's permissions",
			404: fmt.Sprintf("repository %s not found, or not visible to the token", where),
		})
	}
	// GitHub allows one open pull request per head and base; the filter
	// is checked again in case a server ignores it.
	for _, p := range open {
		if p.GetHead().GetRef() != head || p.GetBase().GetRef() != base {
			continue
		}
		if r := p.GetHead().GetRepo(); r != nil && !strings.EqualFold(r.GetFullName(), where) {
			continue // a fork's branch of the same name
		}
		if p.GetTitle() == title && p.GetBody() == body {
			return p.GetHTMLURL(), false, nil
		}
		edited, _, err := c.gh.PullRequests.Edit(ctx, owner, repo, p.GetNumber(), &gh.PullRequest{Title: &title, Body: &body})
		if err != nil {
			return "", false, apiError(fmt.Sprintf("update pull request %s#%d", where, p.GetNumber()), err, hints{
				403: "the token needs 'pull-requests: write' in the workflow's permissions" + forkNote,
			})
		}
		return edited.GetHTMLURL(), false, nil
	}
	made, _, err := c.gh.PullRequests.Create(ctx, owner, repo, &gh.NewPullRequest{Title: &title, Head: &head, Base: &base, Body: &body})
	if err != nil {
		return "", false, apiError(fmt.Sprintf("open a pull request on %s from %s into %s", where, head, base), err, hints{
			403: "the token needs 'pull-requests: write' (and 'contents: write' to push the branch); with the Actions GITHUB_TOKEN the repository or organisation setting 'Allow GitHub Actions to create and approve pull requests' must be on",
			404: fmt.Sprintf("repository %s not found, or not visible to the token", where),
			422: fmt.Sprintf("usually: the branch %s must be pushed to %s first, and differ from %s", head, where, base),
		})
	}
	return made.GetHTMLURL(), true, nil
}
