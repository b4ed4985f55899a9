// Package schematest checks documents against careerlint's embedded JSON
// Schemas with a full JSON Schema library (santhosh-tekuri/jsonschema), for
// tests only: the JSON output and SARIF reports are checked against their
// schemas, and schema's own validator, which careerlint runs, against the
// library's answers. The careerlint command does not import this package
// (a test checks it), so it does not pay the library's initialisation.
package schematest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"gitlab.com/careerlint/careerlint/schema"
)

var (
	mu       sync.Mutex
	compiled = map[string]*jsonschema.Schema{}
)

// Compiled returns an embedded schema compiled by the library, which also
// checks it against its draft's metaschema.
func Compiled(name string) (*jsonschema.Schema, error) {
	mu.Lock()
	defer mu.Unlock()
	if s, ok := compiled[name]; ok {
		return s, nil
	}
	doc, err := schema.Doc(name)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	url := "https://careerlint.invalid/schema/" + name
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	compiled[name] = s
	return s, nil
}

// ValidateJSON validates a JSON document against an embedded schema with
// the library.
func ValidateJSON(name string, data []byte) error {
	s, err := Compiled(name)
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// Validate validates a decoded value against an embedded schema with the
// library and returns its error tree in schema's kinds (nil when the value
// is valid), to compare with what schema's validator says.
func Validate(name string, v any) (*schema.ValidationError, error) {
	s, err := Compiled(name)
	if err != nil {
		return nil, err
	}
	err = s.Validate(v)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	return FromLibrary(ve)
}

// FromLibrary translates the library's error tree into schema's, kind for
// kind; a kind schema's validator never makes is an error.
func FromLibrary(e *jsonschema.ValidationError) (*schema.ValidationError, error) {
	out := &schema.ValidationError{InstanceLocation: append([]string(nil), e.InstanceLocation...)}
	switch k := e.ErrorKind.(type) {
	case *kind.Schema:
		out.ErrorKind = schema.Root{}
		out.InstanceLocation = nil
	case *kind.Group:
		out.ErrorKind = schema.Group{}
	case *kind.Reference:
		// The library names the target by its absolute URL, schema's
		// validator by its place in the document.
		_, frag, _ := strings.Cut(k.URL, "#")
		out.ErrorKind = schema.Reference{URL: "#" + frag}
	case *kind.FalseSchema:
		out.ErrorKind = schema.FalseSchema{}
	case *kind.InvalidJsonValue:
		out.ErrorKind = schema.InvalidValue{Value: k.Value}
	case *kind.Type:
		out.ErrorKind = schema.Type{Got: k.Got, Want: k.Want}
	case *kind.Enum:
		out.ErrorKind = schema.Enum{Got: k.Got, Want: k.Want}
	case *kind.Required:
		out.ErrorKind = schema.Required{Missing: k.Missing}
	case *kind.AdditionalProperties:
		out.ErrorKind = schema.AdditionalProperties{Properties: k.Properties}
	case *kind.PropertyNames:
		out.ErrorKind = schema.PropertyNames{Property: k.Property}
	case *kind.MinItems:
		out.ErrorKind = schema.MinItems{Got: k.Got, Want: k.Want}
	case *kind.MaxItems:
		out.ErrorKind = schema.MaxItems{Got: k.Got, Want: k.Want}
	case *kind.MinLength:
		out.ErrorKind = schema.MinLength{Got: k.Got, Want: k.Want}
	case *kind.MaxLength:
		out.ErrorKind = schema.MaxLength{Got: k.Got, Want: k.Want}
	case *kind.Pattern:
		out.ErrorKind = schema.Pattern{Got: k.Got, Want: k.Want}
	case *kind.Minimum:
		out.ErrorKind = schema.Minimum{Got: k.Got, Want: k.Want}
	case *kind.Maximum:
		out.ErrorKind = schema.Maximum{Got: k.Got, Want: k.Want}
	case *kind.OneOf:
		out.ErrorKind = schema.OneOf{Subschemas: k.Subschemas}
	case *kind.AnyOf:
		out.ErrorKind = schema.AnyOf{}
	case *kind.AllOf:
		out.ErrorKind = schema.AllOf{}
	default:
		return nil, fmt.Errorf("%T: a kind of error schema's validator does not make", e.ErrorKind)
	}
	for _, c := range e.Causes {
		cc, err := FromLibrary(c)
		if err != nil {
			return nil, err
		}
		out.Causes = append(out.Causes, cc)
	}
	return out, nil
}

// Canon writes an error tree as text that does not depend on the order of
// causes (the library meets a map's keys in Go's random order) nor on the
// location of a propertyNames error (the library's can be overwritten by
// a later error's), so that two trees can be compared.
func Canon(e *schema.ValidationError) string {
	var causes []string
	for _, c := range e.Causes {
		causes = append(causes, Canon(c))
	}
	sort.Strings(causes)
	k := e.ErrorKind
	loc := strings.Join(e.InstanceLocation, "/")
	switch v := k.(type) {
	case schema.PropertyNames:
		loc = "?"
	case schema.AdditionalProperties:
		v.Properties = slices.Sorted(slices.Values(v.Properties))
		k = v
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%T %v @%s {", k, k, loc)
	for _, c := range causes {
		b.WriteString("\n  " + strings.ReplaceAll(c, "\n", "\n  "))
	}
	b.WriteString("}")
	return b.String()
}
