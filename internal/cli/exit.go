package cli

import (
	"errors"
	"fmt"
)

// Exit codes, documented in the README.
const (
	ExitOK       = 0 // success, nothing at or above the threshold
	ExitFindings = 1 // findings or drift at/above the chosen threshold
	ExitUsage    = 2 // usage or configuration error
	ExitRuntime  = 3 // runtime, authentication or collection error
)

// ExitError carries an exit code up to Main. Commands return it instead of
// exiting so they stay testable.
type ExitError struct {
	Code int
	Err  error // nil for a silent exit (the command already explained itself)
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// usageError marks bad flags, arguments or configuration (exit 2).
func usageError(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// runtimeError marks a failure of the run itself (exit 3).
func runtimeError(err error) error {
	if err == nil {
		return nil
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return err
	}
	return &ExitError{Code: ExitRuntime, Err: err}
}

// exitCode maps an error returned by a command to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitRuntime
}
