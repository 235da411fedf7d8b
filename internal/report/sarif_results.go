package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/entra-audit/entra-audit/internal/finding"
)

// manifestFile is the snapshot file tenant-wide findings point at.
const manifestFile = "manifest.yaml"

// rankedResult keeps a result's severity so truncation can keep the worst.
type rankedResult struct {
	result *sarif.Result
	rank   int
}

// sarifResults emits one result per offending object of each failing
// control. Findings under an active waiver are left out; expired waivers
// already turned their control back into a fail, and their findings are
// reported with the expiry in the message.
func sarifResults(r finding.Report) []rankedResult {
	var out []rankedResult
	for _, c := range r.Controls {
		if c.Status != finding.StatusFail {
			continue
		}
		findings := c.Findings
		if len(findings) == 0 {
			// A failing control with no object is about the tenant as a whole.
			findings = []finding.Finding{{Resource: finding.Resource{Type: "tenant", ID: r.Tenant.ID}, Message: c.Message}}
		}
		for _, f := range findings {
			if f.Waiver != nil && !f.Waiver.Expired {
				continue
			}
			out = append(out, rankedResult{result: sarifResult(r, c, f), rank: c.Severity.Rank()})
		}
	}
	return out
}

func sarifResult(r finding.Report, c finding.Result, f finding.Finding) *sarif.Result {
	file, line := manifestFile, 1
	if f.Location != nil && strings.TrimSpace(f.Location.File) != "" {
		file = f.Location.File
		if f.Location.Line > 0 {
			line = f.Location.Line
		}
	}
	loc := sarif.NewLocationWithPhysicalLocation(&sarif.PhysicalLocation{
		ArtifactLocation: &sarif.ArtifactLocation{URI: ptr(snapshotURI(r.SnapshotDir, file))},
		Region:           &sarif.Region{StartLine: ptr(line)},
	})
	objectName := firstNonEmpty(f.Resource.Name, f.Resource.ID)
	loc.LogicalLocations = []*sarif.LogicalLocation{{
		Name:               ptr(sarifText(objectName)),
		FullyQualifiedName: ptr(sarifText(f.Resource.Type + "/" + f.Resource.ID)),
		Kind:               ptr("resource"),
	}}
	res := sarif.NewRuleResult(c.ID).
		WithLevel(sarifLevel(c.Severity)).
		WithMessage(sarif.NewTextMessage(resultMessage(c, f))).
		WithLocations([]*sarif.Location{loc}).
		WithPartialFingerPrints(map[string]interface{}{
			"primaryLocationLineHash": objectFingerprint(c.ID, r.Tenant.ID, f.Resource),
		})
	props := sarif.Properties{"resourceType": sarifText(f.Resource.Type), "resourceId": sarifText(f.Resource.ID)}
	if f.Waiver != nil && f.Waiver.Expired {
		props["waiverExpired"] = sarifText(f.Waiver.Expires)
	}
	res.Properties = props
	return res
}

// resultMessage names the control and the object, so the alert reads on its
// own in GitHub's list where only the first sentence may show. Tenant text
// in it is shown through sarifText.
func resultMessage(c finding.Result, f finding.Finding) string {
	return sarifText(resultMessageText(c, f))
}

func resultMessageText(c finding.Result, f finding.Finding) string {
	msg := strings.TrimSpace(firstNonEmpty(f.Message, c.Message, prose(c.Title), c.ID))
	object := objectLabel(f.Resource)
	if object != "" && (f.Resource.ID == "" || !strings.Contains(msg, f.Resource.ID)) {
		msg = strings.TrimRight(msg, ".") + ". Object: " + object + "."
	}
	msg = c.ID + ": " + msg
	if f.Waiver != nil && f.Waiver.Expired {
		msg += fmt.Sprintf(" The waiver owned by %s expired on %s.", f.Waiver.Owner, f.Waiver.Expires)
	} else if c.Waiver != nil && c.Waiver.Expired {
		msg += fmt.Sprintf(" The waiver owned by %s expired on %s.", c.Waiver.Owner, c.Waiver.Expires)
	}
	return msg
}

// objectLabel is "type name (id)" with whatever parts are known.
func objectLabel(res finding.Resource) string {
	switch {
	case res.Name != "" && res.ID != "" && res.Name != res.ID:
		return fmt.Sprintf("%s %q (%s)", res.Type, res.Name, res.ID)
	case res.ID != "":
		return strings.TrimSpace(res.Type + " " + res.ID)
	}
	return res.Type
}

// sarifText is the SARIF channel's escaping function, for every string a
// SARIF viewer shows (GitHub code scanning shows messages, rule text and
// properties to anyone with access to the repository): plain text in which
// each character mustShow names, line feeds included, is written as its
// escape (invoice\u202egpj.exe), and invalid UTF-8 as U+FFFD. JSON
// encoding then keeps the file valid; this keeps what GitHub shows honest.
func sarifText(s string) string { return plainVisible(s, false) }

// objectFingerprint identifies an alert by what it is about, not by line
// text, so editing other lines of the YAML (or re-snapshotting) keeps the
// same alert open instead of closing it and opening a new one.
func objectFingerprint(controlID, tenantID string, res finding.Resource) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{controlID, tenantID, res.Type, res.ID}, "\x00")))
	return hex.EncodeToString(sum[:16])
}

// snapshotURI joins the snapshot directory and a file inside it into a
// forward-slash, percent-encoded, repository-relative URI.
func snapshotURI(snapshotDir, file string) string {
	dir := strings.ReplaceAll(snapshotDir, "\\", "/")
	file = strings.ReplaceAll(file, "\\", "/")
	if strings.TrimSpace(file) == "" {
		file = manifestFile
	}
	if snapshotDirIsAbsolute(snapshotDir) {
		dir = "" // unknown repository root: stay relative to the snapshot
	}
	p := path.Join(dir, file)
	p = strings.TrimLeft(p, "/")
	if p == "" || p == "." {
		p = manifestFile
	}
	return escapeURIPath(p)
}

// snapshotDirIsAbsolute reports POSIX, Windows drive and UNC absolute paths.
func snapshotDirIsAbsolute(dir string) bool {
	d := strings.ReplaceAll(dir, "\\", "/")
	if strings.HasPrefix(d, "/") {
		return true
	}
	return len(d) >= 2 && d[1] == ':' && (d[0]|0x20) >= 'a' && (d[0]|0x20) <= 'z'
}

// escapeURIPath percent-encodes everything but unreserved characters and
// '/', so names with spaces, '#', ':' or markup stay a valid relative URI.
func escapeURIPath(p string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '/' || c == '-' || c == '.' || c == '_' || c == '~' ||
			('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}
