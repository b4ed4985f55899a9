// Package shortcode owns the lexing of Hugo shortcode tags in the raw bytes
// of a content page.
//
// Hugo finds shortcodes before it renders Markdown, so it sees them
// everywhere, even inside code fences and code spans. This package does the
// same: [Lex] scans the page bytes for {{< name args >}}, {{% name args %}},
// their closing and self-closing forms and the escaped comment form
// {{</* name */>}}, pairs opening and closing tags, and reports the syntax
// mistakes Hugo would reject or print literally. [Mask] then hides every tag
// behind a same-length run of letters, so that a Markdown parser run on the
// masked bytes reports offsets that are offsets into the original page.
//
// All positions are byte offsets into the source given to [Lex], as
// half-open ranges [Start, End).
//
// Tags with syntax problems are still returned whenever they have a
// recognisable extent, flagged with [Shortcode.Malformed], so that [Mask]
// hides them and callers can choose to skip them:
//
//   - a malformed opener such as {{$ name %}} extends to its closer;
//   - a tag closed by the wrong delimiter ({{% name >}}) extends to that
//     delimiter;
//   - a tag that is not closed before the next "{{" or the end of the page
//     extends over its name and the arguments lexed so far;
//   - a tag with an unterminated quoted argument extends to the end of the
//     line holding the opening quote;
//   - an escaped tag with no "*/>}}" extends over "{{</*" and its name.
//
// Lex runs in time linear in the size of the page and never panics.
package shortcode

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Delim is the delimiter character of a shortcode tag: '<' for {{< >}}
// (content is not rendered as Markdown) and '%' for {{% %}} (content is
// rendered as Markdown).
type Delim byte

// The two shortcode delimiters.
const (
	Angle   Delim = '<' // {{< name >}}
	Percent Delim = '%' // {{% name %}}
)

// Open returns the opening delimiter, "{{<" or "{{%".
func (d Delim) Open() string { return string([]byte{'{', '{', byte(d)}) }

// Close returns the closing delimiter, ">}}" or "%}}".
func (d Delim) Close() string {
	c := byte(d)
	if d == Angle {
		c = '>'
	}
	return string([]byte{c, '}', '}'})
}

// Arg is one argument of a shortcode tag.
type Arg struct {
	// Name is the key of a named argument (key="value"), "" for a
	// positional argument.
	Name string
	// Value is the value with quotes removed and backslash escapes of
	// double-quoted strings resolved.
	Value string
	// Start and End span the whole argument token, key, "=" and quotes
	// included.
	Start, End int
	// ValueStart and ValueEnd span the value token, quotes included. They
	// are equal when a named argument has no value.
	ValueStart, ValueEnd int
}

// Shortcode is one shortcode tag found in a page.
type Shortcode struct {
	// Name is the shortcode name, such as "include" or "partials/x"; for a
	// closing tag it is the name without the leading '/'. It is "" when the
	// tag has no name.
	Name string
	// Delim is the delimiter of the tag. For a malformed opener such as
	// {{$ name %}} it is the delimiter of the closer.
	Delim Delim
	// Closing reports a closing tag, {{< /name >}}.
	Closing bool
	// SelfClosing reports a self-closing tag, {{< name />}}.
	SelfClosing bool
	// Escaped reports the comment form {{</* name */>}} (or {{%/* name */%}}),
	// which Hugo prints literally (without the comment markers): it is not a
	// real shortcode and never takes part in pairing.
	Escaped bool
	// Malformed reports a tag with a syntax problem (reported by Lex), which
	// Hugo would reject or print literally rather than run.
	Malformed bool
	// Args are the arguments in source order.
	Args []Arg
	// Start and End span the whole tag, from "{{" to "}}" inclusive.
	Start, End int
	// NameStart and NameEnd span the name (without a closing '/').
	NameStart, NameEnd int
	// Pair is the index, in the slice returned by Lex, of the matching
	// closing tag (for an opening tag) or opening tag (for a closing tag),
	// or -1 when there is none.
	Pair int
}

// Problem is a shortcode syntax or pairing mistake.
type Problem struct {
	// Start and End span the offending bytes.
	Start, End int
	// Message is lower-case without a final period; it names the thing and
	// the expectation, with a fix hint where possible.
	Message string
	// Suggestion is the text the message suggests writing over
	// [Start, End), "" when it suggests none.
	Suggestion string
}

// Lex finds every shortcode tag in src, in source order, and reports the
// problems found, ordered by Start.
//
// paired reports whether a shortcode name needs a closing tag. It may be
// nil: then only names that are closed somewhere in the page are treated as
// paired (a name with a closing tag anywhere in the page is always treated
// as paired). Pairing is a stack per name: a closing tag matches the nearest
// preceding unmatched opening tag of the same name. Self-closing and escaped
// tags take no part in pairing. paired is called at most once per name.
//
// Tags with syntax problems are returned too, with Malformed set, whenever
// their extent is recognisable (see the package documentation), so that
// [Mask] hides them.
func Lex(src []byte, paired func(name string) bool) ([]Shortcode, []Problem) {
	l := &lexer{src: src}
	n := len(src)
	for i := 0; i < n; {
		j := bytes.Index(src[i:], openBraces)
		if j < 0 {
			break
		}
		i += j
		if i+2 >= n {
			break
		}
		switch c := src[i+2]; c {
		case '{':
			// "{{{<": the tag starts at the last "{{".
			i++
		case '<', '%':
			i = l.lexTag(i, Delim(c))
		default:
			i = l.lexMalformed(i)
		}
	}
	l.pair(paired)
	slices.SortStableFunc(l.probs, func(a, b Problem) int { return cmp.Compare(a.Start, b.Start) })
	return l.tags, l.probs
}

// Mask returns a copy of src in which the bytes of every tag (escaped and
// malformed ones too) are replaced by 'x', except '\n' and '\r', which are
// kept in place. A Markdown parser sees each masked tag as plain inline text,
// and offsets into the result are offsets into src. Spans outside src are
// clipped.
func Mask(src []byte, tags []Shortcode) []byte { return MaskTo(nil, src, tags) }

// MaskTo is Mask writing into dst's storage when it has room.
func MaskTo(dst, src []byte, tags []Shortcode) []byte {
	out := append(dst[:0], src...)
	if out == nil {
		out = []byte{}
	}
	for _, t := range tags {
		start, end := max(t.Start, 0), min(t.End, len(out))
		for k := start; k < end; k++ {
			if out[k] != '\n' && out[k] != '\r' {
				out[k] = 'x'
			}
		}
	}
	return out
}

var openBraces = []byte("{{")

// lexer holds the state of one Lex call.
type lexer struct {
	src   []byte
	tags  []Shortcode
	probs []Problem

	// Memoised forward searches, so that repeated failing searches (many
	// openers and no terminator) stay linear.
	backtick nextCache // next '`'
	escEnd   nextCache // next "*/" followed by ">}}" or "%}}"
}

// nextCache remembers the answer of the last forward search: the first match
// at or after from is at (-1: none). The answer stays valid for any later
// start position up to at.
type nextCache struct {
	valid    bool
	from, at int
}

func (c *nextCache) lookup(from int) (int, bool) {
	if c.valid && from >= c.from && (c.at < 0 || from <= c.at) {
		return c.at, true
	}
	return 0, false
}

func (c *nextCache) store(from, at int) int {
	*c = nextCache{valid: true, from: from, at: at}
	return at
}

func (l *lexer) nextBacktick(from int) int {
	if at, ok := l.backtick.lookup(from); ok {
		return at
	}
	at := bytes.IndexByte(l.src[from:], '`')
	if at >= 0 {
		at += from
	}
	return l.backtick.store(from, at)
}

func (l *lexer) nextEscEnd(from int) int {
	if at, ok := l.escEnd.lookup(from); ok {
		return at
	}
	k := from
	for {
		j := bytes.Index(l.src[k:], []byte("*/"))
		if j < 0 {
			return l.escEnd.store(from, -1)
		}
		k += j
		if l.closerAt(k+2) != 0 {
			return l.escEnd.store(from, k)
		}
		k++
	}
}

// closerAt returns the delimiter of a ">}}" or "%}}" at p, or 0.
func (l *lexer) closerAt(p int) Delim {
	src := l.src
	if p < 0 || p+3 > len(src) || src[p+1] != '}' || src[p+2] != '}' {
		return 0
	}
	switch src[p] {
	case '>':
		return Angle
	case '%':
		return Percent
	}
	return 0
}

func (l *lexer) openerAt(p int) bool {
	return p+1 < len(l.src) && l.src[p] == '{' && l.src[p+1] == '{'
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isHSpace(c byte) bool { return c == ' ' || c == '\t' }

func (l *lexer) skipSpace(p, limit int) int {
	for p < limit && isSpace(l.src[p]) {
		p++
	}
	return p
}

func (l *lexer) skipHSpace(p, limit int) int {
	for p < limit && isHSpace(l.src[p]) {
		p++
	}
	return p
}

// lineEnd returns the index of the first '\n' at or after p, or limit.
func (l *lexer) lineEnd(p, limit int) int {
	if p >= limit {
		return limit
	}
	if j := bytes.IndexByte(l.src[p:limit], '\n'); j >= 0 {
		return p + j
	}
	return limit
}

// isNameRune reports whether r may appear in a shortcode name. '.' is
// allowed for inline shortcodes ({{< time.inline >}}).
func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '/' || r == '.'
}

func (l *lexer) problem(start, end int, format string, args ...any) {
	l.probs = append(l.probs, Problem{Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// suggest sets the text the last problem suggests writing over its span.
func (l *lexer) suggest(text string) { l.probs[len(l.probs)-1].Suggestion = text }

// describe names a tag in messages: `shortcode "x"`, `closing shortcode
// "/x"`, `escaped shortcode "x"` or, without a name, `shortcode tag`.
func describe(t *Shortcode) string {
	kind := "shortcode"
	if t.Escaped {
		kind = "escaped shortcode"
	}
	if t.Closing {
		kind = "closing " + kind
	}
	if t.Name == "" {
		return kind + " tag"
	}
	name := t.Name
	if t.Closing {
		name = "/" + name
	}
	return fmt.Sprintf("%s %q", kind, name)
}

// example renders a well-formed tag with the given name and delimiter.
func example(d Delim, name string, closing bool) string {
	if closing {
		name = "/" + name
	}
	return d.Open() + " " + name + " " + d.Close()
}

// A body is lexed either strictly (a real tag: it ends at a closer, at the
// next "{{" or at the end of the page, and problems are reported) or
// literally (the inside of an escaped or malformed tag, whose extent is
// already known: everything up to limit belongs to the tag and no problems
// are reported).
type ending int

const (
	endCloser       ending = iota // a ">}}", "%}}" or "/>}}" closer
	endUnclosed                   // the next "{{" or the end of input
	endUnterminated               // an unterminated quoted argument
)

// lexHead lexes an optional closing '/' and the name starting at p (after
// the opening delimiter) and returns the position after the name.
// With sameLine, only spaces and tabs are skipped before the name.
func (l *lexer) lexHead(t *Shortcode, p, limit int, literal, sameLine bool) int {
	src := l.src
	skip := l.skipSpace
	if sameLine {
		skip = l.skipHSpace
	}
	p = skip(p, limit)
	if p < limit && src[p] == '/' && !l.selfCloseAt(p, limit, literal) {
		t.Closing = true
		p = skip(p+1, limit)
	}
	q := p
	for q < limit {
		r, size := utf8.DecodeRune(src[q:limit])
		if !isNameRune(r) || (r == '/' && l.selfCloseAt(q, limit, literal)) {
			break
		}
		q += size
	}
	t.NameStart, t.NameEnd, t.Name = p, q, string(src[p:q])
	return q
}

// selfCloseAt reports whether the '/' at p is the '/' of a self-closing tag.
func (l *lexer) selfCloseAt(p, limit int, literal bool) bool {
	if literal {
		return l.skipSpace(p+1, limit) == limit
	}
	return l.closerAt(p+1) != 0
}

// lexArgs lexes arguments from p up to limit. It returns the position where
// lexing stopped (after the closer for endCloser, at the stop for
// endUnclosed, after the unterminated argument for endUnterminated) and the
// delimiter of the closer found.
func (l *lexer) lexArgs(t *Shortcode, p, limit int, literal bool) (int, ending, Delim) {
	src := l.src
	for {
		p = l.skipSpace(p, limit)
		if p >= limit {
			return p, endUnclosed, 0
		}
		if src[p] == '/' && l.selfCloseAt(p, limit, literal) {
			t.SelfClosing = true
			if literal {
				return limit, endCloser, 0
			}
			return p + 4, endCloser, l.closerAt(p + 1)
		}
		if !literal {
			if d := l.closerAt(p); d != 0 {
				return p + 3, endCloser, d
			}
			if l.openerAt(p) {
				return p, endUnclosed, 0
			}
		}
		arg, ok := l.lexArg(t, p, limit, literal)
		t.Args = append(t.Args, arg)
		p = arg.End
		if !ok && !literal {
			return p, endUnterminated, 0
		}
	}
}

// wordEnd returns the end of the bare word starting at p. With stopEq the
// word also ends before a '=' that is not its first byte.
func (l *lexer) wordEnd(p, limit int, literal, stopEq bool) int {
	src := l.src
	q := p
	for q < limit {
		c := src[q]
		if isSpace(c) || c == '"' || c == '`' || (stopEq && c == '=' && q > p) {
			break
		}
		if !literal && (l.closerAt(q) != 0 || (c == '/' && l.closerAt(q+1) != 0) || l.openerAt(q)) {
			break
		}
		q++
	}
	return q
}

// singleQuoted returns the text inside w when w is wrapped in single
// quotes that hold none, as 'includes/x.md' is.
func singleQuoted(w string) (string, bool) {
	if len(w) < 3 || w[0] != '\'' || w[len(w)-1] != '\'' || strings.ContainsRune(w[1:len(w)-1], '\'') {
		return "", false
	}
	return w[1 : len(w)-1], true
}

// lexArg lexes one argument at p, which is not a space, closer or opener.
// It reports false for an unterminated quoted value.
func (l *lexer) lexArg(t *Shortcode, p, limit int, literal bool) (Arg, bool) {
	src := l.src
	if c := src[p]; c == '"' || c == '`' {
		end, val, ok := l.lexQuoted(t, p, limit, literal)
		return Arg{Value: val, Start: p, End: end, ValueStart: p, ValueEnd: end}, ok
	}
	q := l.wordEnd(p, limit, literal, true)
	eq := l.skipHSpace(q, limit)
	if eq >= limit || src[eq] != '=' || q == p {
		w := string(src[p:q])
		if !literal && bytes.IndexByte(src[p:q], '/') >= 0 {
			// Hugo's lexer takes the '/' for the mark of a closing tag.
			t.Malformed = true
			if inner, ok := singleQuoted(w); ok {
				// Hugo has no single quotes: what is meant is the path
				// inside them, not one whose name holds them.
				l.problem(p, q, "%s has the argument %s in single quotes, which Hugo does not read as quotes, so it reads its '/' as a closing tag, failing the build; write it in double quotes: %q", describe(t), w, inner)
				w = inner
			} else {
				l.problem(p, q, "%s has the unquoted argument %s, whose '/' Hugo reads as a closing tag, failing the build; quote it: %q", describe(t), w, w)
			}
			// Quoting the word mends it unless a quote right after it
			// would then join it ("a/b""c).
			if !strings.ContainsAny(w, "\"\\") && (q >= limit || src[q] != '"' && src[q] != '`') {
				l.suggest(`"` + w + `"`)
			}
			w = string(src[p:q])
		}
		return Arg{Value: w, Start: p, End: q, ValueStart: p, ValueEnd: q}, true
	}
	arg := Arg{Name: string(src[p:q]), Start: p}
	v := l.skipHSpace(eq+1, limit)
	switch {
	case v < limit && (src[v] == '"' || src[v] == '`'):
		end, val, ok := l.lexQuoted(t, v, limit, literal)
		arg.Value, arg.ValueStart, arg.ValueEnd, arg.End = val, v, end, end
		return arg, ok
	default:
		end := l.wordEnd(v, limit, literal, false)
		if end == v {
			// No value: keep the argument span on "key=".
			arg.ValueStart, arg.ValueEnd, arg.End = eq+1, eq+1, eq+1
			if !literal {
				l.problem(arg.Start, arg.End, "argument %q of %s has no value; write %s=\"...\"", arg.Name, describe(t), arg.Name)
			}
			return arg, true
		}
		arg.Value, arg.ValueStart, arg.ValueEnd, arg.End = string(src[v:end]), v, end, end
		return arg, true
	}
}

// lexQuoted lexes the double-quoted or backtick-quoted token at p. It
// returns the end of the token, its value and whether it is terminated. An
// unterminated token ends at the end of its line.
func (l *lexer) lexQuoted(t *Shortcode, p, limit int, literal bool) (int, string, bool) {
	src := l.src
	if src[p] == '`' {
		if at := l.nextBacktick(p + 1); at >= 0 && at < limit {
			return at + 1, string(src[p+1 : at]), true
		}
		eol := l.lineEnd(p+1, limit)
		if !literal {
			l.problem(p, eol, "%s has an unterminated raw string argument; end it with a backtick", describe(t))
		}
		return eol, string(bytes.TrimSuffix(src[p+1:eol], []byte("\r"))), false
	}
	var buf []byte
	escaped := false
	q := p + 1
	for q < limit {
		c := src[q]
		if c == '"' {
			val := src[p+1 : q]
			if escaped {
				val = buf
			}
			return q + 1, string(val), true
		}
		if c == '\n' {
			break
		}
		if c == '\\' && q+1 < limit && src[q+1] != '\n' {
			if !escaped {
				escaped = true
				buf = append(buf, src[p+1:q]...)
			}
			buf = append(buf, src[q+1])
			q += 2
			continue
		}
		if escaped {
			buf = append(buf, c)
		}
		q++
	}
	if !literal {
		l.problem(p, q, "%s has an unterminated quoted argument; end it with a double quote on the same line", describe(t))
	}
	val := src[p+1 : q]
	if escaped {
		val = buf
	}
	return q, string(bytes.TrimSuffix(val, []byte("\r"))), false
}

// lexTag lexes the tag whose "{{<" or "{{%" starts at start and returns the
// position where scanning resumes.
func (l *lexer) lexTag(start int, d Delim) int {
	src := l.src
	n := len(src)
	p := start + 3
	if p+1 < n && src[p] == '/' && src[p+1] == '*' {
		return l.lexEscaped(start, d)
	}
	t := Shortcode{Start: start, Delim: d, Pair: -1}
	p = l.lexHead(&t, p, n, false, false)
	next, how, cd := l.lexArgs(&t, p, n, false)
	switch how {
	case endCloser:
		t.End = next
		if cd != d {
			t.Malformed = true
			l.problem(next-3, next, "%s opened with %q but closed with %q; use %q", describe(&t), d.Open(), cd.Close(), d.Close())
			l.suggest(d.Close())
		}
		l.checkTag(&t)
	case endUnclosed:
		t.Malformed = true
		t.End = max(start+3, t.NameEnd)
		if len(t.Args) > 0 {
			t.End = t.Args[len(t.Args)-1].End
		}
		if t.Name == "" && !t.Closing {
			l.problem(t.Start, t.End, "shortcode opener %q is not closed; expected %q", d.Open(), d.Close())
		} else {
			l.problem(t.Start, t.End, "%s is not closed; expected %q", describe(&t), d.Close())
		}
	case endUnterminated:
		t.Malformed = true
		t.End = next
	}
	l.tags = append(l.tags, t)
	return next
}

// checkTag reports the problems of a tag closed by a closer: a missing name,
// arguments on a closing tag, and mixed positional and named arguments.
func (l *lexer) checkTag(t *Shortcode) {
	if t.Name == "" {
		t.Malformed = true
		l.problem(t.Start, t.End, "%s has no name; write %q", describe(t), example(t.Delim, "name", t.Closing))
		return
	}
	if t.Closing && (len(t.Args) > 0 || t.SelfClosing) {
		t.Malformed = true
		l.problem(t.Start, t.End, "%s takes no arguments; write %q", describe(t), example(t.Delim, t.Name, true))
		return
	}
	for _, a := range t.Args {
		if (a.Name == "") != (t.Args[0].Name == "") {
			t.Malformed = true
			l.problem(a.Start, a.End, "%s mixes positional and named arguments; use only one kind", describe(t))
			return
		}
	}
}

// lexEscaped lexes the escaped tag "{{</* ... */>}}" starting at start. Like
// Hugo, it ends at the first "*/>}}" (or "*/%}}") whatever the inside.
func (l *lexer) lexEscaped(start int, d Delim) int {
	bodyStart := start + 5
	t := Shortcode{Start: start, Delim: d, Escaped: true, Pair: -1}
	k := l.nextEscEnd(bodyStart)
	if k < 0 {
		// Only the name, on the same line, belongs to the tag.
		l.lexHead(&t, bodyStart, len(l.src), true, true)
		t.Malformed = true
		t.End = max(bodyStart, t.NameEnd)
		l.problem(t.Start, t.End, "%s is not closed; expected %q", describe(&t), "*/"+d.Close())
		l.tags = append(l.tags, t)
		return t.End
	}
	p := l.lexHead(&t, bodyStart, k, true, false)
	l.lexArgs(&t, p, k, true)
	t.End = k + 5
	if cd := l.closerAt(k + 2); cd != d {
		t.Malformed = true
		l.problem(k, k+5, "%s opened with %q but closed with %q; use %q", describe(&t), d.Open()+"/*", "*/"+cd.Close(), "*/"+d.Close())
		l.suggest("*/" + d.Close())
	}
	l.tags = append(l.tags, t)
	return t.End
}

// lexMalformed handles "{{" followed by something other than '<', '%' or
// '{'. It is a malformed opener when the rest of the line, before any other
// "{{", has its first "}}" right after '>' or '%'; otherwise, like Go
// template text ({{ .Title }}), it is plain text.
func (l *lexer) lexMalformed(i int) int {
	src := l.src
	n := len(src)
	q := i + 2
	for ; q+1 < n; q++ {
		c := src[q]
		if c == '\n' || (c == '{' && src[q+1] == '{') {
			return i + 2
		}
		if c == '}' && src[q+1] == '}' {
			break
		}
	}
	if q+1 >= n || q-1 < i+3 || l.closerAt(q-1) == 0 {
		return i + 2
	}
	closer := q - 1
	cd := l.closerAt(closer)
	t := Shortcode{Start: i, End: q + 2, Delim: cd, Malformed: true, Pair: -1}
	r, size := utf8.DecodeRune(src[i+2 : closer])
	bodyStart := i + 2 + size
	if isNameRune(r) {
		// "{{name %}}": the delimiter is missing, the name is intact.
		bodyStart = i + 2
	}
	p := l.skipSpace(bodyStart, closer)
	if p < closer && (src[p] == '<' || src[p] == '%') {
		p++
	}
	p = l.lexHead(&t, p, closer, true, false)
	l.lexArgs(&t, p, closer, true)
	l.problem(i, bodyStart, "malformed shortcode opener %q; did you mean %q", string(src[i:bodyStart]), cd.Open())
	l.suggest(cd.Open())
	l.tags = append(l.tags, t)
	return t.End
}

// pair matches closing tags with opening tags and reports unmatched ones.
func (l *lexer) pair(paired func(string) bool) {
	closed := map[string]bool{}
	for i := range l.tags {
		if t := &l.tags[i]; t.Closing && !t.Escaped && t.Name != "" {
			closed[t.Name] = true
		}
	}
	known := map[string]bool{}
	isPaired := func(name string) bool {
		if closed[name] {
			return true
		}
		if paired == nil {
			return false
		}
		v, ok := known[name]
		if !ok {
			v = paired(name)
			known[name] = v
		}
		return v
	}
	open := map[string][]int{}
	for i := range l.tags {
		t := &l.tags[i]
		if t.Escaped || t.Name == "" {
			continue
		}
		switch {
		case t.Closing:
			stack := open[t.Name]
			if len(stack) == 0 {
				l.problem(t.Start, t.End, "closing shortcode %q has no opening %q", "/"+t.Name, example(t.Delim, t.Name, false))
				continue
			}
			o := stack[len(stack)-1]
			open[t.Name] = stack[:len(stack)-1]
			l.tags[o].Pair, t.Pair = i, o
		case !t.SelfClosing && isPaired(t.Name):
			open[t.Name] = append(open[t.Name], i)
		}
	}
	for i := range l.tags {
		t := &l.tags[i]
		if t.Pair < 0 && !t.Closing && !t.SelfClosing && !t.Escaped && t.Name != "" && isPaired(t.Name) {
			l.problem(t.Start, t.End, "shortcode %q is never closed; add %q", t.Name, example(t.Delim, t.Name, true))
		}
	}
}
