package graph

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// accessTokenClaims are the access-token claims entra-audit reads. Nothing is
// verified: the token came from our own credential and Graph verifies it.
type accessTokenClaims struct {
	Roles    []string `json:"roles"`
	Scp      string   `json:"scp"`
	Audience any      `json:"aud"` // string, or a list in some issuers
	Expires  int64    `json:"exp"`
}

var errNotJWT = errors.New("not a JWT access token (expected three base64url parts)")

func decodeTokenClaims(token string) (accessTokenClaims, error) {
	var c accessTokenClaims
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return c, errNotJWT
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return c, errNotJWT
	}
	if err := json.Unmarshal(payload, &c); err != nil {
		return c, errors.New("access token payload is not a JSON object")
	}
	return c, nil
}

// TokenRoles returns the application permissions ("roles" claim) in an
// app-only access token, decoded without verification. Empty, not an error,
// when the token has none.
func TokenRoles(token string) ([]string, error) {
	c, err := decodeTokenClaims(token)
	if err != nil {
		return nil, err
	}
	return c.Roles, nil
}

// TokenScopes returns the delegated permissions ("scp" claim) in a user
// access token (device code, az CLI), decoded without verification.
func TokenScopes(token string) ([]string, error) {
	c, err := decodeTokenClaims(token)
	if err != nil {
		return nil, err
	}
	return strings.Fields(c.Scp), nil
}

// tokenExpiry returns the "exp" claim when the token is a JWT that has one.
func tokenExpiry(token string) (time.Time, bool) {
	c, err := decodeTokenClaims(token)
	if err != nil || c.Expires == 0 {
		return time.Time{}, false
	}
	return time.Unix(c.Expires, 0), true
}
