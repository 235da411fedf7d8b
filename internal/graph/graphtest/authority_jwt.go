package graphtest

import (
	"encoding/base64"
	"encoding/json"
)

// FakeJWT builds a JWT-shaped, UNSIGNED token carrying claims. It looks like
// an Entra access token to code that only decodes the payload (as
// graph.TokenRoles does) and is useless against anything that verifies
// signatures, which is the point: a leaked fake token grants nothing.
func FakeJWT(claims map[string]any) string {
	header := map[string]any{"typ": "JWT", "alg": "RS256", "kid": "graphtest-unsigned"}
	return segment(header) + "." + segment(claims) + "." + base64.RawURLEncoding.EncodeToString([]byte("graphtest-not-a-signature"))
}

// DecodeJWT splits a JWT-shaped string into its decoded header and payload
// without verifying anything. Tests use it to inspect client assertions.
func DecodeJWT(token string) (header, claims map[string]any, ok bool) {
	parts := splitJWT(token)
	if parts == nil {
		return nil, nil, false
	}
	if json.Unmarshal(parts[0], &header) != nil || json.Unmarshal(parts[1], &claims) != nil {
		return nil, nil, false
	}
	return header, claims, true
}

func splitJWT(token string) [][]byte {
	var parts [][]byte
	start := 0
	for i := 0; i <= len(token); i++ {
		if i == len(token) || token[i] == '.' {
			b, err := base64.RawURLEncoding.DecodeString(token[start:i])
			if err != nil {
				return nil
			}
			parts = append(parts, b)
			start = i + 1
		}
	}
	if len(parts) != 3 {
		return nil
	}
	return parts
}

func segment(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only maps of plain values are passed in; a failure is a programming error
		// in the fake itself, never caused by user input.
		panic("graphtest: cannot encode JWT segment: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
