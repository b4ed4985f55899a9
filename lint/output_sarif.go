package lint

import (
	"io"
	"net/url"
	"strings"
)

// sarifSchemaURI is the $schema a SARIF log of careerlint names: the SARIF
// 2.1.0 schema as published by SchemaStore (schema/sarif-2.1.0-rtm.5.json
// holds the copy the tests validate against).
const sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// projectURL is careerlint's home page, named in SARIF logs.
const projectURL = "https://gitlab.com/careerlint/careerlint"

// sarifFingerprintKey names careerlint's fingerprint among a result's
// partialFingerprints; its version suffix (fingerprintVersion) changes if
// the hash ever does.
const sarifFingerprintKey = "careerlintFingerprint/" + fingerprintVersion

// SARIF 2.1.0 output types: the part of the format careerlint fills.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
		// ColumnKind says that columns count UTF-16 code units: SARIF's
		// default, which code scanning assumes whatever the run says.
		ColumnKind string `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifText          `json:"shortDescription"`
		FullDescription      sarifText          `json:"fullDescription"`
		Help                 sarifHelp          `json:"help"`
		HelpURI              string             `json:"helpUri"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Fixes               []sarifFix        `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Replacements     []sarifReplacement    `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "note"
	}
	return "none"
}

// sarifURI turns a root-relative slash path into a relative URI reference,
// percent-encoding what a URI cannot hold (spaces, "%", "#", "?").
func sarifURI(p string) string {
	return (&url.URL{Path: p}).String()
}

// region returns the SARIF region of a span: 1-based lines and columns in
// UTF-16 code units, the end column being the one after the last
// character.
func (r *Report) region(s Span) sarifRegion {
	li := r.lines(s.File)
	start, end := li.Position(s.Start), li.Position(max(s.End, s.Start))
	return sarifRegion{StartLine: start.Line, StartColumn: li.UTF16Column(start), EndLine: end.Line, EndColumn: li.UTF16Column(end)}
}

// sarifSrcRoot is the base that every artifact URI is relative to: the
// top folder of the repository (code scanning resolves it there).
const sarifSrcRoot = "%SRCROOT%"

// docLinksAbsolute resolves the links of a rule's documentation to
// another file ("[file-format](file-format.md)") against the URL of the
// rule's own page, so that they lead somewhere in a SARIF viewer, which
// shows the text away from the docs folder. Links with a scheme, a site
// path or only a fragment are left as they are.
func docLinksAbsolute(md, ruleURL string) string {
	base, err := url.Parse(ruleURL)
	if err != nil || !strings.Contains(md, "](") {
		return md
	}
	var b strings.Builder
	for {
		i := strings.Index(md, "](")
		if i < 0 {
			break
		}
		b.WriteString(md[:i+2])
		md = md[i+2:]
		end := strings.IndexAny(md, ") \n")
		if end < 0 {
			continue
		}
		dest := md[:end]
		if ref, err := url.Parse(dest); err == nil && ref.Scheme == "" && ref.Host == "" && ref.Path != "" && !strings.HasPrefix(ref.Path, "/") && strings.HasSuffix(ref.Path, ".md") {
			dest = base.ResolveReference(ref).String()
		}
		b.WriteString(dest)
		md = md[end:]
	}
	b.WriteString(md)
	return b.String()
}

// formatSARIF writes a SARIF 2.1.0 log with one run: the rules with their
// documentation, and one result per finding with its region, related
// locations, fixes and a line-independent fingerprint.
func formatSARIF(w io.Writer, r *Report) error {
	rules := r.rules()
	index := map[string]int{}
	driver := sarifDriver{Name: "careerlint", Version: r.Version, InformationURI: projectURL, Rules: []sarifRule{}}
	for i, rule := range rules {
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   rule.ID,
			Name:                 rule.Name,
			ShortDescription:     sarifText{Text: firstNonEmpty(rule.Summary, rule.Name)},
			FullDescription:      sarifText{Text: firstNonEmpty(rule.Doc.Why, rule.Summary, rule.Name)},
			Help:                 sarifHelp{Text: firstNonEmpty(rule.Doc.Text, rule.Summary, rule.Name), Markdown: docLinksAbsolute(rule.Doc.Text, r.docs(rule))},
			HelpURI:              r.docs(rule),
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(rule.Default)},
		})
	}
	fps := r.fingerprints()
	results := []sarifResult{}
	for i, d := range r.Diagnostics {
		res := sarifResult{
			RuleID:              d.Rule.ID,
			RuleIndex:           index[d.Rule.ID],
			Level:               sarifLevel(d.Severity),
			Message:             sarifText{Text: d.Message},
			Locations:           []sarifLocation{r.sarifLocation(d.Span)},
			PartialFingerprints: map[string]string{sarifFingerprintKey: fps[i]},
		}
		for j, rel := range d.Related {
			loc := r.sarifLocation(rel.Span)
			id := j + 1
			loc.ID = &id
			loc.Message = &sarifText{Text: rel.Message}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		for _, fx := range d.Fixes {
			if len(fx.Edits) == 0 {
				continue
			}
			res.Fixes = append(res.Fixes, r.sarifFix(fx))
		}
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  sarifSchemaURI,
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results, ColumnKind: "utf16CodeUnits"}},
	}
	return writeJSON(w, log)
}

func (r *Report) sarifLocation(s Span) sarifLocation {
	return sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLocation{URI: sarifURI(r.RepoPrefix + s.File), URIBaseID: sarifSrcRoot},
		Region:           r.region(s),
	}}
}

// sarifFix groups a fix's edits by file, keeping their order.
func (r *Report) sarifFix(fx Fix) sarifFix {
	out := sarifFix{Description: sarifText{Text: fx.Title}, ArtifactChanges: []sarifArtifactChange{}}
	byFile := map[string]int{}
	for _, e := range fx.Edits {
		i, ok := byFile[e.Span.File]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.Span.File] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: sarifArtifactLocation{URI: sarifURI(r.RepoPrefix + e.Span.File), URIBaseID: sarifSrcRoot}})
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, sarifReplacement{
			DeletedRegion:   r.region(e.Span),
			InsertedContent: sarifText{Text: e.Text},
		})
	}
	return out
}

// firstNonEmpty returns the first of its arguments that is not blank.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
