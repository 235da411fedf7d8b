package report

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current writers")

// TestGolden renders the shared fixture in every registered format and
// compares it with testdata/golden/<file name>.
func TestGolden(t *testing.T) {
	for _, name := range Names() {
		w, _ := Lookup(name)
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := w.Write(context.Background(), &buf, fixtureReport()); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", w.FileName())
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s; if the change is intended run go test ./internal/report -update\n%s", name, path, firstDiff(buf.Bytes(), want))
			}
			// Rendering twice must give the same bytes (no map-order or clock leaks).
			var again bytes.Buffer
			if err := w.Write(context.Background(), &again, fixtureReport()); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("%s is not deterministic", name)
			}
		})
	}
}

// firstDiff shows the first differing line of got and want.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}
