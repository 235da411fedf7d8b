package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// Writer renders a report in one format.
type Writer interface {
	// Name is the format name users pass to --format (json, sarif, ...).
	Name() string
	// FileName is the file WriteAll creates for this format in the output directory.
	FileName() string
	// Write renders r to w. It must be deterministic: the same report gives the same bytes.
	Write(ctx context.Context, w io.Writer, r finding.Report) error
}

// registry holds every format, in the order WriteAll writes them by default.
var registry = []Writer{
	jsonWriter{},
	sarifWriter{},
	htmlWriter{},
	markdownWriter{},
	junitWriter{},
	csvWriter{},
}

// Names lists the format names in default output order.
func Names() []string {
	names := make([]string, 0, len(registry))
	for _, w := range registry {
		names = append(names, w.Name())
	}
	return names
}

// Lookup finds a writer by format name (case-insensitive).
func Lookup(name string) (Writer, error) {
	want := strings.ToLower(strings.TrimSpace(name))
	for _, w := range registry {
		if w.Name() == want {
			return w, nil
		}
	}
	return nil, fmt.Errorf("unknown report format %q: use one of %s", name, strings.Join(Names(), ", "))
}

// lookupAll resolves format names, rejecting unknown names and duplicates
// before anything is written. An empty list means every format.
func lookupAll(formats []string) ([]Writer, error) {
	if len(formats) == 0 {
		return slices.Clone(registry), nil
	}
	var out []Writer
	seen := map[string]bool{}
	for _, f := range formats {
		w, err := Lookup(f)
		if err != nil {
			return nil, err
		}
		if seen[w.Name()] {
			continue
		}
		seen[w.Name()] = true
		out = append(out, w)
	}
	return out, nil
}
