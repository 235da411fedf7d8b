package auditlog

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/graph"
)

// Path is the directory audit log collection.
const Path = "/v1.0/auditLogs/directoryAudits"

// MaxPageSize is the largest $top the list accepts: Graph's directory
// page maximum (the list's own page does not document a larger one).
const MaxPageSize = 999

// Permission is the application permission the audit log needs (with
// Directory.Read.All, which directory reads already require).
const Permission = "AuditLog.Read.All"

// Retention of directory audit events: Entra ID Free keeps 7 days, P1 and
// P2 keep 30.
const (
	RetentionFree    = 7 * 24 * time.Hour
	RetentionPremium = 30 * 24 * time.Hour
)

// Read lists the directory audit events of [from, to] with one filtered,
// paged request and returns them sorted by time, then id. Failed events
// are returned too (Attribute ignores them). Errors wrap the graph error,
// so graph.KindOf classifies them.
func Read(ctx context.Context, c *graph.Client, from, to time.Time) ([]finding.AuditEvent, error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return nil, fmt.Errorf("auditlog: window %s..%s is not a time range", stamp(from), stamp(to))
	}
	// Whole seconds, widened outwards: the filter may only return more than
	// the window, and Attribute keeps the exact window.
	lo := from.UTC().Truncate(time.Second)
	hi := to.UTC().Truncate(time.Second)
	if hi.Before(to) {
		hi = hi.Add(time.Second)
	}
	path := fmt.Sprintf("%s?$filter=activityDateTime ge %s and activityDateTime le %s&$top=%d", Path, stamp(lo), stamp(hi), MaxPageSize)
	events := make([]finding.AuditEvent, 0)
	err := c.List(ctx, path, func(item json.RawMessage) error {
		ev, err := decodeEvent(item)
		if err != nil {
			return fmt.Errorf("auditlog: directory audit event %d: %w", len(events)+1, err)
		}
		events = append(events, ev)
		return nil
	})
	if err != nil {
		var ge *graph.Error
		if errors.As(err, &ge) {
			return nil, fmt.Errorf("auditlog: read the directory audit log: %w", err)
		}
		return nil, err
	}
	sortEvents(events)
	return events, nil
}

func sortEvents(events []finding.AuditEvent) {
	slices.SortStableFunc(events, func(a, b finding.AuditEvent) int {
		return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.ID, b.ID))
	})
}

// stamp is a UTC ISO 8601 time as the $filter and messages write it.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// text is a string property that tolerates null (empty) and, should Graph
// send one, a non-string value (kept as its JSON text).
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*t = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = text(s)
	default:
		*t = text(b)
	}
	return nil
}

// wire shapes of a directoryAudit; every field may be null.
type (
	wireEvent struct {
		ID                  text           `json:"id"`
		Category            text           `json:"category"`
		CorrelationID       text           `json:"correlationId"`
		Result              text           `json:"result"`
		ActivityDisplayName text           `json:"activityDisplayName"`
		ActivityDateTime    text           `json:"activityDateTime"`
		LoggedByService     text           `json:"loggedByService"`
		OperationType       text           `json:"operationType"`
		InitiatedBy         *wireInitiator `json:"initiatedBy"`
		TargetResources     []*wireTarget  `json:"targetResources"`
	}
	wireInitiator struct {
		User *struct {
			ID                text `json:"id"`
			DisplayName       text `json:"displayName"`
			UserPrincipalName text `json:"userPrincipalName"`
			IPAddress         text `json:"ipAddress"`
		} `json:"user"`
		App *struct {
			AppID                text `json:"appId"`
			DisplayName          text `json:"displayName"`
			ServicePrincipalID   text `json:"servicePrincipalId"`
			ServicePrincipalName text `json:"servicePrincipalName"`
		} `json:"app"`
	}
	wireTarget struct {
		ID                 text                `json:"id"`
		DisplayName        text                `json:"displayName"`
		Type               text                `json:"type"`
		UserPrincipalName  text                `json:"userPrincipalName"`
		ModifiedProperties []*wireModifiedProp `json:"modifiedProperties"`
	}
	wireModifiedProp struct {
		DisplayName text `json:"displayName"`
		OldValue    text `json:"oldValue"`
		NewValue    text `json:"newValue"`
	}
)

// decodeEvent maps one directoryAudit onto finding.AuditEvent: the actor
// from initiatedBy.user (id, userPrincipalName else displayName,
// ipAddress) or else initiatedBy.app (servicePrincipalId, displayName else
// servicePrincipalName, appId); targets from targetResources; the
// modified properties of all targets, flattened in order.
func decodeEvent(raw json.RawMessage) (finding.AuditEvent, error) {
	var w wireEvent
	if err := json.Unmarshal(raw, &w); err != nil {
		return finding.AuditEvent{}, err
	}
	ev := finding.AuditEvent{
		ID:            string(w.ID),
		Activity:      string(w.ActivityDisplayName),
		Category:      string(w.Category),
		Service:       string(w.LoggedByService),
		OperationType: string(w.OperationType),
		Result:        string(w.Result),
		CorrelationID: string(w.CorrelationID),
		Actor:         actor(w.InitiatedBy),
	}
	if s := strings.TrimSpace(string(w.ActivityDateTime)); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return finding.AuditEvent{}, fmt.Errorf("id %q: activityDateTime %q is not an ISO 8601 time", ev.ID, s)
		}
		ev.Time = t.UTC()
	}
	for _, t := range w.TargetResources {
		if t == nil {
			continue
		}
		ev.Targets = append(ev.Targets, finding.AuditTarget{
			ID:   string(t.ID),
			Name: string(cmp.Or(t.DisplayName, t.UserPrincipalName)),
			Type: string(t.Type),
		})
		for _, mp := range t.ModifiedProperties {
			if mp == nil {
				continue
			}
			ev.ModifiedProperties = append(ev.ModifiedProperties, finding.ModifiedProperty{
				Name: string(mp.DisplayName), OldValue: string(mp.OldValue), NewValue: string(mp.NewValue),
			})
		}
	}
	return ev, nil
}

func actor(in *wireInitiator) finding.Actor {
	if in == nil {
		return finding.Actor{Type: "unknown"}
	}
	if u := in.User; u != nil && (u.ID != "" || u.UserPrincipalName != "" || u.DisplayName != "") {
		return finding.Actor{Type: "user", ID: string(u.ID), Name: string(cmp.Or(u.UserPrincipalName, u.DisplayName)), IPAddress: string(u.IPAddress)}
	}
	if a := in.App; a != nil && (a.ServicePrincipalID != "" || a.AppID != "" || a.DisplayName != "" || a.ServicePrincipalName != "") {
		return finding.Actor{Type: "app", ID: string(a.ServicePrincipalID), Name: string(cmp.Or(a.DisplayName, a.ServicePrincipalName)), AppID: string(a.AppID)}
	}
	return finding.Actor{Type: "unknown"}
}
