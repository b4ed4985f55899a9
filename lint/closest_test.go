package lint

import (
	"math"
	"math/rand"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestClosestTrieOracle: the trie's answer is Closest's, ties included, on
// random short strings over a small alphabet with case variation, accents
// that lower-case to another rune, a rune outside the BMP and a byte that
// is not UTF-8, against random lists with repeats and case variants of
// the question.
func TestClosestTrieOracle(t *testing.T) {
	rng := rand.New(rand.NewSource(162))
	alphabet := []string{"a", "b", "A", "B", "é", "É", "-", "🤝", "İ", "\xff", "ǅ"}
	word := func(maxLen int) string {
		var b strings.Builder
		for range rng.Intn(maxLen + 1) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}
	for i := 0; i < 30000; i++ {
		s := word(7)
		pool := make([]string, 1+rng.Intn(12))
		for k := range pool {
			pool[k] = word(8)
		}
		pool = append(pool, s, strings.ToUpper(s), strings.ToLower(s))
		cands := make([]string, rng.Intn(40))
		for k := range cands {
			cands[k] = pool[rng.Intn(len(pool))]
		}
		maxDist := rng.Intn(9) - 2
		want := Closest(s, cands, maxDist)
		if got := newClosestTrie(cands).closest(s, maxDist); got != want {
			t.Fatalf("trie closest(%q, %q, %d) = %q, want %q", s, cands, maxDist, got, want)
		}
	}
}

// TestClosestTrieExhaustive: the trie's answer is Closest's for every
// string of up to three runes over {a, b, A} asked of every list of one or
// two such strings and of the list of all of them, for every distance up
// to three (and a negative one, and the largest int, which Closest turns
// into "nothing is close").
func TestClosestTrieExhaustive(t *testing.T) {
	words := []string{""}
	for l := 1; l <= 3; l++ {
		for _, w := range words {
			if len(w) == l-1 {
				for _, r := range []string{"a", "b", "A"} {
					words = append(words, w+r)
				}
			}
		}
	}
	dists := []int{-1, 0, 1, 2, 3, math.MaxInt}
	check := func(cands []string) {
		trie := newClosestTrie(cands)
		for _, s := range words {
			for _, d := range dists {
				if got, want := trie.closest(s, d), Closest(s, cands, d); got != want {
					t.Fatalf("trie closest(%q, %q, %d) = %q, want %q", s, cands, d, got, want)
				}
			}
		}
	}
	check(words)
	check(nil)
	for _, a := range words {
		check([]string{a})
		for _, b := range words {
			check([]string{a, b})
		}
	}
}

// TestClosestIndex: past its first questions, the index answers from its
// trie, built once, as Closest does, also when many goroutines ask at
// once; a short list is read every time.
func TestClosestIndex(t *testing.T) {
	var cands []string
	for i := range 300 {
		cands = append(cands, "heading-number-"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	x := NewClosestIndex(cands)
	queries := []string{"headng-number-ab", "heading-number-xxzz", "Heading-Number-xba", "nothing", "heading-number-aa"}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				q := queries[(g+k)%len(queries)]
				for _, d := range []int{1, 2, 4} {
					if got, want := x.Closest(q, d), Closest(q, cands, d); got != want {
						t.Errorf("index Closest(%q, %d) = %q, want %q", q, d, got, want)
					}
				}
			}
		}()
	}
	wg.Wait()
	if x.trie == nil {
		t.Errorf("no trie built after %d questions", x.asked.Load())
	}
	short := NewClosestIndex(cands[:closestTrieMin-1])
	for range 2 * closestTrieAfter {
		short.Closest("heading", 2)
	}
	if short.trie != nil {
		t.Errorf("a trie built for %d candidates", closestTrieMin-1)
	}
}

// BenchmarkClosestIndex asks q questions of a list of n anchors, each a
// near miss of one, by reading every anchor for each (Closest) and
// through a ClosestIndex made for the list: with a handful of questions
// (the common case) the index reads every anchor as Closest does; with
// thousands it walks its trie.
//
//	go test -run '^$' -bench ClosestIndex ./lint/
func BenchmarkClosestIndex(b *testing.B) {
	for _, size := range []struct{ n, q int }{{30, 5}, {300, 5}, {500, 500}, {2000, 2000}} {
		var anchors, frags []string
		for i := range size.n {
			anchors = append(anchors, "senior-leadership-competency-"+strconv.Itoa(i))
		}
		for i := range size.q {
			frags = append(frags, "senior-leadrship-competency-"+strconv.Itoa(i*7%size.n)+"x")
		}
		name := strconv.Itoa(size.q) + "-of-" + strconv.Itoa(size.n)
		b.Run("closest/"+name, func(b *testing.B) {
			for b.Loop() {
				for _, f := range frags {
					Closest(f, anchors, 2)
				}
			}
		})
		b.Run("index/"+name, func(b *testing.B) {
			for b.Loop() {
				x := NewClosestIndex(anchors)
				for _, f := range frags {
					x.Closest(f, 2)
				}
			}
		})
	}
}

// TestSuggestTargetAnchor: the did-you-mean among a target's anchors,
// through the index of them built once, is suggestAnchor's among the
// same anchors, for many fragments of the page (its trie answers past the
// first few); of anchors that differ from the fragment in case or in how
// an accent is encoded, it is the first on the page.
func TestSuggestTargetAnchor(t *testing.T) {
	var page strings.Builder
	page.WriteString("---\ntitle: Senior\n---\n## Zeta {#Results}\n## Results\n## Re\u0301sume\u0301 {#re\u0301sume\u0301}\n## Résumé\n")
	for i := range 200 {
		page.WriteString("## Senior leadership competency " + strconv.Itoa(i) + "\n")
	}
	const file = "content/handbook/senior.md"
	s := newTestSite(t, map[string]string{file: page.String()}, file)
	_, list, ok := s.TargetAnchors(file)
	if !ok || len(list) != 204 {
		t.Fatalf("anchors of the page: %q", list)
	}
	for frag, want := range map[string]string{
		"RESULTS":                        "Results",
		"results":                        "Results",
		"RÉSUMÉ":                         "résumé",
		"re\u0301sumé":                   "re\u0301sume\u0301",
		"leadership-competency-42":       "senior-leadership-competency-42",
		"senior-leadrship-competency-7x": "senior-leadership-competency-7",
	} {
		if got := s.SuggestTargetAnchor(file, frag); got != want {
			t.Errorf("SuggestTargetAnchor(%q) = %q, want %q", frag, got, want)
		}
	}
	rng := rand.New(rand.NewSource(3))
	for range 300 {
		f := []byte(list[rng.Intn(len(list))])
		for range 1 + rng.Intn(3) {
			i := rng.Intn(len(f))
			switch rng.Intn(3) {
			case 0:
				f[i] = "aex-1"[rng.Intn(5)]
			case 1:
				f = append(f[:i], f[i+1:]...)
			default:
				f = append(f[:i], append([]byte{'s'}, f[i:]...)...)
			}
			if len(f) == 0 {
				f = []byte("x")
			}
		}
		frag := string(f)
		if got, want := s.SuggestTargetAnchor(file, frag), suggestAnchor(frag, list); got != want {
			t.Fatalf("SuggestTargetAnchor(%q) = %q, suggestAnchor's is %q", frag, got, want)
		}
	}
	if ix := &s.Target(file).anchorSet.Load().index.Load().closest; ix.trie == nil {
		t.Errorf("no trie built after %d questions", ix.asked.Load())
	}
}

// TestClosestTrieRealisticAnchors: the trie's answer is Closest's on long
// anchors as pages have them (words joined by hyphens, numbered
// duplicates, shared starts), asked about near misses of them (a rune
// changed, dropped, doubled or swapped with its neighbour, a case
// changed, a word dropped), for distances from 0 to past their length.
func TestClosestTrieRealisticAnchors(t *testing.T) {
	if raceEnabled {
		t.Skip("asks on one goroutine: nothing for the race detector, and a long run under it")
	}
	rng := rand.New(rand.NewSource(166))
	words := []string{"senior", "leadership", "competencies", "competency", "values", "results", "engineering", "manager", "staff", "principal", "Intermediate", "résumé", "re\u0301sume\u0301", "ci", "cd", "a", "ß", "ǆ", "İstanbul", "🤝", "x"}
	anchor := func() string {
		n := 1 + rng.Intn(5)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = words[rng.Intn(len(words))]
		}
		a := strings.Join(parts, "-")
		if rng.Intn(3) == 0 {
			a += "-" + strconv.Itoa(1+rng.Intn(12))
		}
		return a
	}
	mutate := func(s string) string {
		r := []rune(s)
		for range rng.Intn(4) {
			if len(r) == 0 {
				break
			}
			i := rng.Intn(len(r))
			switch rng.Intn(6) {
			case 0:
				r[i] = []rune("aeiou-1xé")[rng.Intn(9)]
			case 1:
				r = append(r[:i:i], r[i+1:]...)
			case 2:
				r = append(r[:i+1:i+1], r[i:]...)
			case 3:
				if i+1 < len(r) {
					r[i], r[i+1] = r[i+1], r[i]
				}
			case 4:
				r[i] = []rune(strings.ToUpper(string(r[i])))[0]
			default:
				if _, rest, ok := strings.Cut(string(r), "-"); ok {
					r = []rune(rest)
				}
			}
		}
		return string(r)
	}
	for range 300 {
		var cands []string
		base := anchor()
		for range 32 + rng.Intn(200) {
			switch rng.Intn(4) {
			case 0:
				cands = append(cands, anchor())
			case 1:
				cands = append(cands, base+"-"+strconv.Itoa(rng.Intn(30)))
			case 2:
				cands = append(cands, mutate(base))
			default:
				if len(cands) > 0 {
					cands = append(cands, mutate(cands[rng.Intn(len(cands))]))
				} else {
					cands = append(cands, base)
				}
			}
		}
		trie := newClosestTrie(cands)
		for range 20 {
			var q string
			switch rng.Intn(3) {
			case 0:
				q = mutate(cands[rng.Intn(len(cands))])
			case 1:
				q = cands[rng.Intn(len(cands))]
			default:
				q = mutate(base)
			}
			for _, d := range []int{0, 1, 2, 3, 5, 8, 40} {
				if got, want := trie.closest(q, d), Closest(q, cands, d); got != want {
					t.Fatalf("trie closest(%q, %d) = %q, want %q (candidates %q)", q, d, got, want, cands)
				}
			}
		}
	}
}

// FuzzClosestIndex: for any list of names (the lines of names, repeats,
// case variants and bytes that are not UTF-8 included) and any question,
// the trie's answer is Closest's, ties included, for distances from -2 to
// 9 and the largest int, asked of the question, its upper- and
// lower-cased forms and the first names; and a ClosestIndex of the list, asked
// the same questions (past its first few, from its trie when the list is
// long enough), answers as Closest does.
func FuzzClosestIndex(f *testing.F) {
	var long strings.Builder
	for i := range 40 {
		long.WriteString("heading-number-" + strconv.Itoa(i) + "\n")
	}
	for _, s := range []struct {
		names, q string
		d        uint8
	}{
		{"results\nResults\nvalues\n", "resluts", 4},
		{"résumé\nre\u0301sume\u0301\nRÉSUMÉ\n", "resume", 5},
		{"a\nb\nab\nba\n\n", "", 3},
		{"İstanbul\nistanbul\nǅ\nǆ\n🤝\n\xff\xfe\n", "\xffİ", 255},
		{long.String(), "heading-numbr-17", 4},
		{long.String(), "Heading-Number-4x", 2},
	} {
		f.Add(s.names, s.q, s.d)
	}
	f.Fuzz(func(t *testing.T, names, q string, d uint8) {
		cands := strings.Split(names, "\n")
		maxDist := int(d%12) - 2
		if d == 255 {
			maxDist = math.MaxInt
		}
		// The question's forms and the first names (the fuzzer orders
		// them): asking every name of a long list would make each run
		// slow.
		questions := append([]string{q, strings.ToUpper(q), strings.ToLower(q)}, cands[:min(len(cands), 12)]...)
		trie := newClosestTrie(cands)
		x := NewClosestIndex(cands)
		// Enough questions to pass the index's first few.
		for len(questions) <= closestTrieAfter {
			questions = append(questions, questions...)
		}
		for _, s := range questions {
			want := Closest(s, cands, maxDist)
			if got := trie.closest(s, maxDist); got != want {
				t.Fatalf("trie closest(%q, %d) = %q, Closest's is %q (candidates %q)", s, maxDist, got, want, cands)
			}
			if got := x.Closest(s, maxDist); got != want {
				t.Fatalf("index Closest(%q, %d) = %q, Closest's is %q (candidates %q)", s, maxDist, got, want, cands)
			}
		}
		if len(cands) >= closestTrieMin && x.trie == nil {
			t.Fatalf("no trie built for %d candidates after %d questions", len(cands), len(questions))
		}
	})
}
