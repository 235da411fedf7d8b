package github_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGitHubPullRequestCreatedThenUpdated(t *testing.T) {
	srv, c := fake(t)
	ctx := context.Background()
	srv.AddPull(repo, 3, "entra-audit/drift", "release", "alice") // another base: not ours
	url, created, err := c.UpsertPullRequest(ctx, owner, name, "entra-audit/drift", "main", "Drift: 2 changes", "first")
	if err != nil || !created {
		t.Fatalf("created %v, err %v", created, err)
	}
	url2, created, err := c.UpsertPullRequest(ctx, owner, name, "entra-audit/drift", "main", "Drift: 3 changes", strings.Repeat("## s\n"+strings.Repeat("ü", 1000)+"\n", 80))
	if err != nil || created || url2 != url {
		t.Fatalf("created %v, err %v, %s vs %s", created, err, url2, url)
	}
	pulls := srv.Pulls(repo)
	if len(pulls) != 3 {
		t.Fatalf("pulls %+v", pulls)
	}
	p := pulls[2]
	if p.Head != "entra-audit/drift" || p.Base != "main" || p.Title != "Drift: 3 changes" || p.Author != me ||
		!strings.HasSuffix(url, "/octo/tenant-config/pull/8") {
		t.Errorf("pull %+v at %s", p, url)
	}
	if n := utf8.RuneCountInString(p.Body); n > 65536 || !strings.Contains(p.Body, "cut to fit GitHub's pull request body limit") {
		t.Errorf("body of %d characters not fitted", n)
	}
	if pulls[0].Title != "PR 3" {
		t.Errorf("the pull request into another base was edited: %+v", pulls[0])
	}

	srv.ReadOnly(token)
	_, _, err = c.UpsertPullRequest(ctx, owner, name, "entra-audit/other", "main", "t", "b")
	if err == nil || !strings.Contains(err.Error(), "HTTP 403") || !strings.Contains(err.Error(), "Allow GitHub Actions to create and approve pull requests") {
		t.Errorf("err %v", err)
	}
}
