package snapshot

import (
	"maps"
	"slices"
)

// Copy writes the snapshot in from to to, atomically and under the same
// rules as Write (to must be absent, empty or a previous snapshot): the
// way a reviewed live snapshot becomes the committed baseline. The source
// is loaded first, so a damaged or foreign tree is refused before to is
// touched, and only the files a snapshot consists of are copied.
func Copy(from, to string) (*Snapshot, error) {
	s, err := Load(from)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, name := range s.Files() {
		if files[name], err = s.ReadFile(name); err != nil {
			return nil, err
		}
	}
	if err := writeTree(to, files); err != nil {
		return nil, err
	}
	return s, nil
}

// Files lists the snapshot's files (relative, slash-separated, sorted):
// the manifest and every object file the loader read.
func (s *Snapshot) Files() []string {
	set := map[string]bool{ManifestFile: true}
	for _, locs := range s.locs {
		for _, l := range locs {
			set[l.file] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}
