// Package finding holds entra-audit's domain types: controls, their results
// and findings, and the report that writers render. It is a leaf: it imports
// nothing from the project, so the policy engine, drift and every report
// writer can share it without depending on each other.
package finding
