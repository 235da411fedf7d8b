package snapshot

// shortHash exposes the file-name suffix of non-GUID ids to the external tests.
var ShortHashForTest = func(id string) string { return idSuffix(id, false) }

// WriteTreeForTest writes rendered files like Write, for benchmarks that
// render once and measure the heap in between.
var WriteTreeForTest = writeTree

// namesOf is a name index that knows each id under every kind a property
// can point at, for tests that are not about kinds.
func namesOf(labels map[string]string) *Names {
	n := &Names{kinds: map[string]map[string]nameEntry{}}
	kinds := []string{"test"}
	for _, ks := range refKinds {
		kinds = append(kinds, ks...)
	}
	for id, label := range labels {
		for _, k := range kinds {
			n.add(k, id, label, label)
		}
	}
	return n
}
