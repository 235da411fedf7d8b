package snapshot

// ListIdentity says how the elements of one list are told apart. It is the
// single rule behind both the order the writer gives a list (sortArray) and
// the way drift compares two versions of it, so "an order-only change is
// no drift" holds exactly for the lists the writer sorts.
type ListIdentity struct {
	// Ordered lists carry meaning in their order (priorities, texts):
	// compared element by element.
	Ordered bool
	// Keys identify an element of a list of objects (["id"], ["cidrAddress"]);
	// empty for a set of strings, where an element is its own identity.
	Keys []string
}

// Set reports whether the list is unordered (a set of strings or of keyed objects).
func (l ListIdentity) Set() bool { return !l.Ordered }

// ListIdentityOf is the identity of the list under property name holding
// elems (pass every element the list has in either version compared).
func (r Resource) ListIdentityOf(name string, elems []any) ListIdentity {
	return listIdentity(name, elems, r.sortedSet())
}

func listIdentity(name string, elems []any, sets map[string]bool) ListIdentity {
	if allStrings(elems) {
		if sets[name] {
			return ListIdentity{}
		}
		return ListIdentity{Ordered: true}
	}
	if keepOrder[name] || !allObjects(elems) {
		return ListIdentity{Ordered: true}
	}
	if keys, ok := objectSortKeys[name]; ok {
		return ListIdentity{Keys: keys}
	}
	if allHaveString(elems, "id") {
		return ListIdentity{Keys: []string{"id"}}
	}
	return ListIdentity{Ordered: true}
}
