package snapshot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A checkpoint keeps what a run has read so far, one file per finished
// family, in "<out>.resume" next to the snapshot directory, so that a run
// stopped midway (Ctrl-C, a killed CI job, a lost network) can be resumed
// without reading those families again. The directory carries the work
// marker (atomic.go): entra-audit removes it only when it holds the marker,
// once the snapshot is written.
type Checkpoint struct {
	dir string
}

// checkpointSchema is bumped when the files change shape; an older
// checkpoint is then ignored rather than misread.
const checkpointSchema = 1

const checkpointRun = "run.json"

// checkpointRunFile says which run the families belong to.
type checkpointRunFile struct {
	Schema      int       `json:"schema"`
	TenantID    string    `json:"tenantId,omitempty"`
	CollectedAt time.Time `json:"collectedAt"`
}

// checkpointFamily is one finished family: the resource keys it declared
// (a newer entra-audit with other resources reads the family again) and
// their outcomes.
type checkpointFamily struct {
	Family   string     `json:"family"`
	Keys     []string   `json:"keys"`
	Outcomes []*Outcome `json:"outcomes"`
}

// CheckpointFor is the checkpoint of the snapshot directory out.
func CheckpointFor(out string) *Checkpoint {
	clean := filepath.Clean(out)
	return &Checkpoint{dir: filepath.Join(filepath.Dir(clean), filepath.Base(clean)+".resume")}
}

// Dir is where the checkpoint lives.
func (c *Checkpoint) Dir() string { return c.dir }

// resumeState is what a checkpoint restores: the run's start and the
// outcomes of its finished families.
type resumeState struct {
	tenantID    string
	collectedAt time.Time
	families    map[string]checkpointFamily
}

// load reads the checkpoint; ok is false when there is none (or one of an
// older schema). A directory without the marker is not ours: an error.
func (c *Checkpoint) load() (state *resumeState, ok bool, err error) {
	if _, err := os.Lstat(c.dir); errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if !isMarked(c.dir) {
		return nil, false, fmt.Errorf("snapshot: %s exists but was not made by entra-audit: move it away to resume or to start afresh", c.dir)
	}
	var run checkpointRunFile
	if err := readJSON(filepath.Join(c.dir, checkpointRun), &run); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("snapshot: read the checkpoint %s: %w", c.dir, err)
	}
	if run.Schema != checkpointSchema {
		return nil, false, nil
	}
	state = &resumeState{tenantID: run.TenantID, collectedAt: run.CollectedAt, families: map[string]checkpointFamily{}}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return nil, false, fmt.Errorf("snapshot: read the checkpoint %s: %w", c.dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if name == checkpointRun || !strings.HasSuffix(name, ".json") || !e.Type().IsRegular() {
			continue
		}
		var fam checkpointFamily
		if err := readJSON(filepath.Join(c.dir, name), &fam); err != nil {
			return nil, false, fmt.Errorf("snapshot: read the checkpoint %s: %w", filepath.Join(c.dir, name), err)
		}
		if fam.Family+".json" != name {
			continue
		}
		state.families[fam.Family] = fam
	}
	return state, true, nil
}

// start begins a checkpoint for a run that starts afresh, replacing one of
// ours left by an earlier run.
func (c *Checkpoint) start(tenantID string, collectedAt time.Time) error {
	if err := c.Remove(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.dir), 0o755); err != nil { // as Write creates DIR's parent
		return fmt.Errorf("snapshot: create the checkpoint %s: %w", c.dir, err)
	}
	if err := os.Mkdir(c.dir, 0o700); err != nil {
		return fmt.Errorf("snapshot: create the checkpoint %s: %w", c.dir, err)
	}
	if err := writeMarker(c.dir); err != nil {
		return fmt.Errorf("snapshot: create the checkpoint %s: %w", c.dir, err)
	}
	return c.writeFile(checkpointRun, checkpointRunFile{Schema: checkpointSchema, TenantID: tenantID, CollectedAt: collectedAt})
}

// save records a finished family.
func (c *Checkpoint) save(family string, keys []string, outcomes []*Outcome) error {
	return c.writeFile(family+".json", checkpointFamily{Family: family, Keys: keys, Outcomes: outcomes})
}

// Remove deletes the checkpoint if it is ours (marked); one that is not is
// left alone and reported.
func (c *Checkpoint) Remove() error {
	if _, err := os.Lstat(c.dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if !isMarked(c.dir) {
		return fmt.Errorf("snapshot: %s exists but was not made by entra-audit; it was left alone: move it away", c.dir)
	}
	return removeWorkDir(c.dir)
}

// writeFile writes name in the checkpoint atomically (a killed run leaves
// the previous file or the new one, never half of one).
func (c *Checkpoint) writeFile(name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("snapshot: checkpoint %s: %w", name, err)
	}
	tmp := filepath.Join(c.dir, "."+name+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("snapshot: checkpoint %s: %w", name, err)
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, filepath.Join(c.dir, name))
	}
	if werr != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("snapshot: checkpoint %s: %w", name, werr)
	}
	return nil
}

// readJSON decodes numbers as json.Number, as DecodeObject does Graph's
// answers, so a restored family renders byte for byte as the one read.
func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	return dec.Decode(v)
}

// restorable says whether a saved family can stand in for reading it
// again: it declared the same resources, and none of them failed for a
// reason a new attempt may not meet (a missing permission or licence is
// kept; a failure is read again).
func (f checkpointFamily) restorable(keys []string) bool {
	if !slices.Equal(f.Keys, keys) || len(f.Outcomes) != len(keys) {
		return false
	}
	for _, o := range f.Outcomes {
		if o == nil || o.Status == StatusFailed {
			return false
		}
	}
	return true
}
