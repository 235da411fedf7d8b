package snapshot

import (
	"fmt"
	"sort"
	"sync"
)

// The catalogue is the list of collectors a run uses. Each family file
// registers its collector with a package-level
//
//	var _ = register(conditionalAccessCollector{})
//
// so that adding a family touches only its own file. Catalog returns them
// sorted by family, whatever the order of registration.

var (
	catalogMu sync.Mutex
	catalog   []Collector
)

// register adds c to the catalogue; it panics on a duplicate family or
// resource key, which is a programming error caught by any test.
func register(c Collector) bool {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	keys := map[string]bool{}
	for _, existing := range catalog {
		if existing.Family() == c.Family() {
			panic(fmt.Sprintf("snapshot: collector family %q registered twice", c.Family()))
		}
		for _, r := range existing.Resources() {
			keys[r.Key] = true
		}
	}
	for _, r := range c.Resources() {
		if keys[r.Key] {
			panic(fmt.Sprintf("snapshot: resource key %q registered twice", r.Key))
		}
	}
	catalog = append(catalog, c)
	return true
}

// Catalog returns every registered collector, sorted by family.
func Catalog() []Collector {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	out := append([]Collector(nil), catalog...)
	sort.Slice(out, func(i, j int) bool { return out[i].Family() < out[j].Family() })
	return out
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
