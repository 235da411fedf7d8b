// Package github holds the GitHub API calls entra-audit makes: the sticky PR
// comment, the job summary, the drift pull request.
//
// It speaks to GitHub through go-github and imports no other entra-audit
// package: callers hand it Markdown that the report writers already
// rendered and escaped. Everything here is sized to GitHub's limits
// ([CommentLimit], [SummaryLimit]) by dropping whole sections from the end
// ([FitComment], [FitSummary]), so an oversized report degrades into a
// shorter one with a note instead of a refused request.
//
// A sticky comment is recognised by a hidden marker line
// (<!-- entra-audit:NAME -->) and by its author: anyone can paste a marker,
// so a comment is ours only when our own account wrote it.
package github
