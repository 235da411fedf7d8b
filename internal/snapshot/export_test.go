package snapshot

// shortHash exposes the file-name suffix of non-GUID ids to the external tests.
var ShortHashForTest = func(id string) string { return idSuffix(id, false) }
