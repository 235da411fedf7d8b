package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
)

// ErrNoTokenForScope means the credential has no way to get a token for the
// asked scope (access-token mode without ENTRA_AUDIT_ARM_ACCESS_TOKEN, say).
// Callers record the data as "not available" instead of failing the run.
var ErrNoTokenForScope = errors.New("no access token for this scope")

// AuthError is a failed token acquisition. It is built from MSAL's error but
// keeps only what helps (status, OAuth code, AADSTS text, a hint); MSAL's
// error can carry the raw response body and request, so it is not wrapped.
type AuthError struct {
	Mode        AuthMode
	Scope       string
	Endpoint    string // scheme://host/path of the failed call, no query
	Status      int    // HTTP status from the authority; 0 when no reply
	Code        string // OAuth error, e.g. invalid_client
	Description string // AADSTS text or cause, secrets removed
	Hint        string // what to do, for known AADSTS codes
	cause       error  // context errors only
}

func (e *AuthError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "authentication (%s) failed getting a token for %s", e.Mode, e.Scope)
	if e.Endpoint != "" {
		b.WriteString(" from " + e.Endpoint)
	}
	b.WriteString(":")
	if e.Status != 0 {
		fmt.Fprintf(&b, " %d", e.Status)
	}
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Description != "" {
		b.WriteString(": " + e.Description)
	}
	if e.Hint != "" {
		b.WriteString(" (" + e.Hint + ")")
	}
	return b.String()
}

// Unwrap exposes context cancellation and deadlines, nothing else.
func (e *AuthError) Unwrap() error { return e.cause }

// aadstsHints explains the AADSTS codes people actually hit.
var aadstsHints = map[int]string{
	7000215: "the client secret is wrong: use the secret's Value, not its Secret ID, or create a new secret",
	7000222: "the client secret has expired: create a new one on the app registration",
	700016:  "the app " + EnvClientID + " was not found in tenant " + EnvTenantID + ": check both, and --cloud",
	90002:   "tenant not found: check " + EnvTenantID + " and --cloud",
	700024:  "the client assertion is outside its validity window: federated tokens are short-lived; check the clock",
	70021:   "no federated identity credential matches: the app's federated credential must match the token's issuer, subject and audience " + GitHubOIDCAudience,
	700211:  "no federated identity credential matches the token's issuer",
	700212:  "no federated identity credential matches the token's audience; it must be " + GitHubOIDCAudience,
	700213:  "no federated identity credential matches the token's subject (e.g. repo:ORG/REPO:environment:prod)",
	700027:  "the certificate is not registered on the app registration: upload its public part",
	53003:   "blocked by Conditional Access: exclude the workload identity or adjust the policy",
	1002012: "client-credential scopes must end in /.default",
}

// authError turns an MSAL failure into an *AuthError, stripping anything
// that could echo a credential: the listed secrets (raw and URL-encoded),
// anything JWT-shaped, bearer values and credential-named form fields.
func authError(mode AuthMode, scope string, err error, secrets ...string) error {
	e := &AuthError{Mode: mode, Scope: scope}
	if errors.Is(err, context.Canceled) {
		e.cause = context.Canceled
	} else if errors.Is(err, context.DeadlineExceeded) {
		e.cause = context.DeadlineExceeded
	}
	var callErr msalerrors.CallErr
	var jsonErr msalerrors.InvalidJsonErr
	switch {
	case errors.As(err, &callErr):
		if callErr.Req != nil && callErr.Req.URL != nil {
			u := callErr.Req.URL
			e.Endpoint = u.Scheme + "://" + u.Host + u.Path
		}
		if callErr.Resp != nil {
			e.Status = callErr.Resp.StatusCode
		}
		e.Code, e.Description = oauthErrorFrom(callErr.Error())
		if e.Code == "" && e.Description == "" {
			e.Description = "the authority refused the request"
		}
	case errors.As(err, &jsonErr):
		e.Description = "the authority replied with something that is not the expected JSON"
	default:
		e.Description = err.Error()
	}
	// MSAL sometimes wraps with an empty prefix, leaving a leading ": ".
	e.Description = authRedact(strings.TrimLeft(authOneLine(e.Description), ": "), secrets...)
	e.Code = authRedact(e.Code, secrets...)
	if code := firstAADSTS(e.Description); code != 0 {
		e.Hint = aadstsHints[code]
	}
	return e
}

// oauthErrorFrom finds the JSON body MSAL appends to its message.
func oauthErrorFrom(msg string) (code, description string) {
	i := strings.Index(msg, "{")
	if i < 0 {
		return "", ""
	}
	var body struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.NewDecoder(strings.NewReader(msg[i:])).Decode(&body) != nil {
		return "", ""
	}
	return body.Error, body.ErrorDescription
}

var aadstsPattern = regexp.MustCompile(`AADSTS(\d+)`)

func firstAADSTS(s string) int {
	m := aadstsPattern.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func authOneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const limit = 1500
	if len(s) > limit {
		s = s[:limit] + "…"
	}
	return s
}

var (
	authJWTPattern    = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}(\.[A-Za-z0-9_-]*)?`)
	authBearerPattern = regexp.MustCompile(`(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+`)
	authFieldPattern  = regexp.MustCompile(`(?i)\b(client_secret|client_assertion|assertion|access_token|refresh_token|id_token|device_code|password)(\\?"?\s*[:=]\s*\\?"?)([^&"\\\s,;}]+)`)
)

// authRedact removes credential material from text meant for humans.
func authRedact(s string, secrets ...string) string {
	for _, v := range secrets {
		if len(v) < 4 { // too short to replace without mangling the message
			continue
		}
		s = strings.ReplaceAll(s, v, secretMask)
		s = strings.ReplaceAll(s, url.QueryEscape(v), secretMask)
		s = strings.ReplaceAll(s, url.PathEscape(v), secretMask)
	}
	s = authJWTPattern.ReplaceAllString(s, secretMask)
	s = authBearerPattern.ReplaceAllString(s, "Bearer "+secretMask)
	s = authFieldPattern.ReplaceAllString(s, "${1}${2}"+secretMask)
	return s
}
