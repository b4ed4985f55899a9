package main

import (
	"fmt"
	"slices"
	"strings"
)

// This file writes the unified diff of --diff. Its output is the one
// go-difflib's GetUnifiedDiffString gives (Python's difflib.unified_diff:
// the longest block of equal lines first, then the same on each side of
// it; lines found in more than 1% of a file of 200 lines or more match
// only next to a block), which --diff printed before: the same hunks,
// byte for byte. difflib reads every line of what is left after each
// block it finds, so a file with a change on every other line (thousands
// of list-marker fixes) took time quadratic in its length: 13 s for
// 20,000 lines. Here each search skips the lines whose longest run of
// equal lines is no longer than the block it already has, which it learns
// from a table built once.

// unifiedDiff returns the unified diff, with context lines of context,
// between a and b, lines that each end with their "\n", headed by from
// and to; "" when they are equal.
func unifiedDiff(a, b []string, from, to string, context int) string {
	groups := groupOps(newLineMatcher(a, b).opcodes(), context)
	if len(groups) == 0 {
		return ""
	}
	var s strings.Builder
	fmt.Fprintf(&s, "--- %s\n+++ %s\n", from, to)
	for _, g := range groups {
		first, last := g[0], g[len(g)-1]
		fmt.Fprintf(&s, "@@ -%s +%s @@\n", hunkRange(first.i1, last.i2), hunkRange(first.j1, last.j2))
		for _, op := range g {
			if op.tag == opEqual {
				for _, l := range a[op.i1:op.i2] {
					s.WriteString(" " + l)
				}
				continue
			}
			for _, l := range a[op.i1:op.i2] {
				s.WriteString("-" + l)
			}
			for _, l := range b[op.j1:op.j2] {
				s.WriteString("+" + l)
			}
		}
	}
	return s.String()
}

// hunkRange writes the lines [start, stop) of a file as a hunk header
// does: "5" for one line, "5,3" for three, and for none the line before
// them ("4,0").
func hunkRange(start, stop int) string {
	switch n := stop - start; n {
	case 1:
		return fmt.Sprint(start + 1)
	case 0:
		return fmt.Sprintf("%d,0", start)
	default:
		return fmt.Sprintf("%d,%d", start+1, n)
	}
}

// lineMatcher finds the blocks of equal lines of two files.
type lineMatcher struct {
	a, b []string
	// cands holds, for each line of a, the lines of b equal to it, in
	// order, but none for a line frequent in b (more than 1% of its
	// lines, in a file of 200 lines or more): those match only next to
	// a block of other lines.
	cands [][]int32
	// runs holds, beside each of cands, the length of the run of
	// candidate pairs (each line of a with one of cands) that ends there,
	// on its diagonal.
	runs [][]int32
	// longest is a tree of the longest of each line's runs, for finding
	// the next line of a with a run longer than a given length.
	longest maxTree
}

// newLineMatcher indexes the lines of b and the runs of equal lines
// between a and b.
func newLineMatcher(a, b []string) *lineMatcher {
	m := &lineMatcher{a: a, b: b, cands: make([][]int32, len(a)), runs: make([][]int32, len(a))}
	at := map[string][]int32{}
	for j, l := range b {
		at[l] = append(at[l], int32(j))
	}
	if len(b) >= 200 {
		most := len(b)/100 + 1
		for l, js := range at {
			if len(js) > most {
				delete(at, l)
			}
		}
	}
	rowMax := make([]int32, len(a))
	for i, l := range a {
		js := at[l]
		if len(js) == 0 {
			continue
		}
		m.cands[i] = js
		runs := make([]int32, len(js))
		var prev, prevRuns []int32
		if i > 0 {
			prev, prevRuns = m.cands[i-1], m.runs[i-1]
		}
		p := 0
		for t, j := range js {
			// The pair before it on its diagonal: line i-1 of a and
			// line j-1 of b, if a candidate pair.
			for p < len(prev) && prev[p] < j-1 {
				p++
			}
			runs[t] = 1
			if p < len(prev) && prev[p] == j-1 {
				runs[t] = prevRuns[p] + 1
			}
			rowMax[i] = max(rowMax[i], runs[t])
		}
		m.runs[i] = runs
	}
	m.longest = newMaxTree(rowMax)
	return m
}

// block is a run of size equal lines, from line i of a and line j of b.
type block struct{ i, j, size int }

// longestBlock returns the longest block of equal lines in a[alo:ahi]
// and b[blo:bhi]: the longest run of candidate pairs, the one that starts
// first in a and then first in b among the longest, grown by the equal
// lines around it (frequent ones); size 0 when there is none.
func (m *lineMatcher) longestBlock(alo, ahi, blo, bhi int) block {
	best := block{alo, blo, 0}
	// A line of a whose runs are all no longer than the best so far
	// cannot hold a longer one: the search goes to the next that can.
	for i := m.longest.next(alo, ahi, 0); i < ahi; i = m.longest.next(i+1, ahi, int32(best.size)) {
		js, runs := m.cands[i], m.runs[i]
		t, _ := slices.BinarySearch(js, int32(blo))
		for ; t < len(js) && int(js[t]) < bhi; t++ {
			j := int(js[t])
			// The run that ends at (i, j) within the lines searched.
			k := min(int(runs[t]), i-alo+1, j-blo+1)
			if k > best.size {
				best = block{i - k + 1, j - k + 1, k}
			}
		}
	}
	for best.i > alo && best.j > blo && m.a[best.i-1] == m.b[best.j-1] {
		best = block{best.i - 1, best.j - 1, best.size + 1}
	}
	for best.i+best.size < ahi && best.j+best.size < bhi && m.a[best.i+best.size] == m.b[best.j+best.size] {
		best.size++
	}
	return best
}

// blocks returns the blocks of equal lines in order, those that touch
// joined, ending with an empty block at the ends of a and b: the longest
// block, then the blocks before it and after it found the same way.
func (m *lineMatcher) blocks() []block {
	type area struct{ alo, ahi, blo, bhi int }
	var found []block
	todo := []area{{0, len(m.a), 0, len(m.b)}}
	for len(todo) > 0 {
		r := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		bl := m.longestBlock(r.alo, r.ahi, r.blo, r.bhi)
		if bl.size == 0 {
			continue
		}
		found = append(found, bl)
		if r.alo < bl.i && r.blo < bl.j {
			todo = append(todo, area{r.alo, bl.i, r.blo, bl.j})
		}
		if bl.i+bl.size < r.ahi && bl.j+bl.size < r.bhi {
			todo = append(todo, area{bl.i + bl.size, r.ahi, bl.j + bl.size, r.bhi})
		}
	}
	slices.SortFunc(found, func(x, y block) int { return x.i - y.i })
	var out []block
	for _, bl := range found {
		if n := len(out); n > 0 && out[n-1].i+out[n-1].size == bl.i && out[n-1].j+out[n-1].size == bl.j {
			out[n-1].size += bl.size
			continue
		}
		out = append(out, bl)
	}
	return append(out, block{len(m.a), len(m.b), 0})
}

// opTag is what an op does.
type opTag byte

const (
	opEqual   opTag = 'e'
	opReplace opTag = 'r'
	opDelete  opTag = 'd'
	opInsert  opTag = 'i'
)

// op turns a[i1:i2] into b[j1:j2].
type op struct {
	tag            opTag
	i1, i2, j1, j2 int
}

// opcodes returns the ops that turn a into b, in order.
func (m *lineMatcher) opcodes() []op {
	var ops []op
	i, j := 0, 0
	for _, bl := range m.blocks() {
		switch {
		case i < bl.i && j < bl.j:
			ops = append(ops, op{opReplace, i, bl.i, j, bl.j})
		case i < bl.i:
			ops = append(ops, op{opDelete, i, bl.i, j, bl.j})
		case j < bl.j:
			ops = append(ops, op{opInsert, i, bl.i, j, bl.j})
		}
		i, j = bl.i+bl.size, bl.j+bl.size
		if bl.size > 0 {
			ops = append(ops, op{opEqual, bl.i, i, bl.j, j})
		}
	}
	return ops
}

// groupOps cuts ops into the hunks of a unified diff with n lines of
// context: an equal op longer than 2n lines ends a hunk after its first n
// lines and starts the next with its last n. A lone equal op is no hunk.
func groupOps(ops []op, n int) [][]op {
	if len(ops) == 0 {
		return nil
	}
	if o := &ops[0]; o.tag == opEqual {
		o.i1, o.j1 = max(o.i1, o.i2-n), max(o.j1, o.j2-n)
	}
	if o := &ops[len(ops)-1]; o.tag == opEqual {
		o.i2, o.j2 = min(o.i2, o.i1+n), min(o.j2, o.j1+n)
	}
	var groups [][]op
	var g []op
	for _, o := range ops {
		if o.tag == opEqual && o.i2-o.i1 > 2*n {
			g = append(g, op{opEqual, o.i1, min(o.i2, o.i1+n), o.j1, min(o.j2, o.j1+n)})
			groups = append(groups, g)
			g = nil
			o.i1, o.j1 = max(o.i1, o.i2-n), max(o.j1, o.j2-n)
		}
		g = append(g, o)
	}
	if len(g) > 0 && !(len(g) == 1 && g[0].tag == opEqual) {
		groups = append(groups, g)
	}
	return groups
}

// maxTree answers, over a list of lengths, which is the first at or
// after an index that is longer than a given length.
type maxTree struct {
	n    int
	tree []int32 // tree[1] is the longest of all; tree[k]'s children are 2k and 2k+1
	size int     // leaves, a power of two; leaf x is tree[size+x]
}

// newMaxTree builds the tree over vals.
func newMaxTree(vals []int32) maxTree {
	size := 1
	for size < len(vals) {
		size *= 2
	}
	t := maxTree{n: len(vals), tree: make([]int32, 2*size), size: size}
	copy(t.tree[size:], vals)
	for k := size - 1; k >= 1; k-- {
		t.tree[k] = max(t.tree[2*k], t.tree[2*k+1])
	}
	return t
}

// next returns the first index x in [from, to) whose value is over v, or
// to when there is none.
func (t maxTree) next(from, to int, v int32) int {
	if from >= to {
		return to
	}
	x := t.first(1, 0, t.size, from, v)
	if x < 0 || x >= to {
		return to
	}
	return x
}

// first returns the first index at or after from, within the node k
// that spans [lo, hi), whose value is over v, or -1.
func (t maxTree) first(k, lo, hi, from int, v int32) int {
	if hi <= from || t.tree[k] <= v {
		return -1
	}
	if hi-lo == 1 {
		return lo
	}
	mid := (lo + hi) / 2
	if x := t.first(2*k, lo, mid, from, v); x >= 0 {
		return x
	}
	return t.first(2*k+1, mid, hi, from, v)
}
