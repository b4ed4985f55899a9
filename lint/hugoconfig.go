package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"gitlab.com/careerlint/careerlint/lint/anchor"
)

// HugoConfig is what careerlint reads of the site's own Hugo
// configuration: the few settings it honours and notes on the ones it
// finds but does not model. The zero value (no configuration found) is
// careerlint's long-standing assumption: Hugo's default settings, but raw
// HTML rendered, as with markup.goldmark.renderer.unsafe: true.
type HugoConfig struct {
	// Files are the configuration files read, root-relative with '/', in
	// the order Hugo merges them (a later one wins); none when the site
	// has no Hugo configuration.
	Files []string
	// IDType is markup.goldmark.parser.autoIDType, or its older name
	// autoHeadingIDType, which Hugo prefers when both are set.
	IDType anchor.IDType
	// NoAutoHeadingID is set by markup.goldmark.parser.autoHeadingID:
	// false.
	NoAutoHeadingID bool
	// RawHTMLOmitted is set when a configuration is found and does not
	// set markup.goldmark.renderer.unsafe to true: Hugo leaves raw HTML
	// out of the pages, so its ids are no anchors.
	RawHTMLOmitted bool
	// ContentDir is the contentDir setting as written, with '/', "" when
	// the configuration does not set it (Hugo's default is content).
	ContentDir string
	// ContentDirFile is the configuration file (root-relative, with '/')
	// that sets ContentDir.
	ContentDirFile string
	// Notes are the settings found that careerlint does not model, and a
	// configuration file that does not parse, in file order.
	Notes []HugoNote
}

// HugoNote is a note on the site's Hugo configuration.
type HugoNote struct {
	// File is root-relative with '/'; Line is 1-based, 0 when unknown.
	File string
	Line int
	// Message is lower-case, without final period, and does not name
	// the file.
	Message string
}

// hugoRootNames are the names Hugo 0.151 looks for at the site root, in
// its order: the first that exists is the root configuration, the others
// are not read (checked against Hugo 0.151 builds).
var hugoRootNames = []string{
	"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json",
}

// hugoConfigDirs are the folders of the configuration directory a
// production build (hugo without flags) merges after the root file, in
// order: a setting in a later one wins.
var hugoConfigDirs = []string{"config/_default", "config/production"}

// IsHugoConfigFile reports whether a root-relative file (with '/') is
// one LoadHugoConfig may read: a root configuration file, or a
// configuration file under config/_default/ or config/production/ (a
// language's too, as the names go).
func IsHugoConfigFile(rel string) bool {
	ext := path.Ext(rel)
	switch strings.ToLower(ext) {
	case ".toml", ".yaml", ".yml", ".json":
	default:
		return false
	}
	if slices.Contains(hugoRootNames, strings.TrimSuffix(rel, ext)+strings.ToLower(ext)) {
		return true // config.YAML too: a change there is worth a look
	}
	for _, dir := range hugoConfigDirs {
		if strings.HasPrefix(rel, dir+"/") {
			return true
		}
	}
	return false
}

// IsHugoConfigFolder reports whether a root-relative path (with '/') is
// a folder that holds configuration files LoadHugoConfig may read:
// config, config/_default or config/production, or a folder below one of
// the last two. An editor reports such a folder deleted or moved as one
// event for the folder, none for its files.
func IsHugoConfigFolder(rel string) bool {
	if rel == "config" {
		return true
	}
	for _, dir := range hugoConfigDirs {
		if rel == dir || strings.HasPrefix(rel, dir+"/") {
			return true
		}
	}
	return false
}

// maxHugoConfigSize bounds a configuration file careerlint reads.
const maxHugoConfigSize = 4 << 20

// hugoSource is one decoded configuration file.
type hugoSource struct {
	file string // root-relative
	src  []byte
	root *Node
	// key is, for a file named after a root key (config/_default/
	// markup.toml), that key in lower case, and keyWritten as the file
	// names it; "" for a whole configuration.
	key, keyWritten string
}

// String formats the note as file:line: message (file: message when the
// line is unknown).
func (n HugoNote) String() string {
	if n.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", n.File, n.Line, n.Message)
	}
	return n.File + ": " + n.Message
}

// LoadHugoConfig reads the Hugo configuration of the site at root the
// way Hugo 0.151 merges it for a production build: the first of
// hugo.toml, hugo.yaml, hugo.yml, hugo.json, config.toml, config.yaml,
// config.yml and config.json at the root, then every configuration file
// under config/_default/ and then config/production/, each folder in
// lexical order, subfolders included; a file named hugo or config there
// holds a whole configuration, any other (markup.toml) the value of the
// root key it is named after (files named with a language, such as
// params.en.toml, are not read). Keys compare in any case. cfg gives the
// content folder a contentDir setting is compared with.
//
// A file that does not parse gives a note, and Hugo's defaults are used;
// so does one careerlint does not read, which Hugo reads or waits on: a
// file or configuration folder leading out of the root (through a
// symlink), a named pipe or a device, a file larger than 4 MiB.
func LoadHugoConfig(root string, cfg *Config) *HugoConfig {
	return loadHugoConfig(root, cfg, nil, nil)
}

// HugoConfig reads the site's Hugo configuration as it was at the base
// of the change (LoadHugoConfig): the configuration files the change
// touches read from git at the base (Overlay), those it adds taken as
// absent, the others from disk. A --only-new run lints the base with it,
// so that a change to it that breaks anchors brings those findings.
func (b *BaseState) HugoConfig(root string, cfg *Config) *HugoConfig {
	return loadHugoConfig(root, cfg, b.Overlay, b.Absent)
}

// loadHugoConfig is LoadHugoConfig, with the root-relative files of
// overlay read from it rather than from disk (whether or not they are on
// disk) and the files absent holds taken as not there.
func loadHugoConfig(root string, cfg *Config, overlay map[string][]byte, absent map[string]bool) *HugoConfig {
	h := &HugoConfig{}
	var sources []hugoSource
	// The root's real path, found only when there is a file to check
	// (most sites have none: a run pays no system call for it).
	realRoot := sync.OnceValue(func() string {
		if r, err := filepath.EvalSymlinks(root); err == nil {
			return r
		}
		return root
	})
	// notRead notes a file or folder of the configuration that is not
	// read: Hugo reads it (or waits on it), so what careerlint would
	// find without it is no more right than Hugo's defaults.
	notRead := func(rel, why, fix string) bool {
		h.Notes = append(h.Notes, HugoNote{File: rel, Message: why + ", which careerlint does not read: careerlint checks the site with Hugo's default settings; " + fix})
		return false
	}
	outside := func(rel string) bool {
		real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return false // read (or walked) as it is, and named then
		}
		_, inside := relInside(realRoot(), real)
		return !inside
	}
	const outsideWhy, keepInside = "leads out of the site root (through a symlink)", "keep the configuration inside the site root"
	read := func(rel, key, keyWritten string) bool {
		abs := filepath.Join(root, filepath.FromSlash(rel))
		src, fromOverlay := overlay[rel]
		if !fromOverlay && outside(rel) {
			return notRead(rel, outsideWhy, keepInside)
		}
		var err error
		if !fromOverlay {
			// Opened without blocking, and read up to the limit: a file
			// replaced by a pipe or growing meanwhile is refused too.
			src, err = readRegular(abs, maxHugoConfigSize, nil)
		} else if len(src) > maxHugoConfigSize {
			err = &tooLargeError{size: int64(len(src))}
		}
		var tooLarge *tooLargeError
		switch {
		case errors.Is(err, errNotRegular):
			return notRead(rel, "is not a regular file (a named pipe or a device)", "make it the configuration file or remove it")
		case errors.As(err, &tooLarge):
			return notRead(rel, "is larger than 4 MiB", "split it into files under config/_default/")
		case errors.Is(err, fs.ErrNotExist):
			return notRead(rel, "leads nowhere (a symlink whose target does not exist)", "make it the configuration file or remove it")
		case err != nil:
			return notRead(rel, "cannot be read ("+errText(err)+")", "make it readable")
		}
		h.Files = append(h.Files, rel)
		node, off, msg := decodeHugoConfig(src, strings.ToLower(path.Ext(rel)))
		if msg != "" {
			h.Notes = append(h.Notes, HugoNote{File: rel, Line: lineOfOffset(src, off), Message: msg + "; Hugo fails to build with it: careerlint checks the site with Hugo's default settings"})
			return false
		}
		sources = append(sources, hugoSource{file: rel, src: src, root: node, key: key, keyWritten: keyWritten})
		return true
	}
	for _, name := range hugoRootNames {
		_, inOverlay := overlay[name]
		if fi, err := os.Stat(filepath.Join(root, name)); inOverlay || err == nil && !fi.IsDir() && !absent[name] {
			if !read(name, "", "") {
				return h.defaults()
			}
			break
		}
	}
	for _, dir := range hugoConfigDirs {
		// The folder's files, root-relative, in the order of a walk (each
		// folder's entries in lexical order, a subfolder's files at its
		// name): those on disk but the absent ones, and the overlay's.
		var files []string
		seen := map[string]bool{}
		abs := filepath.Join(root, filepath.FromSlash(dir))
		if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
			if outside(dir) {
				notRead(dir, outsideWhy, keepInside)
				return h.defaults()
			}
			_ = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return nil
				}
				rel, _ := filepath.Rel(root, p)
				rel = filepath.ToSlash(rel)
				if !absent[rel] {
					files = append(files, rel)
					seen[rel] = true
				}
				return nil
			})
		}
		for rel := range overlay {
			if strings.HasPrefix(rel, dir+"/") && !seen[rel] {
				files = append(files, rel)
			}
		}
		slices.SortStableFunc(files, func(a, b string) int {
			return slices.Compare(strings.Split(a, "/"), strings.Split(b, "/"))
		})
		for _, rel := range files {
			base := path.Base(rel)
			ext := strings.ToLower(path.Ext(base))
			switch ext {
			case ".toml", ".yaml", ".yml", ".json":
			default:
				continue
			}
			name := strings.TrimSuffix(base, path.Ext(base))
			key := strings.ToLower(name)
			if strings.Contains(name, ".") {
				continue // a language's settings
			}
			if key == "hugo" || key == "config" {
				key, name = "", ""
			}
			if !read(rel, key, name) {
				return h.defaults()
			}
		}
	}
	if len(h.Files) == 0 {
		return h
	}
	h.settings(sources, cfg)
	return h
}

// hasHugoConfig reports whether a folder holds a Hugo configuration that
// LoadHugoConfig reads: a root configuration file (hugo.toml, ...,
// config.json), or a config/_default/ or config/production/ folder.
func hasHugoConfig(dir string) bool {
	for _, name := range hugoRootNames {
		if fileExists(filepath.Join(dir, name)) {
			return true
		}
	}
	for _, d := range hugoConfigDirs {
		if isDir(filepath.Join(dir, filepath.FromSlash(d))) {
			return true
		}
	}
	return false
}

// hugoContentDir returns the content folder the site's Hugo
// configuration h names with contentDir, cleaned and with '/', when it is
// a folder under root; "" when h does not set contentDir (or does not
// parse), or the folder it names does not exist or is not under root.
func hugoContentDir(root string, h *HugoConfig) string {
	if h == nil || h.ContentDir == "" {
		return ""
	}
	dir := path.Clean(h.ContentDir)
	if !filepath.IsLocal(filepath.FromSlash(dir)) || !isDir(filepath.Join(root, filepath.FromSlash(dir))) {
		return ""
	}
	return dir
}

// MissingContentDir returns, for a folder holding a Hugo configuration
// whose contentDir names no folder inside it, the file that sets
// contentDir and its value, so that "no site here" can say why; "", ""
// for any other folder.
func MissingContentDir(dir string) (file, contentDir string) {
	if !hasHugoConfig(dir) {
		return "", ""
	}
	h := LoadHugoConfig(dir, DefaultConfig())
	if len(h.Files) == 0 || h.ContentDir == "" || hugoContentDir(dir, h) != "" {
		return "", ""
	}
	return h.ContentDirFile, h.ContentDir
}

// isHugoSite reports whether a folder holds a Hugo configuration (see
// LoadHugoConfig) whose content folder, the one contentDir names or
// content, is a folder there: a site root, for FindRoot. A config.yaml
// beside no content folder is no site.
func isHugoSite(dir string) bool {
	if !hasHugoConfig(dir) {
		return false
	}
	h := LoadHugoConfig(dir, DefaultConfig())
	if len(h.Files) == 0 {
		return false // configuration folders holding no configuration file
	}
	if h.ContentDir != "" {
		return hugoContentDir(dir, h) != ""
	}
	return isDir(filepath.Join(dir, "content"))
}

// defaults drops what was read but the notes, for a configuration that
// does not parse: Hugo's defaults.
func (h *HugoConfig) defaults() *HugoConfig {
	return &HugoConfig{Files: h.Files, RawHTMLOmitted: true, Notes: h.Notes}
}

// decodeHugoConfig decodes a configuration file by its extension. It
// returns the root map, or the offset and message of the problem.
func decodeHugoConfig(src []byte, ext string) (*Node, int, string) {
	fm := &FrontMatter{BodyStart: 0, BodyEnd: len(src)}
	switch ext {
	case ".toml":
		fm.decodeTOML(src)
	case ".json":
		end := len(bytes.TrimRight(src, " \t\r\n"))
		if end == 0 {
			return nil, 0, "invalid JSON: the file is empty; write {} for no settings"
		}
		root, off, msg, _ := fromJSON(src, 0, end)
		if msg != "" {
			return nil, off, "invalid JSON: " + msg
		}
		if root.Kind != MapNode {
			return nil, root.Start, "the configuration is not a map of keys to values"
		}
		return root, 0, ""
	default:
		fm.decodeYAML(src)
	}
	if fm.Err != nil {
		return nil, fm.Err.Offset, strings.ReplaceAll(fm.Err.Message, "front matter", "the configuration")
	}
	return fm.Root, 0, ""
}

// lineOfOffset is the 1-based line of a byte offset.
func lineOfOffset(src []byte, off int) int {
	return bytes.Count(src[:min(max(off, 0), len(src))], []byte("\n")) + 1
}

// hugoSetting is the value a merged configuration holds at a key path.
type hugoSetting struct {
	node    *Node
	src     *hugoSource
	written string // the key path as written ("markup.goldmark.parser.autoIDType")
}

// lookup returns the value the merged configuration holds at path (keys
// in lower case), or a zero setting when none: each file sets what it
// writes over what earlier files wrote, maps merged key by key, and a
// value that is no map where path goes on removes what was below it.
// When all is set, it returns every map set at path since the last file
// that replaced it (whose keys Hugo merges), else the last value only.
func lookup(sources []hugoSource, keyPath ...string) hugoSetting {
	var set hugoSetting
	for i := range sources {
		s := &sources[i]
		rel := keyPath
		written := ""
		if s.key != "" {
			if s.key != keyPath[0] {
				continue
			}
			rel, written = keyPath[1:], s.keyWritten
		}
		cur := s.root
		touched := true
		for j, k := range rel {
			c := cur.GetFold(k)
			if c == nil {
				touched = false
				break
			}
			if written != "" {
				written += "."
			}
			written += c.Key
			if j < len(rel)-1 && c.Kind != MapNode {
				cur = nil
				break
			}
			cur = c
		}
		if !touched {
			continue
		}
		set = hugoSetting{node: cur, src: s, written: written}
	}
	return set
}

// lookupMaps returns the maps a merged configuration holds at path, which
// Hugo merges key by key: every map set there since the last value that
// is no map.
func lookupMaps(sources []hugoSource, keyPath ...string) []hugoSetting {
	var out []hugoSetting
	for i := range sources {
		one := lookup(sources[i:i+1], keyPath...)
		if one.src == nil {
			continue
		}
		if one.node == nil || one.node.Kind != MapNode {
			out = out[:0]
			continue
		}
		out = append(out, one)
	}
	return out
}

// text is the setting's value as text, "" when it is no scalar.
func (s hugoSetting) text() string {
	if s.node == nil {
		return ""
	}
	v, _ := s.node.Text()
	return v
}

// bool reads the setting as Hugo reads a flag; ok is false when it is not
// set or not a boolean.
func (s hugoSetting) bool() (value, ok bool) {
	if s.node == nil {
		return false, false
	}
	return s.node.HugoBool()
}

// note adds a note at the setting.
func (h *HugoConfig) note(s hugoSetting, format string, args ...any) {
	at := s.node.KeyStart
	if s.node.KeyEnd == 0 {
		at = s.node.Start
	}
	h.Notes = append(h.Notes, HugoNote{File: s.src.file, Line: lineOfOffset(s.src.src, at), Message: fmt.Sprintf(format, args...)})
}

// settings reads the honoured settings and notes the unmodelled ones.
func (h *HugoConfig) settings(sources []hugoSource, cfg *Config) {
	parser := []string{"markup", "goldmark", "parser"}
	at := func(keys ...string) []string { return append(append([]string(nil), parser...), keys...) }

	// Hugo reads autoHeadingIDType, its older name, over autoIDType.
	idType := lookup(sources, at("autoheadingidtype")...)
	if idType.text() == "" {
		idType = lookup(sources, at("autoidtype")...)
	}
	h.IDType = anchor.IDType(idType.text())
	switch h.IDType {
	case anchor.GitHub, anchor.GitHubASCII, anchor.Blackfriday:
	case "":
		h.IDType = anchor.GitHub
	default:
		h.note(idType, "%s: %s is no ID type Hugo knows; it makes github IDs, as careerlint does", idType.written, idType.text())
		h.IDType = anchor.GitHub
	}
	if s := lookup(sources, at("autoheadingid")...); s.node != nil {
		v, ok := s.bool()
		switch {
		case !ok:
			h.note(s, "%s: %s is no boolean, which fails Hugo's build; careerlint takes the default, true", s.written, s.text())
		case !v:
			h.NoAutoHeadingID = true
		}
	}
	h.RawHTMLOmitted = true
	if s := lookup(sources, "markup", "goldmark", "renderer", "unsafe"); s.node != nil {
		v, ok := s.bool()
		if !ok {
			h.note(s, "%s: %s is no boolean, which fails Hugo's build; careerlint takes the default, false", s.written, s.text())
		}
		h.RawHTMLOmitted = !v
	}

	const links = "so link findings may be wrong"
	const anchors = "so anchor findings may be wrong"
	unmodelled := func(s hugoSetting, shown, assumed, expect string) {
		h.note(s, "sets %s, which careerlint does not model: %s, %s", shown, assumed, expect)
	}
	if s := lookup(sources, "uglyurls"); s.node != nil {
		ugly := false
		if s.node.Kind == MapNode {
			for _, c := range s.node.Children {
				v, _ := c.HugoBool()
				ugly = ugly || v
			}
		} else {
			ugly, _ = s.bool()
		}
		shown := s.written
		if s.node.Kind != MapNode {
			shown += ": " + s.text()
		}
		if ugly {
			unmodelled(s, shown, "page URLs are checked as folders (/x/, not /x.html)", links)
		}
	}
	if s := lookup(sources, "disablepathtolower"); s.node != nil {
		if v, _ := s.bool(); v {
			unmodelled(s, s.written+": "+s.text(), "page URLs are checked in lower case", links)
		}
	}
	for _, s := range lookupMaps(sources, "permalinks") {
		if len(s.node.Children) > 0 {
			unmodelled(s, s.written, "page URLs are checked as the content folders and front matter make them", links)
			break
		}
	}
	if s := lookup(sources, at("attribute", "title")...); s.node != nil {
		if v, ok := s.bool(); ok && !v {
			unmodelled(s, s.written+": "+s.text(), "a heading's {#id} is checked as its ID (Hugo keeps it in the text)", anchors)
		}
	}
	if s := lookup(sources, at("autodefinitiontermid")...); s.node != nil {
		if v, _ := s.bool(); v {
			unmodelled(s, s.written+": "+s.text(), "definition terms are checked as having no ID (and taking no place in the heading IDs' counter)", anchors)
		}
	}
	if s := lookup(sources, "markup", "goldmark", "extensions", "typographer", "disable"); s.node != nil {
		if v, _ := s.bool(); v {
			unmodelled(s, s.written+": "+s.text(), "heading IDs are computed with Hugo's default typographer (\"--\" a dash, left out of the ID)", anchors)
		}
	}
	if s := lookup(sources, "markup", "defaultmarkdownhandler"); s.node != nil {
		if v := s.text(); v != "" && !strings.EqualFold(v, "goldmark") {
			unmodelled(s, s.written+": "+v, "pages are checked as goldmark renders them", "so heading IDs and link findings may be wrong")
		}
	}
	if s := lookup(sources, "defaultcontentlanguageinsubdir"); s.node != nil {
		if v, _ := s.bool(); v {
			unmodelled(s, s.written+": "+s.text(), "page URLs are checked without the language's folder (/en/)", links)
		}
	}
	if s := lookup(sources, "contentdir"); s.node != nil {
		h.ContentDir, h.ContentDirFile = filepath.ToSlash(s.text()), s.src.file
		if v := s.text(); v != "" && path.Clean(filepath.ToSlash(v)) != path.Clean(cfg.Content) {
			unmodelled(s, s.written+": "+v, fmt.Sprintf("careerlint reads the pages from %s/ (content in its configuration)", path.Clean(cfg.Content)), fmt.Sprintf("so page and link findings may be wrong; set content: %s in %s", v, ConfigFileName))
		}
	}
	if s := lookup(sources, "baseurl"); s.node != nil {
		if u, err := url.Parse(s.text()); err == nil && strings.Trim(u.Path, "/") != "" {
			unmodelled(s, s.written+": "+s.text()+" (a path)", "site-relative links are checked from /, not from "+u.Path, links)
		}
	}
}
