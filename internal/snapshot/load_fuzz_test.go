package snapshot_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// FuzzLoadObjectFile writes the fuzzer's bytes as the one object file of a
// minimal valid snapshot tree (a Conditional Access policy in a collection,
// or the authorization policy singleton) and loads the tree. Whatever the
// bytes, Load must not panic and must return either a snapshot or an error,
// never both or neither. A snapshot file is written by whoever can edit the
// baseline repository, so the loader trusts none of it.
//
//	go test -run '^$' -fuzz '^FuzzLoadObjectFile$' -fuzztime 30s -fuzzminimizetime 100x ./internal/snapshot
func FuzzLoadObjectFile(f *testing.F) {
	// Seeds: real object files of the committed demo baseline, hostile
	// strings as display names, and a few shapes the loader refuses.
	for _, rel := range []string{
		"conditional-access/policies/ca002-require-mfa-for-all-users--ab9099a4.yaml",
		"conditional-access/policies/ca003-require-phishing-resistant-mfa-for-admins--aefcfad8.yaml",
		"tenant/authorization-policy.yaml",
		"authentication-methods/policy.yaml",
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "baselines", "contoso-demo", filepath.FromSlash(rel)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
		f.Add(data, true)
	}
	for _, s := range fuzzLoadHostileStrings(f) {
		f.Add([]byte("id: 00000000-0000-4000-8000-000000000001\ndisplayName: "+strconv.Quote(s)+"\n"), false)
	}
	for _, s := range []string{
		"", "---\n", "- a\n- b\n", "a: &x [1]\nb: *x\n", "id: [\n", "!!binary aGk=\n", "id: !!float 1e400\n",
		"? [a, b]\n: c\n", "id: 1\nid: 2\n", "\xef\xbb\xbfid: x\n", "id: \"\\x00\"\n", "<<: {a: 1}\n",
	} {
		f.Add([]byte(s), false)
	}

	// The harness must be able to load a valid tree, or the fuzzing proves nothing.
	valid, err := os.ReadFile(filepath.Join("..", "..", "baselines", "contoso-demo", "conditional-access", "policies", "ca002-require-mfa-for-all-users--ab9099a4.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	if s, err := snapshot.Load(fuzzLoadTree(f, f.TempDir(), valid, false)); err != nil || s == nil {
		f.Fatalf("the minimal tree with a real policy file does not load: %v", err)
	}

	f.Fuzz(func(t *testing.T, data []byte, singleton bool) {
		dir := fuzzLoadTree(t, t.TempDir(), data, singleton)
		s, err := snapshot.Load(dir)
		if (s == nil) == (err == nil) {
			t.Fatalf("Load returned snapshot %v and error %v: want exactly one", s != nil, err)
		}
		if err != nil {
			return
		}
		if s.Input == nil {
			t.Fatal("a loaded snapshot has no input document")
		}
		// What loaded must also serialise: the policy engine gets it as JSON.
		if _, err := json.Marshal(s.Input); err != nil {
			t.Fatalf("the loaded input document does not marshal: %v", err)
		}
	})
}

// fuzzLoadTree writes a snapshot tree whose only collected resource holds
// one object file with content data, and returns its directory.
func fuzzLoadTree(t testing.TB, dir string, data []byte, singleton bool) string {
	t.Helper()
	key, rel, path := "conditionalAccess.policies", "conditional-access/policies/fuzz--00000001.yaml", "conditional-access/policies"
	if singleton {
		key, rel, path = "tenant.authorizationPolicy", "tenant/authorization-policy.yaml", "tenant/authorization-policy.yaml"
	}
	manifest := "schemaVersion: 1\ntoolVersion: fuzz\ntenant:\n  id: bdd640fb-0667-4ad1-9c80-317fa3b1799d\n" +
		"cloud: global\ncollectedAt: \"2026-11-02T06:00:00Z\"\nresources:\n" +
		"  " + key + ":\n    status: collected\n    count: 1\n    path: " + path + "\n"
	for name, content := range map[string][]byte{snapshot.ManifestFile: []byte(manifest), rel: data} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func fuzzLoadHostileStrings(f *testing.F) []string {
	f.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "strings.json"))
	if err != nil {
		f.Fatal(err)
	}
	var corpus []string
	if err := json.Unmarshal(data, &corpus); err != nil {
		f.Fatalf("testdata/hostile/strings.json: %v", err)
	}
	return corpus
}
