// Package schema owns careerlint's JSON Schemas, embedded into the binary:
// the configuration file (config.schema.json), page front matter
// (frontmatter.schema.json) and the JSON output (output.schema.json), plus
// the SARIF 2.1.0 schema that the sarif output is tested against.
package schema

import (
	"bytes"
	"embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
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

// Doc returns an embedded schema decoded as plain JSON values.
func Doc(name string) (map[string]any, error) {
	b, err := Raw(name)
	if err != nil {
		return nil, err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema %s is not an object", name)
	}
	return m, nil
}

var (
	mu       sync.Mutex
	compiled = map[string]*jsonschema.Schema{}
)

// Compiled returns an embedded schema compiled once for validation.
func Compiled(name string) (*jsonschema.Schema, error) {
	mu.Lock()
	defer mu.Unlock()
	if s, ok := compiled[name]; ok {
		return s, nil
	}
	doc, err := Doc(name)
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

// ValidateJSON validates a JSON document against an embedded schema.
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
