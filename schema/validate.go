package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file validates documents against the embedded configuration and
// front matter schemas without a JSON Schema library: the one the tests
// check the schemas and this validator against (santhosh-tekuri/jsonschema)
// compiles the metaschemas of five drafts when its package initialises,
// 9 to 12 ms of every run on a slow machine, more than a third of the run
// for one page. The validator takes the keywords those two schemas use
// (draft 2020-12) and no others: compiling a schema with any other keyword
// fails, so a schema cannot grow a keyword that would be silently ignored.
// On such schemas its errors form the tree the library's would, kind for
// kind (tests compare the two trees, and the problems lint makes of them,
// on every fixture, mutants of them and fuzzed documents).

// Schema is a compiled schema, or one of its subschemas.
type Schema struct {
	// Location is the JSON pointer of the schema within its document,
	// its tokens escaped as RFC 6901 says, as "#/properties/title".
	Location string

	isBool, boolValue bool

	types      []string // in the order null, boolean, number, integer, string, array, object
	enum       []any
	ref        *Schema
	refURL     string
	properties map[string]*Schema
	// additional is the additionalProperties schema; additionalFalse is set
	// when it is false (no other key allowed).
	additional      *Schema
	additionalFalse bool
	required        []string
	propertyNames   *Schema
	minItems        *int
	maxItems        *int
	items           *Schema
	minLength       *int
	maxLength       *int
	pattern         *regexp.Regexp
	minimum         *big.Rat
	maximum         *big.Rat
	oneOf           []*Schema
	anyOf           []*Schema
	allOf           []*Schema
}

// annotations are the keywords that say something about a schema without
// constraining values: the validator reads past them.
var annotations = map[string]bool{
	"$schema": true, "$comment": true, "title": true,
	"description": true, "default": true, "examples": true, "deprecated": true,
	"readOnly": true, "writeOnly": true,
}

// supported are the constraint keywords the validator takes.
var supported = map[string]bool{
	"type": true, "enum": true, "$ref": true, "$defs": true, "properties": true,
	"additionalProperties": true, "required": true, "propertyNames": true,
	"minItems": true, "maxItems": true, "items": true, "minLength": true,
	"maxLength": true, "pattern": true, "minimum": true, "maximum": true,
	"oneOf": true, "anyOf": true, "allOf": true,
}

// draft2020 is the only dialect the validator takes.
const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// typeOrder is the order in which a type error names the types a schema
// takes.
var typeOrder = []string{"null", "boolean", "number", "integer", "string", "array", "object"}

// Compile builds the validator of a schema document decoded as Doc
// decodes (numbers as json.Number). It fails on a keyword the validator
// does not take, a dialect other than draft 2020-12, a $ref other than a
// JSON pointer into the document ("#/$defs/name") or naming nothing
// there, and references that lead back to their own schema without
// descending into the value (which would never end).
func Compile(doc map[string]any) (*Schema, error) {
	if d, ok := doc["$schema"].(string); !ok || strings.TrimSuffix(d, "#") != draft2020 {
		return nil, fmt.Errorf("$schema is %v, where the validator takes %s only", doc["$schema"], draft2020)
	}
	c := &compiler{doc: doc, done: map[string]*Schema{}}
	s, err := c.compile(doc, "#")
	if err != nil {
		return nil, err
	}
	// Resolving a reference may compile a subschema holding references of
	// its own, appended to c.refs as this loop goes.
	for i := 0; i < len(c.refs); i++ {
		r := c.refs[i]
		target, err := c.resolve(r.refURL)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Location, err)
		}
		r.ref = target
	}
	if err := checkCycles(s); err != nil {
		return nil, err
	}
	return s, nil
}

type compiler struct {
	doc  map[string]any
	done map[string]*Schema // by location, so that a $ref shares its target
	refs []*Schema          // schemas whose $ref is resolved once all are compiled
}

// escapeToken escapes a key as a token of a JSON pointer (RFC 6901).
func escapeToken(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// resolve finds the subschema a local reference ("#/$defs/name") names.
func (c *compiler) resolve(ref string) (*Schema, error) {
	ptr, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, fmt.Errorf("$ref %q is not within the schema; the validator takes local references only", ref)
	}
	if ptr != "" && !strings.HasPrefix(ptr, "/") {
		return nil, fmt.Errorf("$ref %q is not a JSON pointer (#/...); the validator takes no anchors", ref)
	}
	var cur any = c.doc
	loc := "#"
	if ptr != "" {
		for _, tok := range strings.Split(ptr[1:], "/") {
			if tok == "" {
				return nil, fmt.Errorf("$ref %q names no subschema (an empty part)", ref)
			}
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			loc += "/" + escapeToken(tok)
			switch v := cur.(type) {
			case map[string]any:
				cur = v[tok]
			case []any:
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || i >= len(v) {
					return nil, fmt.Errorf("$ref %q names no subschema", ref)
				}
				cur = v[i]
			default:
				return nil, fmt.Errorf("$ref %q names no subschema", ref)
			}
		}
	}
	if cur == nil {
		return nil, fmt.Errorf("$ref %q names no subschema", ref)
	}
	return c.compile(cur, loc)
}

// checkCycles fails when a schema reaches itself through $ref, oneOf,
// anyOf or allOf alone: validating a value there would never end (a
// schema that reaches itself through properties or items descends into
// the value, and ends with it).
func checkCycles(root *Schema) error {
	const visiting, finished = 1, 2
	state := map[*Schema]int{}
	var sameValue func(s *Schema) error
	sameValue = func(s *Schema) error {
		switch state[s] {
		case visiting:
			return fmt.Errorf("%s: the schema refers to itself without descending into the value", s.Location)
		case finished:
			return nil
		}
		state[s] = visiting
		next := append(append(append([]*Schema(nil), s.oneOf...), s.anyOf...), s.allOf...)
		if s.ref != nil {
			next = append(next, s.ref)
		}
		for _, n := range next {
			if err := sameValue(n); err != nil {
				return err
			}
		}
		state[s] = finished
		return nil
	}
	// Every schema compiled is reached from the root or from a $defs
	// entry, which is reached by walking children too.
	seen := map[*Schema]bool{}
	var walk func(s *Schema) error
	walk = func(s *Schema) error {
		if s == nil || seen[s] {
			return nil
		}
		seen[s] = true
		if err := sameValue(s); err != nil {
			return err
		}
		kids := append(append(append([]*Schema{s.ref, s.additional, s.propertyNames, s.items}, s.oneOf...), s.anyOf...), s.allOf...)
		for _, name := range slices.Sorted(maps.Keys(s.properties)) {
			kids = append(kids, s.properties[name])
		}
		for _, k := range kids {
			if err := walk(k); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root)
}

func (c *compiler) compile(v any, loc string) (*Schema, error) {
	if s, ok := c.done[loc]; ok {
		return s, nil
	}
	s := &Schema{Location: loc}
	c.done[loc] = s
	if b, ok := v.(bool); ok {
		s.isBool, s.boolValue = true, b
		return s, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema is an object or a boolean", loc)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !annotations[k] && !supported[k] {
			return nil, fmt.Errorf("%s: keyword %q is not one the validator takes", loc, k)
		}
	}
	// sub compiles the subschema at the keyword key and, for a map of
	// schemas or a list, the entry name.
	sub := func(val any, key string, name ...string) (*Schema, error) {
		at := loc + "/" + key
		for _, n := range name {
			at += "/" + escapeToken(n)
		}
		return c.compile(val, at)
	}
	subs := func(key string) ([]*Schema, error) {
		arr, ok := m[key].([]any)
		if !ok || len(arr) == 0 {
			return nil, fmt.Errorf("%s/%s: a non-empty list of schemas is expected", loc, key)
		}
		var out []*Schema
		for i, a := range arr {
			s, err := sub(a, key, strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	count := func(key string) (*int, error) {
		n, ok := m[key].(json.Number)
		i, err := n.Int64()
		if !ok || err != nil || i < 0 {
			return nil, fmt.Errorf("%s/%s: a non-negative whole number is expected", loc, key)
		}
		x := int(i)
		return &x, nil
	}
	bound := func(key string) (*big.Rat, error) {
		n, ok := m[key].(json.Number)
		r, okr := new(big.Rat).SetString(string(n))
		if !ok || !okr {
			return nil, fmt.Errorf("%s/%s: a number is expected", loc, key)
		}
		return r, nil
	}
	var err error
	for _, k := range keys {
		val := m[k]
		switch k {
		case "type":
			var names []string
			switch t := val.(type) {
			case string:
				names = []string{t}
			case []any:
				for _, x := range t {
					name, _ := x.(string)
					names = append(names, name)
				}
			}
			for _, t := range typeOrder {
				if slices.Contains(names, t) {
					s.types = append(s.types, t)
				}
			}
			if len(s.types) != len(names) || len(names) == 0 {
				return nil, fmt.Errorf("%s/type: %v names a type JSON Schema does not have", loc, val)
			}
		case "enum":
			arr, ok := val.([]any)
			if !ok {
				return nil, fmt.Errorf("%s/enum: a list is expected", loc)
			}
			s.enum = arr
		case "$ref":
			ref, ok := val.(string)
			if !ok {
				return nil, fmt.Errorf("%s/$ref: a string is expected", loc)
			}
			s.refURL = ref
			c.refs = append(c.refs, s)
		case "$defs":
			defs, ok := val.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s/$defs: an object is expected", loc)
			}
			for name, d := range defs {
				if _, err := sub(d, "$defs", name); err != nil {
					return nil, err
				}
			}
		case "properties":
			props, ok := val.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s/properties: an object is expected", loc)
			}
			s.properties = map[string]*Schema{}
			for name, p := range props {
				if s.properties[name], err = sub(p, "properties", name); err != nil {
					return nil, err
				}
			}
		case "additionalProperties":
			if b, ok := val.(bool); ok && !b {
				s.additionalFalse = true
			} else if s.additional, err = sub(val, k); err != nil {
				return nil, err
			}
		case "required":
			arr, ok := val.([]any)
			if !ok {
				return nil, fmt.Errorf("%s/required: a list of strings is expected", loc)
			}
			for _, x := range arr {
				name, ok := x.(string)
				if !ok {
					return nil, fmt.Errorf("%s/required: a list of strings is expected", loc)
				}
				s.required = append(s.required, name)
			}
		case "propertyNames":
			s.propertyNames, err = sub(val, k)
		case "items":
			s.items, err = sub(val, k)
		case "minItems":
			s.minItems, err = count(k)
		case "maxItems":
			s.maxItems, err = count(k)
		case "minLength":
			s.minLength, err = count(k)
		case "maxLength":
			s.maxLength, err = count(k)
		case "pattern":
			p, ok := val.(string)
			if !ok {
				return nil, fmt.Errorf("%s/pattern: a string is expected", loc)
			}
			s.pattern, err = regexp.Compile(p)
		case "minimum":
			s.minimum, err = bound(k)
		case "maximum":
			s.maximum, err = bound(k)
		case "oneOf":
			s.oneOf, err = subs(k)
		case "anyOf":
			s.anyOf, err = subs(k)
		case "allOf":
			s.allOf, err = subs(k)
		}
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}

// ValidationError is why a value fails a schema: its kind, where in the
// document, and the errors beneath it (those of each alternative of a
// oneOf, those of a referenced schema, those grouped under one value).
type ValidationError struct {
	// InstanceLocation is the path of keys and list indexes to the value.
	InstanceLocation []string
	// ErrorKind says what is wrong.
	ErrorKind ErrorKind
	// Causes are the errors this one sums up.
	Causes []*ValidationError
}

// Error says the problem and its causes, one per line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	var write func(e *ValidationError, depth int)
	write = func(e *ValidationError, depth int) {
		if depth > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s/%s: %s", strings.Repeat("  ", depth), strings.Join(e.InstanceLocation, "/"), e.ErrorKind)
		for _, c := range e.Causes {
			write(c, depth+1)
		}
	}
	write(e, 0)
	return b.String()
}

// ErrorKind is one kind of schema error; String says it in words.
type ErrorKind interface{ String() string }

// The kinds of ValidationError.
type (
	// Root sums up every problem of a document.
	Root struct{}
	// Group sums up several problems of one value.
	Group struct{}
	// Reference sums up the problems a value has with a $ref's target.
	Reference struct{ URL string }
	// FalseSchema is a value where the schema allows none.
	FalseSchema struct{}
	// InvalidValue is a value JSON cannot hold (a NaN, an infinity, a date).
	InvalidValue struct{ Value any }
	// Type is a value of a type the schema does not take.
	Type struct {
		Got  string
		Want []string
	}
	// Enum is a value that is none of the schema's values.
	Enum struct {
		Got  any
		Want []any
	}
	// Required lists the required keys a map lacks.
	Required struct{ Missing []string }
	// AdditionalProperties lists the keys a map may not have.
	AdditionalProperties struct{ Properties []string }
	// PropertyNames is a key that fails the propertyNames schema (its
	// causes say how).
	PropertyNames struct{ Property string }
	// MinItems is a list shorter than allowed.
	MinItems struct{ Got, Want int }
	// MaxItems is a list longer than allowed.
	MaxItems struct{ Got, Want int }
	// MinLength is a string shorter than allowed, counted in characters.
	MinLength struct{ Got, Want int }
	// MaxLength is a string longer than allowed.
	MaxLength struct{ Got, Want int }
	// Pattern is a string that does not match the schema's pattern.
	Pattern struct{ Got, Want string }
	// Minimum is a number under the smallest allowed.
	Minimum struct{ Got, Want *big.Rat }
	// Maximum is a number over the largest allowed.
	Maximum struct{ Got, Want *big.Rat }
	// OneOf is a value that matches none of a oneOf's alternatives (then
	// Subschemas is empty and the causes are the alternatives' errors),
	// or more than one (Subschemas names two).
	OneOf struct{ Subschemas []int }
	// AnyOf is a value that matches none of an anyOf's alternatives.
	AnyOf struct{}
	// AllOf is a value that fails some of an allOf's schemas.
	AllOf struct{}
)

// String says the kind in words; lint says most kinds its own way.
func (Root) String() string { return "the document does not match its schema" }

// String says the kind in words.
func (Group) String() string { return "the value has several problems" }

// String says the kind in words.
func (k Reference) String() string { return "the value does not match " + k.URL }

// String says the kind in words.
func (FalseSchema) String() string { return "no value is allowed here" }

// String says the kind in words: a YAML .nan or .inf is no number JSON
// can write.
func (k InvalidValue) String() string {
	switch v := k.Value.(type) {
	case float64:
		return fmt.Sprintf("%v is not a finite number; write a number such as 2", v)
	case float32:
		return fmt.Sprintf("%v is not a finite number; write a number such as 2", v)
	}
	return fmt.Sprintf("a value of Go type %T is no JSON value", k.Value)
}

// String says the kind in words.
func (k Type) String() string {
	return fmt.Sprintf("got %s, want %s", k.Got, strings.Join(k.Want, " or "))
}

// String says the kind in words.
func (k Enum) String() string {
	var want []string
	for _, w := range k.Want {
		b, _ := json.Marshal(w)
		want = append(want, string(b))
	}
	return fmt.Sprintf("%v is not one of %s", k.Got, strings.Join(want, ", "))
}

// String says the kind in words.
func (k Required) String() string { return "missing keys " + strings.Join(k.Missing, ", ") }

// String says the kind in words.
func (k AdditionalProperties) String() string {
	return "keys not allowed: " + strings.Join(k.Properties, ", ")
}

// String says the kind in words.
func (k PropertyNames) String() string { return fmt.Sprintf("invalid key %q", k.Property) }

// String says the kind in words.
func (k MinItems) String() string {
	return fmt.Sprintf("a list of %d items, where at least %d are expected", k.Got, k.Want)
}

// String says the kind in words.
func (k MaxItems) String() string {
	return fmt.Sprintf("a list of %d items, where at most %d are expected", k.Got, k.Want)
}

// String says the kind in words.
func (k MinLength) String() string {
	return fmt.Sprintf("a string of %d characters, where at least %d are expected", k.Got, k.Want)
}

// String says the kind in words.
func (k MaxLength) String() string {
	return fmt.Sprintf("a string of %d characters, where at most %d are expected", k.Got, k.Want)
}

// String says the kind in words.
func (k Pattern) String() string { return fmt.Sprintf("%q does not match %q", k.Got, k.Want) }

// String says the kind in words.
func (k Minimum) String() string {
	return fmt.Sprintf("%s is under the smallest allowed, %s", k.Got.RatString(), k.Want.RatString())
}

// String says the kind in words.
func (k Maximum) String() string {
	return fmt.Sprintf("%s is over the largest allowed, %s", k.Got.RatString(), k.Want.RatString())
}

// String says the kind in words.
func (k OneOf) String() string {
	if len(k.Subschemas) == 2 {
		return fmt.Sprintf("the value matches alternatives %d and %d, where it may match only one", k.Subschemas[0], k.Subschemas[1])
	}
	return "the value matches none of the alternatives"
}

// String says the kind in words.
func (AnyOf) String() string { return "the value matches none of the alternatives" }

// String says the kind in words.
func (AllOf) String() string { return "the value fails some of the schemas it must match" }

// Validate checks a value decoded from JSON, YAML or TOML (maps of
// string keys, lists, strings, numbers, booleans and nil) and returns nil
// or a *ValidationError of kind Root.
func (s *Schema) Validate(v any) error {
	err := s.validate(v, nil)
	if err == nil {
		return nil
	}
	causes := []*ValidationError{err}
	if _, ok := err.ErrorKind.(Group); ok {
		causes = err.Causes
	}
	return &ValidationError{ErrorKind: Root{}, Causes: causes}
}

// JSONType names the JSON type of a decoded value: "object", "array",
// "string", "number", "boolean" or "null"; "" for a value JSON cannot
// hold (a NaN, an infinity, a value of another Go type).
func JSONType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ""
		}
		return "number"
	case float32:
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return ""
		}
		return "number"
	case json.Number, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return ""
}

// rat is the exact value of a number.
func rat(v any) (*big.Rat, bool) {
	return new(big.Rat).SetString(fmt.Sprint(v))
}

func isWhole(v any) bool {
	r, ok := rat(v)
	return ok && r.IsInt()
}

// equal compares two JSON values, numbers by value.
func equal(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, va := range a {
			vb, ok := b[k]
			if !ok || !equal(va, vb) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !equal(a[i], b[i]) {
				return false
			}
		}
		return true
	case nil:
		return b == nil
	case bool:
		bb, ok := b.(bool)
		return ok && a == bb
	case string:
		bs, ok := b.(string)
		return ok && a == bs
	}
	if JSONType(a) != "number" || JSONType(b) != "number" {
		return false
	}
	ra, oka := rat(a)
	rb, okb := rat(b)
	return oka && okb && ra.Cmp(rb) == 0
}

// validate checks v, at loc, against s. One problem is returned as it
// is, several under a Group.
func (s *Schema) validate(v any, loc []string) *ValidationError {
	at := func(k ErrorKind, causes ...*ValidationError) *ValidationError {
		return &ValidationError{InstanceLocation: slices.Clone(loc), ErrorKind: k, Causes: causes}
	}
	if s.isBool {
		if s.boolValue {
			return nil
		}
		return at(FalseSchema{})
	}
	t := JSONType(v)
	if t == "" {
		return at(InvalidValue{Value: v})
	}
	if len(s.types) > 0 {
		if !slices.Contains(s.types, t) && !(t == "number" && slices.Contains(s.types, "integer") && isWhole(v)) {
			return at(Type{Got: t, Want: slices.Clone(s.types)})
		}
	}
	if s.enum != nil {
		if !slices.ContainsFunc(s.enum, func(w any) bool { return equal(v, w) }) {
			return at(Enum{Got: v, Want: s.enum})
		}
	}
	var errs []*ValidationError
	add := func(e *ValidationError) {
		if e != nil {
			errs = append(errs, e)
		}
	}
	if s.ref != nil {
		if e := s.ref.validate(v, loc); e != nil {
			causes := []*ValidationError{e}
			if _, ok := e.ErrorKind.(Group); ok {
				causes = e.Causes
			}
			add(at(Reference{URL: s.ref.Location}, causes...))
		}
	}
	switch v := v.(type) {
	case map[string]any:
		var missing []string
		for _, r := range s.required {
			if _, ok := v[r]; !ok {
				missing = append(missing, r)
			}
		}
		if missing != nil {
			add(at(Required{Missing: missing}))
		}
		// Keys in order, so that errors come in the same order on every run.
		keys := slices.Sorted(maps.Keys(v))
		var extra []string
		for _, k := range keys {
			if p, ok := s.properties[k]; ok {
				add(p.validate(v[k], append(loc[:len(loc):len(loc)], k)))
			} else if s.additional != nil {
				add(s.additional.validate(v[k], append(loc[:len(loc):len(loc)], k)))
			} else if s.additionalFalse {
				extra = append(extra, k)
			}
		}
		if extra != nil {
			add(at(AdditionalProperties{Properties: extra}))
		}
		if s.propertyNames != nil {
			for _, k := range keys {
				if e := s.propertyNames.validate(k, nil); e != nil {
					causes := []*ValidationError{e}
					if _, ok := e.ErrorKind.(Group); ok {
						causes = e.Causes
					}
					add(at(PropertyNames{Property: k}, causes...))
				}
			}
		}
	case []any:
		if s.minItems != nil && len(v) < *s.minItems {
			add(at(MinItems{Got: len(v), Want: *s.minItems}))
		}
		if s.maxItems != nil && len(v) > *s.maxItems {
			add(at(MaxItems{Got: len(v), Want: *s.maxItems}))
		}
		if s.items != nil {
			for i, x := range v {
				add(s.items.validate(x, append(loc[:len(loc):len(loc)], strconv.Itoa(i))))
			}
		}
	case string:
		n := utf8.RuneCountInString(v)
		if s.minLength != nil && n < *s.minLength {
			add(at(MinLength{Got: n, Want: *s.minLength}))
		}
		if s.maxLength != nil && n > *s.maxLength {
			add(at(MaxLength{Got: n, Want: *s.maxLength}))
		}
		if s.pattern != nil && !s.pattern.MatchString(v) {
			add(at(Pattern{Got: v, Want: s.pattern.String()}))
		}
	case bool, nil:
	default:
		if s.minimum != nil || s.maximum != nil {
			n, _ := rat(v)
			if s.minimum != nil && n.Cmp(s.minimum) < 0 {
				add(at(Minimum{Got: n, Want: s.minimum}))
			}
			if s.maximum != nil && n.Cmp(s.maximum) > 0 {
				add(at(Maximum{Got: n, Want: s.maximum}))
			}
		}
	}
	if len(s.allOf) > 0 {
		var failed []*ValidationError
		for _, a := range s.allOf {
			if e := a.validate(v, loc); e != nil {
				failed = append(failed, e)
			}
		}
		if failed != nil {
			add(at(AllOf{}, failed...))
		}
	}
	if len(s.anyOf) > 0 {
		var failed []*ValidationError
		for _, a := range s.anyOf {
			e := a.validate(v, loc)
			if e == nil {
				failed = nil
				break
			}
			failed = append(failed, e)
		}
		if failed != nil {
			add(at(AnyOf{}, failed...))
		}
	}
	if len(s.oneOf) > 0 {
		matched := -1
		var failed []*ValidationError
		for i, a := range s.oneOf {
			e := a.validate(v, loc)
			if e != nil {
				if matched == -1 {
					failed = append(failed, e)
				}
				continue
			}
			if matched != -1 {
				add(at(OneOf{Subschemas: []int{matched, i}}))
				break
			}
			matched = i
		}
		if matched == -1 {
			add(at(OneOf{}, failed...))
		}
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return at(Group{}, errs...)
}
