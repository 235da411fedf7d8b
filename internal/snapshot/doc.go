// Package snapshot reads a tenant's security configuration through Graph
// and ARM (one collector per family, listed in catalog.go), normalises it
// (normalize.go), writes it as a deterministic YAML tree with a manifest
// (render.go, write.go, manifest.go, atomic.go) and reads such a tree back
// into the policy input document (load.go, loadyaml.go). Helpers the
// collectors share are in fetch.go. docs/snapshot-format.md is the
// contract with policy authors, baselines and pull-request reviewers.
package snapshot
