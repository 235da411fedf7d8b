package drift

import "testing"

// TestUnifiedDiffMatchesDiffU: the hunks, ranges and context are those of
// GNU diff -u (the expected text is its output for the same two files).
func TestUnifiedDiffMatchesDiffU(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\n28\n29\n30\n"
	b := "1\ntwo\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nfifteen\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\n29\n30\n31\n"
	want := "--- old\n+++ new\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -12,7 +12,7 @@\n 12\n 13\n 14\n-15\n+fifteen\n 16\n 17\n 18\n@@ -25,6 +25,6 @@\n 25\n 26\n 27\n-28\n 29\n 30\n+31\n"
	if got := unifiedDiff("old", "new", a, b); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := unifiedDiff("old", "new", a, a); got != "" {
		t.Errorf("equal texts gave a diff:\n%s", got)
	}
	if got, want := unifiedDiff("/dev/null", "new", "", "x: 1\n"), "--- /dev/null\n+++ new\n@@ -0,0 +1 @@\n+x: 1\n"; got != want {
		t.Errorf("added file: got\n%s\nwant\n%s", got, want)
	}
}
