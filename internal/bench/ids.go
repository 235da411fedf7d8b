package bench

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Object kinds, the first part of generated ids.
const (
	kindUser = iota + 1
	kindGroup
	kindSP
	kindAppID
	kindApp
	kindPolicy
	kindLocation
	kindPartner
	kindDeleted
	kindAppRole
	kindSchedule
)

// id is the deterministic GUID of object i of a kind.
func id(kind, i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", 0xbe000000+kind, i) }

func raw(format string, args ...any) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(format, args...))
}

// Ids of the demo tenant the generated objects point at.
const (
	msGraphAppID = "00000003-0000-0000-c000-000000000000"
	msGraphSPID  = "5f0f2f4b-2b7e-4d2a-9c1e-0a9b8c7d6e51"
	demoTenantID = "bdd640fb-0667-4ad1-9c80-317fa3b1799d"
)

// builtInRoles are role definitions of the demo tenant (template ids).
var builtInRoles = []string{
	"62e90394-69f5-4237-9190-012177145e10", "e8611ab8-c189-46e8-94e1-60213ab1f814", "194ae4cb-b126-40b2-bd5b-6091b380977d",
	"29232cdf-9323-42fd-ade2-1d097af3e4de", "fe930be7-5e62-47db-91af-98c3a49a38b1", "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
	"158c047a-c907-4556-b7ef-446551a6b5f7", "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f", "729827e3-9c14-49f7-bb1b-9608f156bbb8",
}

// graphAppRoles are application permissions of Microsoft Graph.
var graphAppRoles = []string{
	"9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "06b708a9-e830-4db3-a914-8e69da51d44f",
	"7ab1d382-f21e-4acd-a863-ba3e13f7da61", "246dd0d5-5bd0-4def-940b-0421030a5b68",
}

func itoa(i int) string { return strconv.Itoa(i) }
