// Package policies embeds entra-audit's built-in Rego: the helper library
// (lib), the CISA SCuBA Entra ID baseline (scuba) and entra-audit's own
// controls (entra). Each control lives in its own folder beside its
// _test.rego. The policy engine loads FS; tests load the _test.rego files
// from it too, production loading skips them.
package policies

import "embed"

// FS holds the Rego tree; the engine reads only .rego files from it.
//
//go:embed lib scuba entra
var FS embed.FS
