package anchor

import (
	"bytes"
	"regexp"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkifyV17 is goldmark's Linkify extension with bare URLs ended where
// goldmark v1.7, which Hugo 0.151 parses with, ends them (see
// [v17URLEnd]). The text after a bare URL is part of its heading's ID
// while the URL is not, so where the two versions end a URL differently,
// the heading's ID differs.
var linkifyV17 goldmark.Extender = linkifyV17Extender{}

type linkifyV17Extender struct{}

// Extend adds the parser at the priority goldmark's Linkify has.
func (linkifyV17Extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(v17Linkify{inner: extension.NewLinkifyParser()}, 999),
	))
}

// v17Linkify wraps goldmark's linkify parser: it lets it find the link,
// then moves the end of a URL (not an e-mail address, which both versions
// end alike) to where v1.7 puts it.
type v17Linkify struct{ inner parser.InlineParser }

// Trigger is goldmark's linkify trigger.
func (p v17Linkify) Trigger() []byte { return p.inner.Trigger() }

// Parse parses a bare URL or e-mail address as goldmark v1.7 does.
func (p v17Linkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	savedLine, savedPos := block.Position()
	line, seg := block.PeekLine()
	n := p.inner.Parse(parent, block, pc)
	link, ok := n.(*ast.AutoLink)
	if !ok || link.AutoLinkType != ast.AutoLinkURL || len(line) == 0 {
		return n
	}
	off := 0
	if c := line[0]; c == ' ' || c == '*' || c == '_' || c == '~' || c == '(' {
		off = 1 // the trigger character before the URL, as goldmark skips it
	}
	rest := line[off:]
	var m []int
	if bytes.HasPrefix(rest, []byte("http:")) || bytes.HasPrefix(rest, []byte("https:")) || bytes.HasPrefix(rest, []byte("ftp:")) {
		m = linkifyURLRegexp().FindIndex(rest)
	}
	if m == nil && bytes.HasPrefix(rest, []byte("www.")) {
		m = linkifyWWWRegexp().FindIndex(rest)
	}
	if m == nil || m[0] != 0 {
		return n
	}
	end := v17URLEnd(rest, m[1])
	if end == len(link.Label(block.Source())) {
		return n
	}
	block.SetPosition(savedLine, savedPos)
	block.Advance(off + end)
	v := ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(seg.Start+off, seg.Start+off+end)))
	v.Protocol = link.Protocol
	return v
}

// The regular expressions of goldmark's linkify, the same in v1.7 and
// v1.8. They are compiled when a page first has a bare URL, not as the
// package initialises: their {1,256} repetitions make large programs,
// about 0.3 ms of every run's start, a run with no bare URL included.
var (
	linkifyURLRegexp = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
	})
	linkifyWWWRegexp = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
	})
)

// v17URLEnd returns where goldmark v1.7 ends the bare URL at the start of
// line whose regular expression match ends at end. It takes off one final
// '.'; or, after a final ')', as many characters as the match has more ')'
// than '('; or a final character reference ("&amp;"); and then a run of
// '?', '!', '.', ',', ':', '*', '_' and '~'. v1.8 repeats the three steps
// in a loop and takes off only ')' characters, so that
// "https://x.org/a))b)" is linked whole but for its last ')' by v1.8 and
// up to "a)" by v1.7, and "https://x.org/a&eacute;." up to "a" by v1.8
// and to "&eacute;" by v1.7.
func v17URLEnd(line []byte, end int) int {
	switch line[end-1] {
	case '.':
		end--
	case ')':
		closing := 0
		for i := end - 1; i >= 0; i-- {
			switch line[i] {
			case ')':
				closing++
			case '(':
				closing--
			}
		}
		if closing > 0 {
			end -= closing
		}
	case ';':
		i := end - 2
		for i >= 0 && util.IsAlphaNumeric(line[i]) {
			i--
		}
		if i != end-2 && i >= 0 && line[i] == '&' {
			end = i
		}
	}
	i := end - 1
loop:
	for ; i > 0; i-- {
		switch line[i] {
		case '?', '!', '.', ',', ':', '*', '_', '~':
		default:
			break loop
		}
	}
	return i + 1
}
