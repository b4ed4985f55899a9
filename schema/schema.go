// Package schema owns careerlint's JSON Schemas, embedded into the binary:
// the configuration file (config.schema.json), page front matter
// (frontmatter.schema.json) and the JSON output (output.schema.json), plus
// the SARIF 2.1.0 schema that the sarif output is tested against; and the
// validator that checks configuration and front matter against theirs at
// run time (validate.go). The tests check every schema, and that
// validator, against a JSON Schema library (package schematest).
package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

//go:embed *.json
var files embed.FS

// The embedded schema file names.
const (
	Config      = "config.schema.json"
	FrontMatter = "frontmatter.schema.json"
	Output      = "output.schema.json"
	// SARIF is the SARIF 2.1.0 JSON Schema (draft-04), in the rtm.5
	// revision that SchemaStore publishes, copied unchanged from
	// the MIT-licensed npm package @microsoft/jest-sarif 1.0.0-beta.0
	// (lib/schemas/sarif-2.1.0-rtm.5.json).
	SARIF = "sarif-2.1.0-rtm.5.json"
)

// Raw returns the text of an embedded schema.
func Raw(name string) ([]byte, error) { return files.ReadFile(name) }

// Doc returns an embedded schema decoded as plain JSON values, numbers
// as json.Number. It is decoded once and shared: callers read it only.
func Doc(name string) (map[string]any, error) {
	docMu.Lock()
	defer docMu.Unlock()
	if d, ok := docs[name]; ok {
		return d, nil
	}
	b, err := Raw(name)
	if err != nil {
		return nil, err
	}
	v, err := decodeJSON(b)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema %s is not an object", name)
	}
	docs[name] = m
	return m, nil
}

var (
	docMu sync.Mutex
	docs  = map[string]map[string]any{}
)

// decodeJSON decodes one JSON value, numbers as json.Number, and fails on
// anything after it.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("text after the JSON value")
	}
	return v, nil
}

var (
	mu       sync.Mutex
	compiled = map[string]*Schema{}
)

// Compiled returns an embedded schema compiled once for validation. Only
// the configuration and front matter schemas compile: the validator takes
// the keywords they use (see validate.go).
func Compiled(name string) (*Schema, error) {
	mu.Lock()
	defer mu.Unlock()
	if s, ok := compiled[name]; ok {
		return s, nil
	}
	doc, err := Doc(name)
	if err != nil {
		return nil, err
	}
	s, err := Compile(doc)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	compiled[name] = s
	return s, nil
}
