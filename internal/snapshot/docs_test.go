package snapshot

import (
	"os"
	"strings"
	"testing"
)

// The resource table in docs/snapshot-format.md is the contract: every
// catalogue resource must be there with its tree path and kind.
func TestDocsListEveryResource(t *testing.T) {
	doc, err := os.ReadFile("../../docs/snapshot-format.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		key := strings.Trim(strings.TrimSpace(cells[1]), "`")
		if _, seen := rows[key]; !seen {
			rows[key] = line
		}
	}
	for _, r := range Resources(Catalog()) {
		row, ok := rows[r.Key]
		if !ok {
			t.Errorf("docs/snapshot-format.md does not list %s", r.Key)
			continue
		}
		path := r.treePath()
		if !r.Singleton {
			path += "/"
		}
		if !strings.Contains(row, "`"+path+"`") {
			t.Errorf("docs row for %s lacks tree path %s: %s", r.Key, path, row)
		}
		kind := "collection"
		if r.Singleton {
			kind = "singleton"
		}
		if !strings.Contains(row, kind) {
			t.Errorf("docs row for %s does not say %s: %s", r.Key, kind, row)
		}
	}
}
