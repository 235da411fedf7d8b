package cli

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/demo"
	"github.com/entra-audit/entra-audit/internal/graph/graphtest"
)

// BenchmarkScanTenants measures scan --tenants' wall time: one demo tenant
// alone, and 20 at --parallel 4, once with the demo served in process
// (CPU-bound: policy evaluation) and once served over loopback with a
// delay per request and Graph's Conditional Access pacing (bound by
// waiting, as real tenants are). Each run reports ms per round of
// --parallel tenants (rounds = tenants ÷ parallel, rounded up) to read
// against the lone tenant's ms: the bound is rounds × the slowest tenant
// plus a constant (reading the folders and writing the index), which
// waiting-bound tenants meet; CPU-bound ones share the cores, and so does
// --parallel 20 on a small machine. No assertion: machines differ.
//
//	go test ./internal/cli -run '^$' -bench ScanTenants -benchtime 1x
func BenchmarkScanTenants(b *testing.B) {
	token := fakeJWT("Policy.Read.All")
	tn, err := demo.Tenant()
	if err != nil {
		b.Fatal(err)
	}
	fake := graphtest.NewFake(tn, graphtest.ServerOptions{RequireToken: token})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(10 * time.Millisecond) // a Graph round trip, roughly
		fake.ServeHTTP(w, r)
	}))
	defer slow.Close()
	inProcess := "    demo: true\n"
	overLoopback := fmt.Sprintf("    connection: {auth: access-token, accessTokenEnv: BENCH_TOKEN, graphUrl: %q}\n", slow.URL)
	for _, c := range []struct {
		name        string
		entry       string
		tenants, at int
	}{
		{"in-process/1", inProcess, 1, 1},
		{"in-process/20-at-4", inProcess, 20, 4},
		{"loopback-10ms/1", overLoopback, 1, 1},
		{"loopback-10ms/20-at-4", overLoopback, 20, 4},
		{"loopback-10ms/20-at-20", overLoopback, 20, 20},
	} {
		b.Run(c.name, func(b *testing.B) {
			var list strings.Builder
			list.WriteString("tenants:\n")
			for i := range c.tenants {
				fmt.Fprintf(&list, "  - name: t-%02d\n    failOn: never\n%s", i, c.entry)
			}
			dir := b.TempDir()
			file := writeTenants(b, dir, list.String())
			env := map[string]string{"BENCH_TOKEN": token}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out := filepath.Join(dir, fmt.Sprint("out-", i))
				var stderr bytes.Buffer
				code := Main([]string{"scan", "--tenants", file, "--out", out, "--parallel", fmt.Sprint(c.at), "--format", "json,markdown"},
					&IO{In: strings.NewReader(""), Out: io.Discard, Err: &stderr, Getenv: envMap(env)})
				if code != ExitOK {
					b.Fatalf("exit %d\n%s", code, stderr.String()[max(0, stderr.Len()-2000):])
				}
			}
			rounds := (c.tenants + c.at - 1) / c.at
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(rounds), "ms/round")
		})
	}
}
