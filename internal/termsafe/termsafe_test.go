package termsafe

import (
	"strings"
	"testing"
)

func TestStringIsInertOnATerminalAndInCILogs(t *testing.T) {
	cases := map[string]string{
		"Contoso Ltd":                     "Contoso Ltd",
		"\x1b]0;pwned\x07":                `\u001b]0;pwned\u0007`,
		"a\nb":                            `a\u000ab`,
		"ok\r::error::x":                  `ok\u000d::error::x`,
		"::add-mask::secret":              `\u003a:add-mask::secret`,
		"x\n::stop-commands::t":           `x\u000a::stop-commands::t`,
		"invoice\u202egpj.exe":            `invoice\u202egpj.exe`,
		"\u0085next\u2028line\u2029":      `\u0085next\u2028line\u2029`,
		"\ufeffbom and \x7f del \u009b c": `\ufeffbom and \u007f del \u009b c`,
		"raw \x9b[31m byte":               "raw \ufffd[31m byte",
		"tab\there":                       `tab\u0009here`,
		"emoji 🙂 and ünïcode":             "emoji 🙂 and ünïcode",
	}
	for in, want := range cases {
		got := String(in)
		if got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
		for _, r := range got {
			if Hidden(r) {
				t.Errorf("String(%q) keeps %U", in, r)
			}
		}
		if strings.HasPrefix(got, "::") || strings.Contains(got, "\n") {
			t.Errorf("String(%q) = %q can start a workflow command line", in, got)
		}
	}
}
