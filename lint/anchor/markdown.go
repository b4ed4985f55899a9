package anchor

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
)

// hugoTypographerSubstitutions are Hugo's default typographer replacements
// (markup.goldmark.extensions.typographer). Hugo always passes its own map to
// goldmark's typographer; its defaults are the HTML entities below.
var hugoTypographerSubstitutions = map[extension.TypographicPunctuation][]byte{
	extension.LeftSingleQuote:  []byte("&lsquo;"),
	extension.RightSingleQuote: []byte("&rsquo;"),
	extension.LeftDoubleQuote:  []byte("&ldquo;"),
	extension.RightDoubleQuote: []byte("&rdquo;"),
	extension.EnDash:           []byte("&ndash;"),
	extension.EmDash:           []byte("&mdash;"),
	extension.Ellipsis:         []byte("&hellip;"),
	extension.LeftAngleQuote:   []byte("&laquo;"),
	extension.RightAngleQuote:  []byte("&raquo;"),
	extension.Apostrophe:       []byte("&rsquo;"),
}

// NewMarkdown returns a goldmark instance that parses Markdown the way Hugo's
// default configuration does, as far as the AST of headings is concerned:
// the Table, Strikethrough, Linkify (ending bare URLs as Hugo's goldmark
// v1.7 does), TaskList, Typographer (with Hugo's
// default entity substitutions), DefinitionList and Footnote extensions, and
// parser.WithAttribute so that "## Title {#id}" sets the heading's id
// attribute.
//
// parser.WithAutoHeadingID is deliberately not enabled: goldmark's own IDs
// differ from Hugo's; compute them with [Text], [Slug] and [Table] instead.
// The renderer allows raw HTML (html.WithUnsafe); Hugo's default is not to,
// which only changes rendering, never parsing.
func NewMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			linkifyV17,
			extension.TaskList,
			extension.NewTypographer(
				extension.WithTypographicSubstitutions(hugoTypographerSubstitutions),
			),
			extension.DefinitionList,
			extension.Footnote,
		),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}
