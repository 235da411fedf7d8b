// Package review judges a change to baselines, the configuration or the
// policies (a pull request): it evaluates the base and the head tree,
// diffs their findings (introduced, resolved, kept), carries the drift
// between them and what the configuration change accepts (waivers,
// disabled controls), and, separately, what the head's own Rego would
// change.
//
// The verdict that counts judges the head's data with the base's
// policies: a pull request's Rego is untrusted code that could simply
// delete the control it would fail. The head's policies run in the same
// sandbox under a time and memory limit, and only describe themselves.
//
// A tree is a directory or a git revision ("origin/main:baselines"),
// read with git from the local repository, without network.
package review
