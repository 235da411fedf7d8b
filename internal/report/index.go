package report

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// The index across tenants (scan --tenants, report merge): index.json
// (finding.Index), index.md (the job summary) and index.html, written
// side by side. Like every writer they only render: internal/fleet
// computes the index.

// indexFiles are the index's formats and their files, in output order.
var indexFiles = []struct{ format, file string }{
	{"json", "index.json"}, {"markdown", "index.md"}, {"html", "index.html"},
}

// WriteIndex writes the index in every format into dir (created if
// missing), each file atomically, and returns the paths.
func WriteIndex(ctx context.Context, dir string, idx finding.Index) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: create output directory %s: %w", dir, err)
	}
	render := map[string]func(io.Writer, finding.Index) error{
		"json": IndexJSON, "markdown": IndexMarkdown, "html": IndexHTML,
	}
	var paths []string
	for _, f := range indexFiles {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		path := filepath.Join(dir, f.file)
		if err := writeAtomic(path, "index "+f.format, func(w io.Writer) error { return render[f.format](w, idx) }); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// IndexJSON writes index.json: encoding/json of finding.Index, indented,
// with every character mustShow names written as a JSON escape, so the
// file holds the tenants' strings exactly and still nothing that could
// drive a terminal or hide text when someone prints it (cat, a CI log).
func IndexJSON(w io.Writer, idx finding.Index) error {
	if idx.SchemaVersion == "" {
		idx.SchemaVersion = finding.IndexSchemaVersion
	}
	if idx.Tenants == nil {
		idx.Tenants = []finding.TenantSummary{}
	}
	b, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(jsonEscapeHidden(b), '\n'))
	return err
}

// WriteScanResult writes scan.json into dir (created if missing).
func WriteScanResult(dir string, r finding.ScanResult) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("report: create output directory %s: %w", dir, err)
	}
	if r.SchemaVersion == "" {
		r.SchemaVersion = finding.ScanResultSchemaVersion
	}
	path := filepath.Join(dir, "scan.json")
	return path, writeAtomic(path, "scan result", func(w io.Writer) error {
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(jsonEscapeHidden(b), '\n'))
		return err
	})
}

// jsonEscapeHidden rewrites encoded JSON so that every character mustShow
// names, other than the indentation's line feeds, is a \u escape.
// encoding/json already escapes C0 controls, U+2028, U+2029 and (HTML-safe)
// < > &; this covers the rest (bidi controls, zero-width characters, C1).
// Outside the indentation they can only occur inside strings, where the
// escape decodes to the same character.
func jsonEscapeHidden(b []byte) []byte {
	if isPlainClean(string(b), true) {
		return b
	}
	out := make([]byte, 0, len(b)+64)
	for _, r := range string(b) {
		switch {
		case r == '\n' || !mustShow(r):
			out = utf8.AppendRune(out, r)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, hi, lo)
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
	}
	return out
}
