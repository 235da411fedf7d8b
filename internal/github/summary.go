package github

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// AppendSummary appends body to the job summary file at path (the step's
// $GITHUB_STEP_SUMMARY), keeping the whole file within SummaryLimit: when
// the existing content plus body would exceed it, body is fitted into
// what is left (FitSummary: whole sections dropped from the end, with a
// note), and when none of it fits, the note alone is written. The file is
// created when missing (Actions creates it; a local run may not have).
func AppendSummary(path string, body string) error {
	if path == "" {
		return errors.New("no job summary file: GITHUB_STEP_SUMMARY is not set (it is, in a GitHub Actions step)")
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("job summary: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("job summary: %w", err)
	}
	size := st.Size()
	lead := ""
	if size > 0 {
		// A summary that does not end a line would run into ours.
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("job summary: %w", err)
		}
		if last[0] != '\n' {
			lead = "\n"
		}
	}
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	room := SummaryLimit - int(size) - len(lead)
	text := FitSummary(body, room, "")
	if text == "" {
		return fmt.Errorf("job summary %s already holds %d bytes of its %d: nothing appended", path, size, SummaryLimit)
	}
	if _, err := f.WriteString(lead + text); err != nil {
		return fmt.Errorf("job summary: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("job summary: %w", err)
	}
	return nil
}
