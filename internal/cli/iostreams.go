package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IO is the process's streams and environment, injectable for tests.
type IO struct {
	In     io.Reader
	Out    io.Writer // machine output and results
	Err    io.Writer // logs, progress, summaries
	Getenv func(string) string
	// ErrIsTerminal reports whether Err is a terminal (progress and colour).
	ErrIsTerminal bool
}

// Std is the real process streams.
func Std() *IO {
	return &IO{
		In:            os.Stdin,
		Out:           os.Stdout,
		Err:           os.Stderr,
		Getenv:        os.Getenv,
		ErrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// Color reports whether ANSI colour may be used on stderr: a terminal, and
// NO_COLOR unset or empty (https://no-color.org).
func (io *IO) Color() bool {
	return io.ErrIsTerminal && io.Getenv("NO_COLOR") == ""
}

// Progress reports whether progress may be drawn on stderr.
func (io *IO) Progress() bool {
	return io.ErrIsTerminal && io.Getenv("CI") == ""
}
