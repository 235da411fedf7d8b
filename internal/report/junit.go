package report

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// junitWriter writes junit.xml for the test tabs of Azure DevOps and
// GitLab: one test suite per control family, one test case per control.
// fail → <failure> (type = severity), error → <error>, manual,
// not_applicable and waived → <skipped> with the reason, pass → passed.
type junitWriter struct{}

func (junitWriter) Name() string     { return "junit" }
func (junitWriter) FileName() string { return "junit.xml" }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func (junitWriter) Write(_ context.Context, w io.Writer, r finding.Report) error {
	doc := junitSuites{Name: "entra-audit", Time: "0"}
	index := map[string]int{}
	tenant := firstNonEmpty(r.Tenant.DisplayName, r.Tenant.DefaultDomain, r.Tenant.ID)
	for _, c := range r.Controls {
		family := firstNonEmpty(c.Family, "other")
		i, ok := index[family]
		if !ok {
			i = len(doc.Suites)
			index[family] = i
			s := junitSuite{Name: junitText(family + " (" + tenant + ")"), Time: "0", Properties: []junitProperty{
				{"tenantId", junitText(r.Tenant.ID)}, {"tenantDomain", junitText(r.Tenant.DefaultDomain)},
				{"cloud", junitText(r.Tenant.Cloud)}, {"toolVersion", junitText(r.Tool.Version)},
			}}
			if !r.EvaluatedAt.IsZero() {
				s.Timestamp = r.EvaluatedAt.UTC().Format("2006-01-02T15:04:05")
			}
			doc.Suites = append(doc.Suites, s)
		}
		s := &doc.Suites[i]
		tc := junitCaseFor(c, family)
		s.Tests++
		switch {
		case tc.Failure != nil:
			s.Failures++
		case tc.Error != nil:
			s.Errors++
		case tc.Skipped != nil:
			s.Skipped++
		}
		s.Cases = append(s.Cases, tc)
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode JUnit XML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitText is the JUnit channel's escaping function, for every tenant
// string in an attribute (test case and suite names, messages) or in text
// (failure details, system-out): each character mustShow names, line feeds
// included, is written as its escape (invoice\u202egpj.exe), and invalid
// UTF-8 as U+FFFD. XML 1.0 cannot carry most control characters at all
// (encoding/xml would silently turn them into U+FFFD, and CI test tabs
// show attributes on one line), so a name that holds one reads as such.
// The line feeds of the multi-line texts are ours.
func junitText(s string) string { return plainVisible(s, false) }

func junitCaseFor(c finding.Result, family string) junitCase {
	tc := junitCase{
		Name:      junitText(c.ID + " " + prose(c.Title)),
		Classname: junitText("entra-audit." + family),
		Time:      "0",
	}
	switch c.Status {
	case finding.StatusPass:
		tc.SystemOut = junitFindings(c, c.Findings)
	case finding.StatusFail:
		tc.Failure = &junitProblem{
			Message: junitText(firstNonEmpty(c.Message, prose(c.Title))),
			Type:    severityLabel(c.Severity),
			Text:    junitFindings(c, activeFindings(c)) + junitRemediation(c),
		}
	case finding.StatusError:
		var b strings.Builder
		for _, g := range c.Gaps {
			fmt.Fprintf(&b, "%s: %s", junitText(g.Resource), junitText(g.Status))
			if need := gapNeed(finding.CollectionStatus{Permission: g.Permission, License: g.License}); need != "" {
				fmt.Fprintf(&b, " (needs %s)", junitText(need))
			}
			if g.Message != "" {
				fmt.Fprintf(&b, ": %s", junitText(g.Message))
			}
			b.WriteString("\n")
		}
		tc.Error = &junitProblem{Message: junitText(firstNonEmpty(c.Message, "the data this control needs was not collected")), Type: "collection", Text: b.String()}
	case finding.StatusNotApplicable:
		tc.Skipped = &junitSkipped{Message: "not applicable: " + junitText(firstNonEmpty(c.Message, "the control does not apply to this tenant"))}
	case finding.StatusManual:
		tc.Skipped = &junitSkipped{Message: "manual check: " + junitText(firstNonEmpty(prose(c.Manual), c.Message, "check by hand"))}
	case finding.StatusWaived:
		msg := "waived"
		if c.Waiver != nil {
			msg = junitText(fmt.Sprintf("waived until %s by %s: %s", c.Waiver.Expires, c.Waiver.Owner, c.Waiver.Reason))
		}
		tc.Skipped = &junitSkipped{Message: msg}
	default:
		tc.Error = &junitProblem{Message: "the control produced no status", Type: "unknown"}
	}
	return tc
}

func junitFindings(c finding.Result, fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "- %s", junitText(firstNonEmpty(f.Message, objectLabel(f.Resource))))
		if f.Location != nil && f.Location.File != "" {
			fmt.Fprintf(&b, " [%s", junitText(f.Location.File))
			if f.Location.Line > 0 {
				fmt.Fprintf(&b, ":%d", f.Location.Line)
			}
			b.WriteString("]")
		}
		if f.Waiver != nil && f.Waiver.Expired {
			fmt.Fprintf(&b, " (waiver by %s expired %s)", junitText(f.Waiver.Owner), junitText(f.Waiver.Expires))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func junitRemediation(c finding.Result) string {
	var b strings.Builder
	if c.Remediation != "" {
		fmt.Fprintf(&b, "\nRemediation: %s\n", junitText(prose(c.Remediation)))
	}
	for _, ref := range c.References {
		fmt.Fprintf(&b, "See: %s\n", junitText(ref))
	}
	return b.String()
}
