package lint

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// ClosestIndex answers Closest for one list of candidates asked again and
// again (the anchors of a page that thousands of links miss): past its
// first few questions it builds, once, a trie of the candidates
// lower-cased, which each question then walks with one row of the edit
// distance table a node, so that candidates sharing a start share its
// rows, and a subtree no row of which is within the distance, or whose
// names are all too short or too long, is skipped whole. Its answers are
// Closest's, ties included. It is safe for concurrent use.
type ClosestIndex struct {
	candidates []string
	asked      atomic.Int64
	once       sync.Once
	trie       *closestTrie
}

// NewClosestIndex returns the index of candidates, which it keeps and
// which must not change after.
func NewClosestIndex(candidates []string) *ClosestIndex {
	return &ClosestIndex{candidates: candidates}
}

// closestTrieAfter is how many questions a ClosestIndex answers by
// reading every candidate (Closest) before it builds its trie, and
// closestTrieMin the fewest candidates it builds one for: building costs
// about as much as a few readings, which a handful of questions about a
// short list, the common case, would not win back.
const (
	closestTrieAfter = 8
	closestTrieMin   = 32
)

// Closest returns what Closest(s, candidates, maxDist) returns.
func (x *ClosestIndex) Closest(s string, maxDist int) string {
	if len(x.candidates) < closestTrieMin || x.asked.Add(1) <= closestTrieAfter {
		return Closest(s, x.candidates, maxDist)
	}
	x.once.Do(func() { x.trie = newClosestTrie(x.candidates) })
	return x.trie.closest(s, maxDist)
}

// closestTrie holds candidates lower-cased as a trie whose nodes are laid
// out in depth-first order, so that a node's subtree is the nodes from it
// up to its end.
type closestTrie struct {
	nodes []trieNode
	// names holds, for each lower-cased form a node ends, the candidates
	// of that form, sorted and without repeats.
	names [][]string
}

type trieNode struct {
	r     rune  // the rune the node adds to its parent's prefix
	depth int32 // the prefix's length in runes
	end   int32 // the index after the node's subtree
	// names is the index in names of the candidates the prefix is the
	// lower-cased form of, or -1.
	names int32
	// minLen and maxLen bound the lengths in runes of the candidates in
	// the subtree.
	minLen, maxLen int32
}

// newClosestTrie builds the trie of candidates: sorted by their
// lower-cased forms, each shares with the one before it the nodes of
// their common start and adds nodes for the rest.
func newClosestTrie(candidates []string) *closestTrie {
	type entry struct {
		lower []rune
		name  string
	}
	entries := make([]entry, len(candidates))
	for i, c := range candidates {
		entries[i] = entry{[]rune(strings.ToLower(c)), c}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := slices.Compare(a.lower, b.lower); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	t := &closestTrie{nodes: []trieNode{{names: -1, minLen: 1<<31 - 1, maxLen: -1}}}
	path := []int32{0} // the nodes of the last form, by depth
	var prev []rune
	for k, e := range entries {
		if k > 0 && slices.Equal(e.lower, prev) {
			if names := &t.names[len(t.names)-1]; (*names)[len(*names)-1] != e.name {
				*names = append(*names, e.name)
			}
			continue
		}
		p := 0
		for p < len(prev) && p < len(e.lower) && prev[p] == e.lower[p] {
			p++
		}
		// The nodes past the common start are complete: their subtrees
		// end here.
		for _, i := range path[p+1:] {
			t.nodes[i].end = int32(len(t.nodes))
		}
		path = path[:p+1]
		for d := p; d < len(e.lower); d++ {
			path = append(path, int32(len(t.nodes)))
			t.nodes = append(t.nodes, trieNode{r: e.lower[d], depth: int32(d + 1), names: -1, minLen: 1<<31 - 1, maxLen: -1})
		}
		n := int32(len(e.lower))
		for _, i := range path {
			t.nodes[i].minLen = min(t.nodes[i].minLen, n)
			t.nodes[i].maxLen = max(t.nodes[i].maxLen, n)
		}
		t.nodes[path[len(path)-1]].names = int32(len(t.names))
		t.names = append(t.names, []string{e.name})
		prev = e.lower
	}
	for _, i := range path {
		t.nodes[i].end = int32(len(t.nodes))
	}
	return t
}

// closest returns what Closest(s, candidates, maxDist) returns: of the
// candidates other than s whose distance to s is within maxDist and half
// the length of s, the nearest, and of those the first in sort order. It
// walks the trie computing, for each node, the row of the edit distance
// table of its prefix against s (as editDistanceWithin, in the band of
// cells within the limit of the diagonal), and skips the subtree of a
// node whose row has no cell within the best distance found so far (no
// longer prefix can come back within it: a swap reaches back two rows,
// but through a cell of the row between that is within it too), or whose
// candidates' lengths are all too far from that of s.
func (t *closestTrie) closest(s string, maxDist int) string {
	if maxDist+1 <= 0 {
		return "" // as Closest, which starts from maxDist+1
	}
	q := []rune(strings.ToLower(s))
	m := len(q)
	limit := min(maxDist, utf8.RuneCountInString(s)/2)
	if limit < 0 {
		return ""
	}
	best, bestD := "", limit
	sc := trieScratch.Get().(*trieWalk)
	defer trieScratch.Put(sc)
	// The rows of the nodes on the path, by depth, each of m+1 cells,
	// and the path's runes.
	rows, path := sc.rows[:0], sc.path[:0]
	defer func() { sc.rows, sc.path = rows, path }()
	grow := func() {
		d := len(rows)
		if d < cap(rows) {
			rows = rows[:d+1]
		} else {
			rows = append(rows, nil)
		}
		if cap(rows[d]) < m+1 {
			rows[d] = make([]int, m+1)
		}
		rows[d] = rows[d][:m+1]
		path = append(path, 0)
	}
	grow()
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 0; i < len(t.nodes); {
		nd := &t.nodes[i]
		depth := int(nd.depth)
		if int(nd.minLen) > m+bestD || int(nd.maxLen) < m-bestD {
			i = int(nd.end)
			continue
		}
		if depth > 0 {
			if depth >= len(rows) {
				grow()
			}
			path[depth] = nd.r
			if row(rows, path, q, depth, limit) > bestD {
				i = int(nd.end)
				continue
			}
		}
		if nd.names >= 0 && depth-m <= limit && m-depth <= limit {
			if d := rows[depth][m]; d <= bestD {
				for _, c := range t.names[nd.names] {
					if c == s {
						continue
					}
					if d < bestD || best == "" || c < best {
						best, bestD = c, d
					}
					break // the names are sorted: the first other than s is the least
				}
			}
		}
		i++
	}
	return best
}

// trieWalk is the memory of a walk of a closestTrie, kept for the next.
type trieWalk struct {
	rows [][]int
	path []rune
}

var trieScratch = sync.Pool{New: func() any { return new(trieWalk) }}

// row fills rows[i], the row of the edit distance table of the prefix
// path[1:i+1] against q, from the two rows above it, in the band of cells
// within limit of the diagonal (the cells just outside it set to
// limit+1), and returns its least cell.
func row(rows [][]int, path []rune, q []rune, i, limit int) int {
	m := len(q)
	prev, cur := rows[i-1], rows[i]
	var prev2 []int
	if i > 1 {
		prev2 = rows[i-2]
	}
	a := path[i]
	cur[0] = i
	low := i
	lo, hi := max(1, i-limit), min(m, i+limit)
	if lo > hi {
		return low // no cell of the row is within the limit (low is i, past it)
	}
	if lo > 1 {
		cur[lo-1] = limit + 1
	}
	if hi < m {
		cur[hi+1] = limit + 1
	}
	for j := lo; j <= hi; j++ {
		cost := 1
		if a == q[j-1] {
			cost = 0
		}
		c := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		if i > 1 && j > 1 && a == q[j-2] && path[i-1] == q[j-1] {
			c = min(c, prev2[j-2]+1)
		}
		cur[j] = c
		low = min(low, c)
	}
	return low
}
