package snapshot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// pagedUsers serves n users, per to a page, at /v1.0/users?$top=999
// (pages linked by nextLink) and each at /v1.0/users/{id}.
func pagedUsers(n, per int) *mapSource {
	m := &mapSource{bodies: map[string]string{}}
	path := "/v1.0/users?$top=999"
	for i := 0; i < n; i += per {
		var items []string
		for j := i; j < min(i+per, n); j++ {
			id := fmt.Sprintf("u%d", j)
			items = append(items, fmt.Sprintf(`{"id":%q,"displayName":"User %d"}`, id, j))
			m.bodies["/v1.0/users/"+id] = items[len(items)-1]
		}
		next := ""
		if i+per < n {
			next = fmt.Sprintf("/v1.0/users?$top=999&page=%d", i/per+2)
		}
		m.bodies[path] = fmt.Sprintf(`{"value":[%s],"@odata.nextLink":%q}`, strings.Join(items, ","), next)
		path = next
	}
	return m
}

func readUsers(t *testing.T, m *mapSource, ids ...string) (found, missing []string) {
	t.Helper()
	objs, miss, err := readByID(context.Background(), Sources{Graph: m}, "u", ids, "/v1.0/users?$top=999", "/users/%s")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range objs {
		found = append(found, o["id"].(string))
	}
	return found, miss
}

func (m *mapSource) lookups() (pages, gets int) {
	for _, c := range m.calls {
		if strings.HasPrefix(c, "/v1.0/users?") {
			pages++
		} else {
			gets++
		}
	}
	return pages, gets
}

func TestReadByIDListsASmallDirectoryInOnePage(t *testing.T) {
	m := pagedUsers(2, 2)
	found, missing := readUsers(t, m, "u1", "gone", "u0")
	if !slices.Equal(found, []string{"u1", "u0"}) || !slices.Equal(missing, []string{"gone"}) {
		t.Errorf("found %v, missing %v", found, missing)
	}
	if pages, gets := m.lookups(); pages != 1 || gets != 0 {
		t.Errorf("%d pages and %d lookups, want the one page only (the listing is complete: gone is no user)", pages, gets)
	}
}

func TestReadByIDStopsListingWhenLookupsAreCheaper(t *testing.T) {
	m := pagedUsers(10, 2) // five pages
	found, missing := readUsers(t, m, "u3", "u9", "gone")
	if !slices.Equal(found, []string{"u3", "u9"}) || !slices.Equal(missing, []string{"gone"}) {
		t.Errorf("found %v, missing %v", found, missing)
	}
	// Page 1 (3 ids left), page 2 finds u3 (2 left): two pages read, so
	// the two ids left are looked up.
	if pages, gets := m.lookups(); pages != 2 || gets != 2 {
		t.Errorf("%d pages and %d lookups, want 2 and 2 (calls: %v)", pages, gets, m.calls)
	}
}

func TestReadByIDListsEverythingWhenThatIsCheaper(t *testing.T) {
	m := pagedUsers(15, 5) // three pages
	var ids []string
	for i := 14; i >= 0; i-- {
		ids = append(ids, fmt.Sprintf("u%d", i))
	}
	found, missing := readUsers(t, m, ids...)
	if !slices.Equal(found, ids) || len(missing) != 0 {
		t.Errorf("found %v, missing %v", found, missing)
	}
	if pages, gets := m.lookups(); pages != 3 || gets != 0 {
		t.Errorf("%d pages and %d lookups, want 3 and 0", pages, gets)
	}
}

func TestReadByIDRefusesALoopingNextLink(t *testing.T) {
	m := &mapSource{bodies: map[string]string{
		"/v1.0/users?$top=999": `{"value":[{"id":"a"}],"@odata.nextLink":"/v1.0/users?$top=999"}`,
	}}
	_, _, err := readByID(context.Background(), Sources{Graph: m}, "u", []string{"x", "y", "z"}, "/v1.0/users?$top=999", "/users/%s")
	if err == nil || !strings.Contains(err.Error(), "repeats the nextLink") {
		t.Errorf("err = %v", err)
	}
}

// TestDirectoryReadLooksUpOnlyIdsLearntLate: an id learnt after the
// listing is looked up when the listing passed it, and known absent
// without a call when the listing ran to its end without it.
func TestDirectoryReadLooksUpOnlyIdsLearntLate(t *testing.T) {
	m := pagedUsers(10, 5) // two pages: the whole directory is listed for 4 ids
	d := newDirectoryRead("u", "/v1.0/users?$top=999", "/users/%s")
	if err := d.list(context.Background(), Sources{Graph: m}, []string{"u0", "u1", "u5", "u6"}); err != nil {
		t.Fatal(err)
	}
	objs, missing, err := d.finish(context.Background(), Sources{Graph: m}, []string{"u0", "u1", "u5", "u6", "u3", "gone"})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, o := range objs {
		found = append(found, o["id"].(string))
	}
	if !slices.Equal(found, []string{"u0", "u1", "u5", "u6", "u3"}) || !slices.Equal(missing, []string{"gone"}) {
		t.Errorf("found %v, missing %v", found, missing)
	}
	if pages, gets := m.lookups(); pages != 2 || gets != 1 {
		t.Errorf("%d pages and %d lookups (%v), want 2 and the one for u3", pages, gets, m.calls)
	}
}
