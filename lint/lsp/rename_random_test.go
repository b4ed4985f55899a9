package lsp

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gitlab.com/careerlint/careerlint/lint"
)

// The randomized rename test: generated pages and include files with
// repeated headings, explicit IDs, raw HTML anchors and links to them in
// every form (inline, in-page, reference, ref shortcode, bare URL, in
// included files), a heading renamed to a random text, and the edit
// applied to the files. Every link that reached an element before reaches
// the same element after, on every page that renders it; a rename that is
// refused edits nothing.

// rnHeadings and rnNames are the heading texts the pages are made of and
// the new texts a rename gives.
var (
	rnHeadings = []string{"Setup", "Intro", "Install", "Goals", "Setup", "Intro {#intro-x}", "Résumé", "Q&A"}
	rnNames    = []string{"Setup", "Install", "Intro", "Goals", "Résumé", "Getting started", "A_b", "Q&A", "Intro x", "Setup 1", "intro-x", "Heading"}
	rnFrags    = []string{"setup", "setup-1", "setup", "intro", "intro-1", "install", "goals", "intro-x", "résumé", "qa", "install-1"}
)

// rnSite generates the files of a site: three pages and two include files.
func rnSite(rng *rand.Rand) map[string]string {
	link := func(inPage bool) string {
		page, frag := rng.IntN(3), rnFrags[rng.IntN(len(rnFrags))]
		if inPage {
			return fmt.Sprintf("[l](#%s)", frag)
		}
		switch rng.IntN(6) {
		case 0:
			return fmt.Sprintf("[l](#%s)", frag)
		case 1:
			return fmt.Sprintf("{{< ref \"p%d#%s\" >}}", page, frag)
		case 2:
			return fmt.Sprintf("See https://handbook.gitlab.com/handbook/p%d/#%s here.", page, frag)
		case 3:
			d := rng.IntN(1000)
			return fmt.Sprintf("[r%d][d%d] and [again][d%d]\n\n[d%d]: /handbook/p%d/#%s", page, d, d, d, page, frag)
		}
		return fmt.Sprintf("[l](/handbook/p%d/#%s)", page, frag)
	}
	body := func(include bool) string {
		var b []string
		for range 4 + rng.IntN(8) {
			switch rng.IntN(7) {
			case 0, 1:
				b = append(b, strings.Repeat("#", 2+rng.IntN(2))+" "+rnHeadings[rng.IntN(len(rnHeadings))])
			case 2:
				b = append(b, fmt.Sprintf(`<a id="%s"></a>`, rnFrags[rng.IntN(len(rnFrags))]))
			case 3:
				if include {
					b = append(b, fmt.Sprintf(`{{%% include "includes/i%d.md" %%}}`, rng.IntN(2)))
					break
				}
				fallthrough
			default:
				// An included file's links to its page's anchors render on
				// each page that includes it.
				b = append(b, link(!include && rng.IntN(2) == 0))
			}
		}
		return strings.Join(b, "\n\n") + "\n"
	}
	files := map[string]string{}
	for i := range 3 {
		files[fmt.Sprintf("content/handbook/p%d.md", i)] = fmt.Sprintf("---\ntitle: \"P%d\"\n---\n\n", i) + body(true)
	}
	for i := range 2 {
		files[fmt.Sprintf("assets/includes/i%d.md", i)] = body(false)
	}
	return files
}

// rnReach is what each link of a site reaches: by the file it is written
// in, its place among the file's links, and the page it renders on, the
// target file and the index of the anchor among the target's (the first
// with the fragment's ID), or -1 when the target has none.
func rnReach(t *testing.T, root string) map[string]string {
	t.Helper()
	var mu sync.Mutex
	out := map[string]string{}
	rule := &lint.Rule{
		Meta: lint.Meta{ID: "RN", Name: "rn", Summary: "reach", Default: lint.Info},
		CheckPage: func(pass *lint.PagePass) {
			byFile := map[string][]int{} // link starts by file, to number them
			cls := pass.Site.CheckedLinks(pass.Page)
			for _, cl := range cls {
				byFile[cl.Link.Span.File] = append(byFile[cl.Link.Span.File], cl.Link.Span.Start)
			}
			for f := range byFile {
				slices.Sort(byFile[f])
			}
			for _, cl := range cls {
				c := cl.Check
				if !c.Found || !c.Dest.HasFragment {
					continue
				}
				idx := -1
				if tp := pass.Site.Target(c.Target); tp != nil {
					for i, x := range pass.Site.Anchors(tp) {
						if x.ID == c.Dest.Fragment {
							idx = i
							break
						}
					}
				}
				n, _ := slices.BinarySearch(byFile[cl.Link.Span.File], cl.Link.Span.Start)
				mu.Lock()
				out[fmt.Sprintf("%s link %d on %s", cl.Link.Span.File, n, pass.Page.Path)] = fmt.Sprintf("%s anchor %d", c.Target, idx)
				mu.Unlock()
			}
		},
	}
	cfg := lint.DefaultConfig()
	if _, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: cfg, Rules: []*lint.Rule{rule}, AllMarkdown: true}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRenameKeepsLinks(t *testing.T) {
	seeds := 150
	if testing.Short() || raceEnabled {
		seeds = 30 // the race detector's run is about the server's goroutines
	}
	if n, err := strconv.Atoi(os.Getenv("CAREERLINT_RENAME_SEEDS")); err == nil && n > 0 {
		seeds = n
	}
	renamed, refused := 0, 0
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			switch rnRename(t, seed) {
			case rnRenamed:
				renamed++
			case rnRefused:
				refused++
			}
		})
	}
	t.Logf("%d renamed, %d refused", renamed, refused)
	if renamed < seeds/4 {
		t.Errorf("only %d of %d renames went through", renamed, seeds)
	}
}

// The outcomes of rnRename.
const (
	rnNothing = iota // no heading to rename
	rnRenamed
	rnRefused
)

// rnRename generates a site from a seed, renames one of its headings,
// applies the edit and checks the links.
func rnRename(t *testing.T, seed uint64) int {
	{
		rng := rand.New(rand.NewPCG(seed, 7))
		files := rnSite(rng)
		c, root, _ := startOnSeniorWith(t, files, false)
		before := rnReach(t, root)
		doc, line, ok := rnPickHeading(rng, files)
		if !ok {
			return rnNothing
		}
		lines := strings.Split(files[doc], "\n")
		name := rnNames[rng.IntN(len(rnNames))]
		uri := docURI(root, doc)
		c.open(uri, files[doc])
		c.waitDiagnostics(uri, 0, hasVersion(1))
		var we WorkspaceEdit
		err := c.call("textDocument/rename", RenameParams{TextDocumentPositionParams{TextDocumentIdentifier{URI: uri}, Position{line, 3}}, name}, &we)
		what := fmt.Sprintf("seed %d: %s line %d %q to %q", seed, doc, line+1, lines[line], name)
		if err != nil {
			t.Logf("%s: refused: %v", what, err)
			return rnRefused
		}
		for u, edits := range we.Changes {
			p, err := uriToPath(u)
			if err != nil {
				t.Fatal(err)
			}
			old, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			writeSite(t, root, map[string]string{filepath.ToSlash(mustRel(t, root, p)): applyEdits(t, string(old), edits)})
		}
		after := rnReach(t, root)
		for k, v := range before {
			if strings.HasSuffix(v, " anchor -1") {
				continue // broken before: anything goes
			}
			if after[k] != v {
				t.Errorf("%s: %s reached %s, now %q\nsite before:\n%s", what, k, v, after[k], dump(files))
			}
		}
		if got, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(doc))); !strings.Contains(string(got), " "+name) {
			t.Errorf("%s: the heading is not renamed:\n%s", what, got)
		}
		return rnRenamed
	}
}

// rnPickHeading picks a heading of one of a site's files: the file and
// the heading's line (zero-based); ok is false when the file picked has
// none.
func rnPickHeading(rng *rand.Rand, files map[string]string) (doc string, line int, ok bool) {
	docs := slices.Sorted(maps.Keys(files))
	doc = docs[rng.IntN(len(docs))]
	var heads []int
	for i, l := range strings.Split(files[doc], "\n") {
		if strings.HasPrefix(l, "##") {
			heads = append(heads, i)
		}
	}
	if len(heads) == 0 {
		return "", 0, false
	}
	return doc, heads[rng.IntN(len(heads))], true
}

// mustRel returns p relative to root.
func mustRel(t *testing.T, root, p string) string {
	t.Helper()
	r, err := filepath.Rel(root, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// dump prints a site's files for a failure.
func dump(files map[string]string) string {
	var b strings.Builder
	var names []string
	for f := range files {
		names = append(names, f)
	}
	slices.Sort(names)
	for _, f := range names {
		fmt.Fprintf(&b, "--- %s\n%s", f, files[f])
	}
	return b.String()
}

// TestReferencesRandom: on generated sites (rnSite), the references of a
// heading are exactly the links that reach it, on some page that renders
// its file, each where its destination is written.
func TestReferencesRandom(t *testing.T) {
	seeds := 100
	if testing.Short() || raceEnabled {
		seeds = 20
	}
	if n, err := strconv.Atoi(os.Getenv("CAREERLINT_RENAME_SEEDS")); err == nil && n > 0 {
		seeds = n
	}
	compared := 0 // seeds whose heading some link reaches
	defer func() {
		if compared < seeds/5 {
			t.Errorf("only %d of %d seeds had a heading some link reaches", compared, seeds)
		}
	}()
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 11))
			files := rnSite(rng)
			doc, line, ok := rnPickHeading(rng, files)
			if !ok {
				return
			}
			lines := strings.Split(files[doc], "\n")
			c, root, _ := startOnSeniorWith(t, files, false)
			// The links that reach the heading, from the engine.
			var mu sync.Mutex
			want := map[string]bool{}
			rule := &lint.Rule{
				Meta: lint.Meta{ID: "RN", Name: "rn", Summary: "reach", Default: lint.Info},
				CheckPage: func(pass *lint.PagePass) {
					for _, cl := range pass.Site.CheckedLinks(pass.Page) {
						c := cl.Check
						if !c.Found || !c.Dest.HasFragment {
							continue
						}
						tp := pass.Site.Target(c.Target)
						if tp == nil {
							continue
						}
						for _, x := range pass.Site.Anchors(tp) {
							if x.ID != c.Dest.Fragment {
								continue
							}
							if h := x.Heading; h != nil && x.File == doc && strings.Count(files[doc][:h.Span.Start], "\n") == line {
								at := writtenAt(cl.PageLink)
								mu.Lock()
								want[fmt.Sprintf("%s %d", at.File, strings.Count(files[at.File][:at.Start], "\n"))+fmt.Sprintf(":%d", at.Start-strings.LastIndexByte(files[at.File][:at.Start], '\n')-1)] = true
								mu.Unlock()
							}
							break // the first anchor with the ID
						}
					}
				},
			}
			if _, err := lint.Run(context.Background(), lint.RunOptions{Root: root, Config: lint.DefaultConfig(), Rules: []*lint.Rule{rule}, AllMarkdown: true}); err != nil {
				t.Fatal(err)
			}
			if len(want) > 0 {
				compared++
			}
			uri := docURI(root, doc)
			c.open(uri, files[doc])
			c.waitDiagnostics(uri, 0, hasVersion(1))
			got := map[string]bool{}
			for _, r := range c.references(t, root, uri, Position{line, 0}, false) {
				// "file line:col-line:col", columns in UTF-16: the site's
				// links start after ASCII text on their lines.
				f, pos, _ := strings.Cut(r, " ")
				start, _, _ := strings.Cut(pos, "-")
				got[f+" "+start] = true
			}
			if !maps.Equal(got, want) {
				t.Errorf("seed %d: references of %s line %d %q:\n got %v\nwant %v\nsite:\n%s", seed, doc, line+1, lines[line], slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)), dump(files))
			}
		})
	}
}

// TestReferencesAfterEdits runs two servers side by side on a generated
// site: one keeps the handbook's index between requests and brings it up
// to date after edits (handbookFor), the other reads the whole handbook
// for each request. Both get the same random edits of open documents
// (headings, links, includes, anchors, front matter), saves (the file
// written, then didSave), closes and opens, and changes on disk no event
// reports (a closed file edited, a page created), and after each the
// same references requests at the headings of the open documents: the
// answers must be the same.
func TestReferencesAfterEdits(t *testing.T) {
	seeds := 25
	if testing.Short() || raceEnabled {
		seeds = 6
	}
	if n, err := strconv.Atoi(os.Getenv("CAREERLINT_RENAME_SEEDS")); err == nil && n > 0 {
		seeds = n
	}
	var partial, whole, answered int // over all seeds: reads of some pages, of every page; non-empty answers
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 23))
			files := rnSite(rng)
			root := fixtureSite(t)
			writeSite(t, root, files)
			backdate(t, root)
			var mu sync.Mutex
			opt := serverOptions()
			opt.onHandbookRead = func(all bool, pages []string) {
				mu.Lock()
				defer mu.Unlock()
				switch {
				case all:
					whole++
				case len(pages) > 0:
					partial++
				}
			}
			kept := startServer(t, opt)
			kept.initialize(root, false)
			fresh := startServer(t, Options{Rules: opt.Rules, LinkRules: opt.LinkRules, SuppressionRule: opt.SuppressionRule, Version: "test", wholeHandbook: true})
			fresh.initialize(root, false)
			both := func(method string, params any) {
				kept.notifyServer(method, params)
				fresh.notifyServer(method, params)
			}
			names := slices.Sorted(maps.Keys(files))
			open := map[string]int{} // open documents' versions
			text := maps.Clone(files)
			openDoc := func(rel string) {
				open[rel] = 1
				both("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: docURI(root, rel), LanguageID: "markdown", Version: 1, Text: text[rel]}})
			}
			for _, rel := range names {
				if rng.IntN(2) == 0 {
					openDoc(rel)
				}
			}
			var history []string
			for step := range 12 {
				docs := slices.Sorted(maps.Keys(open))
				var closed []string
				for _, rel := range names {
					if _, ok := open[rel]; !ok {
						closed = append(closed, rel)
					}
				}
				switch a := rng.IntN(12); {
				case len(docs) == 0 || a == 0:
					rel := names[rng.IntN(len(names))]
					if _, ok := open[rel]; !ok {
						openDoc(rel)
						history = append(history, "open "+rel)
					}
				case a == 1:
					rel := docs[rng.IntN(len(docs))]
					delete(open, rel)
					text[rel] = readFile(t, root, rel) // closed, the file is the text again
					both("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: docURI(root, rel)}})
					history = append(history, "close "+rel)
				case a == 2:
					rel := docs[rng.IntN(len(docs))]
					writeBackdated(t, root, rel, text[rel])
					both("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: docURI(root, rel)}})
					history = append(history, "save "+rel)
				case a == 10 && len(closed) > 0:
					// A closed file changed on disk, no event told (a git
					// pull in an editor that watches no files), its front
					// matter as it was.
					rel := closed[rng.IntN(len(closed))]
					next, what := rnEdit(rng, rel, text[rel])
					for strings.HasPrefix(what, "front matter") {
						next, what = rnEdit(rng, rel, text[rel])
					}
					text[rel] = next
					if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte(next), 0o644); err != nil {
						t.Fatal(err)
					}
					history = append(history, fmt.Sprintf("on disk %s: %s", rel, what))
				case a == 11:
					// A page created on disk, no event told.
					rel := fmt.Sprintf("content/handbook/n%d.md", len(names))
					text[rel] = fmt.Sprintf("---\ntitle: \"N\"\n---\n\n## %s\n\n[n](/handbook/p%d/#%s)\n", rnHeadings[rng.IntN(len(rnHeadings))], rng.IntN(3), rnFrags[rng.IntN(len(rnFrags))])
					names = append(names, rel)
					if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte(text[rel]), 0o644); err != nil {
						t.Fatal(err)
					}
					history = append(history, "created on disk "+rel)
				default:
					rel := docs[rng.IntN(len(docs))]
					next, what := rnEdit(rng, rel, text[rel])
					text[rel] = next
					open[rel]++
					both("textDocument/didChange", DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: docURI(root, rel), Version: open[rel]}, ContentChanges: []TextDocumentContentChangeEvent{{Text: next}}})
					history = append(history, fmt.Sprintf("edit %s: %s", rel, what))
				}
				docs = slices.Sorted(maps.Keys(open))
				if len(docs) == 0 || rng.IntN(3) == 0 {
					continue // some steps come one after another, unasked
				}
				for _, rel := range docs {
					kept.settle(docURI(root, rel), open[rel])
					fresh.settle(docURI(root, rel), open[rel])
				}
				// Every heading of every open document, and a line of each
				// that is none (the links to its page).
				for _, doc := range docs {
					uri := docURI(root, doc)
					lines := strings.Split(text[doc], "\n")
					for line, l := range lines {
						if !strings.HasPrefix(l, "##") && !strings.HasPrefix(l, "<a id") && line != len(lines)-1 {
							continue
						}
						got := kept.references(t, root, uri, Position{line, 0}, true)
						want := fresh.references(t, root, uri, Position{line, 0}, true)
						if len(want) > 1 {
							mu.Lock()
							answered++
							mu.Unlock()
						}
						if !slices.Equal(got, want) {
							t.Fatalf("seed %d step %d: references of %s line %d from the index kept:\n%s\nfrom the whole handbook:\n%s\nsteps:\n%s\nsite:\n%s", seed, step, doc, line+1, strings.Join(got, "\n"), strings.Join(want, "\n"), strings.Join(history, "\n"), dump(text))
						}
					}
				}
			}
		})
	}
	t.Logf("%d partial reads, %d whole, %d answers with links", partial, whole, answered)
	if partial < seeds || answered < seeds {
		t.Errorf("only %d partial reads and %d answers with links in %d seeds: the test hardly exercises the index", partial, answered, seeds)
	}
}

// rnEdit changes a line of a generated file: a heading renamed, added or
// removed, a link or an anchor added, an include added, or (rarely) the
// front matter's title changed.
func rnEdit(rng *rand.Rand, rel, text string) (string, string) {
	lines := strings.Split(text, "\n")
	body := 0
	if strings.HasPrefix(text, "---\n") {
		if end := slices.Index(lines[1:], "---"); end >= 0 {
			body = end + 2
		}
	}
	at := body + rng.IntN(len(lines)-body)
	var add string
	switch rng.IntN(7) {
	case 0:
		var heads []int
		for i, l := range lines {
			if strings.HasPrefix(l, "##") {
				heads = append(heads, i)
			}
		}
		if len(heads) > 0 {
			i := heads[rng.IntN(len(heads))]
			old := lines[i]
			lines[i] = "## " + rnNames[rng.IntN(len(rnNames))]
			return strings.Join(lines, "\n"), fmt.Sprintf("line %d %q -> %q", i+1, old, lines[i])
		}
		add = "## " + rnNames[rng.IntN(len(rnNames))]
	case 1:
		add = "### " + rnHeadings[rng.IntN(len(rnHeadings))]
	case 2:
		add = fmt.Sprintf("[x](/handbook/p%d/#%s)", rng.IntN(3), rnFrags[rng.IntN(len(rnFrags))])
	case 3:
		add = fmt.Sprintf("[y](#%s)", rnFrags[rng.IntN(len(rnFrags))])
	case 4:
		add = fmt.Sprintf(`<a id="%s"></a>`, rnFrags[rng.IntN(len(rnFrags))])
	case 5:
		if strings.HasPrefix(rel, "assets/") {
			add = fmt.Sprintf("{{< ref \"p%d#%s\" >}}", rng.IntN(3), rnFrags[rng.IntN(len(rnFrags))])
		} else {
			add = fmt.Sprintf(`{{%% include "includes/i%d.md" %%}}`, rng.IntN(2))
		}
	default:
		if body > 0 {
			// A new title, or a URL, slug or alias that moves links.
			lines[1] = []string{
				fmt.Sprintf("title: \"T%d\"", rng.IntN(100)),
				fmt.Sprintf("url: /handbook/p%d/", rng.IntN(4)),
				fmt.Sprintf("slug: p%d", rng.IntN(4)),
				fmt.Sprintf("aliases: [/handbook/p%d/]", rng.IntN(4)),
			}[rng.IntN(4)]
			return strings.Join(lines, "\n"), "front matter " + lines[1]
		}
		add = "## " + rnNames[rng.IntN(len(rnNames))]
	}
	lines = slices.Insert(lines, at, "", add, "")
	return strings.Join(lines, "\n"), fmt.Sprintf("line %d + %q", at+2, add)
}

// readFile returns a root-relative file's text.
func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
