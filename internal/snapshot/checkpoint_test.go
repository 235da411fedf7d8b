package snapshot_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// stopping wraps a collector so that, when it starts, the run is stopped
// as a Ctrl-C or a killed job would stop it.
type stopping struct {
	snapshot.Collector
	stop context.CancelFunc
}

func (s stopping) After() []string {
	if f, ok := s.Collector.(snapshot.Follower); ok {
		return f.After()
	}
	return nil
}

func (s stopping) Collect(ctx context.Context, src snapshot.Sources, rec *snapshot.Recorder) error {
	s.stop()
	<-ctx.Done()
	return ctx.Err()
}

// renderTree renders res as the files a snapshot writes.
func renderTree(t *testing.T, res *snapshot.Result) map[string][]byte {
	t.Helper()
	tree, err := snapshot.Render(res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// TestResumedRunEqualsAnUninterruptedOne: a run stopped when the
// principals family starts (it runs after every other family) keeps the
// finished families; resumed, it reads only principals and writes the
// same bytes as a run never stopped.
func TestResumedRunEqualsAnUninterruptedOne(t *testing.T) {
	whole := renderTree(t, newFamilyEnv(t, demoTenant(t), true).run(t, snapshot.Catalog()...))

	out := filepath.Join(t.TempDir(), "snap")
	cp := snapshot.CheckpointFor(out)
	first := newFamilyEnv(t, demoTenant(t), true)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var collectors []snapshot.Collector
	for _, c := range snapshot.Catalog() {
		if c.Family() == "principals" {
			c = stopping{c, cancel}
		}
		collectors = append(collectors, c)
	}
	_, err := snapshot.Collect(ctx, first.src, snapshot.Options{Collectors: collectors, Checkpoint: cp, Now: fixedClock})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the stopped run: err = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(cp.Dir(), "principals.json")); !os.IsNotExist(err) {
		t.Errorf("the stopped family was kept in the checkpoint: %v", err)
	}

	second := newFamilyEnv(t, demoTenant(t), true)
	later := func() time.Time { return fixedClock().Add(3 * time.Hour) }
	res, err := snapshot.Collect(context.Background(), second.src, snapshot.Options{Checkpoint: cp, Resume: true, Now: later})
	if err != nil {
		t.Fatal(err)
	}
	if !res.CollectedAt.Equal(fixedClock()) {
		t.Errorf("collectedAt %v, want the first run's start %v", res.CollectedAt, fixedClock())
	}
	var families []string
	for _, c := range snapshot.Catalog() {
		if c.Family() != "principals" {
			families = append(families, c.Family())
		}
	}
	slices.Sort(families)
	if !slices.Equal(res.Resumed, families) {
		t.Errorf("resumed %v, want every family but principals %v", res.Resumed, families)
	}
	for _, r := range second.fake.Requests() {
		if strings.Contains(r.URL, "conditionalAccess") || strings.Contains(r.URL, "roleManagement") {
			t.Errorf("the resumed run read a finished family again: %s", r.URL)
		}
	}
	if len(second.requestsTo("/v1.0/users?")) == 0 {
		t.Error("the resumed run did not read the principals")
	}
	resumed := renderTree(t, res)
	if !maps.EqualFunc(whole, resumed, bytes.Equal) {
		for name := range whole {
			if !bytes.Equal(whole[name], resumed[name]) {
				t.Errorf("%s differs:\n--- uninterrupted\n%s\n--- resumed\n%s", name, whole[name], resumed[name])
			}
		}
		for name := range resumed {
			if _, ok := whole[name]; !ok {
				t.Errorf("%s only in the resumed run", name)
			}
		}
	}
}

func TestCheckpointOfAnotherTenantIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "snap")
	cp := snapshot.CheckpointFor(out)
	env := newFamilyEnv(t, demoTenant(t), false)
	opts := snapshot.Options{Collectors: mine(t), Checkpoint: cp, TenantID: "11111111-1111-1111-1111-111111111111"}
	if _, err := snapshot.Collect(context.Background(), env.src, opts); err != nil {
		t.Fatal(err)
	}
	opts.TenantID, opts.Resume = "22222222-2222-2222-2222-222222222222", true
	_, err := snapshot.Collect(context.Background(), env.src, opts)
	if err == nil || !strings.Contains(err.Error(), "is of tenant 11111111-1111-1111-1111-111111111111, not 22222222") {
		t.Errorf("err = %v", err)
	}
}

func TestCheckpointNotOursIsLeftAlone(t *testing.T) {
	out := filepath.Join(t.TempDir(), "snap")
	cp := snapshot.CheckpointFor(out)
	if err := os.MkdirAll(cp.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(cp.Dir(), "notes.txt")
	if err := os.WriteFile(notes, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := newFamilyEnv(t, demoTenant(t), false)
	for _, resume := range []bool{false, true} {
		_, err := snapshot.Collect(context.Background(), env.src, snapshot.Options{Collectors: mine(t), Checkpoint: cp, Resume: resume})
		if err == nil || !strings.Contains(err.Error(), "was not made by entra-audit") {
			t.Errorf("resume=%v: err = %v", resume, err)
		}
	}
	if err := cp.Remove(); err == nil {
		t.Error("Remove removed a directory entra-audit did not make")
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "my notes" {
		t.Errorf("the user's file: %q, %v", b, err)
	}
}

// TestFailedFamilyIsReadAgain: a family with a failed resource (not a
// missing permission) is not restored: the resumed run reads it again.
func TestFailedFamilyIsReadAgain(t *testing.T) {
	out := filepath.Join(t.TempDir(), "snap")
	cp := snapshot.CheckpointFor(out)
	tn := demoTenant(t)
	tn.SetError("/v1.0/identity/conditionalAccess/namedLocations", 500, "InternalServerError", "try later")
	env := newFamilyEnv(t, tn, false)
	if _, err := snapshot.Collect(context.Background(), env.src, snapshot.Options{Collectors: mine(t), Checkpoint: cp}); err != nil {
		t.Fatal(err)
	}
	again := newFamilyEnv(t, demoTenant(t), false)
	res, err := snapshot.Collect(context.Background(), again.src, snapshot.Options{Collectors: mine(t), Checkpoint: cp, Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Resumed, []string{"tenant"}) {
		t.Errorf("resumed %v, want only tenant", res.Resumed)
	}
	if o := res.Outcome("conditionalAccess.namedLocations"); o == nil || o.Status != snapshot.StatusCollected {
		t.Errorf("named locations after the resume: %+v", o)
	}
}
