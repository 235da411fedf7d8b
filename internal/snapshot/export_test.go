package snapshot

// shortHash exposes the file-name suffix of non-GUID ids to the external tests.
var ShortHashForTest = func(id string) string { return idSuffix(id, false) }

// WriteTreeForTest writes rendered files like Write, for benchmarks that
// render once and measure the heap in between.
var WriteTreeForTest = writeTree
