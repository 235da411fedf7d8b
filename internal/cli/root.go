package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/entra-audit/entra-audit/internal/policy"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// Factory carries what every command needs. Commands read it lazily so that
// flag parsing can be tested without touching the network or the disk.
type Factory struct {
	IO      *IO
	Logger  *slog.Logger
	Version string

	verbose   bool
	logFormat string
}

// Main runs the command line and returns the process exit code.
func Main(args []string, io *IO) int {
	// Everything entra-audit reads and writes is UTC; so is the "Local" zone
	// Rego's time builtins accept, which would otherwise read the machine's TZ.
	time.Local = time.UTC

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	f := &Factory{IO: io, Version: toolVersion()}
	root := newRootCmd(f)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)

	err := root.ExecuteContext(ctx)
	if err != nil {
		var ee *ExitError
		if !errors.As(err, &ee) || ee.Err != nil {
			writeError(io.Err, err)
		}
		if !errors.As(err, &ee) && isFlagError(err) {
			return ExitUsage
		}
	}
	return exitCode(err)
}

func newRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "entra-audit",
		Short: "Make a Microsoft Entra ID tenant's security configuration reviewable like code",
		Long: `entra-audit reads a Microsoft Entra ID tenant through Microsoft Graph into a
deterministic YAML snapshot, audits it against the CISA SCuBA Entra ID baseline
and its own controls (Rego, evaluated offline), and writes SARIF, HTML, JSON,
Markdown, JUnit and CSV reports.

Try it on the embedded demo tenant:

  entra-audit scan --demo --out ./out

Environment variables (credentials are read from the environment, never from
flags, so they stay out of shell history and process lists):
  AZURE_TENANT_ID, AZURE_CLIENT_ID        the tenant and the app registration
  AZURE_CLIENT_SECRET                     client secret (--auth secret)
  AZURE_CLIENT_CERTIFICATE_PATH           PEM or PFX certificate (--auth certificate)
  AZURE_CLIENT_CERTIFICATE_PASSWORD       its password (PFX)
  AZURE_CLIENT_SEND_CERTIFICATE_CHAIN     send the x5c chain (subject name + issuer)
  AZURE_FEDERATED_TOKEN_FILE              workload identity token file (--auth federated-token-file)
  ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN     GitHub Actions OIDC (--auth github-oidc)
  IDENTITY_ENDPOINT, MSI_ENDPOINT         set by Azure hosts (--auth managed-identity)
  AZURE_AUTHORITY_HOST                    authority host override (like --authority-url)
  ENTRA_AUDIT_ACCESS_TOKEN                a ready Graph token (--auth access-token)
  ENTRA_AUDIT_ARM_ACCESS_TOKEN            a ready Azure Resource Manager token
  NO_COLOR                                no colour on stderr
  GITHUB_TOKEN                            the token 'github comment|pr' post with
  GITHUB_API_URL                          GitHub Enterprise Server API (default https://api.github.com)
  GITHUB_REPOSITORY                       default --repo of 'github comment|pr'
  GITHUB_EVENT_PATH                       default --pr of 'github comment' (the event's pull request)
  GITHUB_STEP_SUMMARY                     the job summary file 'github summary' appends to

Exit codes: 0 ok; 1 findings at or above --fail-on; 2 usage or configuration
error; 3 runtime, authentication or collection error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       f.Version,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return f.setupLogging()
		},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%w\nRun '%s --help' for usage.", err, cmd.CommandPath())}
	})
	pf := root.PersistentFlags()
	pf.BoolVarP(&f.verbose, "verbose", "v", false, "log debug details (Graph requests, timings) to stderr")
	pf.StringVar(&f.logFormat, "log-format", "text", "log format on stderr: text or json")

	root.AddCommand(
		newCmdVersion(f),
		newCmdSnapshot(f), newCmdPermissions(f),
		newCmdAudit(f), newCmdPolicies(f),
		newCmdScan(f),
		newCmdDrift(f), newCmdBaseline(f), newCmdReview(f),
		newCmdGitHub(f),
		newCmdReport(f),
	)
	root.SetVersionTemplate("{{versionLine}}")
	plainBoolFlags(root)
	return root
}

func init() { cobra.AddTemplateFunc("versionLine", versionLine) }

// plainBoolFlags makes help show a boolean flag as --demo rather than
// --demo[=true|false] (pflag's rendering of a flag whose value says it is
// boolean); --demo=false still works, as NoOptDefVal, not the value, decides
// what a bare --demo means.
func plainBoolFlags(cmd *cobra.Command) {
	cmd.InitDefaultHelpFlag()
	cmd.InitDefaultVersionFlag()
	for _, fs := range []*pflag.FlagSet{cmd.Flags(), cmd.PersistentFlags()} {
		fs.VisitAll(func(fl *pflag.Flag) {
			if fl.Value.Type() == "bool" {
				if _, wrapped := fl.Value.(plainBool); !wrapped {
					fl.Value = plainBool{fl.Value}
				}
			}
		})
	}
	for _, c := range cmd.Commands() {
		plainBoolFlags(c)
	}
}

// plainBool is a boolean flag value without IsBoolFlag.
type plainBool struct{ pflag.Value }

func (f *Factory) setupLogging() error {
	switch f.logFormat {
	case "text", "json":
		f.Logger = f.loggerTo(f.IO.Err)
		return nil
	}
	return usageError("unknown --log-format %q: use text or json", f.logFormat)
}

// loggerTo is the logger --verbose and --log-format ask for, writing to w.
func (f *Factory) loggerTo(w io.Writer) *slog.Logger {
	level := slog.LevelInfo
	if f.verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	if f.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// isFlagError recognises cobra's argument errors, which it does not type.
func isFlagError(err error) bool {
	var ee *ExitError
	return !errors.As(err, &ee) && err != nil && (containsAny(err.Error(), "unknown command", "unknown flag", "accepts ", "requires at least", "invalid argument"))
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// writeError prints err for a person. Errors quote files, Graph messages
// and tenant names, so every line goes through termsafe (control
// characters escaped, a leading "::" defused): a message of several lines
// (a list of problems, the ways to sign in) reads as lines, each inert and
// indented under the first.
func writeError(w io.Writer, err error) {
	var le *policy.LoadError
	if errors.As(err, &le) && len(le.Problems) > 1 {
		fmt.Fprintf(w, "entra-audit: error: %d problems:\n", len(le.Problems))
		for _, p := range le.Problems {
			fmt.Fprintf(w, "  %s\n", termsafe.String(p))
		}
		return
	}
	for i, line := range strings.Split(err.Error(), "\n") {
		prefix := "entra-audit: error: "
		if i > 0 {
			prefix = "  "
			line = strings.TrimLeft(line, " ")
		}
		fmt.Fprintf(w, "%s%s\n", prefix, termsafe.String(line))
	}
}
