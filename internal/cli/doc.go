// Package cli is entra-audit's command line: commands, flags, the config
// file, exit codes and the wiring of every other package. It is the only
// package that may exit the process (through Main's return value) or import
// cobra.
package cli
