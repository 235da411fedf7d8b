package report

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// The review of a pull request (finding.Review) as review.json and as
// review.md, the sticky PR comment: one headline verdict, a banner when the
// change weakens a control, a counts table per tenant, then sections in
// the order a reviewer needs them, trimmed whole from the end to stay
// under GitHub's comment limit. Every tenant string and every string from
// the pull request's YAML goes through mdCell, mdHTMLText or mdCodeBlock.

// ReviewMarker starts the comment; `entra-audit github comment` finds its
// own comment by it (and by its author: anyone can paste a marker).
const ReviewMarker = "<!-- entra-audit:review -->"

// reviewMaxChars is GitHub's comment limit (characters, not bytes) less
// room for the trimming note.
const reviewMaxChars = 65536 - 1024

// WriteReview writes review.md and review.json into dir.
func WriteReview(ctx context.Context, dir string, rv *finding.Review) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: create output directory %s: %w", dir, err)
	}
	var paths []string
	for _, f := range []struct {
		name, format string
		render       func(io.Writer) error
	}{
		{"review.md", "markdown", func(w io.Writer) error { return ReviewMarkdown(w, rv) }},
		{"review.json", "json", func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(rv)
		}},
	} {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		p := filepath.Join(dir, f.name)
		if err := writeAtomic(p, f.format, f.render); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// ReviewMarkdown writes the PR comment.
func ReviewMarkdown(w io.Writer, rv *finding.Review) error {
	_, err := io.WriteString(w, reviewComment(rv, reviewMaxChars))
	return err
}

// section is a block of the comment that is kept or cut whole.
type section struct {
	title string
	lines []string
}

func reviewComment(rv *finding.Review, limit int) string {
	head := reviewHead(rv)
	if rv.Verdict == finding.VerdictNeutral || rv.Verdict == finding.VerdictUnchanged {
		head = append(head, reviewShortForm(rv)...)
		return strings.Join(head, "\n") + "\n"
	}
	var sections []section
	if len(rv.ConfigChanges) > 0 {
		s := section{title: "configuration changes"}
		s.lines = append(s.lines, "### Configuration changes", "")
		for _, c := range rv.ConfigChanges {
			mark := "ℹ️"
			if c.Weakens {
				mark = "⚠️"
			}
			s.lines = append(s.lines, "- "+mark+" "+mdCell(c.Text))
		}
		sections = append(sections, withBlank(s))
	}
	for _, t := range rv.Tenants {
		sections = append(sections, tenantSections(rv, t)...)
	}
	footer := []string{"", reviewFooter(rv)}
	return fitSections(head, sections, footer, limit)
}

// fitSections joins head, sections and footer, cutting whole sections from
// the end until the text fits limit characters, and says what was cut.
func fitSections(head []string, sections []section, footer []string, limit int) string {
	runes := func(lines []string) int {
		n := 0
		for _, l := range lines {
			n += utf8.RuneCountInString(l) + 1
		}
		return n
	}
	note := func(cut []section) []string {
		if len(cut) == 0 {
			return nil
		}
		titles := make([]string, len(cut))
		for i, s := range cut {
			titles[i] = s.title
		}
		return []string{"> [!NOTE]", fmt.Sprintf("> %d sections were cut to fit GitHub's comment limit: %s. The full review is in review.md and review.json in this run's artifacts.",
			len(cut), strings.Join(titles, "; "))} // titles are escaped already
	}
	total := runes(head) + runes(footer)
	sizes := make([]int, len(sections))
	for i, s := range sections {
		sizes[i] = runes(s.lines)
		total += sizes[i]
	}
	n := len(sections)
	for n > 0 && total+runes(note(sections[n:])) > limit {
		n--
		total -= sizes[n]
	}
	parts := append([]string{}, head...)
	for _, s := range sections[:n] {
		parts = append(parts, s.lines...)
	}
	parts = append(append(parts, note(sections[n:])...), footer...)
	return strings.Join(parts, "\n") + "\n"
}

func reviewHead(rv *finding.Review) []string {
	head := []string{ReviewMarker}
	if rv.Links.HeadSHA != "" {
		// Hidden: which commit this comment reviewed, so a stale one shows.
		head = append(head, fmt.Sprintf("<!-- entra-audit:head %s -->", hexOnly(rv.Links.HeadSHA)))
	}
	head = append(head, "## entra-audit review: "+verdictLine(rv), "")
	if rv.Verdict == finding.VerdictWeakens {
		head = append(head, "> [!CAUTION]", "> "+weakeningSummary(rv), "")
	}
	head = append(head, reviewedLine(rv), "")
	if rv.Verdict == finding.VerdictNeutral || rv.Verdict == finding.VerdictUnchanged {
		return head
	}
	head = append(head, "| Tenant | Introduced | Resolved | Still failing | Changed objects |", "|---|---|---|---|---|")
	for _, t := range rv.Tenants {
		changed := 0
		if t.Drift != nil {
			changed = len(t.Drift.Changes)
		}
		head = append(head, fmt.Sprintf("| %s%s | %d | %d | %d | %d |", mdCell(t.Name), tenantStatusNote(t),
			len(t.Introduced), len(t.Resolved), len(t.Kept), changed))
	}
	return append(head, "")
}

func verdictLine(rv *finding.Review) string {
	switch rv.Verdict {
	case finding.VerdictWeakens:
		return "⚠️ this change weakens the tenant's security"
	case finding.VerdictStrengthens:
		return "✅ this change resolves findings and introduces none"
	case finding.VerdictNeutral:
		return "✅ nothing security-relevant changed"
	}
	return "✅ nothing changed"
}

// weakeningSummary names, in one paragraph, everything that weakens.
func weakeningSummary(rv *finding.Review) string {
	var parts []string
	seen := map[string]bool{}
	for _, t := range rv.Tenants {
		var ids []string
		for _, f := range t.Introduced {
			if !seen[t.Name+f.Control] {
				seen[t.Name+f.Control] = true
				ids = append(ids, fmt.Sprintf("%s (%s)", f.Control, f.Severity))
			}
		}
		if len(ids) > 0 {
			parts = append(parts, fmt.Sprintf("in %s it makes %s fail", t.Name, strings.Join(ids, ", ")))
		}
	}
	for _, c := range rv.ConfigChanges {
		if c.Weakens {
			parts = append(parts, "its configuration "+c.Text)
		}
	}
	if len(rv.Tenants) > 0 {
		if p := rv.Tenants[0].PolicyChanges; p != nil {
			if p.Status == "failed" {
				parts = append(parts, "its own policies could not be judged ("+p.Message+")")
			}
			for _, c := range p.Changes {
				if c.Kind == "removed" || c.Kind == "relaxed" {
					parts = append(parts, "its own policies "+c.Text)
				}
			}
		}
	}
	return "**This change weakens security controls:** " + mdCell(strings.TrimSuffix(strings.Join(parts, "; "), ".")) + "."
}

func reviewedLine(rv *finding.Review) string {
	headRef := mdCell(rv.Head.Spec)
	if sha := rv.Links.HeadSHA; sha != "" {
		headRef = fmt.Sprintf("commit %s", commitLink(rv.Links, sha))
	}
	base := mdCell(rv.Base.Spec)
	if rv.Base.Commit != "" {
		base += " (" + mdCell(short(rv.Base.Commit)) + ")"
	}
	return fmt.Sprintf("Reviewed %s against %s. The verdict judges the head's data with the base's policies.", headRef, base)
}

func tenantStatusNote(t finding.TenantReview) string {
	switch t.Status {
	case "added":
		return " (new baseline)"
	case "removed":
		return " (baseline removed)"
	}
	return ""
}

func tenantSections(rv *finding.Review, t finding.TenantReview) []section {
	name := mdCell(t.Name)
	var out []section
	if len(t.Introduced) > 0 {
		out = append(out, findingSection(rv, fmt.Sprintf("%s: introduced (%d)", name, len(t.Introduced)), t.Introduced))
	}
	if p := t.PolicyChanges; p != nil && p.Status != "none" {
		s := section{title: name + ": what the pull request's own policies would change"}
		s.lines = append(s.lines, "### "+s.title, "",
			"_Judged separately, in the sandbox: the verdict above uses the base's policies._", "")
		switch {
		case p.Status == "failed":
			s.lines = append(s.lines, "- ⚠️ "+mdCell(p.Message))
		case len(p.Changes) == 0:
			s.lines = append(s.lines, "- no control changes its verdict on this data")
		}
		for _, c := range p.Changes {
			mark := "ℹ️"
			if c.Kind == "removed" || c.Kind == "relaxed" {
				mark = "⚠️"
			}
			s.lines = append(s.lines, "- "+mark+" "+mdCell(c.Text))
		}
		out = append(out, withBlank(s))
	}
	if len(t.Resolved) > 0 {
		out = append(out, findingSection(rv, fmt.Sprintf("%s: resolved (%d)", name, len(t.Resolved)), t.Resolved))
	}
	if t.Drift != nil && len(t.Drift.Changes) > 0 {
		out = append(out, changedObjects(rv, t)...)
	}
	if len(t.Kept) > 0 {
		s := findingSection(rv, fmt.Sprintf("%s: still failing (%d)", name, len(t.Kept)), t.Kept)
		// Already known: collapsed.
		s.lines = append([]string{fmt.Sprintf("<details><summary>%s: still failing (%d)</summary>", mdHTMLText(t.Name), len(t.Kept)), ""},
			append(s.lines[2:], "</details>", "")...)
		out = append(out, s)
	}
	return out
}

func withBlank(s section) section {
	s.lines = append(s.lines, "")
	return s
}

func findingSection(rv *finding.Review, title string, list []finding.ReviewFinding) section {
	s := section{title: title}
	s.lines = append(s.lines, "### "+title, "", "| Severity | Control | Object | Finding |", "|---|---|---|---|")
	for _, f := range list {
		obj := "—"
		switch {
		case f.Resource.Name != "" || f.Resource.ID != "":
			obj = mdCell(firstNonEmpty(f.Resource.Name, f.Resource.ID))
		case f.Resource.Type != "":
			obj = "tenant (" + mdCell(f.Resource.Type) + ")"
		}
		if f.File != "" && f.Location != nil {
			obj = fileLink(rv.Links, obj, f.File, f.Location.Line)
		}
		status := ""
		if f.Status == finding.StatusError {
			status = " (could not be evaluated)"
		}
		s.lines = append(s.lines, fmt.Sprintf("| %s | %s — %s | %s | %s%s |", severityLabel(f.Severity), mdCell(f.Control),
			mdCell(prose(f.Title)), obj, mdCell(f.Message), status))
	}
	return withBlank(s)
}

// changedObjects is one collapsible block per changed object: what
// changed in words, who, the controls it weakens, a link to the file at
// the reviewed commit, and the diff. Each object is its own section.
func changedObjects(rv *finding.Review, t finding.TenantReview) []section {
	d := t.Drift
	title := fmt.Sprintf("%s: changed objects (%d)", mdCell(t.Name), len(d.Changes))
	out := []section{{title: title, lines: []string{"### " + title, ""}}}
	for _, c := range d.Changes {
		name := firstNonEmpty(c.Resource.Name, c.Resource.ID)
		s := section{title: fmt.Sprintf("%s %s", c.Kind, mdCell(name))}
		s.lines = append(s.lines, fmt.Sprintf("<details><summary>%s %s (%s)%s</summary>", c.Kind, mdHTMLText(name), mdHTMLText(c.Resource.Type),
			weakensSummary(c)), "")
		var what []string
		for _, p := range changeWhat(c) {
			what = append(what, mdCell(p))
		}
		s.lines = append(s.lines, "- "+strings.Join(what, "; "))
		if f := repoFile(rv, t, c); f != "" {
			s.lines = append(s.lines, "- "+fileLink(rv.Links, mdCell(c.File), f, c.Line))
		}
		if who := attributionText(c.Attribution); who != "" {
			s.lines = append(s.lines, "- who: "+mdCell(who))
		}
		s.lines = append(s.lines, "")
		if c.Diff != "" {
			s.lines = append(s.lines, mdCodeBlock("diff", c.Diff)...)
			s.lines = append(s.lines, "")
		}
		s.lines = append(s.lines, "</details>", "")
		out = append(out, s)
	}
	return out
}

func weakensSummary(c finding.ObjectChange) string {
	if len(c.Weakens) == 0 {
		return ""
	}
	return " — ⚠️ weakens " + mdHTMLText(strings.Join(c.Weakens, ", "))
}

// repoFile is a changed object's file in the repository: under the head's
// tree for objects that exist there (links point at the reviewed commit).
func repoFile(rv *finding.Review, t finding.TenantReview, c finding.ObjectChange) string {
	if c.Kind == finding.ChangeRemoved || rv.Head.Path == "" {
		return ""
	}
	base := rv.Head.Path
	if !strings.HasSuffix(base, "/"+t.Name) && base != t.Name {
		base = strings.TrimSuffix(base, "/") + "/" + t.Name
	}
	return strings.TrimPrefix(base+"/"+c.File, "./")
}

// fileLink links text to a file (and line) at the reviewed commit, when
// the run says which repository and commit; otherwise the text alone.
func fileLink(l finding.ReviewLinks, text, file string, line int) string {
	if l.ServerURL == "" || l.Repository == "" || l.HeadSHA == "" {
		return text
	}
	var segs []string
	for _, s := range strings.Split(file, "/") {
		segs = append(segs, url.PathEscape(s))
	}
	u := fmt.Sprintf("%s/%s/blob/%s/%s", strings.TrimSuffix(l.ServerURL, "/"), repoEscape(l.Repository), hexOnly(l.HeadSHA), strings.Join(segs, "/"))
	if line > 0 {
		u += fmt.Sprintf("#L%d", line)
	}
	return "[" + text + "](" + u + ")"
}

func commitLink(l finding.ReviewLinks, sha string) string {
	label := "`" + short(hexOnly(sha)) + "`"
	if l.ServerURL == "" || l.Repository == "" {
		return label
	}
	return fmt.Sprintf("[%s](%s/%s/commit/%s)", label, strings.TrimSuffix(l.ServerURL, "/"), repoEscape(l.Repository), hexOnly(sha))
}

// repoEscape keeps "owner/name" and escapes each part.
func repoEscape(r string) string {
	owner, name, _ := strings.Cut(r, "/")
	return url.PathEscape(owner) + "/" + url.PathEscape(name)
}

// hexOnly keeps the hexadecimal digits of a commit id.
func hexOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F') {
			return r
		}
		return -1
	}, s)
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func reviewFooter(rv *finding.Review) string {
	if rv.Links.RunURL != "" && strings.HasPrefix(rv.Links.RunURL, "https://") {
		return fmt.Sprintf("Full review: review.md and review.json in [this run's artifacts](%s).", rv.Links.RunURL)
	}
	return "Full review: review.md and review.json."
}

// reviewShortForm says in a few lines that no control changes its verdict.
func reviewShortForm(rv *finding.Review) []string {
	var lines []string
	for _, t := range rv.Tenants {
		n := 0
		var names []string
		if t.Drift != nil {
			n = len(t.Drift.Changes)
			for i, c := range t.Drift.Changes {
				if i == 5 {
					names = append(names, fmt.Sprintf("and %d more", n-5))
					break
				}
				names = append(names, mdCell(firstNonEmpty(c.Resource.Name, c.Resource.ID)))
			}
		}
		line := fmt.Sprintf("- %s: no control changes its verdict", mdCell(t.Name))
		if n > 0 {
			line += fmt.Sprintf("; %s changed (%s)", plural(n, "object"), strings.Join(names, ", "))
		}
		lines = append(lines, line)
	}
	for _, c := range rv.ConfigChanges {
		lines = append(lines, "- the configuration "+mdCell(c.Text))
	}
	return append(lines, "", reviewFooter(rv))
}

// plural is "1 object" or "n objects".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
