package policy

import (
	"strconv"
	"strings"
)

// lessID orders control IDs naturally, so MS.AAD.2.1v1 comes before
// MS.AAD.10.1v1: runs of digits compare as numbers.
func lessID(a, b string) bool { return compareID(a, b) < 0 }

func compareID(a, b string) int {
	for a != "" && b != "" {
		ca, ra := chunk(a)
		cb, rb := chunk(b)
		if c := compareChunk(ca, cb); c != 0 {
			return c
		}
		a, b = ra, rb
	}
	return strings.Compare(a, b)
}

func chunk(s string) (head, rest string) {
	digit := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == digit {
		i++
	}
	return s[:i], s[i:]
}

func compareChunk(a, b string) int {
	if isDigit(a[0]) && isDigit(b[0]) {
		na, errA := strconv.ParseUint(a, 10, 64)
		nb, errB := strconv.ParseUint(b, 10, 64)
		if errA == nil && errB == nil && na != nb {
			if na < nb {
				return -1
			}
			return 1
		}
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// CompareIDs orders control IDs naturally (MS.AAD.2.1v1 before
// MS.AAD.10.1v1), as results are sorted; for slices.SortFunc.
func CompareIDs(a, b string) int { return compareID(a, b) }
