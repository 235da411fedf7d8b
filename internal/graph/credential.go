package graph

import "context"

// Credential obtains access tokens. One Credential serves every API the run
// talks to (Graph and ARM), so it takes the scope per call and keeps its own
// cache.
type Credential interface {
	// Token returns a bearer token for scope, e.g.
	// "https://graph.microsoft.com/.default". It never logs the token.
	Token(ctx context.Context, scope string) (string, error)
}
