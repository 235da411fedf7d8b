package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// perTenantFlags are scan's flags the tenant list sets per tenant: with
// --tenants they are refused rather than silently applied to every tenant.
var perTenantFlags = []struct{ flag, key string }{
	{"demo", "demo"}, {"config", "config"}, {"policy", "policies"}, {"fail-on", "failOn"}, {"baseline", "baseline"},
	{"snapshot-dir", "(always OUT/<name>/snapshot)"},
	{"auth", "connection.auth"}, {"tenant", "connection.tenant"}, {"client-id", "connection.clientId"},
	{"cloud", "connection.cloud"}, {"graph-url", "connection.graphUrl"}, {"authority-url", "connection.authorityUrl"},
	{"arm-url", "connection.armUrl"}, {"managed-identity-client-id", "connection.managedIdentityClientId"},
}

// defaultFailOn is a tenant's failOn when the list gives none, as the
// nightly workflow has always read it.
const defaultFailOn = "high"

// runScanTenants scans every tenant of the list into OUT/<name>, at most
// --parallel at once, and writes the index across them into OUT. Every
// tenant's inputs are checked before any tenant is read; then one tenant
// failing does not stop the others. The exit code is the worst tenant's
// (3 > 2 > 1 > 0).
func runScanTenants(ctx context.Context, f *Factory, opts *scanOptions) error {
	if opts.Out == "" {
		return usageError("--out is required: the directory each tenant's reports go under (OUT/<name>) and the index into")
	}
	for _, p := range perTenantFlags {
		if opts.given != nil && opts.given(p.flag) {
			return usageError("--%s cannot be combined with --tenants: each tenant sets it in %s (%s)", p.flag, opts.Tenants, p.key)
		}
	}
	if opts.Parallel < 1 || opts.Top < 1 {
		return usageError("--parallel and --top must be at least 1")
	}
	specs, err := loadTenantsFile(opts.Tenants)
	if err != nil {
		return err
	}
	errOut := &lockedWriter{w: f.IO.Err}
	scans, err := prepareTenants(ctx, f, errOut, specs, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(errOut, "Scanning %d tenants, %d at a time, into %s\n", len(scans), min(opts.Parallel, len(scans)), termsafe.String(opts.Out))
	runTenants(ctx, scans, opts.Parallel)

	dirs := make([]tenantDir, len(scans))
	worst := ExitOK
	for i, t := range scans {
		dirs[i] = tenantDir{name: t.spec.Name, dir: t.opts.Out}
		worst = max(worst, t.code)
	}
	if err := writeIndex(context.WithoutCancel(ctx), f, errOut, opts.Out, dirs, opts.Top); err != nil {
		return err
	}
	if worst != ExitOK {
		return &ExitError{Code: worst}
	}
	return nil
}

// tenantScan is one tenant's scan within scan --tenants.
type tenantScan struct {
	spec     tenantSpec
	opts     *scanOptions
	f        *Factory      // the tenant's: its stderr lines prefixed, its environment
	err      *prefixWriter // the tenant's stderr
	prepared *preparedScan
	code     int
}

// prepareTenants checks every tenant's flags, configuration and policies
// (each distinct set compiled once) and reports all their problems at once.
func prepareTenants(ctx context.Context, f *Factory, errOut io.Writer, specs []tenantSpec, common *scanOptions) ([]*tenantScan, error) {
	engines := newEngineCache()
	var scans []*tenantScan
	var problems []string
	for _, s := range specs {
		t := newTenantScan(f, errOut, s, common)
		p, err := prepareScan(ctx, t.f, t.opts, engines)
		t.err.Flush()
		if err != nil {
			var le *policy.LoadError
			if errors.As(err, &le) {
				for _, msg := range le.Problems {
					problems = append(problems, fmt.Sprintf("tenant %q: %s", s.Name, msg))
				}
			} else {
				problems = append(problems, fmt.Sprintf("tenant %q: %v", s.Name, err))
			}
			continue
		}
		t.prepared = p
		scans = append(scans, t)
	}
	if len(problems) > 0 {
		return nil, &ExitError{Code: ExitUsage, Err: &policy.LoadError{Problems: problems}}
	}
	return scans, nil
}

// newTenantScan is the scan the list asks for one tenant: scan's common
// flags, the entry's own settings, OUT/<name> as its --out.
func newTenantScan(f *Factory, errOut io.Writer, s tenantSpec, common *scanOptions) *tenantScan {
	o := &scanOptions{
		snapshot: snapshotOptions{Demo: s.Demo, Concurrency: common.snapshot.Concurrency, Connect: s.Connection.connectOptions},
		Out:      filepath.Join(common.Out, s.Name), Config: s.Config, PolicyDirs: s.Policies, Formats: common.Formats,
		FailOn: s.FailOn, AllowErrors: common.AllowErrors, EvaluationTime: common.EvaluationTime, Baseline: s.Baseline,
		PolicyTimeout: common.PolicyTimeout, Attribute: common.Attribute, now: common.now, lazyBaseline: true,
	}
	if o.snapshot.Connect.Auth == "" {
		o.snapshot.Connect.Auth = "auto"
	}
	if o.FailOn == "" {
		o.FailOn = defaultFailOn
	}
	if o.Config == "" && !s.Demo {
		// As the nightly workflow reads the list: entra-audit.yaml at the root when there is one.
		if st, err := os.Stat("entra-audit.yaml"); err == nil && st.Mode().IsRegular() {
			o.Config = "entra-audit.yaml"
		}
	}
	w := newPrefixWriter(errOut, termsafe.String(s.Name)+": ")
	tf := &Factory{
		IO:      &IO{In: strings.NewReader(""), Out: io.Discard, Err: w, Getenv: s.Connection.getenv(f.IO.Getenv)},
		Version: f.Version, verbose: f.verbose, logFormat: f.logFormat,
	}
	if f.Logger != nil {
		tf.Logger = f.loggerTo(errOut).With("tenant", s.Name)
	}
	return &tenantScan{spec: s, opts: o, f: tf, err: w}
}

// getenv is the tenant's environment: each variable the connection names
// stands in for its Azure SDK variable; the rest is the process's.
func (c tenantConnection) getenv(parent func(string) string) func(string) string {
	if len(c.Env) == 0 {
		return parent
	}
	return func(k string) string {
		if name, ok := c.Env[k]; ok {
			return parent(name)
		}
		return parent(k)
	}
}

// checkEnv fails a tenant whose connection names a variable that is not
// set: the environment, unlike the file, is the tenant's own problem.
func (t *tenantScan) checkEnv() error {
	for _, e := range connectionEnv {
		if name, ok := t.spec.Connection.Env[e.stands]; ok && strings.TrimSpace(t.f.IO.Getenv(e.stands)) == "" {
			return usageError("connection.%s names the environment variable %s, which is not set", e.key, name)
		}
	}
	return nil
}

// runTenants scans the tenants in list order, at most parallel at once.
func runTenants(ctx context.Context, scans []*tenantScan, parallel int) {
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, t := range scans {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			t.scan(ctx)
		}()
	}
	wg.Wait()
}

// scan runs one tenant's scan and records its exit code; scan.json says
// how it ended, whatever happened.
func (t *tenantScan) scan(ctx context.Context) {
	defer t.err.Flush()
	var err error
	switch {
	case ctx.Err() != nil:
		err = runtimeError(fmt.Errorf("not started: %w", ctx.Err()))
	default:
		fmt.Fprintln(t.err, "started")
		if err = t.checkEnv(); err == nil {
			err = t.prepared.run(ctx, t.f)
		}
	}
	err = t.prepared.finish(t.f, err)
	t.code = exitCode(err)
	var ee *ExitError
	if err != nil && (!errors.As(err, &ee) || ee.Err != nil) {
		writeError(t.err, err)
	}
	fmt.Fprintf(t.err, "finished: exit %d\n", t.code)
}
