package finding

import (
	"encoding/json"
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
	if !r.Failing(SeverityMedium) || !r.Failing(SeverityLow) {
		t.Error("a medium fail must trip medium and low thresholds")
	}
	if r.Failing(SeverityHigh) {
		t.Error("waived and error results must not count as failing")
	}
	if c := r.Counts(); c[StatusFail] != 1 || c[StatusWaived] != 1 || c[StatusError] != 1 {
		t.Errorf("counts %v", c)
	}
}
