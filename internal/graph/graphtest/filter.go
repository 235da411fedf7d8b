package graphtest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// filterExpr is a parsed $filter clause. The fake supports the subset
// collectors use: eq, ne, in, ge, le, gt, lt, startswith, endswith, and,
// or, not and parentheses, over string, boolean, null, number and
// date-time (unquoted ISO 8601, 2026-11-02T06:00:00Z) literals, with a/b
// paths into nested objects. ge, le, gt and lt compare numbers
// numerically, date-times as instants (the item's value an ISO 8601
// string) and strings ordinally. Anything else is Request_UnsupportedQuery,
// as Graph answers for filters a resource does not support.
type filterExpr interface {
	match(item map[string]any) bool
}

type (
	andExpr struct{ l, r filterExpr }
	orExpr  struct{ l, r filterExpr }
	notExpr struct{ e filterExpr }
	cmpExpr struct {
		prop string
		neg  bool // ne
		lits []any
	}
	funcExpr struct {
		fn, prop, arg string
	}
	// rangeExpr is ge, le, gt or lt against a number, string or date-time.
	rangeExpr struct {
		prop, op string
		lit      any
	}
)

func (e andExpr) match(m map[string]any) bool { return e.l.match(m) && e.r.match(m) }
func (e orExpr) match(m map[string]any) bool  { return e.l.match(m) || e.r.match(m) }
func (e notExpr) match(m map[string]any) bool { return !e.e.match(m) }

func (e cmpExpr) match(m map[string]any) bool {
	v := propValue(m, e.prop)
	hit := false
	for _, lit := range e.lits {
		if literalEquals(v, lit) {
			hit = true
			break
		}
	}
	return hit != e.neg
}

func (e funcExpr) match(m map[string]any) bool {
	s, ok := propValue(m, e.prop).(string)
	if !ok {
		return false
	}
	s, arg := strings.ToLower(s), strings.ToLower(e.arg)
	if e.fn == "startswith" {
		return strings.HasPrefix(s, arg)
	}
	return strings.HasSuffix(s, arg)
}

func (e rangeExpr) match(m map[string]any) bool {
	c, ok := compareLiteral(propValue(m, e.prop), e.lit)
	if !ok {
		return false
	}
	switch e.op {
	case "ge":
		return c >= 0
	case "le":
		return c <= 0
	case "gt":
		return c > 0
	default: // lt
		return c < 0
	}
}

// compareLiteral orders an item's value against a literal: -1, 0 or +1,
// and false when they cannot be compared (absent, null, other types).
func compareLiteral(v, lit any) (int, bool) {
	switch l := lit.(type) {
	case float64:
		f, ok := v.(float64)
		if !ok {
			return 0, false
		}
		switch {
		case f < l:
			return -1, true
		case f > l:
			return 1, true
		}
		return 0, true
	case string:
		s, ok := v.(string)
		return strings.Compare(s, l), ok
	case time.Time:
		t, ok := parseDateTime(v)
		return t.Compare(l), ok
	}
	return 0, false
}

// parseDateTime reads an item's ISO 8601 date-time string.
func parseDateTime(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

// propValue follows a/b through nested objects, matching keys
// case-insensitively.
func propValue(m map[string]any, path string) any {
	var cur any = m
	for _, part := range strings.Split(path, "/") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = nil
		for k, v := range obj {
			if strings.EqualFold(k, part) {
				cur = v
				break
			}
		}
	}
	return cur
}

func literalEquals(v, lit any) bool {
	switch l := lit.(type) {
	case nil:
		return v == nil
	case string:
		s, ok := v.(string)
		return ok && strings.EqualFold(s, l)
	case bool:
		b, ok := v.(bool)
		return ok && b == l
	case float64:
		f, ok := v.(float64)
		return ok && f == l
	case time.Time:
		t, ok := parseDateTime(v)
		return ok && t.Equal(l)
	}
	return false
}

// parseFilter parses a $filter value.
func parseFilter(s string) (filterExpr, error) {
	toks, err := lexFilter(s)
	if err != nil {
		return nil, err
	}
	p := &filterParser{toks: toks}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos != len(p.toks) {
		return nil, fmt.Errorf("unexpected %q", p.toks[p.pos].text)
	}
	return e, nil
}

type filterToken struct {
	text   string
	quoted bool // a 'string' literal
}

func lexFilter(s string) ([]filterToken, error) {
	var toks []filterToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '(' || c == ')' || c == ',':
			toks = append(toks, filterToken{text: string(c)})
			i++
		case c == '\'':
			var b strings.Builder
			i++
			for {
				if i >= len(s) {
					return nil, errors.New("unterminated string literal")
				}
				if s[i] == '\'' {
					if i+1 < len(s) && s[i+1] == '\'' { // '' escapes a quote
						b.WriteByte('\'')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(s[i])
				i++
			}
			toks = append(toks, filterToken{text: b.String(), quoted: true})
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t(),'", rune(s[j])) {
				j++
			}
			toks = append(toks, filterToken{text: s[i:j]})
			i = j
		}
	}
	return toks, nil
}

type filterParser struct {
	toks []filterToken
	pos  int
}

func (p *filterParser) peekWord(w string) bool {
	return p.pos < len(p.toks) && !p.toks[p.pos].quoted && strings.EqualFold(p.toks[p.pos].text, w)
}

func (p *filterParser) expect(w string) error {
	if !p.peekWord(w) {
		if p.pos >= len(p.toks) {
			return fmt.Errorf("expected %q at end", w)
		}
		return fmt.Errorf("expected %q, got %q", w, p.toks[p.pos].text)
	}
	p.pos++
	return nil
}

func (p *filterParser) or() (filterExpr, error) {
	l, err := p.and()
	for err == nil && p.peekWord("or") {
		p.pos++
		var r filterExpr
		if r, err = p.and(); err == nil {
			l = orExpr{l, r}
		}
	}
	return l, err
}

func (p *filterParser) and() (filterExpr, error) {
	l, err := p.unary()
	for err == nil && p.peekWord("and") {
		p.pos++
		var r filterExpr
		if r, err = p.unary(); err == nil {
			l = andExpr{l, r}
		}
	}
	return l, err
}

func (p *filterParser) unary() (filterExpr, error) {
	switch {
	case p.peekWord("not"):
		p.pos++
		e, err := p.unary()
		return notExpr{e}, err
	case p.peekWord("("):
		p.pos++
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		return e, p.expect(")")
	case p.peekWord("startswith"), p.peekWord("endswith"):
		fn := strings.ToLower(p.toks[p.pos].text)
		p.pos++
		if err := p.expect("("); err != nil {
			return nil, err
		}
		prop, err := p.property()
		if err != nil {
			return nil, err
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
		if p.pos >= len(p.toks) || !p.toks[p.pos].quoted {
			return nil, fmt.Errorf("%s needs a string literal", fn)
		}
		arg := p.toks[p.pos].text
		p.pos++
		return funcExpr{fn: fn, prop: prop, arg: arg}, p.expect(")")
	}
	prop, err := p.property()
	if err != nil {
		return nil, err
	}
	switch {
	case p.peekWord("eq"), p.peekWord("ne"):
		neg := p.peekWord("ne")
		p.pos++
		lit, err := p.literal()
		return cmpExpr{prop: prop, neg: neg, lits: []any{lit}}, err
	case p.peekWord("ge"), p.peekWord("le"), p.peekWord("gt"), p.peekWord("lt"):
		op := strings.ToLower(p.toks[p.pos].text)
		p.pos++
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		switch lit.(type) {
		case float64, string, time.Time:
			return rangeExpr{prop: prop, op: op, lit: lit}, nil
		}
		return nil, fmt.Errorf("%s needs a number, string or date-time literal", op)
	case p.peekWord("in"):
		p.pos++
		if err := p.expect("("); err != nil {
			return nil, err
		}
		var lits []any
		for {
			lit, err := p.literal()
			if err != nil {
				return nil, err
			}
			lits = append(lits, lit)
			if p.peekWord(")") {
				p.pos++
				return cmpExpr{prop: prop, lits: lits}, nil
			}
			if err := p.expect(","); err != nil {
				return nil, err
			}
		}
	}
	if p.pos >= len(p.toks) {
		return nil, fmt.Errorf("operator missing after %q", prop)
	}
	return nil, fmt.Errorf("unsupported operator %q", p.toks[p.pos].text)
}

func (p *filterParser) property() (string, error) {
	if p.pos >= len(p.toks) {
		return "", errors.New("property expected at end")
	}
	t := p.toks[p.pos]
	if t.quoted || strings.ContainsAny(t.text, "(),") || t.text == "" {
		return "", fmt.Errorf("property expected, got %q", t.text)
	}
	for _, r := range t.text {
		if !(r == '/' || r == '_' || r == '.' || r == '@' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "", fmt.Errorf("unsupported expression %q", t.text)
		}
	}
	p.pos++
	return t.text, nil
}

func (p *filterParser) literal() (any, error) {
	if p.pos >= len(p.toks) {
		return nil, errors.New("literal expected at end")
	}
	t := p.toks[p.pos]
	p.pos++
	if t.quoted {
		return t.text, nil
	}
	switch strings.ToLower(t.text) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if f, err := strconv.ParseFloat(t.text, 64); err == nil {
		return f, nil
	}
	if d, err := time.Parse(time.RFC3339Nano, t.text); err == nil {
		return d, nil // a DateTimeOffset literal: unquoted in OData
	}
	return nil, fmt.Errorf("unsupported literal %q", t.text)
}
