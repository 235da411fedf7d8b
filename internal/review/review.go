package review

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/entra-audit/entra-audit/internal/drift"
	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// Options say what to review and how.
type Options struct {
	// Repo is the git repository revisions are read from and repository
	// paths are relative to; "" is the one holding the working directory.
	Repo       string
	Base, Head Spec
	// Config (--config) and PolicyDirs (--policy) are read at each side's
	// revision when they lie inside the repository and the side is a
	// revision; otherwise from disk, the same for both sides.
	Config     string
	PolicyDirs []string
	// LoadEngine compiles the built-in pack plus policyDirs with cfg.
	LoadEngine func(ctx context.Context, cfg *policy.Config, policyDirs []string) (*policy.Engine, error)
	Time       time.Time
	// Limits of the head's own policies (the sandbox): wall time for the
	// whole evaluation and heap bytes; zero picks DefaultPolicyTimeout
	// and DefaultPolicyMemory.
	PolicyTimeout time.Duration
	PolicyMemory  uint64
	Links         finding.ReviewLinks
}

// Limits of a pull request's own policies unless set.
const (
	DefaultPolicyTimeout = 2 * time.Minute
	DefaultPolicyMemory  = 2 << 30
)

// Run reviews the change from Base to Head. Errors name the side and the
// input at fault; a failure of the head's own policies is not an error
// but part of the review.
func Run(ctx context.Context, opts Options) (*finding.Review, error) {
	work, err := os.MkdirTemp("", "entra-audit-review-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work) // created above: only ever our own directory
	repo, err := repoRoot(ctx, opts.Repo)
	if err != nil && (opts.Base.Rev != "" || opts.Head.Rev != "") {
		return nil, err
	}
	base, err := openSide(ctx, "base", opts.Base, repo, filepath.Join(work, "base"), opts)
	if err != nil {
		return nil, err
	}
	head, err := openSide(ctx, "head", opts.Head, repo, filepath.Join(work, "head"), opts)
	if err != nil {
		return nil, err
	}
	if base.single && head.single {
		// Two snapshots are one tenant's before and after, whatever their folders are called.
		for n, s := range head.tenants {
			delete(head.tenants, n)
			for bn := range base.tenants {
				head.tenants[bn] = s
			}
		}
	}
	// The verdict's engines: the base's policies, with each side's configuration.
	before, err := opts.LoadEngine(ctx, base.config, base.policyDirs)
	if err != nil {
		return nil, fmt.Errorf("base: %w", err)
	}
	verdict, err := opts.LoadEngine(ctx, head.config, base.policyDirs)
	if err != nil {
		return nil, fmt.Errorf("head configuration with the base's policies: %w", err)
	}
	rv := &finding.Review{SchemaVersion: finding.ReviewSchemaVersion, Base: base.info, Head: head.info, Links: opts.Links,
		ConfigChanges: diffConfig(base.config, head.config)}
	proposed, policyStatus := proposedEngine(ctx, opts, base, head)

	for _, name := range tenantNames(base.tenants, head.tenants) {
		tr, err := reviewTenant(ctx, opts, name, base.tenants[name], head.tenants[name], base.label(name), head.label(name),
			base.tenantPath(name), head.tenantPath(name), before, verdict, proposed, policyStatus)
		if err != nil {
			return nil, err
		}
		rv.Tenants = append(rv.Tenants, tr)
	}
	rv.Verdict = overall(rv)
	return rv, nil
}

// side is one tree, opened: its tenants' snapshots, configuration and
// custom policy folders.
type side struct {
	info       finding.ReviewSide
	tenants    map[string]*snapshot.Snapshot
	config     *policy.Config
	policyDirs []string
	policyText string // the custom policies' contents, to tell whether they changed
	single     bool   // the tree is one snapshot, not a folder of them
}

// label names a tenant's tree for people: REV:PATH for a revision, the
// directory otherwise.
func (s *side) label(name string) string {
	spec := s.info.Spec
	if !s.single {
		spec = strings.TrimSuffix(spec, "/") + "/" + name
	}
	return spec
}

// tenantPath is a tenant's folder in the repository, for links ("" when unknown).
func (s *side) tenantPath(name string) string {
	if s.info.Path == "" || s.single {
		return s.info.Path
	}
	return path.Join(s.info.Path, name)
}

func openSide(ctx context.Context, label string, spec Spec, repo, work string, opts Options) (*side, error) {
	s := &side{info: finding.ReviewSide{Spec: spec.String()}}
	dir := spec.Dir
	commit := ""
	if spec.Rev != "" {
		var err error
		if commit, err = resolve(ctx, repo, spec.Rev); err != nil {
			return nil, fmt.Errorf("%s: %w", label, err)
		}
		dir = filepath.Join(work, "tree")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if err := materialize(ctx, repo, commit, spec.Path, dir); err != nil {
			return nil, fmt.Errorf("%s: %w", label, err)
		}
		s.info.Commit, s.info.Path = commit, spec.Path
	} else if repo != "" {
		s.info.Path = repoPath(repo, spec.Dir)
	}
	var err error
	name := filepath.Base(filepath.Clean(spec.Dir))
	if spec.Rev != "" {
		name = path.Base("/" + spec.Path)
	}
	if s.tenants, s.single, err = openTenants(dir, name); err != nil {
		return nil, fmt.Errorf("%s %s: %w", label, spec, err)
	}
	if s.config, err = sideConfig(ctx, repo, commit, opts.Config, work); err != nil {
		return nil, fmt.Errorf("%s configuration: %w", label, err)
	}
	for i, p := range opts.PolicyDirs {
		d, err := sidePath(ctx, repo, commit, p, filepath.Join(work, fmt.Sprintf("policy-%d", i)))
		if err != nil {
			return nil, fmt.Errorf("%s --policy %s: %w", label, p, err)
		}
		s.policyDirs = append(s.policyDirs, d)
		text, err := treeText(d)
		if err != nil {
			return nil, err
		}
		s.policyText += text
	}
	return s, nil
}

// openTenants loads the snapshots of a tree: the tree itself (named name)
// when it is a snapshot, else each subdirectory that is one
// (baselines/<tenant>).
func openTenants(dir, name string) (map[string]*snapshot.Snapshot, bool, error) {
	out := map[string]*snapshot.Snapshot{}
	if _, err := os.Stat(filepath.Join(dir, snapshot.ManifestFile)); err == nil {
		s, err := snapshot.Load(dir)
		if err != nil {
			return nil, true, err
		}
		out[name] = s
		return out, true, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, false, err
	}
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(sub, snapshot.ManifestFile)); err != nil {
			continue
		}
		s, err := snapshot.Load(sub)
		if err != nil {
			return nil, false, err
		}
		out[e.Name()] = s
	}
	if len(out) == 0 {
		return nil, false, fmt.Errorf("neither a snapshot nor a folder of snapshots (no %s in it or its subfolders)", snapshot.ManifestFile)
	}
	return out, false, nil
}

func tenantNames(a, b map[string]*snapshot.Snapshot) []string {
	var names []string
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		names = append(names, n)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

func reviewTenant(ctx context.Context, opts Options, name string, base, head *snapshot.Snapshot, baseLabel, headLabel, basePath, headPath string,
	before, verdict, proposed *policy.Engine, policyStatus *finding.PolicyChanges) (finding.TenantReview, error) {
	tr := finding.TenantReview{Name: name, Before: map[finding.Status]int{}, After: map[finding.Status]int{},
		Introduced: []finding.ReviewFinding{}, Resolved: []finding.ReviewFinding{}, Kept: []finding.ReviewFinding{}}
	who := head
	if who == nil {
		who = base
	}
	tr.TenantID, tr.Display = who.Manifest.Tenant.ID, who.Manifest.Tenant.DisplayName
	if head == nil {
		tr.Status = "removed" // no longer tracked: nothing to judge
		return tr, nil
	}
	var was []finding.Result
	var cmp *drift.Comparison
	input := head.Input
	if base != nil {
		// The base is judged like the head: change-aware controls see its
		// drift from itself (nothing changed, the same resources comparable),
		// so a gap both trees share is kept, not introduced.
		self, err := drift.Compare(base, base)
		if err != nil {
			return tr, fmt.Errorf("%s: %w", name, err)
		}
		ev, err := before.Evaluate(ctx, withDrift(base.Input, self), policy.EvalOptions{Time: opts.Time, Locator: locator{base}})
		if err != nil {
			return tr, fmt.Errorf("%s: evaluate the base: %w", name, err)
		}
		was = ev.Results
		if cmp, err = drift.Compare(base, head); err != nil {
			return tr, fmt.Errorf("%s: %w", name, err)
		}
		// Name the trees as the reviewer knows them, not their temporary checkouts.
		cmp.Drift.Baseline.Dir, cmp.Drift.Snapshot.Dir = baseLabel, headLabel
		input = withDrift(head.Input, cmp)
	}
	now, err := verdict.Evaluate(ctx, input, policy.EvalOptions{Time: opts.Time, Locator: locator{head}})
	if err != nil {
		return tr, fmt.Errorf("%s: evaluate the head: %w", name, err)
	}
	for _, r := range was {
		tr.Before[r.Status]++
	}
	for _, r := range now.Results {
		tr.After[r.Status]++
	}
	tr.Introduced, tr.Resolved, tr.Kept = compareFindings(was, now.Results)
	named(tr.Introduced, head)
	named(tr.Kept, head)
	if base != nil {
		named(tr.Resolved, base)
	}
	withFiles(tr.Introduced, headPath)
	withFiles(tr.Kept, headPath)
	withFiles(tr.Resolved, basePath)
	switch {
	case base == nil:
		tr.Status = "added"
	case len(cmp.Drift.Changes) == 0:
		tr.Status = "unchanged"
	default:
		tr.Status = "changed"
	}
	if cmp != nil {
		drift.Weakened(cmp.Drift, was, now.Results)
		tr.Drift = cmp.Drift
	}
	tr.PolicyChanges = policyStatus
	if proposed != nil {
		tr.PolicyChanges = judgePolicies(ctx, opts, proposed, input, head, now.Results)
	}
	return tr, nil
}

// withDrift is the input document with input.drift added.
func withDrift(input map[string]any, c *drift.Comparison) map[string]any {
	doc := make(map[string]any, len(input)+1)
	for k, v := range input {
		doc[k] = v
	}
	doc["drift"] = c.PolicyInput()
	return doc
}

// locator lets the engine point findings at the side's snapshot files.
type locator struct{ s *snapshot.Snapshot }

func (l locator) Locate(key, id string) (finding.Location, bool) {
	if file, line, ok := l.s.Locate(key, id); ok {
		return finding.Location{File: file, Line: line}, true
	}
	return finding.Location{}, false
}

// overall is the review's one verdict.
func overall(rv *finding.Review) string {
	weakens, resolves, changes := false, false, len(rv.ConfigChanges) > 0
	for _, c := range rv.ConfigChanges {
		weakens = weakens || c.Weakens
	}
	for _, t := range rv.Tenants {
		weakens = weakens || len(t.Introduced) > 0
		resolves = resolves || len(t.Resolved) > 0
		changes = changes || t.Status != "unchanged"
		if p := t.PolicyChanges; p != nil {
			changes = changes || p.Status != "none"
			// Policies that cannot be loaded or judged: nobody can say they are harmless.
			weakens = weakens || p.Status == "failed"
			for _, c := range p.Changes {
				weakens = weakens || c.Kind == "removed" || c.Kind == "relaxed"
			}
		}
	}
	switch {
	case weakens:
		return finding.VerdictWeakens
	case resolves:
		return finding.VerdictStrengthens
	case changes:
		return finding.VerdictNeutral
	}
	return finding.VerdictUnchanged
}

// Tripping lists the introduced findings at least min severe that fail
// the review (errors too, unless allowErrors).
func Tripping(rv *finding.Review, min finding.Severity, allowErrors bool) []finding.ReviewFinding {
	var out []finding.ReviewFinding
	for _, t := range rv.Tenants {
		for _, f := range t.Introduced {
			if f.Severity.AtLeast(min) && (f.Status == finding.StatusFail || !allowErrors) {
				out = append(out, f)
			}
		}
	}
	return out
}

// repoPath is p relative to the repository root, slash-separated, or ""
// when it lies outside.
func repoPath(repo, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(repo, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return ""
	}
	return filepath.ToSlash(rel)
}

func repoRoot(ctx context.Context, dir string) (string, error) {
	if dir == "" {
		dir = "."
	}
	out, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("not inside a git repository (%s): a revision needs one: %w", dir, err)
	}
	return strings.TrimSpace(string(out)), nil
}
