package lint

import (
	"io"
)

// Code Quality output types: the subset of the Code Climate issue format
// that GitLab reads for its merge-request widget and diff annotations
// (artifacts:reports:codequality).
type (
	codeQualityIssue struct {
		Description string              `json:"description"`
		CheckName   string              `json:"check_name"`
		Fingerprint string              `json:"fingerprint"`
		Severity    string              `json:"severity"`
		Location    codeQualityLocation `json:"location"`
	}
	codeQualityLocation struct {
		Path  string           `json:"path"`
		Lines codeQualityLines `json:"lines"`
	}
	codeQualityLines struct {
		Begin int `json:"begin"`
	}
)

// codeQualitySeverity maps a severity to GitLab's scale (info, minor,
// major, critical, blocker).
func codeQualitySeverity(s Severity) string {
	switch s {
	case Error:
		return "major"
	case Warning:
		return "minor"
	}
	return "info"
}

// formatCodeQuality writes a GitLab Code Quality report: a JSON array, no
// byte order mark, one issue per finding. check_name is "ID/name", so that
// GitLab shows which rule to look up; the fingerprint holds no line number
// (see Report.fingerprints).
func formatCodeQuality(w io.Writer, r *Report) error {
	fps := r.fingerprints()
	out := make([]codeQualityIssue, 0, len(r.Diagnostics))
	for i, d := range r.Diagnostics {
		out = append(out, codeQualityIssue{
			Description: d.Message,
			CheckName:   d.Rule.ID + "/" + d.Rule.Name,
			Fingerprint: fps[i],
			Severity:    codeQualitySeverity(d.Severity),
			Location: codeQualityLocation{
				Path:  r.RepoPrefix + d.Span.File,
				Lines: codeQualityLines{Begin: r.lines(d.Span.File).Position(d.Span.Start).Line},
			},
		})
	}
	return writeJSON(w, out)
}
