package policy

import (
	"os"
	"strings"
	"testing"
)

// FuzzParseConfig: any bytes given as entra-audit.yaml (breakGlass,
// controls, waivers...) give a configuration or an error, never a panic,
// and an error names the file; an accepted configuration's waivers all
// carry the fields the engine relies on.
//
//	go test -run '^$' -fuzz '^FuzzParseConfig$' -fuzztime 30s -fuzzminimizetime 100x ./internal/policy
func FuzzParseConfig(f *testing.F) {
	for _, p := range []string{"../../examples/entra-audit.yaml", "../../internal/demo/entra-audit.yaml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("waivers:\n  - control: MS.AAD.7.2v1\n    owner: a@b.c\n    reason: r\n    expires: 2027-02-30\n"))
	f.Add([]byte("a: &x [*x]\n---\nb: 1\n"))
	f.Add([]byte("controls:\n  MS.AAD.3.2v2: {exclusions: {users: [1:20, yes, ~]}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig("fuzz.yaml", data)
		if err != nil {
			if cfg != nil {
				t.Fatalf("both a configuration and an error: %v", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "fuzz.yaml") {
				t.Fatalf("the error does not name the file: %s", msg)
			}
			return
		}
		for _, w := range cfg.Waivers {
			if w.Control == "" || w.Owner == "" || w.expires.IsZero() {
				t.Fatalf("accepted a waiver without control, owner or expiry: %+v", w)
			}
		}
	})
}
