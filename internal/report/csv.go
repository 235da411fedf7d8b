package report

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// csvWriter writes action-plan.csv: one row per object of each failing
// control, most severe first, with the remediation, for tracking fixes in
// a spreadsheet or ticket import. Cells that a spreadsheet would run as a
// formula are neutralised (see csvCell).
type csvWriter struct{}

func (csvWriter) Name() string     { return "csv" }
func (csvWriter) FileName() string { return "action-plan.csv" }

var csvHeader = []string{
	"severity", "control_id", "control_title", "family", "frameworks",
	"resource_type", "resource_id", "resource_name", "finding",
	"snapshot_file", "line", "remediation", "references", "waiver",
}

func (csvWriter) Write(_ context.Context, w io.Writer, r finding.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, c := range failingByRisk(r) {
		fs := activeFindings(c)
		if len(fs) == 0 {
			fs = []finding.Finding{{Resource: finding.Resource{Type: "tenant", ID: r.Tenant.ID}, Message: c.Message}}
		}
		for _, f := range fs {
			file, line := "", ""
			if f.Location != nil {
				file = f.Location.File
				if f.Location.Line > 0 {
					line = strconv.Itoa(f.Location.Line)
				}
			}
			waiver := ""
			if f.Waiver != nil && f.Waiver.Expired {
				waiver = "expired " + f.Waiver.Expires + " (" + f.Waiver.Owner + ")"
			}
			row := []string{
				severityLabel(c.Severity), c.ID, prose(c.Title), c.Family, frameworkList(c.Frameworks),
				f.Resource.Type, f.Resource.ID, f.Resource.Name, firstNonEmpty(f.Message, c.Message),
				file, line, prose(c.Remediation), strings.Join(c.References, " "), waiver,
			}
			for i := range row {
				row[i] = csvCell(row[i])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell is the CSV channel's escaping function, applied to every cell.
// Each character mustShow names (control, bidi, zero-width, separators,
// line feeds included: one object, one line) is written as its escape
// (invoice\u202egpj.exe) and invalid UTF-8 as U+FFFD, as in the other
// writers. Then it defuses CSV formula injection (OWASP): a cell starting
// with = + - @ tab or carriage return is prefixed with a single quote so
// Excel, LibreOffice and Google Sheets show it as text instead of running
// it. Tenant-controlled names like =HYPERLINK(...) end up here. (A tab or
// carriage return can no longer start a cell once escaped; the check stays
// so the rule does not depend on the order of the two steps.)
func csvCell(s string) string {
	s = plainVisible(s, false)
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
