package cli

import (
	"bytes"
	_ "embed"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/entra-audit/entra-audit/internal/auditlog"
	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/snapshot"
)

// The permissions scripts set entra-audit's identity up in one reviewed
// step: an app registration (new, or the one --app-id names), exactly the
// Graph application permissions a snapshot reads, granted with admin
// consent (an app role assignment each; nothing else on the app is
// changed), a federated credential for a GitHub environment, and Reader at
// the Azure root scope. Every value a user passes is validated to a strict
// shape and quoted for the script's language.

var (
	//go:embed scripts/az.sh.tmpl
	azScript string
	//go:embed scripts/powershell.ps1.tmpl
	powershellScript string
	//go:embed scripts/terraform.tf.tmpl
	terraformScript string
)

// scriptKinds are the --script values, with their templates.
var scriptKinds = map[string]string{"az": azScript, "powershell": powershellScript, "terraform": terraformScript}

// scriptOptions are the values a script is made with.
type scriptOptions struct {
	Kind              string
	AppName           string
	AppID             string
	GitHubRepo        string
	GitHubEnvironment string
}

var (
	appNamePattern     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ._-]{0,119}$`)
	githubRepoPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$`)
	environmentPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)
)

// check refuses values that could not be written into a script safely or
// that Entra ID and GitHub would refuse.
func (o scriptOptions) check() error {
	if _, ok := scriptKinds[o.Kind]; !ok {
		return usageError("--script %q: want az, powershell or terraform", o.Kind)
	}
	if !appNamePattern.MatchString(o.AppName) {
		return usageError("--app-name %q: use letters, digits, spaces, '.', '_' or '-' (at most 120)", o.AppName)
	}
	if o.AppID != "" && !snapshot.IsGUID(o.AppID) {
		return usageError("--app-id %q is not an application (client) id", o.AppID)
	}
	if o.GitHubRepo == "" && o.GitHubEnvironment != "" {
		return usageError("--github-environment needs --github-repo")
	}
	if o.GitHubRepo != "" {
		if !githubRepoPattern.MatchString(o.GitHubRepo) {
			return usageError("--github-repo %q: want OWNER/REPO", o.GitHubRepo)
		}
		if !environmentPattern.MatchString(o.GitHubEnvironment) {
			return usageError("--github-environment %q: with --github-repo, name the GitHub environment the workflow runs in (letters, digits, '.', '_', '-'), e.g. entra-contoso", o.GitHubEnvironment)
		}
	}
	return nil
}

// scriptData is what the templates see.
type scriptData struct {
	Version           string
	AppName, AppID    string
	GitHubRepo        string
	GitHubEnvironment string
	Subject           string
	Issuer, Audience  string
	GraphAppID        string
	Permissions       []string
}

// renderScript writes the script of o for the Graph permissions of the
// catalogue.
func renderScript(o scriptOptions, version string) ([]byte, error) {
	perms := scriptPermissions()
	d := scriptData{
		Version: version, AppName: o.AppName, AppID: o.AppID,
		GitHubRepo: o.GitHubRepo, GitHubEnvironment: o.GitHubEnvironment,
		Issuer: githubOIDCIssuer, Audience: graph.GitHubOIDCAudience,
		GraphAppID: graphAppID, Permissions: perms,
	}
	if o.GitHubRepo != "" {
		d.Subject = "repo:" + o.GitHubRepo + ":environment:" + o.GitHubEnvironment
	}
	t, err := template.New(o.Kind).Funcs(template.FuncMap{
		"sh": shQuote, "ps": psQuote, "hcl": hclQuote,
	}).Parse(scriptKinds[o.Kind])
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

const (
	// graphAppID is Microsoft Graph's application id, the same in every cloud.
	graphAppID = "00000003-0000-0000-c000-000000000000"
	// githubOIDCIssuer issues GitHub Actions' OIDC tokens.
	githubOIDCIssuer = "https://token.actions.githubusercontent.com"
)

// shQuote is a POSIX shell single-quoted word.
func shQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// psQuote is a PowerShell single-quoted (verbatim) string.
func psQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// hclQuote is an HCL string literal with no interpolation.
func hclQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "${", "$${", "%{", "%%{", "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// scriptPermissions are the Graph application permissions a script
// grants: the snapshot's and the audit log's (drift attribution, on by
// default with --baseline), sorted.
func scriptPermissions() []string {
	perms := []string{auditlog.Permission}
	for _, n := range snapshot.RequiredPermissions(snapshot.Catalog()) {
		if n.API == snapshot.APIGraph && !slices.Contains(perms, n.Permission) {
			perms = append(perms, n.Permission)
		}
	}
	slices.Sort(perms)
	return perms
}
