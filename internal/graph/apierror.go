package graph

import (
	"encoding/json"
	"net/http"
	"strings"
)

// errorBody covers both error shapes: Graph's
// {"error":{"code","message","innerError":{"request-id",...}}} and ARM's
// {"error":{"code","message"}}.
type errorBody struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError struct {
			RequestID string `json:"request-id"`
		} `json:"innerError"`
	} `json:"error"`
}

// newAPIError builds the typed error for a failed response. The request's
// headers (and so the token) are never looked at.
func newAPIError(method, url string, status int, header func(string) string, body []byte, attempts int) *Error {
	e := &Error{Method: method, URL: url, Status: status, Attempts: attempts}
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil {
		e.Code = eb.Error.Code
		e.Message = strings.TrimSpace(eb.Error.Message)
		e.RequestID = eb.Error.InnerError.RequestID
	}
	if e.Message == "" && e.Code == "" {
		e.Message = http.StatusText(status)
	}
	if e.RequestID == "" && header != nil {
		for _, h := range []string{"request-id", "x-ms-request-id", "x-ms-correlation-request-id"} {
			if v := header(h); v != "" {
				e.RequestID = v
				break
			}
		}
	}
	e.Kind = Classify(status, e.Code)
	return e
}

// headerMap looks up a header case-insensitively in a batch response's
// plain map.
func headerMap(h map[string]string) func(string) string {
	return func(name string) string {
		for k, v := range h {
			if strings.EqualFold(k, name) {
				return v
			}
		}
		return ""
	}
}

// httpHeader adapts http.Header to the lookup newAPIError wants.
func httpHeader(h http.Header) func(string) string { return h.Get }
