package report

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// WriteAll renders r in each format into dir (created if missing) and
// returns the written paths in format order. An empty formats list writes
// every format. Each file is written to a temporary file in dir and renamed
// into place, so readers never see half a report and a failed render leaves
// the previous file intact.
func WriteAll(ctx context.Context, dir string, r finding.Report, formats []string) ([]string, error) {
	writers, err := lookupAll(formats)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: create output directory %s: %w", dir, err)
	}
	var paths []string
	for _, w := range writers {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		path := filepath.Join(dir, w.FileName())
		if err := writeAtomic(path, w.Name(), func(out io.Writer) error { return w.Write(ctx, out, r) }); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// writeAtomic renders into a temporary file next to path and renames it
// into place; format names the output in errors.
func writeAtomic(path, format string, render func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("report: %s: create temporary file: %w", format, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	buf := bufio.NewWriter(tmp)
	if err := render(buf); err != nil {
		return fmt.Errorf("report: render %s: %w", format, err)
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("report: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("report: chmod %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("report: close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("report: move %s into place: %w", path, err)
	}
	return nil
}
