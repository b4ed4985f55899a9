package main

import (
	"io"
	"strings"
	"testing"
)

func BenchmarkTmpCareer(b *testing.B) {
	for i := 0; i < b.N; i++ {
		run([]string{"--root", "/tmp/careerlint-bench-4500-58", "--format", "json"}, strings.NewReader(""), io.Discard, io.Discard)
	}
}
