package github_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entra-audit/entra-audit/internal/github"
)

func TestGitHubAppendSummaryStaysWithinOneMiB(t *testing.T) {
	path := filepath.Join(t.TempDir(), "step_summary")
	existing := strings.Repeat("an earlier step wrote this line\n", 30000) + "no final newline" // 960,016 bytes
	if err := os.WriteFile(path, []byte(existing), 0o644); err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	body.WriteString("## entra-audit\n\nsummary line\n\n")
	for i := range 40 {
		body.WriteString("### Section " + string(rune('A'+i%26)) + "\n" + strings.Repeat("ß", 2000) + "\n\n") // 4 KB each
	}
	if err := github.AppendSummary(path, body.String()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	if len(got) > github.SummaryLimit || len(got) < github.SummaryLimit-5000 {
		t.Errorf("file is %d bytes, want at most %d and close to it", len(got), github.SummaryLimit)
	}
	if !strings.HasPrefix(got, existing+"\n## entra-audit\n\nsummary line\n\n### Section A\n") {
		t.Errorf("existing content or our first sections lost: ...%q", got[len(existing)-20:len(existing)+60])
	}
	if !strings.Contains(got, "sections were cut to fit the job summary's 1 MiB limit: ") || !strings.HasSuffix(got, "The full report is in this run's artifacts.\n") {
		t.Errorf("no note: ...%s", got[len(got)-400:])
	}

	// Appending again to a nearly full summary: the note alone.
	if err := github.AppendSummary(path, body.String()); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(path)
	if len(b) > github.SummaryLimit {
		t.Errorf("file is %d bytes", len(b))
	}
	// And full: refused, nothing written.
	full := filepath.Join(t.TempDir(), "full")
	os.WriteFile(full, []byte(strings.Repeat("x", github.SummaryLimit-10)), 0o644)
	if err := github.AppendSummary(full, body.String()); err == nil || !strings.Contains(err.Error(), "nothing appended") {
		t.Errorf("err %v", err)
	}
	if st, _ := os.Stat(full); st.Size() != github.SummaryLimit-10 {
		t.Errorf("full summary grew to %d", st.Size())
	}
}

func TestGitHubAppendSummaryWithinTheLimitIsVerbatim(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new_summary") // missing: created
	if err := github.AppendSummary(path, "## one"); err != nil {
		t.Fatal(err)
	}
	if err := github.AppendSummary(path, "## two\n"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "## one\n## two\n" {
		t.Errorf("summary %q", b)
	}
	if err := github.AppendSummary("", "x"); err == nil || !strings.Contains(err.Error(), "GITHUB_STEP_SUMMARY") {
		t.Errorf("no path: %v", err)
	}
}
