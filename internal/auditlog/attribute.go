package auditlog

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
	"github.com/entra-audit/entra-audit/internal/graph"
)

// relationships are the resource keys whose objects are links between
// other objects (rule 2 of the package doc): the log names their ends,
// not their own ids.
var relationships = map[string]relationship{
	"roles.assignments":                       {need: 2},
	"roles.assignmentScheduleInstances":       {need: 2},
	"roles.eligibilityScheduleInstances":      {need: 2},
	"roles.groupAssignmentScheduleInstances":  {need: 2},
	"roles.groupEligibilityScheduleInstances": {need: 2},
	"apps.appRoleAssignments":                 {marker: "AppRole."},
	"apps.oauth2PermissionGrants":             {marker: "DelegatedPermissionGrant."},
}

// relationship says what an event must show to name one.
type relationship struct {
	// need is how many of the Related ids the event must name, 0 meaning
	// all: 2 for role assignments (principal and role definition; a PIM
	// schedule id is not logged).
	need int
	// marker, when set, prefixes the name of a modified property the event
	// must carry: app role assignments and delegated grants link the same
	// two service principals and are told apart by their kind.
	marker string
}

// tenantKeyed are the resource keys whose objects' ids are another
// tenant's id, which the log records as a property value (rule 3).
var tenantKeyed = map[string]bool{"crossTenantAccess.partners": true}

// Attribute records on d how the audit log read of [from, to] went
// (d.Attribution) and, for every change, the events that name it (see the
// matching rule in the package doc), oldest first. readErr is Read's
// error: when set, every change is unavailable with the reason. now and
// retention (RetentionFree, RetentionPremium; 0 when unknown) say which
// part of the window the log can no longer hold.
func Attribute(d *finding.Drift, events []finding.AuditEvent, readErr error, from, to, now time.Time, retention time.Duration) {
	if d == nil {
		return
	}
	run := &finding.AttributionRun{From: from.UTC(), To: to.UTC()}
	d.Attribution = run
	if readErr != nil {
		reason := unavailableReason(readErr)
		run.Status, run.Message = finding.AttributionUnavailable, reason
		for i := range d.Changes {
			d.Changes[i].Attribution = &finding.Attribution{Status: finding.AttributionUnavailable, Message: reason}
		}
		return
	}
	var usable []finding.AuditEvent
	for _, ev := range events {
		if ev.Time.Before(from) || ev.Time.After(to) {
			continue
		}
		run.Events++
		if strings.EqualFold(ev.Result, "success") {
			usable = append(usable, ev)
		}
	}
	sortEvents(usable)
	note := retentionNote(from, now, retention)
	run.Status, run.Message = finding.AttributionFound, note
	for i := range d.Changes {
		ch := &d.Changes[i]
		var hits []finding.AuditEvent
		for _, ev := range usable {
			if matches(*ch, ev) {
				hits = append(hits, ev)
			}
		}
		if len(hits) > 0 {
			ch.Attribution = &finding.Attribution{Status: finding.AttributionFound, Events: hits}
			continue
		}
		msg := fmt.Sprintf("no directory audit event between %s and %s names this object", stamp(from), stamp(to))
		if note != "" {
			msg += "; " + note
		}
		ch.Attribution = &finding.Attribution{Status: finding.AttributionNoEvent, Message: msg}
	}
}

// retentionNote is set when the window starts before the oldest event the
// log still keeps.
func retentionNote(from, now time.Time, retention time.Duration) string {
	if retention <= 0 || now.IsZero() {
		return ""
	}
	cutoff := now.Add(-retention)
	if !from.Before(cutoff) {
		return ""
	}
	keeps := fmt.Sprintf("%d days", int(retention/(24*time.Hour)))
	if retention%(24*time.Hour) != 0 {
		keeps = retention.String()
	}
	return fmt.Sprintf("changes before %s cannot be attributed because the directory audit log keeps %s", stamp(cutoff), keeps)
}

// unavailableReason says why the log could not be read and what to do.
func unavailableReason(err error) string {
	const base = "the directory audit log could not be read: "
	detail := ""
	var ge *graph.Error
	if errors.As(err, &ge) {
		detail = fmt.Sprintf(" (Graph: %d %s)", ge.Status, ge.Code)
		if ge.Code == "" {
			detail = fmt.Sprintf(" (Graph: %d)", ge.Status)
		}
	}
	switch graph.KindOf(err) {
	case graph.KindMissingPermission:
		return base + "missing permission " + Permission + "; grant it (with Directory.Read.All) to attribute changes" + detail
	case graph.KindLicenseRequired:
		return base + "the tenant's licence does not include it" + detail
	case graph.KindThrottled:
		return base + "Graph kept throttling the requests; run again later" + detail
	case graph.KindUnauthorized:
		return base + "the access token was refused; sign in again" + detail
	}
	return base + err.Error()
}

// matches applies the package doc's rule to one successful event.
func matches(ch finding.ObjectChange, ev finding.AuditEvent) bool {
	targets := map[string]bool{}
	for _, t := range ev.Targets {
		if usableID(t.ID) {
			targets[strings.ToLower(t.ID)] = true
		}
	}
	id := strings.ToLower(ch.Resource.ID)
	if usableID(id) && targets[id] {
		return true // rule 1
	}
	if tenantKeyed[ch.Resource.Type] && usableID(id) && namesTenant(ev, id) {
		return true // rule 3
	}
	kind, ok := relationships[ch.Resource.Type]
	if !ok || kind.marker != "" && !slices.ContainsFunc(ev.ModifiedProperties, func(mp finding.ModifiedProperty) bool {
		return len(mp.Name) >= len(kind.marker) && strings.EqualFold(mp.Name[:len(kind.marker)], kind.marker)
	}) {
		return false
	}
	need := kind.need
	var rel []string
	for _, r := range ch.Related {
		if r = strings.ToLower(r); usableID(r) && !slices.Contains(rel, r) {
			rel = append(rel, r)
		}
	}
	if need == 0 || need > len(rel) {
		need = len(rel)
	}
	if need < 2 {
		return false // one end alone names many relationships
	}
	// rule 2: one related id is a target, enough others are targets or
	// appear inside a modified property value.
	asTarget, named := false, 0
	for _, r := range rel {
		switch {
		case targets[r]:
			asTarget = true
			named++
		case propertyMentions(ev, r):
			named++
		}
	}
	return asTarget && named >= need
}

const zeroGUID = "00000000-0000-0000-0000-000000000000"

func usableID(id string) bool { return id != "" && id != zeroGUID }

// namesTenant reports whether a modified property identifies tenant id:
// its old or new value, JSON-decoded, is the id (PartnerIdentifier), or
// holds it under a "tenantId" key at any depth, JSON encoded in strings
// included (a partner policy's detail). An id elsewhere in a value, such
// as a Conditional Access policy's list of external tenants, is not
// enough.
func namesTenant(ev finding.AuditEvent, id string) bool {
	for _, mp := range ev.ModifiedProperties {
		for _, v := range []string{mp.OldValue, mp.NewValue} {
			var x any
			if json.Unmarshal([]byte(v), &x) != nil {
				x = v
			}
			if s, ok := x.(string); ok && strings.EqualFold(strings.TrimSpace(s), id) {
				return true
			}
			if holdsTenantID(x, id, 0) {
				return true
			}
		}
	}
	return false
}

func holdsTenantID(x any, id string, depth int) bool {
	if depth > 4 {
		return false
	}
	switch v := x.(type) {
	case map[string]any:
		for k, val := range v {
			if s, ok := val.(string); ok && strings.EqualFold(k, "tenantId") && strings.EqualFold(s, id) {
				return true
			}
			if holdsTenantID(val, id, depth+1) {
				return true
			}
		}
	case []any:
		for _, val := range v {
			if holdsTenantID(val, id, depth+1) {
				return true
			}
		}
	case string: // JSON encoded inside a string: ["{\"tenantId\":...}"]
		t := strings.TrimSpace(v)
		if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			var inner any
			if json.Unmarshal([]byte(t), &inner) == nil {
				return holdsTenantID(inner, id, depth+1)
			}
		}
	}
	return false
}

// propertyMentions reports whether id occurs as a whole token (not inside
// a longer id) in a modified property's old or new value.
func propertyMentions(ev finding.AuditEvent, id string) bool {
	if len(id) < 8 {
		return false
	}
	for _, mp := range ev.ModifiedProperties {
		for _, v := range []string{mp.OldValue, mp.NewValue} {
			if containsToken(strings.ToLower(v), id) {
				return true
			}
		}
	}
	return false
}

func containsToken(s, tok string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], tok)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(tok)
		if (start == 0 || !idChar(s[start-1])) && (end == len(s) || !idChar(s[end])) {
			return true
		}
		off = start + 1
	}
}

func idChar(c byte) bool {
	return c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
