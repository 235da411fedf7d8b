package auditlog

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/entra-audit/entra-audit/internal/finding"
)

func TestDecodeEvent(t *testing.T) {
	for name, tc := range map[string]struct {
		raw  string
		want finding.AuditEvent
	}{
		"user, Graph's documented shape": {
			raw: `{"id":"Directory_da159bfb_1","category":"GroupManagement","correlationId":"da159bfb-54fa-4092-8a38-6e1fa7870e30",
				"result":"success","resultReason":"Successfully added member to group","activityDisplayName":"Add member to group",
				"activityDateTime":"2026-11-09T21:20:02.7215374Z","loggedByService":"Core Directory","operationType":"Assign",
				"initiatedBy":{"user":{"id":"728309ae-1a37-4937-9afe-e35d964db09b","displayName":"Audry Oliver","userPrincipalName":"audry@contoso.com","ipAddress":"127.0.0.1"},"app":null},
				"targetResources":[
					{"id":"ef7e527d-6c92-4234-8c6d-cf6fdfb57f95","displayName":"Example.com","Type":"Group","groupType":"unifiedGroups",
					 "modifiedProperties":[{"displayName":"Action Client Name","oldValue":null,"newValue":"DirectorySync"}]},
					{"id":"1f0e98f5-3161-4c6b-9b50-d488572f2bb7","displayName":null,"Type":"User","modifiedProperties":[],"userPrincipalName":"bob@contoso.com"}],
				"additionalDetails":[{"key":"Additional Detail Name","value":"Additional Detail Value"}]}`,
			want: finding.AuditEvent{
				ID: "Directory_da159bfb_1", Time: time.Date(2026, 11, 9, 21, 20, 2, 721537400, time.UTC), Activity: "Add member to group",
				Category: "GroupManagement", Service: "Core Directory", OperationType: "Assign", Result: "success",
				CorrelationID: "da159bfb-54fa-4092-8a38-6e1fa7870e30",
				Actor:         finding.Actor{Type: "user", ID: "728309ae-1a37-4937-9afe-e35d964db09b", Name: "audry@contoso.com", IPAddress: "127.0.0.1"},
				Targets: []finding.AuditTarget{
					{ID: "ef7e527d-6c92-4234-8c6d-cf6fdfb57f95", Name: "Example.com", Type: "Group"},
					{ID: "1f0e98f5-3161-4c6b-9b50-d488572f2bb7", Name: "bob@contoso.com", Type: "User"},
				},
				ModifiedProperties: []finding.ModifiedProperty{{Name: "Action Client Name", NewValue: "DirectorySync"}},
			},
		},
		"user without a UPN is named by display name": {
			raw:  `{"id":"e","activityDateTime":"2026-11-09T00:00:00Z","initiatedBy":{"user":{"id":"u1","displayName":"Lee Gu","userPrincipalName":null,"ipAddress":null},"app":null}}`,
			want: finding.AuditEvent{ID: "e", Time: time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC), Actor: finding.Actor{Type: "user", ID: "u1", Name: "Lee Gu"}},
		},
		"app, with an empty user beside it": {
			raw: `{"id":"e","activityDateTime":"2026-11-09T00:00:00+01:00","result":"success",
				"initiatedBy":{"user":{"id":null,"displayName":null,"userPrincipalName":null,"ipAddress":null},
					"app":{"appId":"f7a8b9c0-d1e2-4f3a-8b4c-5d6e7f8a9bb6","displayName":"Fabrikam Mail Archiver","servicePrincipalId":"7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9da5","servicePrincipalName":null}}}`,
			want: finding.AuditEvent{ID: "e", Time: time.Date(2026, 11, 8, 23, 0, 0, 0, time.UTC), Result: "success",
				Actor: finding.Actor{Type: "app", ID: "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9da5", Name: "Fabrikam Mail Archiver", AppID: "f7a8b9c0-d1e2-4f3a-8b4c-5d6e7f8a9bb6"}},
		},
		"app known only by its service principal name": {
			raw:  `{"id":"e","initiatedBy":{"app":{"appId":null,"displayName":null,"servicePrincipalId":"sp1","servicePrincipalName":"Azure AD PIM"}}}`,
			want: finding.AuditEvent{ID: "e", Actor: finding.Actor{Type: "app", ID: "sp1", Name: "Azure AD PIM"}},
		},
		"nulls everywhere": {
			raw: `{"id":"e","category":null,"correlationId":null,"result":null,"resultReason":null,"activityDisplayName":null,
				"activityDateTime":null,"loggedByService":null,"operationType":null,"initiatedBy":null,
				"targetResources":[null,{"id":null,"displayName":null,"type":null,"userPrincipalName":null,"modifiedProperties":null},
					{"id":"t","modifiedProperties":[null,{"displayName":null,"oldValue":null,"newValue":null}]}],"additionalDetails":null}`,
			want: finding.AuditEvent{ID: "e", Actor: finding.Actor{Type: "unknown"},
				Targets:            []finding.AuditTarget{{}, {ID: "t"}},
				ModifiedProperties: []finding.ModifiedProperty{{}}},
		},
		"initiatedBy with neither user nor app": {
			raw:  `{"id":"e","initiatedBy":{"user":null,"app":null},"targetResources":null}`,
			want: finding.AuditEvent{ID: "e", Actor: finding.Actor{Type: "unknown"}},
		},
		"non-string values are kept as JSON text": {
			raw: `{"id":"e","targetResources":[{"id":"t","modifiedProperties":[{"displayName":"Count","oldValue":1,"newValue":{"a":true}}]}]}`,
			want: finding.AuditEvent{ID: "e", Actor: finding.Actor{Type: "unknown"}, Targets: []finding.AuditTarget{{ID: "t"}},
				ModifiedProperties: []finding.ModifiedProperty{{Name: "Count", OldValue: "1", NewValue: `{"a":true}`}}},
		},
	} {
		got, err := decodeEvent(json.RawMessage(tc.raw))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, tc.want)
		}
	}
	for _, raw := range []string{`{"id":"e","activityDateTime":"yesterday"}`, `[1]`, `{"id":"e","targetResources":{"id":"t"}}`} {
		if _, err := decodeEvent(json.RawMessage(raw)); err == nil {
			t.Errorf("%s decoded without error", raw)
		}
	}
}
