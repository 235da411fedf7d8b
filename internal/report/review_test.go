package report

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// TestReviewCommentFitsGitHubsLimit: a review far over 65,536 characters
// (multi-byte names, long diffs) is cut by whole sections, keeps its
// marker, verdict, banner and counts, and says what was cut.
func TestReviewCommentFitsGitHubsLimit(t *testing.T) {
	rv := &finding.Review{Verdict: finding.VerdictWeakens, Base: finding.ReviewSide{Spec: "main:baselines"},
		Links: finding.ReviewLinks{HeadSHA: "0123456789abcdef0123456789abcdef01234567"}}
	tr := finding.TenantReview{Name: "contoso", Status: "changed", Drift: &finding.Drift{}}
	for i := range 300 {
		tr.Introduced = append(tr.Introduced, finding.ReviewFinding{Control: fmt.Sprintf("EA.X.%dv1", i), Title: "Tïtle ✓", Severity: finding.SeverityHigh,
			Status: finding.StatusFail, Resource: finding.Resource{Type: "conditionalAccess.policies", ID: fmt.Sprint(i), Name: strings.Repeat("名", 40)},
			Message: strings.Repeat("é", 200)})
		tr.Drift.Changes = append(tr.Drift.Changes, finding.ObjectChange{Kind: finding.ChangeModified,
			Resource: finding.Resource{Type: "conditionalAccess.policies", ID: fmt.Sprint(i), Name: fmt.Sprintf("Policy %d ✓", i)},
			File:     fmt.Sprintf("conditional-access/policies/p%d.yaml", i), Diff: strings.Repeat("-state: enabled\n+state: disabled\n", 40)})
	}
	rv.Tenants = []finding.TenantReview{tr}
	whole := reviewComment(rv, 1<<30)
	if utf8.RuneCountInString(whole) < 200_000 {
		t.Fatalf("the fixture is only %d characters: the test would prove nothing", utf8.RuneCountInString(whole))
	}
	got := reviewComment(rv, reviewMaxChars)
	if n := utf8.RuneCountInString(got); n > 65536 {
		t.Errorf("the comment has %d characters, over GitHub's 65,536", n)
	}
	for _, want := range []string{ReviewMarker, "## entra-audit review: ⚠️", "> [!CAUTION]", "| contoso | 300 | 0 | 0 | 300 |",
		"sections were cut to fit GitHub's comment limit", "in this run's artifacts"} {
		if !strings.Contains(got, want) {
			t.Errorf("the cut comment lacks %q", want)
		}
	}
	// Cut on section boundaries: no half-open details block or code fence.
	if strings.Count(got, "<details>") != strings.Count(got, "</details>") {
		t.Errorf("a details block was cut in half")
	}
	if strings.Count(got, "\n```")%2 != 0 {
		t.Errorf("a code fence was cut in half")
	}
}
