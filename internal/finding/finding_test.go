package finding

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestSeverityOrderAndParsing(t *testing.T) {
	sevs := Severities()
	for i := 1; i < len(sevs); i++ {
		if sevs[i-1].Rank() <= sevs[i].Rank() {
			t.Errorf("%s must rank above %s", sevs[i-1], sevs[i])
		}
	}
	if s, err := ParseSeverity(" High "); err != nil || s != SeverityHigh {
		t.Errorf("ParseSeverity(High) = %q, %v", s, err)
	}
	if _, err := ParseSeverity("urgent"); err == nil {
		t.Error("an unknown severity must be refused")
	}
	if Severity("").AtLeast(SeverityInfo) {
		t.Error("an unset severity must never reach a threshold")
	}
	if !SeverityCritical.AtLeast(SeverityHigh) || SeverityMedium.AtLeast(SeverityHigh) {
		t.Error("AtLeast is inverted")
	}
	var s Severity
	if err := json.Unmarshal([]byte(`"bogus"`), &s); err == nil {
		t.Error("JSON with an unknown severity must not decode")
	}
}

func TestStatusDecodingIsStrict(t *testing.T) {
	var s Status
	if err := json.Unmarshal([]byte(`"pass"`), &s); err != nil || s != StatusPass {
		t.Fatalf("pass: %q %v", s, err)
	}
	for _, bad := range []string{`"passed"`, `""`, `"PASS"`} {
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("%s must not decode as a status", bad)
		}
	}
	if StatusUnknown.valid() {
		t.Error("the zero status must not be a valid verdict")
	}
}

func TestReportFailingHonoursThreshold(t *testing.T) {
	r := Report{Controls: []Result{
		{Control: Control{ID: "A", Severity: SeverityMedium}, Status: StatusFail},
		{Control: Control{ID: "B", Severity: SeverityCritical}, Status: StatusWaived},
		{Control: Control{ID: "C", Severity: SeverityCritical}, Status: StatusError},
	}}
	ids := func(rs []Result) (out []string) {
		for _, x := range rs {
			out = append(out, x.ID)
		}
		return out
	}
	if got := ids(r.Tripping(SeverityMedium, false)); !slices.Equal(got, []string{"A", "C"}) {
		t.Errorf("medium threshold trips %v, want the medium fail and the critical error", got)
	}
	if got := ids(r.Tripping(SeverityHigh, false)); !slices.Equal(got, []string{"C"}) {
		t.Errorf("high threshold trips %v, want only the critical error (an error is never a pass)", got)
	}
	if got := ids(r.Tripping(SeverityHigh, true)); len(got) != 0 {
		t.Errorf("high threshold with allowErrors trips %v, want nothing (waived never trips)", got)
	}
	if got := ids(r.Tripping(SeverityLow, true)); !slices.Equal(got, []string{"A"}) {
		t.Errorf("low threshold with allowErrors trips %v, want the fail only", got)
	}
	if c := r.Counts(); c[StatusFail] != 1 || c[StatusWaived] != 1 || c[StatusError] != 1 {
		t.Errorf("counts %v", c)
	}
}
