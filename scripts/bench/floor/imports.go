//go:build !bench_empty

package main

// The third-party packages the careerlint command's own packages import;
// floor_test.go keeps this list in step with them.
import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/fatih/color"
	_ "github.com/mattn/go-isatty"
	_ "github.com/sourcegraph/jsonrpc2"
	_ "github.com/yuin/goldmark"
	_ "github.com/yuin/goldmark/ast"
	_ "github.com/yuin/goldmark/extension"
	_ "github.com/yuin/goldmark/extension/ast"
	_ "github.com/yuin/goldmark/parser"
	_ "github.com/yuin/goldmark/renderer/html"
	_ "github.com/yuin/goldmark/text"
	_ "github.com/yuin/goldmark/util"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/text/runes"
	_ "golang.org/x/text/transform"
	_ "golang.org/x/text/unicode/norm"
	_ "golang.org/x/text/width"
)
