package policy

import (
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// Each control is its own query, and OPA caches rule values only within a
// query: every control that reads lib.principals.users or lib.roles.grants
// built them again, so an audit cost the library's work times the number
// of controls. sharedCache holds the values of the library's rules
// (data.lib...) that the controls of one Evaluate computed, so each is
// computed about once. They are the same for every control: one input,
// one evaluation time, one compiled pack, and nothing under `with` is
// shared.
//
// A control's values are shared only once its evaluation succeeded: OPA
// caches a rule's first value before it checks that a second does not
// conflict, and a control stopped by an error or a limit may have cached
// such a value.
type sharedCache struct {
	mu    sync.RWMutex
	store topdown.VirtualCache // one frame, never pushed
}

func newSharedCache() *sharedCache {
	return &sharedCache{store: topdown.NewVirtualCache()}
}

// forControl is the virtual cache of one control's evaluation.
func (s *sharedCache) forControl() *controlCache {
	return &controlCache{shared: s, local: topdown.NewVirtualCache()}
}

type controlCache struct {
	shared  *sharedCache
	local   topdown.VirtualCache
	depth   int     // frames pushed by `with`
	pending []entry // shareable values this evaluation computed
}

type entry struct {
	ref   ast.Ref
	value *ast.Term
}

func (c *controlCache) Push() { c.depth++; c.local.Push() }

func (c *controlCache) Pop() { c.depth--; c.local.Pop() }

func (c *controlCache) Keys() []ast.Ref { return c.local.Keys() }

func (c *controlCache) Get(ref ast.Ref) (*ast.Term, bool) {
	if v, undefined := c.local.Get(ref); v != nil || undefined {
		return v, undefined
	}
	if c.depth > 0 || !shareable(ref) {
		return nil, false
	}
	c.shared.mu.RLock()
	defer c.shared.mu.RUnlock()
	return c.shared.store.Get(ref)
}

func (c *controlCache) Put(ref ast.Ref, value *ast.Term) {
	c.local.Put(ref, value)
	if c.depth == 0 && shareable(ref) {
		c.pending = append(c.pending, entry{slices.Clone(ref), value}) // OPA reuses ref's array
	}
}

// publish shares the values of an evaluation that succeeded.
func (c *controlCache) publish() {
	if len(c.pending) == 0 {
		return
	}
	c.shared.mu.Lock()
	defer c.shared.mu.Unlock()
	for _, e := range c.pending {
		c.shared.store.Put(e.ref, e.value)
	}
	c.pending = nil
}

var libRoot = ast.StringTerm("lib")

// shareable: a library rule (data.lib.x.rule...), ground. Function calls
// (their key starts with the function's ref) are not: most are per object
// (props.missing_in(type, o, paths)), so keeping them for the whole audit
// would cost more memory than they save time.
func shareable(ref ast.Ref) bool {
	return len(ref) > 2 && ref[0].Equal(ast.DefaultRootDocument) && ref[1].Equal(libRoot) && ref.IsGround()
}
