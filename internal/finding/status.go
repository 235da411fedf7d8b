package finding

import (
	"encoding/json"
	"fmt"
)

// Status is the one verdict a control yields. The zero value is
// StatusUnknown so that a result nobody set is visible, never a pass.
type Status string

const (
	StatusUnknown       Status = ""
	StatusPass          Status = "pass"
	StatusFail          Status = "fail"
	StatusNotApplicable Status = "not_applicable"
	StatusManual        Status = "manual"
	StatusError         Status = "error" // data the control needs was not collected
	StatusWaived        Status = "waived"
)

// Statuses lists the statuses in report order.
func Statuses() []Status {
	return []Status{StatusFail, StatusError, StatusWaived, StatusManual, StatusNotApplicable, StatusPass}
}

func (s Status) valid() bool {
	switch s {
	case StatusPass, StatusFail, StatusNotApplicable, StatusManual, StatusError, StatusWaived:
		return true
	}
	return false
}

func (s *Status) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if !Status(v).valid() {
		return fmt.Errorf("unknown status %q", v)
	}
	*s = Status(v)
	return nil
}
