// Package policy loads, validates, sandboxes and evaluates entra-audit's
// Rego controls (the embedded built-in pack and custom policy folders),
// applies entra-audit.yaml (exclusions, severity overrides, disabled
// controls, waivers) and turns what each control yields into one typed
// finding.Result.
//
// Policies are pure functions of the snapshot input and the configuration:
// they are compiled with capabilities that lack every builtin able to reach
// the network, the environment, the wall clock or a random source, and with
// an empty network allow-list.
package policy
