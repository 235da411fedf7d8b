package drift

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// contextLines is how many unchanged lines surround each hunk, as in diff -u.
const contextLines = 3

// unifiedDiff is a unified diff (diff -u) of two texts, line by line. The
// line diff comes from go-diff; hunks are cut here, because go-diff's own
// patch text is character-based and URL-encoded.
func unifiedDiff(oldName, newName, a, b string) string {
	if a == b {
		return ""
	}
	dmp := diffmatchpatch.New()
	ca, cb, lines := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), lines)

	type line struct {
		op   byte // ' ', '-', '+'
		text string
	}
	var all []line
	for _, d := range diffs {
		op := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = '-'
		case diffmatchpatch.DiffInsert:
			op = '+'
		}
		for _, l := range splitLines(d.Text) {
			all = append(all, line{op, l})
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for i := 0; i < len(all); {
		if all[i].op == ' ' {
			i++
			continue
		}
		// A hunk: from contextLines before the first change to contextLines
		// after the last change that is no further than 2*contextLines away.
		start := max(0, i-contextLines)
		end := i
		for j := i; j < len(all); j++ {
			if all[j].op != ' ' {
				end = j
			} else if j-end > 2*contextLines {
				break
			}
		}
		stop := min(len(all), end+contextLines+1)
		oldStart, newStart := lineNumbers(all[:start], func(l line) byte { return l.op })
		var oldN, newN int
		for _, l := range all[start:stop] {
			if l.op != '+' {
				oldN++
			}
			if l.op != '-' {
				newN++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(oldStart, oldN), hunkRange(newStart, newN))
		for _, l := range all[start:stop] {
			out.WriteByte(l.op)
			out.WriteString(l.text)
			out.WriteByte('\n')
		}
		i = stop
	}
	return out.String()
}

// lineNumbers counts the old and new lines before a hunk.
func lineNumbers[T any](before []T, op func(T) byte) (oldLine, newLine int) {
	for _, l := range before {
		switch op(l) {
		case '-':
			oldLine++
		case '+':
			newLine++
		default:
			oldLine++
			newLine++
		}
	}
	return oldLine, newLine
}

// hunkRange is "start,count" with diff's conventions: 1-based, and for
// an empty range the line before it.
func hunkRange(before, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", before)
	}
	if n == 1 {
		return fmt.Sprintf("%d", before+1)
	}
	return fmt.Sprintf("%d,%d", before+1, n)
}

// splitLines splits text into lines without their newlines.
func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return []string{""}
	}
	return strings.Split(s, "\n")
}

// UnifiedDiff is the unified diff (diff -u) of two texts, "" when equal.
func UnifiedDiff(oldName, newName, a, b string) string { return unifiedDiff(oldName, newName, a, b) }
