// Package graph talks HTTP to Microsoft Graph and Azure Resource Manager.
//
// It owns everything about the wire: clouds and their hosts, credentials
// (MSAL for Go), paging, JSON batching, retries and pacing, and typed errors
// that let callers record a missing permission or licence instead of failing.
// It knows nothing about what the resources mean: no other internal package
// is imported here.
package graph
