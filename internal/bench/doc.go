// Package bench measures a snapshot of a large synthetic tenant through
// the fake Graph throttling like Graph does (issue #14): how many Graph
// calls each collector family makes against the fewest the data needs, how
// often it was throttled, the resource units it spent, and how its wall
// time compares with the lower bound that latency, concurrency and
// Graph's throttling rules allow. See docs/performance.md.
//
// The generator (NewTenant) grows the demo tenant linearly with a factor
// K; Run collects it with the real client and collectors; MinimalPlan and
// Bounds compute what the data needs; Table prints the figures. Nothing
// imports this package: its benchmark and tests are the users.
package bench
