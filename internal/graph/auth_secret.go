package graph

import (
	"fmt"
	"io"
	"log/slog"
)

// Secret holds a credential value (client secret, password, token). Every
// way of printing it (fmt verbs, slog, JSON, YAML, text) shows "[REDACTED]"
// so a config dump or a log line can never leak it. Reveal returns the value
// for the one place that must send it.
type Secret string

const secretMask = "[REDACTED]"

// Reveal returns the secret value. Call it only to hand the value to the
// library or header that needs it.
func (s Secret) Reveal() string { return string(s) }

// IsSet reports whether a value is present, without revealing it.
func (s Secret) IsSet() bool { return s != "" }

func (s Secret) String() string   { return secretMask }
func (s Secret) GoString() string { return `graph.Secret("` + secretMask + `")` }

// Format covers every verb, including %x and %q, which would otherwise
// bypass String.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, s.GoString())
		return
	}
	_, _ = io.WriteString(f, secretMask)
}

// LogValue keeps the value out of slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(secretMask) }

// MarshalText keeps the value out of JSON, YAML and other text encodings.
func (s Secret) MarshalText() ([]byte, error) { return []byte(secretMask), nil }
