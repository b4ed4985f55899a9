package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// syntheticPage returns a career page of about the size of a real level
// page: front matter, includes, headings, ordered lists and links.
func syntheticPage(level string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"%s - Example Department Career Framework\"\ndescription: \"Expected competencies for the %s level.\"\n---\n\n", level, level)
	b.WriteString("{{% include \"includes/engineering-careers/career-matrix-nav.md\" %}}\n\n")
	fmt.Fprintf(&b, "## %s\n\nAn introduction to the level with a [link](/handbook/values/#results) and **bold** words.\n\n", level)
	for _, s := range []string{"Accountability", "Credibility", "Autonomy", "Team building"} {
		fmt.Fprintf(&b, "## %s\n\n", s)
		for i := 0; i < 6; i++ {
			fmt.Fprintf(&b, "1. Item %d of %s, see [the handbook](/handbook/engineering/careers/#section-%d) and `code`.\n", i, s, i)
		}
		b.WriteString("\n")
	}
	b.WriteString("## Engineering alignment\n\n")
	for _, s := range []string{"Leadership Competencies", "Technical Competencies", "Values Alignment"} {
		fmt.Fprintf(&b, "### %s %s\n\n{{%% include \"includes/engineering-careers/%s-x.md\" %%}}\n\n", level, s, strings.ToLower(level))
	}
	return []byte(b.String())
}

// BenchmarkParsePage measures the parse of one typical career page: front
// matter, shortcodes, goldmark and the indexes. Run with
// `go test -bench ParsePage -benchmem ./lint/`.
func BenchmarkParsePage(b *testing.B) {
	src := syntheticPage("Senior")
	opt := ParseOptions{IncludeShortcodes: []string{"include"}}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		ParsePage("content/x/senior.md", src, opt)
	}
}

// BenchmarkParseCorpus parses every Markdown file of $CAREERLINT_CORPUS
// once per iteration and reports the cost per page.
func BenchmarkParseCorpus(b *testing.B) {
	root := os.Getenv("CAREERLINT_CORPUS")
	if root == "" {
		b.Skip("CAREERLINT_CORPUS is not set")
	}
	if !filepath.IsAbs(root) {
		root = filepath.Join("..", root)
	}
	var files [][]byte
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if src, err := os.ReadFile(p); err == nil {
				files = append(files, src)
			}
		}
		return nil
	})
	opt := ParseOptions{IncludeShortcodes: []string{"include"}}
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range files {
			ParsePage("x.md", src, opt)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files))/1000, "µs/page")
}
