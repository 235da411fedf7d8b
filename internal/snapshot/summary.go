package snapshot

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/entra-audit/entra-audit/internal/graph"
	"github.com/entra-audit/entra-audit/internal/termsafe"
)

// FamilySummary counts what one family collected.
type FamilySummary struct {
	Family    string
	Resources int // declared
	Collected int // resources collected
	// Unauthorized counts resources Graph or ARM refused with 401: the
	// token is bad, expired or for another audience.
	Unauthorized int
	Objects      int
}

// Gap is a resource that was not collected and what to do about it.
type Gap struct {
	Key, Status, Permission, License, Message string
}

// Hint says what would close the gap.
func (g Gap) Hint() string {
	switch g.Status {
	case StatusMissingPermission:
		if g.Permission != "" {
			return "grant the application permission " + g.Permission
		}
		return "grant the missing permission"
	case StatusLicenseRequired:
		if g.License != "" {
			return "needs " + g.License
		}
		return "needs a licence the tenant lacks"
	default: // not available, failed: the message says why
		return g.Message
	}
}

// Summary is the end-of-run report: objects per family and gaps.
type Summary struct {
	Families  []FamilySummary
	Gaps      []Gap
	Failed    int // resources with status failed
	Collected int // resources collected
	// Unauthorized counts resources Graph or ARM refused with 401: the
	// token is bad, expired or for another audience.
	Unauthorized int
	Objects      int
}

// Summarize reads a Result.
func Summarize(res *Result) Summary {
	var s Summary
	fams := map[string]*FamilySummary{}
	for _, r := range res.Resources {
		fam := strings.SplitN(r.Key, ".", 2)[0]
		if fams[fam] == nil {
			fams[fam] = &FamilySummary{Family: fam}
		}
		fams[fam].Resources++
	}
	for _, o := range res.Outcomes {
		fam := strings.SplitN(o.Key, ".", 2)[0]
		f := fams[fam]
		if f == nil {
			f = &FamilySummary{Family: fam}
			fams[fam] = f
		}
		if o.Status == StatusCollected {
			f.Collected++
			s.Collected++
			f.Objects += len(o.Objects)
			s.Objects += len(o.Objects)
			continue
		}
		if o.Status == StatusFailed {
			s.Failed++
			if o.Kind == graph.KindUnauthorized {
				s.Unauthorized++
				f.Unauthorized++
			}
		}
		s.Gaps = append(s.Gaps, Gap{Key: o.Key, Status: o.Status, Permission: o.Permission, License: o.License, Message: o.Message})
	}
	for _, f := range fams {
		s.Families = append(s.Families, *f)
	}
	sort.Slice(s.Families, func(i, j int) bool { return s.Families[i].Family < s.Families[j].Family })
	sort.Slice(s.Gaps, func(i, j int) bool { return s.Gaps[i].Key < s.Gaps[j].Key })
	return s
}

// WriteText prints the summary for a terminal or a CI log.
func (s Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	width := 0
	for _, f := range s.Families {
		width = max(width, len(f.Family))
	}
	for _, f := range s.Families {
		fmt.Fprintf(&b, "  %-*s  %4d objects  (%d/%d resources)\n", width, f.Family, f.Objects, f.Collected, f.Resources)
	}
	if len(s.Gaps) > 0 {
		fmt.Fprintf(&b, "Not collected (%d):\n", len(s.Gaps))
		for _, g := range s.Gaps {
			fmt.Fprintf(&b, "  %s: %s: %s\n", g.Key, strings.ReplaceAll(g.Status, "_", " "), termsafe.String(oneLine(g.Hint())))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
