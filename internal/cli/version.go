package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version, Commit and Date are set at build time (GoReleaser: -ldflags
// "-X .../internal/cli.Version=v1.2.3 -X ...Commit=... -X ...Date=...");
// otherwise the module version and the VCS stamp of the build info are used.
var Version, Commit, Date = "", "", ""

// DocsURL is where the documentation lives for a binary without the
// repository next to it.
const DocsURL = "https://github.com/entra-audit/entra-audit/blob/main/docs/"

// InformationURI is where users learn about the tool (SARIF, reports).
const InformationURI = "https://github.com/entra-audit/entra-audit"

func toolVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// buildStamp is the commit and date of the build: the ones the release
// set, else the VCS stamp Go records in the binary.
func buildStamp() (commit, date string) {
	commit, date = Commit, Date
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && commit == "":
				commit = s.Value
			case s.Key == "vcs.time" && date == "":
				date = s.Value
			}
		}
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	return commit, date
}

// versionLine is what both `version` and `--version` print.
func versionLine() string {
	line := "entra-audit " + toolVersion()
	commit, date := buildStamp()
	if commit != "" {
		line += " commit " + commit
	}
	if date != "" {
		line += " built " + date
	}
	return fmt.Sprintf("%s (%s, %s/%s)\n", line, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func newCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date of entra-audit",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(f.IO.Out, versionLine())
			return err
		},
	}
}
