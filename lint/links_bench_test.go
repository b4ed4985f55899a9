package lint_test

import (
	"context"
	"os"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
	"gitlab.com/careerlint/careerlint/rules"
)

// BenchmarkLinksRun runs the link check of `careerlint links` in process
// over the tree CAREERLINT_BENCH_TREE names (scripts/bench.sh generates
// one), for profiling with -cpuprofile and -memprofile:
//
//	CAREERLINT_BENCH_TREE=/tmp/careerlint-bench-4500-58 go test -run '^$' -bench LinksRun -cpuprofile cpu.out ./lint/
func BenchmarkLinksRun(b *testing.B) {
	root := os.Getenv("CAREERLINT_BENCH_TREE")
	if root == "" {
		b.Skip("CAREERLINT_BENCH_TREE is not set")
	}
	for b.Loop() {
		_, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: rules.LinkRules(), KnownRules: rules.All(), SuppressionRule: rules.Suppression, AllMarkdown: true, Lean: true})
		if err != nil {
			b.Fatal(err)
		}
	}
}
