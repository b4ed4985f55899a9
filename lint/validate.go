package lint

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gitlab.com/careerlint/careerlint/schema"
)

// SchemaProblem is one way a decoded document fails its JSON Schema, placed
// at the node it concerns.
type SchemaProblem struct {
	// Path is the JSON-pointer path of the offending value.
	Path []string
	// Key is set when the problem is an unexpected key.
	Key string
	// Missing lists the required keys that are absent, when that is the
	// problem.
	Missing    []string
	Start, End int
	Message    string
}

// patternWords says in words what each pattern of the embedded schemas
// expects and how to write it, so that a problem names the expectation
// rather than quoting a regular expression. A test checks that every
// pattern of the schemas has an entry.
var patternWords = map[string]string{
	`^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$`: "a duration; write one such as 30s, 5m or 1m30s (0s for no limit)",
	`^https?://[^/]+/`: "an absolute URL with a path; write one such as https://handbook.gitlab.com/",
	`^[hH][tT][tT][pP][sS]?://[^/?#\s]+(/[^?#\s]*)?$`: "an absolute http or https URL of a folder, without a query or fragment; write one such as " + DefaultDocsURL,
	`^/`:                          `a site path; start it with "/", as in /job-families/`,
	`^[a-zA-Z0-9][a-zA-Z0-9_-]*$`: `a level as file names write it; use letters, digits, "-" and "_" only, as in senior-staff`,
	`^#{1,6}[ \t]+\S`:             `a heading pattern; start it with "#" marks and a space, as in "## {level} Leadership"`,
	`\S`:                          "a text with something other than white space",
	`^([^#]|$)`:                   `an anchor as layout-anchors takes it; leave out the "#", as in top`,
}

// patternMends proposes, for a value that fails a pattern of
// patternWords, the value an obvious edit makes of it (a missing scheme or
// slash, a "#" or a space too many), so that a message names the user's
// own value rather than an example from GitLab's handbook. mendPattern
// keeps a proposal only when it matches the pattern.
var patternMends = map[string]func(string) string{
	`^https?://[^/]+/`: func(s string) string {
		if !strings.Contains(s, "://") {
			if host, _, _ := strings.Cut(s, "/"); !strings.Contains(host, ".") {
				return "" // not a host name: "not a url"
			}
			s = "https://" + s
		}
		if _, rest, _ := strings.Cut(s, "://"); !strings.Contains(rest, "/") {
			s += "/"
		}
		return s
	},
	`^[hH][tT][tT][pP][sS]?://[^/?#\s]+(/[^?#\s]*)?$`: func(s string) string {
		if strings.Contains(s, "://") {
			return ""
		}
		if host, _, _ := strings.Cut(s, "/"); !strings.Contains(host, ".") {
			return ""
		}
		return "https://" + s
	},
	`^/`: func(s string) string {
		if strings.Contains(s, "://") {
			return "" // a URL, not a path
		}
		return "/" + s
	},
	`^[a-zA-Z0-9][a-zA-Z0-9_-]*$`: func(s string) string {
		return strings.ToLower(strings.Join(strings.Fields(s), "-"))
	},
	`^([^#]|$)`: func(s string) string { return strings.TrimLeft(s, "#") },
	`^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$`: func(s string) string {
		return strings.Join(strings.Fields(s), "")
	},
}

// mendPattern returns the value patternMends proposes for got, which
// fails pattern, or "" when it has none that matches the pattern.
func mendPattern(pattern, got string) string {
	mend := patternMends[pattern]
	if mend == nil || strings.ContainsAny(got, "\t\n") {
		return ""
	}
	m := mend(got)
	if m == "" || m == got || strings.ContainsAny(m, " \t") || !regexp.MustCompile(pattern).MatchString(m) {
		return ""
	}
	return m
}

// Validate checks a decoded document against an embedded schema and returns
// its problems in source order. A problem compiling the schema itself is
// a bug and panics.
func Validate(name string, root *Node) []SchemaProblem {
	s, err := schema.Compiled(name)
	if err != nil {
		panic(err)
	}
	err = s.Validate(root.Plain())
	if err == nil {
		return nil
	}
	var ve *schema.ValidationError
	if !errors.As(err, &ve) {
		return []SchemaProblem{{Start: root.Start, End: root.End, Message: err.Error()}}
	}
	return schemaProblems(name, root, ve)
}

// schemaProblems says the problems of an error tree of schema's validator
// (or, in a test, of the JSON Schema library's, translated) in source
// order.
func schemaProblems(name string, root *Node, ve *schema.ValidationError) []SchemaProblem {
	var out []SchemaProblem
	seen := map[string]bool{}
	var walk func(e *schema.ValidationError)
	walk = func(e *schema.ValidationError) {
		if pn, ok := e.ErrorKind.(schema.PropertyNames); ok {
			// A key that breaks propertyNames: point at the key itself
			// (the causes are located relative to the key, not the map).
			n := root.At(e.InstanceLocation)
			msg := fmt.Sprintf("invalid key %q", pn.Property)
			if why := keyPatternWords(e); why != "" {
				msg = fmt.Sprintf("key %q is not %s", pn.Property, why)
			}
			p := SchemaProblem{Path: e.InstanceLocation, Key: pn.Property, Start: n.Start, End: n.End, Message: msg}
			if c := n.Get(pn.Property); c != nil {
				p.Start, p.End = c.KeyStart, c.KeyEnd
			}
			out = append(out, p)
			return
		}
		if len(e.Causes) > 0 {
			// For oneOf/anyOf, alternatives that each want another type of
			// value are one problem naming every type; otherwise the cause
			// on the deepest path explains best.
			_, oneOf := e.ErrorKind.(schema.OneOf)
			_, anyOf := e.ErrorKind.(schema.AnyOf)
			if oneOf || anyOf {
				if t := mergedTypes(e); t != nil {
					walk(t)
				} else {
					walk(deepest(takingKind(e)))
				}
				return
			}
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		n := root.At(e.InstanceLocation)
		if ap, ok := e.ErrorKind.(schema.AdditionalProperties); ok {
			for _, key := range ap.Properties {
				c := n.Get(key)
				p := SchemaProblem{Path: e.InstanceLocation, Key: key, Start: n.Start, End: n.End}
				if c != nil {
					p.Start, p.End = c.KeyStart, c.KeyEnd
				}
				p.Message = fmt.Sprintf("unknown key %q", key)
				known := knownKeys(name, e.InstanceLocation)
				if where := keyElsewhere(name, e.InstanceLocation, key); where != "" {
					p.Message += "; " + where
				} else if s := Closest(key, known, 3); s != "" {
					p.Message += fmt.Sprintf("; did you mean %q", s)
				} else if say := keysHere(known); say != "" {
					p.Message += "; " + say
				} else if len(known) == 0 && name == schema.Config && len(e.InstanceLocation) == 3 && e.InstanceLocation[0] == "rules" && e.InstanceLocation[2] == "options" {
					p.Message += fmt.Sprintf("; rule %s has no options, remove options", e.InstanceLocation[1])
				} else if name == schema.Config && len(e.InstanceLocation) == 0 {
					// Too many keys to list: say where they all are.
					p.Message += "; remove it (careerlint init FOLDER writes every key with its default)"
				} else if len(known) > 0 {
					p.Message += "; remove it"
				}
				out = append(out, p)
			}
			return
		}
		var missing []string
		if req, ok := e.ErrorKind.(schema.Required); ok {
			missing = req.Missing
		}
		msg := e.ErrorKind.String()
		switch k := e.ErrorKind.(type) {
		case schema.Required:
			msg = missingKeysMessage(k.Missing)
		case schema.Maximum:
			// Not quoting the value: a number too large for an integer
			// has been rounded on its way here.
			// No type hint: a number out of range is written the right
			// way, only too large, and the message says the bound.
			msg = fmt.Sprintf("over the largest allowed, %s", ratText(k.Want))
		case schema.Minimum:
			msg = fmt.Sprintf("under the smallest allowed, %s", ratText(k.Want))
			if v, ok := n.Value.(int64); ok {
				// A whole number under the minimum is as written.
				msg = fmt.Sprintf("%d is %s", v, msg)
			}
		case schema.Pattern:
			if say, ok := patternWords[k.Want]; ok {
				msg = fmt.Sprintf("%q is not %s", k.Got, say)
				if m := mendPattern(k.Want, k.Got); m != "" {
					what, _, _ := strings.Cut(say, ";")
					msg = fmt.Sprintf("%q is not %s; did you mean %q", k.Got, what, m)
				}
			}
		case schema.Enum:
			if m := enumMessage(k); m != "" {
				msg = m
			}
		case schema.Type:
			msg = typeMessage(k)
			if hint := typeHints[strings.Join(e.InstanceLocation, ".")]; hint != "" && name == schema.Config {
				msg += "; " + hint
			}
		case schema.MinItems:
			msg = countMessage("list", "item", k.Got, k.Want, "at least")
			if hint := emptyListHints[strings.Join(e.InstanceLocation, ".")]; hint != "" && k.Got == 0 && name == schema.Config {
				msg += "; " + hint
			}
		case schema.MaxItems:
			msg = countMessage("list", "item", k.Got, k.Want, "at most")
		case schema.MinLength:
			msg = countMessage("string", "character", k.Got, k.Want, "at least")
		case schema.MaxLength:
			msg = countMessage("string", "character", k.Got, k.Want, "at most")
		}
		where := strings.Join(e.InstanceLocation, ".")
		if where != "" {
			msg = fmt.Sprintf("%s: %s", where, msg)
		}
		key := fmt.Sprint(e.InstanceLocation, msg)
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, SchemaProblem{Path: e.InstanceLocation, Missing: missing, Start: n.Start, End: n.End, Message: lowerFirst(msg)})
	}
	walk(ve)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// mergedTypes returns, for a oneOf or anyOf whose alternatives all fail
// only on the type of the value it is about (aliases: a string or a
// list), one type problem wanting any of their types; nil otherwise.
func mergedTypes(e *schema.ValidationError) *schema.ValidationError {
	var got string
	var want []string
	for _, c := range e.Causes {
		t, ok := c.ErrorKind.(schema.Type)
		if !ok || len(c.Causes) > 0 || !slices.Equal(c.InstanceLocation, e.InstanceLocation) {
			return nil
		}
		got = t.Got
		for _, w := range t.Want {
			if !slices.Contains(want, w) {
				want = append(want, w)
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	return &schema.ValidationError{InstanceLocation: e.InstanceLocation, ErrorKind: schema.Type{Got: got, Want: want}}
}

// takingKind returns the alternatives of a oneOf or anyOf that take the
// kind of value written and fail on what it holds, such as the map form
// of a rule's setting for a map with a misspelt key: their problem is the
// one to explain, rather than that a map is not a severity. When every
// alternative wants another kind of value, it returns them all.
func takingKind(e *schema.ValidationError) []*schema.ValidationError {
	var out []*schema.ValidationError
	for _, c := range e.Causes {
		if !wantsOtherKind(c, e.InstanceLocation) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return e.Causes
	}
	return out
}

// wantsOtherKind reports whether an alternative fails only because the
// value at loc is of another JSON type than it takes: a type problem, or
// an enum none of whose values has the value's type, reached through
// references that add nothing.
func wantsOtherKind(c *schema.ValidationError, loc []string) bool {
	for len(c.Causes) == 1 && slices.Equal(c.InstanceLocation, loc) {
		if _, ok := c.ErrorKind.(schema.Reference); !ok {
			break
		}
		c = c.Causes[0]
	}
	if len(c.Causes) > 0 || !slices.Equal(c.InstanceLocation, loc) {
		return false
	}
	switch k := c.ErrorKind.(type) {
	case schema.Type:
		return true
	case schema.Enum:
		got := schema.JSONType(k.Got)
		for _, w := range k.Want {
			if schema.JSONType(w) == got {
				return false
			}
		}
		return true
	}
	return false
}

func deepest(es []*schema.ValidationError) *schema.ValidationError {
	best := es[0]
	depth := func(e *schema.ValidationError) int {
		d := len(e.InstanceLocation)
		for _, c := range e.Causes {
			if x := len(c.InstanceLocation); x > d {
				d = x
			}
		}
		return d
	}
	for _, e := range es[1:] {
		if depth(e) > depth(best) {
			best = e
		}
	}
	return best
}

// emptyListHints says, for a configuration list that may not be empty,
// how to get what an empty list would seem to ask for.
var emptyListHints = map[string]string{
	"shortcodes.include": "leave the key out for the default [include], or turn include-target off under rules to stop checking includes",
	"include-roots":      "leave the key out for the default [assets], or turn include-target off under rules to stop checking includes",
}

// typeHints says, for a configuration key whose value is a string that
// YAML reads as another type when written plainly (time-budget: 30), how
// to write it. It is for a value of the wrong type only: a value out of
// range is written the right way.
var typeHints = map[string]string{
	"time-budget":   "write a duration with its unit, such as 30s, 5m or 1m30s (0s for no limit)",
	"max-file-size": "write the size in bytes, such as 10485760 (10 MiB)",
}

// countMessage says that a list or string is too short or too long
// ("an empty list is written, where at least 1 item is expected"),
// rather than naming the schema keyword.
func countMessage(what, unit string, got, want int, bound string) string {
	count := func(n int) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	written := "an empty " + what
	if got > 0 {
		written = fmt.Sprintf("a %s of %s", what, count(got))
	}
	verb := "are"
	if want == 1 {
		verb = "is"
	}
	return fmt.Sprintf("%s is written, where %s %s %s expected", written, bound, count(want), verb)
}

// keyPatternWords says in words what the key named by a propertyNames
// problem should look like, from the pattern its causes break; "" when
// no cause is a known pattern.
func keyPatternWords(e *schema.ValidationError) string {
	for _, c := range e.Causes {
		if k, ok := c.ErrorKind.(schema.Pattern); ok {
			if say, ok := patternWords[k.Want]; ok {
				if m := mendPattern(k.Want, k.Got); m != "" {
					what, _, _ := strings.Cut(say, ";")
					return fmt.Sprintf("%s; did you mean %q", what, m)
				}
				return say
			}
		}
		if say := keyPatternWords(c); say != "" {
			return say
		}
	}
	return ""
}

// typeWords names the JSON types of a schema in messages.
var typeWords = map[string]string{
	"string":  "a string",
	"integer": "a whole number",
	"number":  "a number",
	"boolean": "true or false",
	"array":   "a list",
	"object":  "a map of keys",
	"null":    "nothing",
}

// typeMessage says what kind of value was written and what kinds the key
// takes ("a string, a list or a map of keys"), with how to write a list
// when only a list would do.
func typeMessage(k schema.Type) string {
	name := func(t string) string {
		if w, ok := typeWords[t]; ok {
			return w
		}
		return t
	}
	var want []string
	for _, w := range k.Want {
		want = append(want, name(w))
	}
	list := "another kind of value"
	if len(want) > 0 {
		list = JoinWords(want, "or")
	}
	msg := fmt.Sprintf("%s is written, where %s is expected", name(k.Got), list)
	// A list of one item is what was meant, unless a string would do.
	if slices.Contains(k.Want, "array") && !slices.Contains(k.Want, "string") && k.Got != "object" {
		msg += "; write a list, such as [a, b], even of one item"
	}
	return msg
}

// enumMessage says that a value is not one of an enum's strings, quoting
// them in the house style, with a did-you-mean: the one the value begins
// ("warn" for "warning"), else the closest; "" when the enum holds other
// than strings.
func enumMessage(k schema.Enum) string {
	var want []string
	for _, w := range k.Want {
		s, ok := w.(string)
		if !ok {
			return ""
		}
		want = append(want, strconv.Quote(s))
	}
	if len(want) == 0 {
		return ""
	}
	list := JoinWords(want, "or")
	got, isString := k.Got.(string)
	if t := schema.JSONType(k.Got); t == "object" || t == "array" || t == "null" {
		// Not printing the value: Go's form of a map, list or nothing
		// ("<nil>", a key written without a value) is no text of the
		// configuration.
		return fmt.Sprintf("%s is written, where one of %s is expected", typeWords[t], list)
	}
	if !isString {
		return fmt.Sprintf("%v is not one of %s", k.Got, list)
	}
	msg := fmt.Sprintf("%q is not one of %s", got, list)
	var plain []string
	for _, w := range k.Want {
		plain = append(plain, w.(string))
	}
	if s := ClosestChoice(got, plain); s != "" {
		msg += fmt.Sprintf("; did you mean %q", s)
	}
	return msg
}

// ClosestChoice returns the choice that s, a value not among choices,
// likely means: the only choice that begins with it in any case ("warn"
// for "warning"), or else the closest within two edits; "" when none is.
func ClosestChoice(s string, choices []string) string {
	var begun []string
	for _, c := range choices {
		if s != "" && strings.HasPrefix(strings.ToLower(c), strings.ToLower(s)) {
			begun = append(begun, c)
		}
	}
	if len(begun) == 1 {
		return begun[0]
	}
	return Closest(s, choices, 2)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// missingKeysMessage says which required keys a map lacks and what to
// do: "has no \"title\" key; add it".
func missingKeysMessage(missing []string) string {
	var q []string
	for _, k := range missing {
		q = append(q, strconv.Quote(k))
	}
	switch len(q) {
	case 0:
		return "has a required key missing; add it"
	case 1:
		return fmt.Sprintf("has no %s key; add it", q[0])
	}
	return fmt.Sprintf("has no %s or %s key; add them", strings.Join(q[:len(q)-1], ", "), q[len(q)-1])
}

// keysHere names the keys a map takes, for an unknown key none is close
// to: "the only key here is \"required\"", "the keys here are \"a\" and
// \"b\""; "" for none, or more than a message should list.
func keysHere(known []string) string {
	if len(known) == 0 || len(known) > 6 {
		return ""
	}
	var q []string
	for _, k := range known {
		q = append(q, strconv.Quote(k))
	}
	if len(q) == 1 {
		return "the only key here is " + q[0]
	}
	return "the keys here are " + JoinWords(q, "and")
}

// knownKeys returns the property names a schema allows at a path.
func knownKeys(name string, path []string) []string {
	doc, err := schema.Doc(name)
	if err != nil {
		return nil
	}
	cur := resolveRef(doc, doc)
	for _, p := range path {
		props, _ := cur["properties"].(map[string]any)
		next, ok := props[p].(map[string]any)
		if !ok {
			next, ok = cur["additionalProperties"].(map[string]any)
		}
		if !ok {
			return nil
		}
		cur = resolveRef(doc, next)
	}
	props, _ := cur["properties"].(map[string]any)
	return sortedKeys(props)
}

// keyElsewhere says where a key unknown at path belongs when the
// configuration schema knows it at the top level or in one of its maps
// of settings (links, shortcodes), as in "it belongs under links:"; ""
// when it knows it nowhere else.
func keyElsewhere(name string, path []string, key string) string {
	if name != schema.Config || len(path) > 1 || len(path) == 1 && path[0] == "rules" {
		return "" // a rule's options are no place for settings
	}
	here := strings.Join(path, ".")
	if here != "" && slices.Contains(knownKeys(name, nil), key) {
		return "it belongs at the top level, not under " + here + ":"
	}
	for _, m := range knownKeys(name, nil) {
		if m == "rules" || m == here {
			continue
		}
		if slices.Contains(knownKeys(name, []string{m}), key) {
			return fmt.Sprintf("it belongs under %s:", m)
		}
	}
	return ""
}

// resolveRef follows a local "$ref": "#/$defs/x" and, for a oneOf, picks
// the object alternative.
func resolveRef(doc, s map[string]any) map[string]any {
	for i := 0; i < 8; i++ {
		if ref, ok := s["$ref"].(string); ok {
			if name, ok := strings.CutPrefix(ref, "#/$defs/"); ok {
				defs, _ := doc["$defs"].(map[string]any)
				if d, ok := defs[name].(map[string]any); ok {
					s = d
					continue
				}
			}
		}
		if alts, ok := s["oneOf"].([]any); ok {
			for _, a := range alts {
				m, _ := a.(map[string]any)
				if r := resolveRef(doc, m); r["type"] == "object" {
					s = r
					break
				}
			}
		}
		break
	}
	return s
}

// Closest returns the candidate nearest to s by edit distance (case
// ignored), if it is within maxDist and changes at most half the
// characters of s (three edits of a five-letter word make another word,
// not a misspelling); ties go to the earlier candidate in sorted order.
// It reads every candidate: a ClosestIndex answers the same for many
// questions about one list.
func Closest(s string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	ls := []rune(strings.ToLower(s))
	n := utf8.RuneCountInString(s)
	var lc []rune
	var rows []int // editDistanceWithin's two rows, for every candidate
	for _, c := range candidates {
		if c == s {
			continue
		}
		// The distance is at least the difference in length: skip the
		// candidates that cannot win before computing it.
		if diff := utf8.RuneCountInString(c) - n; diff > bestD || -diff > bestD {
			continue
		}
		lc = lc[:0]
		for _, r := range strings.ToLower(c) {
			lc = append(lc, r)
		}
		// The runes both begin and end with take no edit: anchors and
		// paths that differ in a few runes after a long shared start
		// ("heading-number-1234") are compared in those runes only, not
		// in a table of their whole lengths, candidate after candidate.
		a, b := trimCommon(ls, lc)
		rows = slices.Grow(rows[:0], 3*(len(b)+1))
		d := editDistanceWithin(a, b, bestD, rows)
		// Ties go to the candidate first in sort order, whatever the order
		// of candidates.
		if 2*d <= n && (d < bestD || d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// trimCommon returns a and b without the runes they both begin with and
// then those they both end with, which leaves their edit distance as it
// is (a test compares the two on every pair of short strings).
func trimCommon(a, b []rune) ([]rune, []rune) {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	a, b = a[p:], b[p:]
	q := 0
	for q < len(a) && q < len(b) && a[len(a)-1-q] == b[len(b)-1-q] {
		q++
	}
	return a[:len(a)-q], b[:len(b)-q]
}

// editDistanceWithin is the edit distance between a and b (Levenshtein's,
// with a swap of two neighbouring runes counting as one edit, as the
// optimal string alignment distance counts it: "wbe" is one edit from
// "web") when it is at most limit, and limit+1 otherwise: it stops as soon
// as a row of the table has no cell within the limit (a swap reaches back
// two rows, but through a cell of the row between that is within the
// limit too), so that a did-you-mean over thousands of anchors does not
// fill every table. It works in rows when its capacity holds three rows
// of the table (3*(len(b)+1) cells), so that a caller comparing many
// strings allocates them once.
func editDistanceWithin(a, b []rune, limit int, rows []int) int {
	w := len(b) + 1
	if cap(rows) < 3*w {
		rows = make([]int, 3*w)
	}
	rows = rows[:3*w]
	// A cell of the table is at least the difference of its row and
	// column: only the band of cells within limit of the diagonal can be
	// within the limit, and the cells just outside it are set to limit+1
	// (any cell computed from one is then past the limit too).
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return limit + 1
	}
	prev2, prev, cur := rows[:w], rows[w:2*w], rows[2*w:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		if lo > 1 {
			cur[lo-1] = limit + 1
		}
		if hi < len(b) {
			cur[hi+1] = limit + 1
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}

// EditDistance is the edit distance between a and b in runes, a swap of
// two neighbouring runes counting as one edit (see editDistanceWithin).
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	return editDistanceWithin(ra, rb, max(len(ra), len(rb)), nil)
}

// ratText writes a schema bound or value as a plain number: an integer in
// full, other numbers in decimal.
func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(6)
}

// JoinWords joins words as prose with a conjunction: "a", "a or b",
// "a, b or c" (conj "or").
func JoinWords(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
