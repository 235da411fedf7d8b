package snapshot_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// Display names are chosen by anyone who can register an app: whatever
// they hold, the writer writes it, the loader reads the same string back,
// YAML 1.1 readers (PyYAML) read the same string too, comments stay one
// harmless line and file names stay safe and unique. The strings are the
// shared corpus testdata/hostile/strings.json.

// hostileCorpus reads testdata/hostile/strings.json (a JSON array of
// strings; lone surrogate escapes decode to U+FFFD, as from Graph).
func hostileCorpus(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "strings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var corpus []string
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatalf("testdata/hostile/strings.json: %v", err)
	}
	if len(corpus) < 100 {
		t.Fatalf("corpus holds %d strings", len(corpus))
	}
	return corpus
}

// Ids: pairs of objects share their first 8 characters, so names that
// also share a slug need the full id.
func hostileSP(i int) string     { return fmt.Sprintf("%08x-5000-4000-8000-%012x", 0x5e000000+i/2, i) }
func hostileApp(i int) string    { return fmt.Sprintf("%08x-a000-4000-8000-%012x", 0xa0000000+i, i) }
func hostilePolicy(i int) string { return fmt.Sprintf("%08x-ca00-4000-8000-%012x", 0xca000000+i/2, i) }

// hostileResult is a tenant where every corpus string is a service
// principal's name (also in a list and in nested maps) and a Conditional
// Access policy's name, each policy pointing at the service principal of
// the same string, so the name is also a "# name" comment.
func hostileResult(t *testing.T, corpus []string) (*snapshot.Result, map[string]snapshot.Object) {
	t.Helper()
	sps, _ := snapshot.ResourceByKey("apps.servicePrincipals")
	cas, _ := snapshot.ResourceByKey("conditionalAccess.policies")
	want := map[string]snapshot.Object{}
	var spObjs, caObjs []snapshot.Object
	for i, s := range corpus {
		sp := snapshot.Object{
			"id":                    hostileSP(i),
			"appId":                 hostileApp(i),
			"displayName":           s,
			"accountEnabled":        true,
			"servicePrincipalNames": []any{s, "api://" + hostileApp(i)},
			"verifiedPublisher":     map[string]any{"displayName": s, "details": map[string]any{"note": s, "list": []any{s}}},
		}
		ca := snapshot.Object{
			"id":          hostilePolicy(i),
			"displayName": s,
			"state":       "enabled",
			"conditions": map[string]any{
				"applications": map[string]any{"includeApplications": []any{hostileApp(i)}},
				"users":        map[string]any{"includeUsers": []any{"All"}},
			},
		}
		spObjs, caObjs = append(spObjs, sp), append(caObjs, ca)
		want[hostileSP(i)], want[hostilePolicy(i)] = sp, ca
	}
	return &snapshot.Result{
		Resources: []snapshot.Resource{sps, cas},
		Outcomes: []*snapshot.Outcome{
			{Key: sps.Key, Status: snapshot.StatusCollected, Objects: spObjs},
			{Key: cas.Key, Status: snapshot.StatusCollected, Objects: caObjs},
		},
		Tenant: snapshot.TenantInfo{ID: "bdd640fb-0667-4ad1-9c80-317fa3b1799d"},
	}, want
}

// objectFileName is a collection file: slug parts, then the id: 8 hex
// digits, a whole GUID or a whole SHA-256 when the short name is shared.
var objectFileName = regexp.MustCompile(`^[a-z0-9-]+(--[a-z0-9-]+)*--([0-9a-f]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64})\.yaml$`)

func writeHostile(t *testing.T) (dir string, corpus []string, want map[string]snapshot.Object) {
	t.Helper()
	corpus = hostileCorpus(t)
	res, want := hostileResult(t, corpus)
	dir = filepath.Join(t.TempDir(), "snap")
	if err := snapshot.Write(dir, res, snapshot.WriteOptions{ToolVersion: "test", Now: fixedClock}); err != nil {
		t.Fatal(err)
	}
	return dir, corpus, want
}

func TestHostileNamesRoundTrip(t *testing.T) {
	dir, corpus, want := writeHostile(t)
	snap, err := snapshot.Load(dir)
	if err != nil {
		t.Fatalf("one hostile name stops the audit: %v", err)
	}
	for _, key := range []string{"apps.servicePrincipals", "conditionalAccess.policies"} {
		section := strings.Split(key, ".")
		objs, _ := snap.Input[section[0]].(map[string]any)[section[1]].([]any)
		if len(objs) != len(corpus) {
			t.Fatalf("%s: %d objects loaded, %d written", key, len(objs), len(corpus))
		}
		for _, o := range objs {
			got := o.(map[string]any)
			w, ok := want[got["id"].(string)]
			if !ok {
				t.Errorf("%s: unexpected object %q", key, got["id"])
				continue
			}
			for _, d := range diffValues("", map[string]any(w), got) {
				t.Errorf("%s %s (displayName %q): %s", key, got["id"], w["displayName"], d)
			}
		}
	}
}

// Every file stays inside the snapshot and has a safe, unique name; no
// file holds a raw control, bidi or invisible character or a line break
// inside a value; every comment is one short, harmless line.
func TestHostileNamesFilesAndComments(t *testing.T) {
	dir, corpus, _ := writeHostile(t)
	seen := map[string]string{}
	perDir := map[string]int{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || (rel != "." && !filepath.IsLocal(rel)) {
			t.Errorf("%s is outside %s", p, dir)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("%s is a symlink", rel)
		}
		if d.IsDir() {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if prev, dup := seen[strings.ToLower(rel)]; dup {
			t.Errorf("%s and %s differ only in case", rel, prev)
		}
		seen[strings.ToLower(rel)] = rel
		if rel != snapshot.ManifestFile {
			perDir[pathDir(rel)]++
			if !objectFileName.MatchString(pathBase(rel)) {
				t.Errorf("file name %q", rel)
			}
			if len(pathBase(rel)) > 160 {
				t.Errorf("file name %q is %d bytes", rel, len(pathBase(rel)))
			}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checkVisibleText(t, rel, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"apps/service-principals", "conditional-access/policies"} {
		if perDir[d] != len(corpus) {
			t.Errorf("%s holds %d files for %d objects", d, perDir[d], len(corpus))
		}
	}
	// The policy's reference to its service principal carries the name
	// as a comment, and nothing else.
	entries, err := os.ReadDir(filepath.Join(dir, "conditional-access", "policies"))
	if err != nil {
		t.Fatal(err)
	}
	commented := 0
	for _, e := range entries {
		file := "conditional-access/policies/" + e.Name()
		data, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		ref := findKey(&doc, "includeApplications")
		if ref == nil || len(ref.Content) != 1 {
			t.Fatalf("%s: no includeApplications", file)
		}
		c := ref.Content[0].LineComment
		if c == "" {
			continue
		}
		commented++
		if !strings.HasPrefix(c, "# ") || utf8.RuneCountInString(c) > 2+200 {
			t.Errorf("%s: comment %q", file, c)
		}
		for _, n := range allNodes(&doc) {
			if n != ref.Content[0] && (n.LineComment != "" || n.HeadComment != "" || n.FootComment != "") {
				t.Errorf("%s: a name spilled into another comment: %q %q %q", file, n.HeadComment, n.LineComment, n.FootComment)
			}
		}
	}
	if commented < len(corpus)*3/4 {
		t.Errorf("only %d of %d references carry a comment", commented, len(corpus))
	}
}

// checkVisibleText fails for what a reviewer cannot see or what breaks a
// line: raw C0 (but the newline ending each line), DEL, C1, U+2028/2029,
// format characters (bidi controls, zero-width, BOM) and invalid UTF-8.
func checkVisibleText(t *testing.T, file string, data []byte) {
	t.Helper()
	if !utf8.Valid(data) {
		t.Errorf("%s: invalid UTF-8", file)
		return
	}
	line := 1
	for _, r := range string(data) {
		switch {
		case r == '\n':
			line++
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', unicode.Is(unicode.Cf, r):
			t.Errorf("%s:%d: raw %U", file, line, r)
			return
		}
	}
	for i, l := range strings.Split(string(data), "\n") {
		if k := strings.Index(l, " # "); k >= 0 && utf8.RuneCountInString(l[k:]) > 3+200 {
			t.Errorf("%s:%d: comment of %d characters", file, i+1, utf8.RuneCountInString(l[k:]))
		}
	}
}

// The tenant's own name and a failed resource's message land in the
// manifest, which is written through the same rule.
func TestHostileNamesInTheManifest(t *testing.T) {
	corpus := hostileCorpus(t)
	apps, _ := snapshot.ResourceByKey("apps.applications")
	root := t.TempDir()
	for i, s := range corpus {
		res := &snapshot.Result{
			Resources: []snapshot.Resource{apps},
			Outcomes:  []*snapshot.Outcome{{Key: apps.Key, Status: snapshot.StatusFailed, Message: s, RequestID: s}},
			Tenant:    snapshot.TenantInfo{ID: "bdd640fb-0667-4ad1-9c80-317fa3b1799d", DisplayName: s, DefaultDomain: s},
		}
		dir := filepath.Join(root, fmt.Sprintf("%03d", i))
		if err := snapshot.Write(dir, res, snapshot.WriteOptions{ToolVersion: s, Now: fixedClock}); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		snap, err := snapshot.Load(dir)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		meta := snap.Input["meta"].(map[string]any)
		coll := snap.Input["collection"].(map[string]any)[apps.Key].(map[string]any)
		// The manifest omits empty strings.
		if s != "" && (meta["tenantName"] != s || meta["defaultDomain"] != s || meta["toolVersion"] != s || coll["message"] != s || coll["requestId"] != s) {
			t.Errorf("%q: meta %q, collection %q", s, meta, coll)
		}
		data, _ := os.ReadFile(filepath.Join(dir, snapshot.ManifestFile))
		checkVisibleText(t, fmt.Sprintf("%03d/%s", i, snapshot.ManifestFile), data)
	}
	checkYAML11(t, root, func(rel string, v12 any) any { return v12 })
}

// Every file PyYAML (YAML 1.1) and go-yaml's plain Unmarshal (YAML 1.2)
// read holds exactly the objects written.
func TestHostileNamesReadByYAML11AndYAML12(t *testing.T) {
	dir, _, want := writeHostile(t)
	checkYAML11(t, dir, func(rel string, v12 any) any {
		if rel == snapshot.ManifestFile {
			return v12
		}
		m, _ := v12.(map[string]any)
		id, _ := m["id"].(string)
		w, ok := want[id]
		if !ok {
			t.Errorf("%s: id %q was not written", rel, id)
			return v12
		}
		for _, d := range diffValues("", map[string]any(w), jsonValue(t, v12)) {
			t.Errorf("YAML 1.2 (go-yaml Unmarshal) %s: %s", rel, d)
		}
		return map[string]any(w)
	})
}

// The committed demo baseline reads the same in YAML 1.1 as in go-yaml.
func TestDemoBaselineReadsTheSameInYAML11(t *testing.T) {
	dir := filepath.Join("..", "..", "baselines", "contoso-demo")
	if _, err := os.Stat(filepath.Join(dir, snapshot.ManifestFile)); err != nil {
		t.Fatal(err)
	}
	checkYAML11(t, dir, func(rel string, v12 any) any { return v12 })
}

// checkYAML11 reads every .yaml file under dir with go-yaml (plain
// Unmarshal into any) and with tools/yaml11-check (PyYAML's SafeLoader and
// CSafeLoader), and compares what PyYAML read with want(file, go-yaml's
// value).
func checkYAML11(t *testing.T, dir string, want func(rel string, v12 any) any) {
	t.Helper()
	py := requirePyYAML(t)
	cmd := exec.Command(py, filepath.Join("..", "..", "tools", "yaml11-check", "read.py"), dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tools/yaml11-check/read.py: %v\n%s", err, stderr.String())
	}
	var got struct {
		Loaders []string
		Files   map[string]map[string]any
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("tools/yaml11-check/read.py output: %v", err)
	}
	files := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		files++
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var v12 any
		if err := yaml.Unmarshal(data, &v12); err != nil {
			t.Errorf("YAML 1.2 (go-yaml) %s: %v", rel, err)
			return nil
		}
		w := jsonValue(t, want(rel, v12))
		byLoader, ok := got.Files[rel]
		if !ok {
			t.Errorf("PyYAML did not read %s", rel)
			return nil
		}
		for _, loader := range got.Loaders {
			for i, d := range diffValues("", w, byLoader[loader]) {
				if i == 3 {
					t.Errorf("YAML 1.1 (PyYAML %s) %s: …", loader, rel)
					break
				}
				t.Errorf("YAML 1.1 (PyYAML %s) %s: %s", loader, rel, d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 || len(got.Files) != files {
		t.Errorf("PyYAML read %d files, the tree holds %d", len(got.Files), files)
	}
}

// requirePyYAML returns python3 when it can import yaml. Missing, the test
// is skipped on a developer machine but fails under CI=true, so CI can
// never pass by skipping (as the browser and SARIF checks do).
func requirePyYAML(t *testing.T) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		skipOrFailYAML11(t, "python3 is not on PATH: apt-get install python3-yaml")
	}
	if out, err := exec.Command(py, "-c", "import yaml").CombinedOutput(); err != nil {
		skipOrFailYAML11(t, fmt.Sprintf("%s cannot import yaml (%v) %s: apt-get install python3-yaml", py, err, bytes.TrimSpace(out)))
	}
	return py
}

func skipOrFailYAML11(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: this check must run in CI)", why)
	}
	t.Skip(why)
}

// The quoting rule, pinned: these read as numbers, booleans or dates in
// YAML 1.1 (PyYAML: 1:20 is 80), and are written double-quoted.
func TestYAML11LookalikesAreDoubleQuoted(t *testing.T) {
	for s, line := range map[string]string{
		"1:20":                 `displayName: "1:20"`,
		"190:20:30":            `displayName: "190:20:30"`,
		"0x1F":                 `displayName: "0x1F"`,
		"yes":                  `displayName: "yes"`,
		"Off":                  `displayName: "Off"`,
		"2001-12-14":           `displayName: "2001-12-14"`,
		"2001-12-14 21:59:43":  `displayName: "2001-12-14 21:59:43"`,
		"1_000":                `displayName: "1_000"`,
		"=":                    `displayName: "="`,
		"<<":                   `displayName: "<<"`,
		"~":                    `displayName: "~"`,
		" padded ":             `displayName: " padded "`,
		"invoice\u202egpj.exe": `displayName: "invoice\u202Egpj.exe"`,
		"zero\u200bwidth":      `displayName: "zero\u200Bwidth"`,
		"a\x00b\x1b\u0085":     `displayName: "a\0b\e\N"`,
		"a\u2028b":             `displayName: "a\Lb"`,
		"two\nlines":           `displayName: "two\nlines"`,
		"tab\there":            `displayName: "tab\there"`,
		"Plain Name":           `displayName: Plain Name`,
	} {
		sps, _ := snapshot.ResourceByKey("apps.servicePrincipals")
		res := &snapshot.Result{Resources: []snapshot.Resource{sps}, Outcomes: []*snapshot.Outcome{{Key: sps.Key, Status: snapshot.StatusCollected,
			Objects: []snapshot.Object{{"id": hostileSP(0), "displayName": s}}}}}
		files, err := snapshot.Render(res, snapshot.WriteOptions{Now: fixedClock})
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if name != snapshot.ManifestFile && !strings.Contains(string(data), "\n"+line+"\n") {
				t.Errorf("%q: want the line %s in\n%s", s, line, data)
			}
		}
	}
}

// The filed bug: a service principal named with a control character was
// written raw into the "# name" comment of every policy pointing at it,
// and Load refused the whole snapshot ("control characters are not
// allowed").
func TestControlCharacterInANameNoLongerStopsLoad(t *testing.T) {
	name := "Payroll\x07Sync\x1b[2J"
	res, want := hostileResult(t, []string{name})
	dir := filepath.Join(t.TempDir(), "snap")
	if err := snapshot.Write(dir, res, snapshot.WriteOptions{Now: fixedClock}); err != nil {
		t.Fatal(err)
	}
	snap, err := snapshot.Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	sp := snap.Input["apps"].(map[string]any)["servicePrincipals"].([]any)[0].(map[string]any)
	if sp["displayName"] != name || !reflect.DeepEqual(sp, map[string]any(want[hostileSP(0)])) {
		t.Errorf("displayName %q", sp["displayName"])
	}
	data, err := os.ReadFile(filepath.Join(dir, "conditional-access", "policies", "payroll-sync-2j--ca000000.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `- a0000000-a000-4000-8000-000000000000 # Payroll\u0007Sync\u001B[2J`+"\n") {
		t.Errorf("comment:\n%s", data)
	}
}

// What the loader still refuses: characters YAML forbids raw (a
// hand-edited file, or a comment written before comments were escaped),
// with the file and line. Escaped, the same characters read back; raw
// bidi controls (valid YAML, written raw by older snapshots) are read.
func TestLoadRawControlCharacters(t *testing.T) {
	const manifest = "schemaVersion: 1\ntoolVersion: test\ntenant: {id: bdd640fb-0667-4ad1-9c80-317fa3b1799d}\ncloud: global\n" +
		"collectedAt: \"2026-01-02T03:04:05Z\"\nresources:\n  tenant.authorizationPolicy: {status: collected, count: 1}\n"
	for name, c := range map[string]struct{ file, want, display string }{
		"escaped":         {"id: authorizationPolicy\ndisplayName: \"a\\x07b\\0\\e\\u202E\\x85\\N\"\n", "", "a\x07b\x00\x1b\u202e\u0085\u0085"},
		"raw bidi":        {"id: authorizationPolicy\ndisplayName: invoice\u202egpj.exe # \u202e\n", "", "invoice\u202egpj.exe"},
		"raw in value":    {"id: authorizationPolicy\ndisplayName: \"a\x07b\"\n", "tenant/authorization-policy.yaml:2: raw character U+0007 is not allowed in YAML", ""},
		"raw in comment":  {"id: authorizationPolicy\nx: 1\nguestUserRoleId: 10dae51f-b6af-4016-8d66-8c2a99b929b3 # Evil\x1b[2J\n", "tenant/authorization-policy.yaml:3: raw character U+001B", ""},
		"raw DEL":         {"id: authorizationPolicy\ndisplayName: a\x7fb\n", "tenant/authorization-policy.yaml:2: raw character U+007F", ""},
		"raw C1":          {"id: authorizationPolicy\ndisplayName: a\u009bb\n", "tenant/authorization-policy.yaml:2: raw character U+009B", ""},
		"invalid UTF-8":   {"id: authorizationPolicy\n\ndisplayName: a\xffb\n", "tenant/authorization-policy.yaml:3: invalid UTF-8 (byte 0xFF)", ""},
		"raw NUL at line": {"id: authorizationPolicy\n\n\n# \x00\n", "tenant/authorization-policy.yaml:4: raw character U+0000", ""},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "tenant"), 0o755); err != nil {
				t.Fatal(err)
			}
			for f, content := range map[string]string{snapshot.ManifestFile: manifest, "tenant/authorization-policy.yaml": c.file} {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f)), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			snap, err := snapshot.Load(dir)
			if c.want != "" {
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("err = %v, want %q", err, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := snap.Input["tenant"].(map[string]any)["authorizationPolicy"].(map[string]any)["displayName"]; got != c.display {
				t.Errorf("displayName %q, want %q", got, c.display)
			}
		})
	}
}

// Graph answers are JSON: encoding/json turns invalid UTF-8 and lone
// surrogate escapes into U+FFFD, visibly, and that is what is written and
// read back. A string that did not come through JSON and holds invalid
// UTF-8 is written the same way instead of failing the snapshot.
func TestInvalidUTF8IsReplacedVisibly(t *testing.T) {
	var fromGraph snapshot.Object
	body := []byte("{\"displayName\": \"inv\xffoice \xed\xa0\x80 \\ud800 \\udfff\\ud800 ok\"}")
	if err := json.Unmarshal(body, &fromGraph); err != nil {
		t.Fatal(err)
	}
	decoded := fromGraph["displayName"].(string)
	if decoded != "inv\uFFFDoice \uFFFD\uFFFD\uFFFD \uFFFD \uFFFD\uFFFD ok" {
		t.Fatalf("encoding/json gave %q", decoded)
	}
	for raw, wantName := range map[string]string{
		decoded:                 decoded,
		"a\xffb":                "a\uFFFDb",
		"\xc3\x28 \xe2\x82 end": "\uFFFD( \uFFFD\uFFFD end",
	} {
		res, _ := hostileResult(t, []string{raw})
		dir := filepath.Join(t.TempDir(), "snap")
		if err := snapshot.Write(dir, res, snapshot.WriteOptions{Now: fixedClock}); err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		snap, err := snapshot.Load(dir)
		if err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		sp := snap.Input["apps"].(map[string]any)["servicePrincipals"].([]any)[0].(map[string]any)
		if sp["displayName"] != wantName {
			t.Errorf("%q read back as %q, want %q", raw, sp["displayName"], wantName)
		}
	}
}

// Slugs are [a-z0-9-], at most 60 characters, never empty, whatever the
// name; Windows device names (CON, NUL, AUX, COM1…) are harmless because a
// file name always goes on with "--<id>.yaml": "con--5e000000.yaml" is not
// the device CON (Windows reserves the name before the first dot).
func TestSlugsOfHostileNames(t *testing.T) {
	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, s := range hostileCorpus(t) {
		got := snapshot.Slug(s)
		if !slug.MatchString(got) || len(got) > 60 {
			t.Errorf("Slug(%.40q) = %q", s, got)
		}
	}
	for s, want := range map[string]string{"CON": "con", "con.yaml": "con-yaml", "": "object", "\u202e\u200b": "object", "../../etc/passwd": "etc-passwd", "Admins": "admins", "ADMINS": "admins"} {
		if got := snapshot.Slug(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
	}
	reserved := regexp.MustCompile(`(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)`)
	dir, _, _ := writeHostile(t)
	for _, sub := range []string{"apps/service-principals", "conditional-access/policies"} {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(sub)))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if reserved.MatchString(e.Name()) || strings.HasSuffix(e.Name(), ".") || strings.HasSuffix(e.Name(), " ") {
				t.Errorf("%s/%s is not a portable file name", sub, e.Name())
			}
		}
	}
}

// diffValues lists where got differs from want (JSON-like values), at
// most a few entries.
func diffValues(path string, want, got any) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want a map, got %s", path, short(got))}
		}
		var out []string
		for _, k := range sortedKeys(w) {
			out = append(out, diffValues(path+"."+k, w[k], g[k])...)
		}
		for _, k := range sortedKeys(g) {
			if _, ok := w[k]; !ok {
				out = append(out, fmt.Sprintf("%s.%s: unexpected key (value %s)", path, k, short(g[k])))
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got))}
		}
		var out []string
		for i := range w {
			out = append(out, diffValues(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return out
	default:
		if !reflect.DeepEqual(want, got) {
			return []string{fmt.Sprintf("%s: want %s, got %s", path, short(want), short(got))}
		}
		return nil
	}
}

func short(v any) string {
	if n, ok := v.(json.Number); ok {
		return "the number " + n.String()
	}
	s := fmt.Sprintf("%#v", v)
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// jsonValue is v as encoding/json would give it back (numbers as
// json.Number), to compare with what the Python reader printed.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%v: %#v", err, v)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func findKey(n *yaml.Node, key string) *yaml.Node {
	for _, c := range allNodes(n) {
		if c.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(c.Content); i += 2 {
				if c.Content[i].Value == key {
					return c.Content[i+1]
				}
			}
		}
	}
	return nil
}

func allNodes(n *yaml.Node) []*yaml.Node {
	out := []*yaml.Node{n}
	for _, c := range n.Content {
		out = append(out, allNodes(c)...)
	}
	return out
}

func pathDir(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return ""
}

func pathBase(rel string) string { return rel[strings.LastIndexByte(rel, '/')+1:] }
