package lsp

import (
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// configWithUnused is a configuration whose ignore glob and tracks glob
// match nothing in the fixture site: the command line, over the whole
// site, reports both on their lines.
const configWithUnused = `ignore:
  - "content/x/**"
rules:
  required-sections:
    options:
      tracks:
        - glob: "nothing/**"
          template: competency-list
`

// TestConfigFileFindings opens the configuration file alone: it shows the
// findings the command line, run over the whole site, prints on it (an
// ignore glob and a tracks glob that match nothing), at their places, and
// they follow the file as it is edited and saved.
func TestConfigFileFindings(t *testing.T) {
	c, root, cfgURI := startOnConfigSite(t)
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: cfgURI, LanguageID: "yaml", Version: 1, Text: configWithUnused}})
	p := c.settle(cfgURI, 1)
	if got, want := codes(p), []string{"required-sections", "suppression"}; !slices.Equal(got, want) {
		t.Fatalf("findings on the configuration: %+v, want %v", p.Diagnostics, want)
	}
	tracks := find(t, p, "required-sections")
	if tracks.Range.Start != (Position{Line: 6, Character: 16}) || tracks.Range.End != (Position{Line: 6, Character: 28}) || !strings.Contains(tracks.Message, `tracks glob "nothing/**" matches no level page`) {
		t.Errorf("tracks finding: %+v", tracks)
	}
	ignore := find(t, p, "suppression")
	if ignore.Range.Start != (Position{Line: 1, Character: 4}) || !strings.Contains(ignore.Message, `ignore glob "content/x/**" matches no Markdown file`) {
		t.Errorf("ignore finding: %+v", ignore)
	}
	// A line added above: the findings move with the text until saved.
	c.change(cfgURI, 2, TextDocumentContentChangeEvent{Range: &Range{Start: Position{Line: 0}, End: Position{Line: 0}}, Text: "# comment\n"})
	p = c.settle(cfgURI, 2)
	if got := codes(p); len(got) != 2 || find(t, p, "required-sections").Range.Start.Line != 7 {
		t.Errorf("after a line added above: %+v", p.Diagnostics)
	}
	// The tracks glob corrected and another ignore glob added, saved:
	// the one finding goes, the other stays, and the new glob's comes.
	fixed := "# comment\n" + strings.Replace(strings.Replace(configWithUnused, `"nothing/**"`, `"**"`, 1), "\nrules:", "\n  - \"content/y/**\"\nrules:", 1)
	c.change(cfgURI, 3, TextDocumentContentChangeEvent{Text: fixed})
	writeSite(t, root, map[string]string{".careerlint.yaml": fixed})
	n := c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: cfgURI}})
	p = c.settleAfter(n, cfgURI, 3)
	if got, want := codes(p), []string{"suppression", "suppression"}; !slices.Equal(got, want) {
		t.Fatalf("after the save: %+v, want %v", p.Diagnostics, want)
	}
	if got := p.Diagnostics[1]; got.Range.Start.Line != 3 || !strings.Contains(got.Message, `"content/y/**"`) {
		t.Errorf("the new ignore glob's finding: %+v", got)
	}
	noRepeats(t, c)
}

// TestConfigFileFindingsUnsaved opens the configuration file with text
// that is not the file's: the configuration in use is the file's, whose
// places are not in that text, so no finding of a run over the site is
// shown on it until it is saved.
func TestConfigFileFindingsUnsaved(t *testing.T) {
	c, root, cfgURI := startOnConfigSite(t)
	uri := docURI(root, trackDir+"senior.md")
	c.open(uri, seniorPage)
	unsaved := "# edited\n\n" + configWithUnused
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: cfgURI, LanguageID: "yaml", Version: 1, Text: unsaved}})
	if p := c.settle(cfgURI, 1); len(p.Diagnostics) != 0 {
		t.Errorf("unsaved configuration: %+v, want no findings", p.Diagnostics)
	}
	// Saved: its findings come, at their places in its text.
	writeSite(t, root, map[string]string{".careerlint.yaml": unsaved})
	n := c.idleReports()
	c.notifyServer("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: cfgURI}})
	p := c.settleAfter(n, cfgURI, 1)
	if got, want := codes(p), []string{"required-sections", "suppression"}; !slices.Equal(got, want) {
		t.Fatalf("saved: %+v, want %v", p.Diagnostics, want)
	}
	if got := find(t, p, "suppression").Range.Start.Line; got != 3 {
		t.Errorf("ignore finding on line %d, want 3", got)
	}
	noRepeats(t, c)
}

// startOnConfigSite starts a server on a site whose .careerlint.yaml
// (configWithUnused) has an ignore glob and a tracks glob that match
// nothing, with one level page, and returns it, the site root and the
// configuration file's URI.
func startOnConfigSite(t *testing.T) (*testClient, string, string) {
	t.Helper()
	return startOnConfigSiteWith(t, serverOptions())
}

// startOnConfigSiteWith is startOnConfigSite with the server's options.
func startOnConfigSiteWith(t *testing.T, opt Options) (*testClient, string, string) {
	t.Helper()
	root := fixtureSite(t)
	writeSite(t, root, map[string]string{
		".careerlint.yaml":     configWithUnused,
		trackDir + "senior.md": seniorPage,
	})
	c := startServer(t, opt)
	c.initialize(root, true)
	return c, root, pathToURI(filepath.Join(root, ".careerlint.yaml"))
}

// TestConfigAndPageShareSiteParse opens the configuration file and a
// career page: each idle moment parses the site once, for the findings of
// the rules that compare pages on the page and those of a run over the
// whole site on the file, which read the same pages; both show what the
// command line reports. The server made two runs, one with the pages
// named and one without.
func TestConfigAndPageShareSiteParse(t *testing.T) {
	opt := serverOptions()
	var parses atomic.Int32
	opt.onSiteLint = func() { parses.Add(1) }
	c, root, cfgURI := startOnConfigSiteWith(t, opt)
	page := docURI(root, trackDir+"senior.md")
	c.open(page, seniorPage)
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: cfgURI, LanguageID: "yaml", Version: 1, Text: configWithUnused}})
	if got, want := codes(c.settle(cfgURI, 1)), []string{"required-sections", "suppression"}; !slices.Equal(got, want) {
		t.Fatalf("findings on the configuration: %v, want %v", got, want)
	}
	want, _ := commandLineFindings(t, root)
	if got, w := publishedFindings(c.settle(page, 1)), sortFindings(want[trackDir+"senior.md"]); !slices.Equal(got, w) {
		t.Errorf("the page shows:\n  %s\nthe command line:\n  %s", strings.Join(got, "\n  "), strings.Join(w, "\n  "))
	}
	parses.Store(0)
	n := c.idleReports()
	c.change(page, 2, TextDocumentContentChangeEvent{Text: seniorPage + "\nText.\n"})
	c.settleAfter(n, page, 2)
	if got := parses.Load(); got != 1 {
		t.Errorf("an idle moment after an edit parsed the site %d times, want once", got)
	}
	if got := codes(c.settle(cfgURI, 1)); len(got) != 2 {
		t.Errorf("findings on the configuration after the edit: %v, want both", got)
	}
}

// TestConfigOpenedDuringSiteRun opens the configuration file while a site
// run for a page goes: the run, started before, does not report on it,
// and the worker, woken by the opening, starts none while it goes. The
// run's end starts the one that does, and the file shows its findings
// (the server stayed busy for ever, never reporting on the file).
func TestConfigOpenedDuringSiteRun(t *testing.T) {
	opt := serverOptions()
	started, release := holdFirstSiteRun(&opt)
	c, root, cfgURI := startOnConfigSiteWith(t, opt)
	c.open(docURI(root, trackDir+"senior.md"), seniorPage)
	<-started // the page's site run ends once released
	c.notifyServer("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: cfgURI, LanguageID: "yaml", Version: 1, Text: configWithUnused}})
	c.roundTrip()
	time.Sleep(50 * time.Millisecond) // the worker looks for stale sites
	close(release)
	if got, want := codes(c.settle(cfgURI, 1)), []string{"required-sections", "suppression"}; !slices.Equal(got, want) {
		t.Fatalf("findings on the configuration: %v, want %v", got, want)
	}
}
