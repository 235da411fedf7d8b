// Package drift compares two loaded snapshots of one tenant: a baseline
// (the approved state, committed under baselines/<tenant>/) and a live
// snapshot. Objects are matched by resource key and id; a modified object
// lists its changed Graph properties with old and new values, and the
// names of the ids it references, as the snapshot's comments give them.
//
// What is not drift: the order of a list the snapshot writer sorts (sets
// of strings, lists of objects with an id or a key; snapshot.ListIdentity),
// null versus absent versus an empty list or map, and the volatile fields
// the writer drops. A resource collected in only one of the two trees is
// "not comparable", never every object added or removed.
//
// drift computes; it never reads Graph (attribution of changes to actors
// is internal/auditlog's) and never renders (internal/report does).
package drift
