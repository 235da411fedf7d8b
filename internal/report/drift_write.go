package report

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// The outputs of `entra-audit drift`: drift.json (finding.Drift, the
// documented schema) and drift.md (the Markdown drift section on its own).

// DriftFormats are the formats `drift --format` accepts, in output order.
func DriftFormats() []string { return []string{"json", "markdown"} }

// driftFile is each drift format's file name.
var driftFile = map[string]string{"json": "drift.json", "markdown": "drift.md"}

// CheckDriftFormats refuses unknown or empty names before anything runs;
// an empty list means every format.
func CheckDriftFormats(formats []string) ([]string, error) {
	if len(formats) == 0 {
		return DriftFormats(), nil
	}
	var out []string
	for _, f := range formats {
		name := strings.ToLower(strings.TrimSpace(f))
		if _, ok := driftFile[name]; !ok {
			return nil, fmt.Errorf("unknown drift format %q: use one of %s", f, strings.Join(DriftFormats(), ", "))
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out, nil
}

// WriteDrift writes d in each format into dir and returns the paths.
func WriteDrift(ctx context.Context, dir string, d *finding.Drift, formats []string) ([]string, error) {
	formats, err := CheckDriftFormats(formats)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: create output directory %s: %w", dir, err)
	}
	var paths []string
	for _, f := range formats {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		path := filepath.Join(dir, driftFile[f])
		render := func(w io.Writer) error { return DriftMarkdown(w, d) }
		if f == "json" {
			render = func(w io.Writer) error { return DriftJSON(w, d) }
		}
		if err := writeAtomic(path, f, render); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// DriftJSON writes drift.json: encoding/json of finding.Drift, indented.
func DriftJSON(w io.Writer, d *finding.Drift) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// DriftMarkdown writes drift.md, within the same size limit as summary.md.
func DriftMarkdown(w io.Writer, d *finding.Drift) error {
	lines := driftMarkdown(d, "##")
	head, body := lines[:min(4, len(lines))], lines[min(4, len(lines)):]
	_, err := io.WriteString(w, fitLines(head, body, markdownMaxBytes))
	return err
}
