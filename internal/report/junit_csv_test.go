package report

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"strings"
	"testing"
)

func TestJUnitIsValidXMLWithHostileStrings(t *testing.T) {
	data := mustRender(t, junitWriter{}, hostileReport(t))
	var doc junitSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("junit.xml does not parse: %v", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("junit.xml token stream: %v", err)
			}
			break
		}
		if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "script" || se.Name.Local == "img" || se.Name.Local == "svg") {
			t.Errorf("tenant markup became an XML element: <%s>", se.Name.Local)
		}
	}
	if doc.Tests != 9 || doc.Failures != 4 || doc.Errors != 1 || doc.Skipped != 3 {
		t.Errorf("totals tests=%d failures=%d errors=%d skipped=%d, want 9/4/1/3", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(mustRender(t, csvWriter{}, hostileReport(t)))).ReadAll()
	if err != nil {
		t.Fatalf("action-plan.csv does not parse: %v", err)
	}
	if want := 1 + 5 + len(hostileCorpus(t)); len(rows) != want {
		t.Errorf("rows = %d, want %d: header + one per active finding of a failing control", len(rows), want)
	}
	for i, row := range rows {
		if len(row) != len(csvHeader) {
			t.Errorf("row %d has %d cells", i, len(row))
		}
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %d cell %q would run as a formula", i, cell)
			}
		}
	}
	for in, want := range map[string]string{"=1+1": "'=1+1", "+x": "'+x", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": `\u0009x`, "\rx": `\u000dx`, "=\u202e1": "'=\\u202e1", "a\x1bb": `a\u001bb`, "ok=": "ok=", "": ""} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}
