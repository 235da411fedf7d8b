package fleet

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// The files of a scan output directory the index reads.
const (
	FindingsFile = "findings.json"
	DriftFile    = "drift.json"
	ResultFile   = "scan.json"
)

// maxJSON bounds each file read: a findings.json of the largest tenants is
// tens of MiB; a file many times that is not ours.
const maxJSON = 1 << 30

// Scanned is what one tenant's output directory holds.
type Scanned struct {
	Name    string
	Dir     string
	Result  *finding.ScanResult  // scan.json; nil when absent (an audit's folder, an older scan)
	Report  *finding.Report      // findings.json; nil when absent or unreadable
	Drift   *finding.Drift       // drift.json, else the report's drift; nil without a baseline
	Reports []finding.ReportLink // the report files there, paths relative to Dir
	Problem string               // why a file there could not be read, one line
}

// Read reads the tenant name's output directory dir, and notes which of
// reports (a format and its file name each) are there. A missing or broken
// file is recorded in Problem, not returned: one tenant's bad folder must
// not keep the others out of the index. The error is for a dir that is
// not a directory at all.
func Read(name, dir string, reports []finding.ReportLink) (Scanned, error) {
	s := Scanned{Name: name, Dir: dir}
	if st, err := os.Stat(dir); err != nil {
		return s, err
	} else if !st.IsDir() {
		return s, fmt.Errorf("%s is not a directory", dir)
	}
	var problems []string
	note := func(err error) {
		if err != nil {
			problems = append(problems, err.Error())
		}
	}
	var res finding.ScanResult
	if ok, err := readJSON(dir, ResultFile, &res); ok {
		s.Result = &res
	} else {
		note(err)
	}
	var rep finding.Report
	if ok, err := readJSON(dir, FindingsFile, &rep); ok {
		s.Report = &rep
		s.Drift = rep.Drift
	} else {
		note(err)
	}
	var d finding.Drift
	if ok, err := readJSON(dir, DriftFile, &d); ok {
		s.Drift = &d
	} else {
		note(err)
	}
	for _, r := range reports {
		if st, err := os.Stat(filepath.Join(dir, r.Path)); err == nil && st.Mode().IsRegular() {
			s.Reports = append(s.Reports, r)
		}
	}
	s.Problem = strings.Join(problems, "; ")
	return s, nil
}

// readJSON decodes dir/name into v; ok is false when the file is absent
// (err nil) or could not be read or decoded (err says why).
func readJSON(dir, name string, v any) (ok bool, err error) {
	path := filepath.Join(dir, name)
	fh, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("%s: %w", name, err)
	}
	defer fh.Close()
	if st, err := fh.Stat(); err != nil || !st.Mode().IsRegular() {
		return false, fmt.Errorf("%s: not a regular file", name)
	}
	dec := json.NewDecoder(io.LimitReader(fh, maxJSON))
	if err := dec.Decode(v); err != nil {
		return false, fmt.Errorf("%s: %w", name, err)
	}
	return true, nil
}
