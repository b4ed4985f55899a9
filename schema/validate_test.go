package schema_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"gitlab.com/careerlint/careerlint/schema"
	"gitlab.com/careerlint/careerlint/schema/schematest"
)

// TestEverySchemaIsValid compiles every embedded schema with the JSON
// Schema library, which checks it against its draft's metaschema.
func TestEverySchemaIsValid(t *testing.T) {
	for _, name := range []string{schema.Config, schema.FrontMatter, schema.Output, schema.SARIF} {
		if _, err := schematest.Compiled(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestRuntimeSchemasCompile compiles the schemas careerlint validates
// against as it runs with schema's own validator: a keyword it does not
// take would fail here.
func TestRuntimeSchemasCompile(t *testing.T) {
	for _, name := range []string{schema.Config, schema.FrontMatter} {
		if _, err := schema.Compiled(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func decode(t *testing.T, text string) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return v
}

const dialect = `"$schema": "https://json-schema.org/draft/2020-12/schema"`

// TestCompileRefuses checks that a schema the validator cannot check the
// way the library would does not compile.
func TestCompileRefuses(t *testing.T) {
	for _, tt := range []struct{ doc, want string }{
		{`{` + dialect + `, "format": "uri"}`, `keyword "format"`},
		{`{` + dialect + `, "properties": {"a": {"uniqueItems": true}}}`, `#/properties/a: keyword "uniqueItems"`},
		{`{"$schema": "http://json-schema.org/draft-07/schema#"}`, "draft/2020-12"},
		{`{"type": "string"}`, "draft/2020-12"},
		{`{` + dialect + `, "$ref": "#/$defs/missing"}`, "names no subschema"},
		{`{` + dialect + `, "$ref": "other.json"}`, "local references only"},
		{`{` + dialect + `, "type": "text"}`, "names a type"},
		{`{` + dialect + `, "minLength": -1}`, "non-negative whole number"},
		{`{` + dialect + `, "pattern": "("}`, "missing closing )"},
		{`{` + dialect + `, "oneOf": []}`, "non-empty list"},
		{`{` + dialect + `, "$id": "https://x.example/s.json"}`, `keyword "$id"`},
		{`{` + dialect + `, "$defs": {"s": {}}, "$ref": "#$defs/s"}`, "not a JSON pointer"},
		{`{` + dialect + `, "$defs": {"s": {}}, "$ref": "#/$defs/s/"}`, "an empty part"},
		{`{` + dialect + `, "$defs": {"s": {}}, "$ref": "#//$defs/s"}`, "an empty part"},
		{`{` + dialect + `, "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}`, "refers to itself"},
		{`{` + dialect + `, "oneOf": [{"type": "string"}, {"$ref": "#"}]}`, "refers to itself"},
		{`{` + dialect + `, "properties": {"a": {"allOf": [{"$ref": "#/properties/a"}]}}}`, "refers to itself"},
	} {
		_, err := schema.Compile(decode(t, tt.doc).(map[string]any))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.doc, err, tt.want)
		}
	}
}

// TestValidateLikeLibrary validates values against small schemas, one
// keyword or corner at a time, with both validators: the trees of errors
// must be equal, and each case names the kind of its first problem.
func TestValidateLikeLibrary(t *testing.T) {
	for _, tt := range []struct {
		schema string
		value  any // decoded JSON text, or a Go value JSON cannot write
		want   string
	}{
		{`{"type": "integer"}`, `2.0`, ""},
		{`{"type": "integer"}`, `2.5`, "schema.Type"},
		{`{"type": ["string", "null"]}`, `null`, ""},
		{`{"type": ["object", "string", "null"]}`, `[1]`, "schema.Type"},
		{`{"type": "number"}`, math.NaN(), "schema.InvalidValue"},
		{`{"enum": ["a", 1]}`, `1.0`, ""},
		{`{"enum": ["a", "b"]}`, `"c"`, "schema.Enum"},
		{`{"enum": ["a"]}`, `{}`, "schema.Enum"},
		{`{"required": ["a", "b"]}`, `{"b": 1}`, "schema.Required"},
		{`{"properties": {"a": {"type": "string"}}, "additionalProperties": false}`, `{"a": 1, "c": 2, "b": 3}`, "schema.Type"},
		{`{"additionalProperties": {"type": "boolean"}}`, `{"x": 1}`, "schema.Type"},
		{`{"propertyNames": {"pattern": "^[a-z]+$", "minLength": 2}}`, `{"A": 1, "ok": 2}`, "schema.PropertyNames"},
		{`{"items": {"type": "string"}, "minItems": 2, "maxItems": 3}`, `[1]`, "schema.MinItems"},
		{`{"maxItems": 1}`, `[1, 2]`, "schema.MaxItems"},
		{`{"minLength": 2, "maxLength": 3}`, `"é"`, "schema.MinLength"},
		{`{"maxLength": 1}`, `"éé"`, "schema.MaxLength"},
		{`{"pattern": "\\S"}`, `" "`, "schema.Pattern"},
		{`{"minimum": 1, "maximum": 5}`, `0.5`, "schema.Minimum"},
		{`{"maximum": 5}`, `1e300`, "schema.Maximum"},
		{`{"oneOf": [{"type": "string"}, {"minLength": 1}]}`, `"x"`, "schema.OneOf"},
		{`{"oneOf": [{"type": "string"}, {"type": "array"}]}`, `3`, "schema.OneOf"},
		{`{"anyOf": [{"type": "string"}, {"type": "array"}]}`, `3`, "schema.AnyOf"},
		{`{"allOf": [{"minimum": 1}, {"maximum": 0}]}`, `3`, "schema.AllOf"},
		{`{"$defs": {"d": {"type": "string", "minLength": 3}}, "properties": {"a": {"$ref": "#/$defs/d"}}}`, `{"a": "x"}`, "schema.Reference"},
		{`{"$defs": {"d": {"$ref": "#/$defs/e"}, "e": {"type": "string"}}, "$ref": "#/$defs/d"}`, `1`, "schema.Reference"},
		{`{"properties": {"a": false}}`, `{"a": 1}`, "schema.FalseSchema"},
		{`{"properties": {"a": true}}`, `{"a": 1}`, ""},
		// A reference found while resolving another.
		{`{"examples": [{"$ref": "#/examples/1"}, {"type": "string"}], "$ref": "#/examples/0"}`, `1`, "schema.Reference"},
		// A schema that refers to itself through properties ends with the value.
		{`{"$defs": {"t": {"type": "object", "properties": {"c": {"$ref": "#/$defs/t"}}}}, "$ref": "#/$defs/t"}`, `{"c": {"c": 1}}`, "schema.Reference"},
		// Keys that a JSON pointer must escape.
		{`{"properties": {"x/properties/y": {"type": "string"}, "x": {"properties": {"y": {"type": "number"}}}, "a~b": {"type": "string"}}, "$defs": {"p/q": {"type": "boolean"}}, "additionalProperties": {"$ref": "#/$defs/p~1q"}}`, `{"x": {"y": 1}, "a~b": "s", "z": 1}`, "schema.Reference"},
		// Several problems under a reference and under propertyNames.
		{`{"$defs": {"d": {"type": "string", "minLength": 3, "pattern": "^a"}}, "properties": {"a": {"$ref": "#/$defs/d"}}}`, `{"a": "x"}`, "schema.Reference"},
		{`{"propertyNames": {"minLength": 3, "pattern": "^a"}}`, `{"x": 1}`, "schema.PropertyNames"},
		{`{"$defs": {"k": {"minLength": 3, "pattern": "^a"}}, "propertyNames": {"$ref": "#/$defs/k"}}`, `{"x": 1}`, "schema.PropertyNames"},
	} {
		text := `{` + dialect + `, ` + strings.TrimPrefix(tt.schema, "{")
		doc := decode(t, text)
		ours, err := schema.Compile(doc.(map[string]any))
		if err != nil {
			t.Fatalf("%s: %v", tt.schema, err)
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("https://careerlint.invalid/t.json", decode(t, text)); err != nil {
			t.Fatal(err)
		}
		lib, err := c.Compile("https://careerlint.invalid/t.json")
		if err != nil {
			t.Fatalf("%s: the library: %v", tt.schema, err)
		}
		value := tt.value
		if s, ok := value.(string); ok {
			value = decode(t, s)
		}
		var got, want *schema.ValidationError
		if err := ours.Validate(value); err != nil {
			got = err.(*schema.ValidationError)
		}
		if err := lib.Validate(value); err != nil {
			var ve *jsonschema.ValidationError
			if !errors.As(err, &ve) {
				t.Fatal(err)
			}
			if want, err = schematest.FromLibrary(ve); err != nil {
				t.Fatal(err)
			}
		}
		if (got == nil) != (want == nil) || got != nil && schematest.Canon(got) != schematest.Canon(want) {
			t.Errorf("%s with %v:\nours:\n%v\nthe library's:\n%v", tt.schema, tt.value, got, want)
			continue
		}
		first := ""
		if got != nil {
			first = kindName(got.Causes[0])
		}
		if first != tt.want {
			t.Errorf("%s with %v: first problem %q, want %q\n%v", tt.schema, tt.value, first, tt.want, got)
		}
	}
}

func kindName(e *schema.ValidationError) string { return fmt.Sprintf("%T", e.ErrorKind) }
