package fleet

import "regexp"

// namePattern is what a tenant name may be. A name becomes a folder, a
// GitHub environment (entra-<name>), a SARIF category and a branch
// (drift/<name>), so it is one strict pattern everywhere, the nightly
// workflow's included.
const namePattern = `^[a-z0-9][a-z0-9-]{0,62}$`

var validName = regexp.MustCompile(namePattern)

// ValidName reports whether name may name a tenant.
func ValidName(name string) bool { return validName.MatchString(name) }

// NamePattern is the pattern ValidName checks, for messages.
func NamePattern() string { return namePattern }
