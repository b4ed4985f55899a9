package lsp

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"gitlab.com/careerlint/careerlint/lint"
)

// workspace is one site root with its configuration. Its fields are
// guarded by server.mu.
type workspace struct {
	root string
	// cfgFile is the root's .careerlint.yaml (it may not exist).
	cfgFile string
	// cfg is the configuration in use: the file's, the built-in defaults
	// when there is none, or the last valid one while the file has errors.
	cfg *lint.Config
	// cfgErr is the file's problem, nil when it loaded.
	cfgErr error
	// cfgText is the text cfg was read from when it is the file's (its
	// offsets point into it), nil otherwise: the findings of a site run on
	// the file are shown on its open document while that holds this text,
	// or an edit of it.
	cfgText []byte
	// gen counts the changes of the site's documents, configuration and
	// files; site is the last run of the rules that compare pages.
	gen  uint64
	site *siteRun
	// cancel stops the site run in progress, nil when none runs; run is
	// what it is to run.
	cancel  context.CancelFunc
	running *siteJob
	// urls keeps the site's URL index across lints; it is dropped when a
	// Markdown file is saved, created, changed or deleted on disk, or the
	// configuration reloads.
	urls *lint.URLCache
	// includers caches the pages on disk found to include some files
	// (lint.PagesIncluding), by search, as found at a count of filesGen;
	// an entry of an older count is out of date. Guarded by incMu, not
	// server.mu: lints read it.
	incMu     sync.Mutex
	includers map[includingKey]includers
	// filesGen counts filesChanged and fileSaved calls.
	filesGen atomic.Uint64
	// handbook is what references and rename last read of the handbook
	// (handbookFor), nil before. Guarded by server.refsMu.
	handbook *handbookIndex
	// prewarm is the background read of the handbook in progress
	// (server.prewarmHandbook), nil when none is or it was cancelled.
	// Under server.mu.
	prewarm *prewarmJob
	// prewarmTimer starts that read once the editor has been quiet for
	// prewarmQuiet (server.armPrewarm), nil when not armed. Under
	// server.mu.
	prewarmTimer *time.Timer
	// otherSeen are the files of another kind than Markdown changed in
	// place as otherFileChanged last found them, by root-relative path:
	// an event that finds one unchanged, with no change of the site
	// since, changes nothing.
	otherSeen map[string]seenFile
	// reading are the reads of files of another kind than Markdown
	// changed in place that are in progress (otherFileChanged), by
	// root-relative path: the count of reads (readSeq) as the newest
	// started. An older read of the file is not applied, nor one
	// dropped (dropReads).
	reading map[string]uint64
	readSeq uint64
}

// seenFile is a file's text as an event found it (its SHA-256), its
// modification time then, and the workspace's change count then.
type seenFile struct {
	sum [sha256.Size]byte
	mod time.Time
	gen uint64
}

// includers are the pages found to include a file, and when.
type includers struct {
	pages []string
	gen   uint64
}

// filesChanged drops what the workspace keeps from the files on disk
// (the URL index and the includers of include files): a Markdown file
// was saved, created, changed or deleted, or the configuration reloaded.
// It does not wait for a search of includers in progress.
func (ws *workspace) filesChanged() {
	ws.urls.Invalidate()
	ws.filesGen.Add(1)
}

// fileSaved is filesChanged for a Markdown file saved in place (file is
// absolute): the URL index is kept when the file's front matter is as it
// read it (lint.URLCache.FileSaved), since a save mostly edits a page's
// text; the includers are searched again, as its includes may have
// changed. cfg is the site's configuration.
func (ws *workspace) fileSaved(cfg *lint.Config, file string) {
	rel, err := filepath.Rel(ws.root, file)
	if err != nil || !filepath.IsLocal(rel) {
		ws.filesChanged()
		return
	}
	ws.urls.FileSaved(lint.NewSite(ws.root, cfg, nil), filepath.ToSlash(rel))
	ws.filesGen.Add(1)
}

// includingKey is a search of the pages that include some files: the
// files, joined by line breaks, and whether it looks at every Markdown
// page, those the ignore globs leave out among them (lint.PagesPasting),
// or at the career pages only.
type includingKey struct {
	files   string
	pasting bool
}

// pagesIncluding returns the pages on disk that include one of the files
// given (root-relative, under an include root), directly or through
// other include files, found once until the files change (filesChanged):
// the career pages the run would lint (lint.PagesIncluding), or, with
// pasting, every Markdown page that pastes them (lint.PagesPasting).
func (ws *workspace) pagesIncluding(ctx context.Context, cfg *lint.Config, files []string, pasting bool) ([]string, error) {
	key := includingKey{strings.Join(files, "\n"), pasting}
	ws.incMu.Lock()
	defer ws.incMu.Unlock()
	gen := ws.filesGen.Load()
	if c, ok := ws.includers[key]; ok && c.gen == gen {
		return c.pages, nil
	}
	var pages []string
	var err error
	if pasting {
		pages, err = lint.PagesPasting(ctx, ws.root, cfg, files)
	} else {
		pages, err = lint.PagesIncluding(ctx, ws.root, cfg, files, false)
	}
	if err != nil {
		return nil, err
	}
	if ws.includers == nil {
		ws.includers = map[includingKey]includers{}
	}
	ws.includers[key] = includers{pages, gen}
	return pages, nil
}

// includersOf returns the career pages on disk that include the file rel
// (root-relative, under an include root): an include file's lint lints
// them.
func (ws *workspace) includersOf(ctx context.Context, cfg *lint.Config, rel string) ([]string, error) {
	return ws.pagesIncluding(ctx, cfg, []string{rel}, false)
}

// pagesNaming returns the Markdown pages of the content folder on disk
// that include one of the files given, those the ignore globs leave out
// among them (Hugo renders them): a lint of a page asks it, to see
// where else its included files are pasted (lint.RunOptions.PagesIncluding),
// at every change of the page.
func (ws *workspace) pagesNaming(ctx context.Context, cfg *lint.Config, files []string) ([]string, error) {
	return ws.pagesIncluding(ctx, cfg, files, true)
}

// document is an open document. Its fields are guarded by server.mu,
// except last, guarded by amu.
type document struct {
	uri        string
	path       string // absolute
	languageID string
	ws         *workspace
	rel        string // slash path relative to ws.root
	version    int
	text       []byte
	// deps are the root-relative files the last lint of the document read
	// (included files, link targets, sibling levels): a change to one of
	// them lints the document again.
	deps map[string]bool
	// contrib are the diagnostics the lints of open documents found in
	// this document, by the linted document's URI (a page that includes
	// this file reports the findings of the included text here).
	contrib map[string][]Diagnostic
	// edits are the changes since the version the last site run read.
	edits []textEdit
	// stale is set when the editor sent a change the text cannot take (a
	// range past its end, or ending before it starts): the server's text
	// is no longer the editor's, so changes are ignored and nothing is
	// published for it until the editor sends the whole document.
	stale bool
	// pubA is the last analysis published and pubPage its findings on the
	// document, kept to publish again with a new site run's findings.
	pubA    *analysis
	pubPage []Diagnostic

	amu  sync.Mutex
	last *analysis
}

// isConfig reports whether the document is its root's configuration file.
func (d *document) isConfig() bool { return d.rel == lint.ConfigFileName }

// isMarkdown reports whether the document is a Markdown page careerlint
// reads: never the configuration file, whatever language the editor
// gives it.
func (d *document) isMarkdown() bool {
	if d.isConfig() {
		return false
	}
	ext := strings.ToLower(filepath.Ext(d.path))
	return ext == ".md" || ext == ".markdown" || d.languageID == "markdown"
}

// hasMarker reports whether a folder is a site root by itself, as the
// command line finds one (lint.IsSiteRoot): it holds a configuration
// file, or both content/ and assets/, or a Hugo configuration whose
// content folder exists there.
func hasMarker(dir string) bool { return lint.IsSiteRoot(dir) }

// within reports whether file is dir or below it.
func within(dir, file string) bool {
	rel, err := filepath.Rel(dir, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// siteRoot returns the site root of a file: the root found from the
// workspace folder that holds the file (walking up to .careerlint.yaml, or
// a folder holding content/ and assets/, else to a Hugo configuration
// whose content folder exists, as the command line does), or,
// when no folder leads to a root that holds the file, the root found from
// the file's own folder.
func siteRoot(folders []string, file string) string {
	for _, f := range folders {
		if !within(f, file) {
			continue
		}
		if r, err := lint.FindRoot(f); err == nil && hasMarker(r) && within(r, file) {
			return r
		}
	}
	r, err := lint.FindRoot(filepath.Dir(file))
	if err != nil {
		return filepath.Dir(file)
	}
	return r
}

// loadConfig reads a root's configuration: the file's when it exists,
// the built-in defaults for the site otherwise (lint.DefaultConfigAt: the
// content folder the Hugo configuration names), with the site's Hugo
// configuration (lint.LoadHugoConfig), as on the command line. A content
// folder it names that does not exist is a problem of the file, as on the
// command line. text is the file's text the configuration was read from,
// nil when it is not the file's.
func loadConfig(file string, rules []*lint.Rule) (cfg *lint.Config, text []byte, err error) {
	fi, err := os.Stat(file)
	if errors.Is(err, os.ErrNotExist) {
		return lint.DefaultConfigAt(filepath.Dir(file)), nil, nil
	}
	if err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		// A named pipe or a device is no configuration, as on the command
		// line: reading it would wait, or read, for ever.
		return nil, nil, &lint.ConfigError{File: file, Message: "it is not a regular file (a named pipe or a device); make it the YAML configuration, or remove it to use the defaults"}
	}
	cfg, text, err = lint.LoadConfigText(file, rules)
	if err == nil {
		err = cfg.CheckRoot(filepath.Dir(file))
	}
	if err == nil {
		cfg.Hugo = lint.LoadHugoConfig(filepath.Dir(file), cfg)
	}
	return cfg, text, err
}

// isHugoConfig reports whether a file is one the site's Hugo
// configuration may be read from (lint.IsHugoConfigFile): hugo.* or
// config.* at the root, or one under config/_default/ or
// config/production/.
func isHugoConfig(root, file string) bool {
	rel, err := filepath.Rel(root, file)
	return err == nil && lint.IsHugoConfigFile(filepath.ToSlash(rel))
}

// isHugoConfigFolder reports whether a file or folder created or deleted
// may be a folder of the site's Hugo configuration files
// (lint.IsHugoConfigFolder): config/ deleted is one event for the folder.
func isHugoConfigFolder(root, file string) bool {
	rel, err := filepath.Rel(root, file)
	return err == nil && lint.IsHugoConfigFolder(filepath.ToSlash(rel))
}

// logHugoNotes writes the notes on a site's Hugo configuration to the
// server's log.
func (s *server) logHugoNotes(ws *workspace) {
	if ws.cfg.Hugo == nil {
		return
	}
	for _, n := range ws.cfg.Hugo.Notes {
		n.File = filepath.Join(ws.root, filepath.FromSlash(n.File))
		s.log.Printf("%s", n)
	}
}

// workspaceFor returns the workspace of a file, creating it and loading
// its configuration on first use (created is then true). It runs under
// server.mu. A file that the site found from the workspace folder holds
// but does not lint (outside its content folder and include roots), in a
// site of its own below that one (a folder holding .careerlint.yaml, or
// content/ and assets/, or a Hugo configuration and its content folder),
// belongs to that site, as on the command line,
// which finds the root from the file.
func (s *server) workspaceFor(file string) (ws *workspace, created bool) {
	root := siteRoot(s.folders, file)
	ws, created = s.workspaceAt(root)
	own, err := lint.FindRoot(filepath.Dir(file))
	if err != nil || own == root || !within(root, own) || !hasMarker(own) {
		return ws, created
	}
	rel, err := filepath.Rel(root, file)
	if err != nil || ws.cfg.Classify(filepath.ToSlash(rel)) != lint.OutsidePage {
		return ws, created
	}
	if created {
		// Made only to ask it: made again, and its problems told, when
		// one of its files is opened.
		delete(s.workspaces, root)
	}
	return s.workspaceAt(own)
}

// workspaceAt returns the workspace of a site root, creating it and
// loading its configuration on first use (created is then true); under
// server.mu.
func (s *server) workspaceAt(root string) (ws *workspace, created bool) {
	if ws := s.workspaces[root]; ws != nil {
		return ws, false
	}
	ws = &workspace{root: root, cfgFile: filepath.Join(root, lint.ConfigFileName), urls: lint.NewURLCache()}
	ws.cfg, ws.cfgText, ws.cfgErr = loadConfig(ws.cfgFile, s.opt.Rules)
	if ws.cfgErr != nil {
		ws.cfg, ws.cfgText = lint.DefaultConfigAt(root), nil
	}
	s.logHugoNotes(ws)
	s.workspaces[root] = ws
	return ws, true
}

// configDiagnostics turns the problems of a configuration file into
// diagnostics on it. Their columns count code points; text is the file.
func configDiagnostics(err error, text []byte) []Diagnostic {
	if err == nil {
		return []Diagnostic{}
	}
	var list lint.ConfigErrors
	var one *lint.ConfigError
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = lint.ConfigErrors{one}
	default:
		list = lint.ConfigErrors{{Message: err.Error()}}
	}
	t := newLineTable(text)
	out := []Diagnostic{}
	for _, e := range list {
		off := codePointOffset(t, e.Line-1, e.Column-1)
		end := off
		if e.Line > 0 {
			end = t.lineEnd(e.Line - 1)
		}
		out = append(out, Diagnostic{
			Range:    t.rangeOf(off, end),
			Severity: SeverityError,
			Source:   "careerlint",
			Message:  "invalid configuration: " + e.Message,
		})
	}
	return out
}

// codePointOffset returns the byte offset of a zero-based line and a
// column counted in code points, clamped to the line.
func codePointOffset(t *lineTable, line, col int) int {
	if line < 0 {
		return 0
	}
	if line >= len(t.starts) {
		return len(t.src)
	}
	i, end := t.starts[line], t.lineEnd(line)
	for ; col > 0 && i < end; col-- {
		_, size := utf8.DecodeRune(t.src[i:])
		i += size
	}
	return i
}
