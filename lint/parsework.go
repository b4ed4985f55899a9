package lint

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// delim is one run of "*" or "_" in an inline block, as goldmark's
// emphasis parser records it (parser.ScanDelimiter), or of "~", as GFM's
// strikethrough does: every run goes on one delimiter list, whether it can
// open, close, both or neither.
type delim struct {
	char             byte
	canOpen, close   bool
	length, original int32
	prev, next       int32 // neighbours on the list, -1 at its ends
}

// inlineBlock is what tooComplex gathers of one inline block (a
// paragraph, a list item's or heading's text, a table row): where it
// starts, its emphasis delimiter runs, and its link destinations left
// unclosed.
type inlineBlock struct {
	start    int
	delims   []delim
	runs     int // delimiter runs seen; past MaxDelimiterRuns, delims stops growing
	unclosed int
	// end is where the block's last line ends (its lines are consecutive
	// in the file), and closes counts its "]": the work of its brackets
	// (bracketWork, walkWork) is worked out at its end, by bracketScan,
	// when it may be large.
	end, closes, lines int
	bracketWork        int
	walkWork           int
}

// addLine adds what a line of the block holds: its delimiter runs,
// unclosed link destinations and link brackets.
func (b *inlineBlock) addLine(l []byte) {
	if bytes.IndexByte(l, '*') >= 0 || bytes.IndexByte(l, '_') >= 0 || bytes.IndexByte(l, '~') >= 0 {
		b.addEmphasis(l)
	}
	b.unclosed += unclosedLinks(l)
	b.closes += bytes.Count(l, []byte("]"))
	b.lines++
}

// bracketScanFrom is the bound on a block's bracket work past which
// bracketWork and walkWork are worked out: its "]" times its bytes and
// lines, weighted (most blocks are far below).
const bracketScanFrom = MaxParseWork / 16

// addBracketWork works out the bracket work of the block, whose text is
// text, when its bound reaches bracketScanFrom (see bracketScan); labels
// returns the labels of the file's link reference definitions.
func (b *inlineBlock) addBracketWork(text []byte, labels func() map[string]bool) {
	if b.closes == 0 || b.closes*(len(text)+b.lines)*(bracketWeight+1) < bracketScanFrom {
		return
	}
	b.bracketWork, b.walkWork = bracketScan(text, labels)
}

// definitionLabels returns the labels, normalised (normLabel), of what
// looks like a link reference definition in src: a "]:" whose label
// starts with a "[" that starts a line (after indentation, quote and list
// markers), on its line or, for a label that wraps, up to 999 bytes
// before. That is more than goldmark takes, never fewer.
func definitionLabels(src []byte) map[string]bool {
	labels := map[string]bool{}
	for at := 0; at < len(src); {
		i := bytes.Index(src[at:], []byte("]:"))
		if i < 0 {
			break
		}
		end := at + i
		at = end + 2
		from := max(0, end-1000)
		k := bytes.LastIndexByte(src[from:end], '[')
		if k < 0 {
			continue
		}
		k += from
		lineStart := bytes.LastIndexByte(src[:k], '\n') + 1
		if len(bytes.TrimLeft(src[lineStart:k], " \t>-*+.)0123456789")) == 0 {
			labels[normLabel(string(src[k+1:end]))] = true
		}
	}
	return labels
}

// bracketScan returns, for the text of an inline block, two kinds of work
// goldmark does per link that grow with the square of a paragraph. On
// each "]" that closes a "[", it looks through every node after that "["
// for a link (a link's text may hold none): many "[" left open, many
// nodes, then as many "]" (1,000 "[" before 100,000 code spans: seconds);
// bracket is the nodes searched. And on each link whose text holds
// emphasis, matching it, it walks back over the paragraph's nodes from the
// text's last delimiter to one that may be long gone (8,000 links
// "[a *c*](/x/)" in one paragraph: a second); walk is the nodes walked. A
// line, a code span's backtick, an HTML tag or autolink, an emphasis
// character and a bracket each count as a node (more than goldmark makes,
// never fewer); brackets inside code spans are counted as brackets too. A
// "]" past the first MaxDelimiterRuns "[" left open is taken to close the
// last one kept, which counts more than goldmark does. The walk is counted
// for a "]" followed by "(" or "[", or whose text is a label labels gives
// (a shortcut reference): only a link makes it.
func bracketScan(text []byte, labels func() map[string]bool) (bracket, walk int) {
	type open struct{ at, nodes, emph int }
	var defined map[string]bool
	var opens []open
	nodes, emph := 1, 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++ // an escaped character: text
		case '\n', '`', '<':
			nodes++
		case '*', '_', '~':
			nodes++
			emph++
		case '[':
			nodes++
			if len(opens) < MaxDelimiterRuns {
				opens = append(opens, open{i, nodes, emph})
			}
		case ']':
			nodes++
			if n := len(opens); n > 0 {
				o := opens[n-1]
				bracket += nodes - o.nodes
				if emph > o.emph {
					link := i+1 < len(text) && (text[i+1] == '(' || text[i+1] == '[')
					if !link {
						if defined == nil {
							defined = labels()
						}
						link = defined[normLabel(string(text[o.at+1:i]))]
					}
					if link {
						walk += nodes
					}
				}
				opens = opens[:n-1]
			}
		}
	}
	return bracket, walk
}

// addEmphasis adds the "*", "_" and "~" runs of a line to the block, with
// CommonMark's flanking rules as goldmark applies them (Unicode white
// space and punctuation, "_" not inside a word). A backslash-escaped
// character and a bullet "* " starting the line are no runs.
func (b *inlineBlock) addEmphasis(l []byte) {
	first := true
	for i := 0; i < len(l); {
		c := l[i]
		if c == '\\' && i+1 < len(l) {
			i += 2
			first = false
			continue
		}
		if c != '*' && c != '_' && c != '~' {
			if c != ' ' && c != '\t' {
				first = false
			}
			i++
			continue
		}
		j := i
		for j < len(l) && l[j] == c {
			j++
		}
		before, after := ' ', ' '
		if i > 0 {
			before, _ = utf8.DecodeLastRune(l[:i])
		}
		if j < len(l) {
			after, _ = utf8.DecodeRune(l[j:])
		}
		if first && c == '*' && j-i == 1 && util.IsSpaceRune(after) {
			first = false
			i = j
			continue // a bullet
		}
		first = false
		if c == '~' && j-i > 2 {
			i = j
			continue // GFM strikethrough takes runs of one or two
		}
		bp, bs := util.IsPunctRune(before), util.IsSpaceRune(before)
		ap, as := util.IsPunctRune(after), util.IsSpaceRune(after)
		left := !as && (!ap || bs || bp)
		right := !bs && (!bp || as || ap)
		open, close := left, right
		if c == '_' {
			open = left && (!right || bp)
			close = right && (!left || ap)
		}
		b.runs++
		if b.runs <= MaxDelimiterRuns {
			n := int32(min(j-i, 1<<30))
			b.delims = append(b.delims, delim{char: c, canOpen: open, close: close, length: n, original: n})
		}
		i = j
	}
}

// emphasisWork returns the steps goldmark's ProcessDelimiters takes over
// the block's delimiters: for each closer, the delimiters it walks back
// over to find its opener (or the start of the list, when none matches,
// as goldmark keeps no bound on where a search may stop). It stops
// counting past budget.
func (b *inlineBlock) emphasisWork(budget int) int {
	if b.runs > MaxDelimiterRuns {
		return budget + 1 // past the limit however they match
	}
	d := b.delims
	for i := range d {
		d[i].prev, d[i].next = int32(i-1), int32(i+1)
	}
	if len(d) == 0 {
		return 0
	}
	d[len(d)-1].next = -1
	remove := func(i int32) {
		if p := d[i].prev; p >= 0 {
			d[p].next = d[i].next
		}
		if n := d[i].next; n >= 0 {
			d[n].prev = d[i].prev
		}
	}
	steps := 0
	for closer := int32(0); closer >= 0 && steps <= budget; {
		c := &d[closer]
		if !c.close {
			closer = c.next
			continue
		}
		found, maybe, consume := int32(-1), false, int32(0)
		for o := c.prev; o >= 0; o = d[o].prev {
			steps++
			op := &d[o]
			if !op.canOpen || op.char != c.char {
				continue
			}
			maybe = true
			// goldmark's CalcComsumption: the rule of three, then one or
			// two characters.
			if (op.close || c.canOpen) && (op.original+c.original)%3 == 0 && c.original%3 != 0 {
				continue
			}
			consume = 1
			if op.length >= 2 && c.length >= 2 {
				consume = 2
			}
			found = o
			break
		}
		if found < 0 {
			next := c.next
			if !maybe && !c.canOpen {
				remove(closer)
			}
			closer = next
			continue
		}
		op := &d[found]
		op.length -= consume
		c.length -= consume
		for x := op.next; x >= 0 && x != closer; x = d[x].next {
			remove(x)
		}
		if op.length == 0 {
			remove(found)
		}
		if c.length == 0 {
			next := c.next
			remove(closer)
			closer = next
		}
	}
	return steps
}

// unclosedLinks counts the "](" of a line whose destination no ")" (or,
// for one written "<...", no ">") closes before the next "](" or the end
// of the line: link destinations goldmark reads to the end of the
// paragraph, each.
func unclosedLinks(l []byte) int {
	n := 0
	for {
		i := bytes.Index(l, []byte("]("))
		if i < 0 {
			return n
		}
		l = l[i+2:]
		seg := l
		if next := bytes.Index(l, []byte("](")); next >= 0 {
			seg = l[:next]
		}
		end := byte(')')
		if t := bytes.TrimLeft(seg, " \t"); len(t) > 0 && t[0] == '<' {
			end = '>'
		}
		if bytes.IndexByte(seg, end) < 0 {
			n++
		}
	}
}
