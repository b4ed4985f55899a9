package lint

import (
	"fmt"
	"io/fs"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"gitlab.com/careerlint/careerlint/lint/fuzzseed"
	"gitlab.com/careerlint/careerlint/schema"
	"gitlab.com/careerlint/careerlint/schema/schematest"
)

// The validator careerlint runs (package schema) stands in for a JSON
// Schema library the command does not link. These tests hold it to the
// library's answers: for every document below, both must find the same
// problems (the same tree of errors, and the same problems once lint
// says them), whichever schema the document is checked against.

// runtimeSchemas are the schemas careerlint validates documents against
// as it runs.
var runtimeSchemas = []string{schema.FrontMatter, schema.Config}

// checkAgrees validates root against name with both validators and fails
// the test where they differ.
func checkAgrees(t *testing.T, label, name string, root *Node) *schema.ValidationError {
	t.Helper()
	s, err := schema.Compiled(name)
	if err != nil {
		t.Fatal(err)
	}
	var ours *schema.ValidationError
	if err := s.Validate(root.Plain()); err != nil {
		ours = err.(*schema.ValidationError)
	}
	theirs, err := schematest.Validate(name, root.Plain())
	if err != nil {
		t.Fatalf("%s against %s: the library: %v", label, name, err)
	}
	if (ours == nil) != (theirs == nil) {
		t.Fatalf("%s against %s: schema's validator says valid %v, the library %v\nours: %v\ntheirs: %v", label, name, ours == nil, theirs == nil, ours, theirs)
	}
	if ours == nil {
		return nil
	}
	if o, l := schematest.Canon(ours), schematest.Canon(theirs); o != l {
		t.Fatalf("%s against %s: the error trees differ (-library +ours):\n%s", label, name, cmp.Diff(l, o))
	}
	repairKeyLocations(theirs, ours)
	got, want := schemaProblems(name, root, ours), schemaProblems(name, root, theirs)
	sortProblems(got)
	sortProblems(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("%s against %s: problems differ (-library +ours):\n%s", label, name, d)
	}
	return ours
}

// repairKeyLocations gives each propertyNames error of the library's tree
// the location of the same error in ours. The library hands such an
// error its validator's location buffer, which later appends overwrite:
// with a bad key in two maps it can name the wrong map, where schema's
// validator names the right one (Canon compares the trees without these
// locations).
func repairKeyLocations(lib, ours *schema.ValidationError) {
	pool := map[string][][]string{}
	var collect func(e *schema.ValidationError)
	collect = func(e *schema.ValidationError) {
		if _, ok := e.ErrorKind.(schema.PropertyNames); ok {
			k := schematest.Canon(e)
			pool[k] = append(pool[k], e.InstanceLocation)
		}
		for _, c := range e.Causes {
			collect(c)
		}
	}
	collect(ours)
	var fix func(e *schema.ValidationError)
	fix = func(e *schema.ValidationError) {
		if _, ok := e.ErrorKind.(schema.PropertyNames); ok {
			k := schematest.Canon(e)
			if locs := pool[k]; len(locs) > 0 {
				e.InstanceLocation, pool[k] = locs[0], locs[1:]
			}
		}
		for _, c := range e.Causes {
			fix(c)
		}
	}
	fix(lib)
}

// kindsOf adds the kinds of an error tree to seen.
func kindsOf(e *schema.ValidationError, seen map[string]bool) {
	seen[fmt.Sprintf("%T", e.ErrorKind)] = true
	for _, c := range e.Causes {
		kindsOf(c, seen)
	}
}

func sortProblems(ps []SchemaProblem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Key < b.Key
	})
}

// agreementDocs returns the front matter of every page and every
// configuration file under testdata/ and in the command's test scripts,
// and with CAREERLINT_CORPUS set the front matter of the corpus's pages
// (the handbook and its history beside it),
// each decoded, by a label.
func agreementDocs(t *testing.T) map[string]*Node {
	t.Helper()
	docs := map[string]*Node{}
	add := func(label string, src []byte, config bool) {
		if config {
			src = append(append([]byte("---\n"), src...), "\n---\n"...)
		}
		fm := ParseFrontMatter(src)
		if fm != nil && fm.Err == nil && fm.Root != nil {
			docs[label] = fm.Root
		}
	}
	isConfig := func(p string) bool { return filepath.Base(p) == ConfigFileName }
	walk := func(root string) {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch {
			case strings.HasSuffix(p, ".md") || isConfig(p):
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				add(p, b, isConfig(p))
			case strings.HasSuffix(p, ".txtar"):
				a, err := txtar.ParseFile(p)
				if err != nil {
					return err
				}
				for _, f := range a.Files {
					if strings.HasSuffix(f.Name, ".md") || isConfig(f.Name) {
						add(p+":"+f.Name, f.Data, isConfig(f.Name))
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	walk(filepath.Join("..", "testdata"))
	walk(filepath.Join("..", "cmd", "careerlint", "testdata"))
	// A problem the fixtures make only through a mutant, which a new
	// fixture's documents can take from them (the mutants follow one
	// random sequence over the documents in order): an empty list where
	// the schema wants an item.
	add("(fixed) an empty list", []byte("include-roots: []\nshortcodes:\n  include: []\n"), true)
	if c := os.Getenv("CAREERLINT_CORPUS"); c != "" {
		if !filepath.IsAbs(c) {
			c = filepath.Join("..", c) // relative to the module's root
		}
		walk(filepath.Dir(c)) // the handbook and its history
	}
	return docs
}

// TestValidatorAgreesWithLibrary checks every document of agreementDocs,
// and twenty mutants of each (a value of another type, a key misspelt or
// moved, a key removed), against both runtime schemas.
func TestValidatorAgreesWithLibrary(t *testing.T) {
	if raceEnabled {
		// Nothing here runs concurrently; the test ran in full without
		// the race detector, which makes it six times slower.
		t.Skip("no concurrency to check")
	}
	docs := agreementDocs(t)
	t.Logf("%d documents", len(docs))
	if len(docs) < 50 {
		t.Fatalf("found %d documents, want the pages and configurations of testdata", len(docs))
	}
	labels := slices.Sorted(func(yield func(string) bool) {
		for l := range docs {
			if !yield(l) {
				return
			}
		}
	})
	keys := schemaKeys(t)
	rng := rand.New(rand.NewSource(1))
	seen := map[string]map[string]bool{}
	for _, label := range labels {
		root := docs[label]
		for _, name := range runtimeSchemas {
			if seen[name] == nil {
				seen[name] = map[string]bool{}
			}
			if e := checkAgrees(t, label, name, root); e != nil {
				kindsOf(e, seen[name])
			}
			for i := 0; i < 20; i++ {
				m := cloneNode(root)
				mutate(rng, m, name, keys)
				if e := checkAgrees(t, fmt.Sprintf("%s (mutant %d: %s)", label, i, plainText(m)), name, m); e != nil {
					kindsOf(e, seen[name])
				}
			}
		}
	}
	// The documents and their mutants must reach every kind of problem
	// each schema can make, so that the comparison covers them.
	reachable := map[string][]string{
		schema.FrontMatter: {"Root", "Group", "Type", "Required", "MinLength", "Pattern", "OneOf"},
		schema.Config: {"Root", "Group", "Reference", "Type", "Enum", "Required", "AdditionalProperties",
			"PropertyNames", "Pattern", "MinItems", "MinLength", "Minimum", "Maximum", "OneOf", "InvalidValue"},
	}
	for name, kinds := range reachable {
		for _, k := range kinds {
			if !seen[name]["schema."+k] {
				t.Errorf("no document or mutant makes a %s problem against %s: the comparison does not cover it", k, name)
			}
		}
	}
}

// TestValidatorAgreesOnABadKeyInTwoMaps checks a configuration with the
// same bad key in two maps, where the library can name the wrong map for
// one of them (the key's location is repaired, see repairKeyLocations)
// and meets the maps in Go's random order: run many times.
func TestValidatorAgreesOnABadKeyInTwoMaps(t *testing.T) {
	src := []byte("links:\n  Bad_Key: [x]\nrules:\n  Bad_Key: off\n")
	root := configRoot(t, src)
	for i := 0; i < 50; i++ {
		checkAgrees(t, string(src), schema.Config, root)
	}
	got := viewProblems(src, Validate(schema.Config, root))
	var keys []string
	for _, p := range got {
		keys = append(keys, fmt.Sprintf("%s %s line %d", p.Path, p.Key, p.Line))
	}
	if want := []string{"links Bad_Key line 2", "rules Bad_Key line 4"}; !slices.Equal(keys, want) {
		t.Errorf("problems at %q, want %q: %+v", keys, want, got)
	}
}

// FuzzSchemaValidator decodes arbitrary front matter and checks that
// schema's validator and the library find the same problems in it,
// against both runtime schemas.
func FuzzSchemaValidator(f *testing.F) {
	for _, s := range fuzzseed.Seeds(f, "FuzzFrontMatter") {
		f.Add(s)
	}
	// The configuration files of the fixtures, as front matter, so that
	// the fuzzer starts from documents the config schema mostly takes.
	_ = filepath.WalkDir(filepath.Join("..", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Base(p) == ConfigFileName {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(append(append([]byte("---\n"), b...), "\n---\n"...))
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src []byte) {
		fm := ParseFrontMatter(src)
		if fm == nil || fm.Err != nil || fm.Root == nil {
			return
		}
		for _, name := range runtimeSchemas {
			checkAgrees(t, "input", name, fm.Root)
		}
	})
}

// schemaKeys returns every property name of the runtime schemas, for
// mutants to use as keys.
func schemaKeys(t *testing.T) []string {
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for k := range props {
					seen[k] = true
				}
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	for _, name := range runtimeSchemas {
		doc, err := schema.Doc(name)
		if err != nil {
			t.Fatal(err)
		}
		walk(doc)
	}
	return slices.Sorted(func(yield func(string) bool) {
		for k := range seen {
			if !yield(k) {
				return
			}
		}
	})
}

func cloneNode(n *Node) *Node {
	c := *n
	c.Children = nil
	for _, ch := range n.Children {
		c.Children = append(c.Children, cloneNode(ch))
	}
	return &c
}

// mutateValues are the scalars a mutant may put in place of a value.
var mutateValues = []any{
	nil, true, false, "", "   ", "x", "warn", "warning", "off", "error", "info",
	"/a/", "a/", "#top", "top", "https://x.example/", "x.example", "30s", "30",
	"senior-staff", "Senior Staff", "## {level} Leadership", "# x",
	int64(-1), int64(0), int64(3), int64(1 << 40), int64(1<<40 + 1), 1.5, 2.0, math.Inf(1), math.NaN(),
}

// badKeys are keys that break the config schema's propertyNames.
var badKeys = []string{"Bad_Key", "front matter", "cl1"}

// mutate changes one node of the tree at random: its value, its type, a
// key of it (misspelt, or one the schema takes at that place or
// elsewhere, or one no key pattern allows), or an entry removed or added.
func mutate(rng *rand.Rand, root *Node, name string, keys []string) {
	var all []*Node
	var paths [][]string
	var collect func(n *Node, path []string)
	collect = func(n *Node, path []string) {
		all = append(all, n)
		paths = append(paths, path)
		for i, c := range n.Children {
			step := c.Key
			if n.Kind == ListNode {
				step = strconv.Itoa(i)
			}
			collect(c, append(path[:len(path):len(path)], step))
		}
	}
	collect(root, nil)
	i := rng.Intn(len(all))
	n, path := all[i], paths[i]
	scalar := func() *Node {
		return &Node{Kind: ScalarNode, Value: mutateValues[rng.Intn(len(mutateValues))], Start: n.Start, End: n.End}
	}
	// A key the schema takes in this map, or else any key it knows.
	key := func(at []string) string {
		if here := knownKeys(name, at); len(here) > 0 && rng.Intn(3) > 0 {
			return here[rng.Intn(len(here))]
		}
		return keys[rng.Intn(len(keys))]
	}
	switch op := rng.Intn(9); {
	case op == 0 && n != root:
		*n = Node{Kind: ScalarNode, Key: n.Key, KeyStart: n.KeyStart, KeyEnd: n.KeyEnd, Start: n.Start, End: n.End, Value: scalar().Value}
	case op == 1 && n != root:
		n.Kind, n.Value, n.Children = ListNode, nil, nil
		for i := rng.Intn(3); i > 0; i-- {
			n.Children = append(n.Children, scalar())
		}
	case op == 2:
		n.Kind, n.Value = MapNode, nil
		c := scalar()
		c.Key = key(path)
		n.Children = append(n.Children[:0:0], c)
	case op == 3 && (n.Kind == MapNode || n.Kind == ListNode) && len(n.Children) > 0:
		n.Children = slices.Delete(slices.Clone(n.Children), rng.Intn(len(n.Children)), len(n.Children))
	case op == 4 && n.Key != "":
		// A misspelling: a letter dropped.
		if len(n.Key) > 1 {
			i := rng.Intn(len(n.Key))
			n.Key = n.Key[:i] + n.Key[i+1:]
		}
	case op == 5 && n.Key != "":
		n.Key = key(path[:len(path)-1])
	case op == 6 && n.Key != "":
		n.Key = badKeys[rng.Intn(len(badKeys))]
	case op == 7 && n.Kind == ListNode:
		n.Children = append(slices.Clone(n.Children), scalar())
	default:
		if n.Kind == MapNode {
			c := scalar()
			c.Key = key(path)
			if rng.Intn(2) == 0 {
				// A map or a list under a key the schema takes.
				c.Kind, c.Value = MapNode, nil
				c.Children = []*Node{{Kind: ScalarNode, Key: key(append(path[:len(path):len(path)], c.Key)), Value: scalar().Value}}
				if rng.Intn(2) == 0 {
					c.Kind, c.Children[0].Key = ListNode, ""
				}
			}
			n.Children = append(slices.Clone(n.Children), c)
		} else if n != root {
			n.Value, n.Kind, n.Children = scalar().Value, ScalarNode, nil
		}
	}
}

// plainText shows a tree's values for a failure message.
func plainText(n *Node) string {
	s := fmt.Sprint(n.Plain())
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}
