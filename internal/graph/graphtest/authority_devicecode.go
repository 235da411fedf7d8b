package graphtest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// deviceCode starts a device-code sign-in: the reply's message is what a
// CLI shows the user.
func (a *Authority) deviceCode(w http.ResponseWriter, r *http.Request) {
	tenant := r.PathValue("tenant")
	if !a.tenantOK(w, tenant) {
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("client_id") == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.")
		return
	}
	if a.opts.ClientID != "" && r.PostForm.Get("client_id") != a.opts.ClientID {
		writeOAuthError(w, http.StatusBadRequest, "unauthorized_client", 700016,
			fmt.Sprintf("Application with identifier '%s' was not found in the directory '%s'.", r.PostForm.Get("client_id"), tenant))
		return
	}
	a.mu.Lock()
	a.issued++
	n := a.issued
	code := fmt.Sprintf("graphtest-device-code-%d", n)
	a.deviceCodes[code] = a.opts.DeviceCodePending
	a.mu.Unlock()
	userCode := fmt.Sprintf("GT%06d", n)
	verify := a.URL + "/devicelogin"
	writeJSON(w, http.StatusOK, map[string]any{
		"user_code":        userCode,
		"device_code":      code,
		"verification_uri": verify,
		"expires_in":       900,
		"interval":         5,
		"message": fmt.Sprintf("To sign in, use a web browser to open the page %s and enter the code %s to authenticate.",
			verify, userCode),
	})
}

func (a *Authority) redeemDeviceCode(w http.ResponseWriter, req TokenRequest, tenant string, fail failFunc) {
	code := req.Form.Get("device_code")
	a.mu.Lock()
	pending, known := a.deviceCodes[code]
	if known && pending > 0 {
		a.deviceCodes[code] = pending - 1
	}
	if known && pending == 0 {
		delete(a.deviceCodes, code) // a device code is redeemed once
	}
	a.mu.Unlock()
	switch {
	case !known:
		fail(http.StatusBadRequest, "invalid_grant", 70000, "The provided device code is not valid or has already been redeemed.")
	case pending > 0:
		writeOAuthError(w, http.StatusBadRequest, "authorization_pending", 70016,
			"OAuth 2.0 device flow error. Authorization is pending. Continue polling.")
	default:
		a.writeDelegatedToken(w, req, tenant, fail)
	}
}

func (a *Authority) redeemRefreshToken(w http.ResponseWriter, req TokenRequest, tenant string, fail failFunc) {
	a.mu.Lock()
	known := a.refreshTokens[req.Form.Get("refresh_token")]
	a.mu.Unlock()
	if !known {
		fail(http.StatusBadRequest, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.")
		return
	}
	a.writeDelegatedToken(w, req, tenant, fail)
}

// writeDelegatedToken answers a user sign-in with an access token, an
// id_token, client_info and a refresh token, which MSAL's public client
// needs to cache an account and later redeem tokens for other resources.
func (a *Authority) writeDelegatedToken(w http.ResponseWriter, req TokenRequest, tenant string, fail failFunc) {
	resource, ok := defaultScopeResource(req.Scope)
	if !ok {
		fail(http.StatusBadRequest, "invalid_scope", 70011, "The provided request must include a '<resource>/.default' scope.")
		return
	}
	const userOID = "00000000-0000-0000-0000-0000000000b1"
	claims := a.baseClaims(tenant, resource)
	tid, _ := claims["tid"].(string)
	claims["appid"] = req.ClientID
	claims["idtyp"] = "user"
	claims["oid"] = userOID
	claims["upn"] = a.opts.UserPrincipalName
	claims["scp"] = strings.Join(a.opts.DelegatedScopes, " ")
	access := FakeJWT(claims)

	idToken := FakeJWT(map[string]any{
		"iss": a.URL + "/" + tid + "/v2.0", "aud": req.ClientID, "sub": userOID, "oid": userOID, "tid": tid,
		"preferred_username": a.opts.UserPrincipalName, "name": "Graphtest Auditor",
		"iat": claims["iat"], "nbf": claims["nbf"], "exp": claims["exp"], "ver": "2.0",
	})
	info, _ := json.Marshal(map[string]string{"uid": userOID, "utid": tid})
	refresh := fmt.Sprintf("graphtest-refresh-%s", claims["jti"])
	a.mu.Lock()
	a.refreshTokens[refresh] = true
	a.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599,
		"scope":         req.Scope,
		"access_token":  access,
		"refresh_token": refresh,
		"id_token":      idToken,
		"client_info":   base64.RawURLEncoding.EncodeToString(info),
	})
}
