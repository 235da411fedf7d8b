package report

import (
	"context"
	"encoding/json"
	"io"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// jsonWriter writes findings.json: exactly encoding/json of finding.Report,
// indented. It is the source of truth for the findings schema
// (docs/findings-schema.md); its shape changes only with
// finding.ReportSchemaVersion. Field order follows the struct declarations
// and map keys are sorted by encoding/json, so output is stable. Lists that
// are always present (controls, collection, findings) are written as []
// rather than null, so consumers can iterate without a null check.
type jsonWriter struct{}

func (jsonWriter) Name() string     { return "json" }
func (jsonWriter) FileName() string { return "findings.json" }

func (jsonWriter) Write(_ context.Context, w io.Writer, r finding.Report) error {
	r = normalized(r)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
