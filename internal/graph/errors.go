package graph

import (
	"errors"
	"fmt"
)

// ErrorKind classifies a failed call so collectors can record a gap
// (missing permission, missing licence) instead of failing the run.
type ErrorKind int

const (
	KindOther             ErrorKind = iota
	KindMissingPermission           // 403 Authorization_RequestDenied, AccessDenied
	KindLicenseRequired             // 400 AadPremiumLicenseRequired, 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant
	KindNotFound                    // 404
	KindThrottled                   // 429 after the retry cap
	KindUnauthorized                // 401: bad, expired or wrong-audience token
)

func (k ErrorKind) String() string {
	switch k {
	case KindMissingPermission:
		return "missing permission"
	case KindLicenseRequired:
		return "licence required"
	case KindNotFound:
		return "not found"
	case KindThrottled:
		return "throttled"
	case KindUnauthorized:
		return "unauthorized"
	default:
		return "error"
	}
}

// Error is a failed Graph or ARM call. It keeps what support needs
// (status, code, request-id) and never the token.
type Error struct {
	Method    string
	URL       string // without query secrets; Graph URLs carry none
	Status    int
	Code      string // Graph error code, e.g. Authorization_RequestDenied
	Message   string
	RequestID string
	Attempts  int // how many times the request was sent
	Kind      ErrorKind
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s %s: %d", e.Method, e.URL, e.Status)
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RequestID != "" {
		s += " (request-id " + e.RequestID + ")"
	}
	if e.Attempts > 1 {
		s += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	return s
}

// Classify maps an HTTP status and Graph error code to a kind.
func Classify(status int, code string) ErrorKind {
	switch {
	case code == "AadPremiumLicenseRequired",
		code == "Authentication_RequestFromNonPremiumTenantOrB2CTenant":
		return KindLicenseRequired
	case status == 403 && (code == "Authorization_RequestDenied" || code == "AccessDenied" || code == "Forbidden" || code == "AuthorizationFailed"):
		return KindMissingPermission
	case status == 403:
		return KindMissingPermission
	case status == 404:
		return KindNotFound
	case status == 429:
		return KindThrottled
	case status == 401:
		return KindUnauthorized
	default:
		return KindOther
	}
}

// KindOf returns the kind of err if it wraps an *Error, else KindOther.
func KindOf(err error) ErrorKind {
	var ge *Error
	if errors.As(err, &ge) {
		return ge.Kind
	}
	return KindOther
}
