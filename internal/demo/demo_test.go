package demo

import (
	"context"
	"testing"
)

func TestDemoTenantServesTheCast(t *testing.T) {
	c, err := NewClients(nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	policies, err := c.Graph.ListAll(ctx, "/v1.0/identity/conditionalAccess/policies")
	if err != nil || len(policies) != 8 {
		t.Fatalf("CA policies: %d, %v", len(policies), err)
	}
	var org struct {
		Value []struct {
			ID string `json:"id"`
		} `json:"value"`
	}
	if err := c.Graph.Get(ctx, "/v1.0/organization", &org); err != nil || len(org.Value) != 1 || org.Value[0].ID != TenantID {
		t.Fatalf("organization: %+v %v", org, err)
	}
	for _, r := range c.Fake.Requests() {
		if !r.Authorized {
			t.Errorf("%s sent without the demo token", r.URL)
		}
	}
}
