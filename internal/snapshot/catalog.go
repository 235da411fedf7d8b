package snapshot

import (
	"fmt"
	"sort"
	"sync"
)

// Catalog returns every collector a run uses, sorted by family. Adding a
// family means adding its constructor here.
func Catalog() []Collector {
	out := []Collector{
		NewAppsCollector(),
		NewAuthMethodsCollector(),
		NewConditionalAccessCollector(),
		NewCrossTenantCollector(),
		NewMulticloudCollector(),
		NewPrincipalsCollector(),
		NewRolesCollector(),
		NewTenantCollector(),
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Family() < out[j].Family() })
	catalogOnce.Do(func() { catalogErr = checkCatalog(out) })
	if catalogErr != nil {
		panic(catalogErr) // a programming error, caught by any test
	}
	return out
}

var (
	catalogOnce sync.Once
	catalogErr  error
)

// checkCatalog refuses duplicate families, keys or tree paths.
func checkCatalog(cs []Collector) error {
	fams, keys, paths := map[string]bool{}, map[string]bool{}, map[string]string{}
	for _, c := range cs {
		if fams[c.Family()] {
			return fmt.Errorf("snapshot: collector family %q listed twice", c.Family())
		}
		fams[c.Family()] = true
		for _, r := range c.Resources() {
			if keys[r.Key] {
				return fmt.Errorf("snapshot: resource key %q declared twice", r.Key)
			}
			keys[r.Key] = true
			if prev, dup := paths[r.treePath()]; dup {
				return fmt.Errorf("snapshot: resources %s and %s share the tree path %q", prev, r.Key, r.Path)
			}
			paths[r.treePath()] = r.Key
			if err := checkTreePath(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// Resources returns the resources of collectors, sorted by key.
func Resources(collectors []Collector) []Resource {
	var out []Resource
	for _, c := range collectors {
		out = append(out, c.Resources()...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func sortedResources(rs []Resource) []Resource {
	out := append([]Resource(nil), rs...)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// ResourceByKey finds a catalogue resource by its key.
func ResourceByKey(key string) (Resource, bool) {
	for _, r := range Resources(Catalog()) {
		if r.Key == key {
			return r, true
		}
	}
	return Resource{}, false
}
