package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"gitlab.com/careerlint/careerlint/schema"
)

// ConfigFileName is the configuration file careerlint looks for.
const ConfigFileName = ".careerlint.yaml"

// DefaultDocsURL is where rule documentation is published.
const DefaultDocsURL = "https://gitlab.com/careerlint/careerlint/-/blob/main/rules/docs/"

// Config is careerlint's configuration: the built-in defaults describe
// GitLab's handbook, and a .careerlint.yaml file overrides them key by key.
type Config struct {
	// File is the configuration file read, "" for the built-in defaults.
	File string `yaml:"-"`
	// Content is the content root relative to the site root.
	Content string `yaml:"content"`
	// IncludeRoots are folders where include targets are looked up.
	IncludeRoots []string `yaml:"include-roots"`
	// Pages are the globs of career pages linted when no path is given.
	Pages []string `yaml:"pages"`
	// Ignore are globs of files never linted.
	Ignore []string `yaml:"ignore"`
	// Ladder lists level names in order.
	Ladder []string `yaml:"ladder"`
	// ExtraLevels are further level file names outside the ladder.
	ExtraLevels []string `yaml:"extra-levels"`
	// MaxFileSize is the largest file read, in bytes.
	MaxFileSize int64 `yaml:"max-file-size"`
	// TimeBudget bounds a run: files not yet read when it runs out are
	// reported as not checked. Zero means no limit.
	TimeBudget time.Duration `yaml:"time-budget"`
	// DocsURL is the base URL of the rule docs.
	DocsURL string `yaml:"docs-url"`
	// Shortcodes configures shortcode handling.
	Shortcodes ShortcodeConfig `yaml:"shortcodes"`
	// Links describes the site's URLs for the link rules.
	Links LinksConfig `yaml:"links"`
	// Rules holds per-rule settings by rule name, whether the file names
	// the rule by name or ID (RuleConfig.Key keeps the key as written).
	Rules map[string]RuleConfig `yaml:"-"`
	// Hugo is what careerlint reads of the site's Hugo configuration
	// (LoadHugoConfig); nil, like a site without one, means Hugo's
	// defaults with raw HTML rendered.
	Hugo *HugoConfig `yaml:"-"`
	// contentAt is where the file sets content, for CheckRoot (nil when
	// it does not).
	contentAt *ConfigError
	// includeRootsAt is where the file writes each include root, for
	// CheckRoot (nil when it does not set include-roots).
	includeRootsAt []*ConfigError
	// ignoreAt spans each glob of Ignore in the file (byte offsets), for
	// the report of globs that match nothing; nil when Ignore is not read
	// from a file.
	ignoreAt [][2]int
	// pagesAt is ignoreAt for Pages.
	pagesAt [][2]int
}

// CheckRoot reports a content folder the configuration file names that
// is not a folder under the site root: every page and link would be
// looked up in the wrong place, and CI would report hundreds of false
// findings or check nothing. A content folder, named or the default, that
// is a symlink leading outside the root is reported too: careerlint reads
// nothing outside the root. So is an include root the file names that is
// not a folder under the root: every include would be reported missing.
func (c *Config) CheckRoot(root string) error {
	errs := c.checkContent(root)
	for i, r := range c.IncludeRoots {
		if i >= len(c.includeRootsAt) || isDir(filepath.Join(root, filepath.FromSlash(r))) {
			continue
		}
		e := *c.includeRootsAt[i]
		e.Message = fmt.Sprintf("include-roots: %q is not a folder under the site root %s, so no include is read from it", r, root)
		if dym := closestFolder(root, r); dym != "" {
			e.Message += dym
		} else {
			e.Message += "; name the folder that holds the include files, or remove it"
		}
		errs = append(errs, &e)
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// closestFolder returns a did-you-mean for a folder name that is not one
// of the site root's folders: the closest of them, or "".
func closestFolder(root, name string) string {
	ents, err := os.ReadDir(root)
	if err != nil {
		return ""
	}
	var dirs []string
	for _, d := range ents {
		if d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			dirs = append(dirs, d.Name())
		}
	}
	if s := Closest(path.Base(name), dirs, 3); s != "" {
		return fmt.Sprintf("; did you mean %q", s)
	}
	return ""
}

// checkContent is CheckRoot's check of the content folder.
func (c *Config) checkContent(root string) ConfigErrors {
	abs := filepath.Join(root, filepath.FromSlash(c.Content))
	fi, err := os.Stat(abs)
	if err == nil && fi.IsDir() {
		real, err1 := filepath.EvalSymlinks(abs)
		realRoot, err2 := filepath.EvalSymlinks(root)
		if err1 != nil || err2 != nil {
			return nil
		}
		if _, inside := relInside(realRoot, real); inside {
			return nil
		}
		msg := fmt.Sprintf("content: %q leads outside the site root, to %s; careerlint reads nothing outside the root: name a folder under it", c.Content, real)
		if c.contentAt == nil {
			return ConfigErrors{&ConfigError{File: filepath.Join(root, c.Content), Message: fmt.Sprintf("the content folder leads outside the site root, to %s; careerlint reads nothing outside the root: make it a folder under the root, or set content in %s", real, ConfigFileName)}}
		}
		e := *c.contentAt
		e.Message = msg
		return ConfigErrors{&e}
	}
	if c.contentAt == nil {
		return nil // no content folder named: the run says what it finds
	}
	e := *c.contentAt
	e.Message = fmt.Sprintf("content: %q is not a folder under the site root %s", c.Content, root)
	if dym := closestFolder(root, c.Content); dym != "" {
		e.Message += dym
	} else {
		e.Message += "; name the folder that holds the site's pages (Hugo's contentDir)"
	}
	return ConfigErrors{&e}
}

// ShortcodeConfig names shortcodes with special meaning.
type ShortcodeConfig struct {
	// Include are the names of shortcodes that include a file.
	Include []string `yaml:"include"`
	// Paired are the names of shortcodes that need a closing tag, none of
	// them in Include (ParseConfig refuses one that is).
	Paired []string `yaml:"paired"`
}

// LinksConfig describes the site's URL space for the link rules.
type LinksConfig struct {
	// SiteURLs are absolute URL prefixes that serve this site; a link
	// starting with one is a site link written absolute. Each maps to the
	// site path of its own URL path ("https://about.gitlab.com/handbook/"
	// to "/handbook/").
	SiteURLs []string `yaml:"site-urls"`
	// ExternalPrefixes are site paths served from outside the content
	// root (another project deployed under the same host); links under
	// them are not checked.
	ExternalPrefixes []string `yaml:"external-prefixes"`
	// LayoutAnchors are anchors the site's layout puts on every page.
	LayoutAnchors []string `yaml:"layout-anchors"`
	// StaticRoots are folders, relative to the site root, served at the
	// site root (Hugo's static/); links to files (images, PDFs) are checked
	// against them and the content root, when one of them exists.
	StaticRoots []string `yaml:"static-roots"`
}

// RuleConfig is one rule's settings.
type RuleConfig struct {
	// Severity overrides the rule's default; nil keeps it.
	Severity *Severity
	// Options is the options map as written, nil when absent.
	Options *yaml.Node
	// OptionsNode is the same map with byte offsets into the
	// configuration file, for a rule to report a finding on an option
	// (Site.ConfigSpan); nil when absent.
	OptionsNode *Node
	// Key is the name or ID the rule was configured under; KeyStart its
	// position in the configuration file.
	Key      string
	KeyStart int
}

// DefaultConfig returns the built-in configuration for GitLab's handbook.
func DefaultConfig() *Config {
	return &Config{
		Content:      "content",
		IncludeRoots: []string{"assets"},
		Pages: []string{
			"content/handbook/**/careers/matrix/**/*.md",
			"content/handbook/marketing/marketing-career-development/**/*.md",
		},
		Ladder:      []string{"intern", "associate", "intermediate", "senior", "staff", "senior-staff", "principal", "distinguished", "fellow"},
		ExtraLevels: []string{"csr"},
		MaxFileSize: 10 << 20,
		DocsURL:     DefaultDocsURL,
		Shortcodes: ShortcodeConfig{
			Include: []string{"include"},
			Paired:  []string{"details", "alert", "panel", "tabs", "tab", "note", "warning", "collapse", "highlight"},
		},
		Links: LinksConfig{
			SiteURLs:         []string{"https://handbook.gitlab.com/", "https://about.gitlab.com/handbook/"},
			ExternalPrefixes: []string{"/job-families/"},
			LayoutAnchors:    []string{"top"},
			StaticRoots:      []string{"static"},
		},
		Rules: map[string]RuleConfig{},
	}
}

// DefaultConfigAt returns the built-in configuration for the site at
// root, which applies when it has no configuration file: DefaultConfig,
// but with the content folder the site's Hugo configuration names with
// contentDir, when that is a folder under root, and the
// pages globs under it ("site/handbook/**/..." for contentDir = "site").
// Its Hugo field holds the site's Hugo configuration (LoadHugoConfig).
func DefaultConfigAt(root string) *Config {
	c := DefaultConfig()
	h := LoadHugoConfig(root, c)
	if dir := hugoContentDir(root, h); dir != "" && dir != c.Content {
		for i, g := range c.Pages {
			if rest, ok := strings.CutPrefix(g, c.Content+"/"); ok {
				// Joined: contentDir = "." gives "handbook/**", not
				// "./handbook/**", which would match no file.
				c.Pages[i] = path.Join(dir, rest)
			}
		}
		c.Content = dir
		h = LoadHugoConfig(root, c) // no note on contentDir, which it follows
	}
	c.Hugo = h
	return c
}

// DefaultConfigYAML returns the text `careerlint init` writes: the
// defaults, commented.
func DefaultConfigYAML(rules []*Rule) string {
	return configYAML(DefaultConfig(), "", "", rules)
}

// DefaultConfigYAMLAt returns the text `careerlint init` writes in the
// site root root: the defaults that apply there (DefaultConfigAt),
// commented; the content folder and pages taken from the site's Hugo
// configuration say so.
func DefaultConfigYAMLAt(root string, rules []*Rule) string {
	c := DefaultConfigAt(root)
	from := ""
	if c.Content != DefaultConfig().Content {
		from = c.Hugo.ContentDirFile
	}
	return configYAML(c, root, from, rules)
}

// configYAML writes a configuration as `careerlint init` does. root, when
// not "", is the site root it is written for: content is written as a
// comment when its folder is not there, and include-roots when none of
// its folders is, since a file naming folders that are not there does
// not load, where the defaults do.
// hugoFile, when not "", is the Hugo configuration file the content
// folder is taken from, which a comment names.
func configYAML(c *Config, root, hugoFile string, rules []*Rule) string {
	var b strings.Builder
	b.WriteString("# careerlint configuration: https://gitlab.com/careerlint/careerlint\n")
	b.WriteString("# Every key is optional; these are the built-in defaults.\n\n")
	b.WriteString("# Content root, relative to this file's folder.\n")
	if hugoFile != "" {
		fmt.Fprintf(&b, "# Taken from contentDir in %s (the pages globs below start with it too).\n", hugoFile)
	}
	content := c.Content
	if !plainYAMLRE.MatchString(content) {
		content = strconv.Quote(content)
	}
	if root != "" && !isDir(filepath.Join(root, filepath.FromSlash(c.Content))) {
		// As include-roots below: a file naming a content folder that is
		// not there does not load, where the defaults do (and the run
		// says the folder is missing).
		if other := FolderInOtherCase(root, c.Content); other != "" {
			// Hugo on a case-sensitive file system does not read it as
			// content/ either: which one is meant is the user's call.
			value := other
			if !plainYAMLRE.MatchString(value) {
				value = strconv.Quote(value)
			}
			fmt.Fprintf(&b, "# No %s/ folder here, but %s/, in another case, which Hugo does not read as %s/ on a case-sensitive file system:\n# rename the folder, or uncomment this and name it so in the pages globs below and as Hugo's contentDir.\n# content: %s\n", c.Content, other, c.Content, value)
		} else {
			fmt.Fprintf(&b, "# No %s/ folder here: name the folder that holds the site's pages (Hugo's contentDir), and uncomment.\n# content: %s\n", c.Content, content)
		}
	} else {
		fmt.Fprintf(&b, "content: %s\n", content)
	}
	b.WriteString("# Where include targets are looked up (\"includes/x.md\" is <root>/assets/includes/x.md).\n")
	if root != "" && !slices.ContainsFunc(c.IncludeRoots, func(r string) bool { return isDir(filepath.Join(root, filepath.FromSlash(r))) }) {
		fmt.Fprintf(&b, "# No %s/ folder here: name the folder that holds the include files, and uncomment.\n", c.IncludeRoots[0])
		var l strings.Builder
		writeList(&l, "include-roots", c.IncludeRoots)
		for _, line := range strings.SplitAfter(strings.TrimSuffix(l.String(), "\n"), "\n") {
			b.WriteString("# " + line)
		}
		b.WriteString("\n")
	} else {
		writeList(&b, "include-roots", c.IncludeRoots)
	}
	b.WriteString("# Career pages linted when no path is given (globs relative to the site root).\n")
	writePages(&b, root, c)
	b.WriteString("# Files never linted (globs relative to the site root, as in content/**/draft-*.md).\nignore: []\n")
	b.WriteString("# Levels in ladder order, as written in file names.\n")
	writeList(&b, "ladder", c.Ladder)
	b.WriteString("# Further level file names that are not rungs of the ladder.\n")
	writeList(&b, "extra-levels", c.ExtraLevels)
	b.WriteString("# Larger files are reported and not read (bytes).\n")
	fmt.Fprintf(&b, "max-file-size: %d\n", c.MaxFileSize)
	b.WriteString("# Time for reading a run's files, such as 30s or 5m; files not read in time are\n# reported as not checked (file-format), the files read are checked. 0s: no limit.\n")
	fmt.Fprintf(&b, "time-budget: %s\n", c.TimeBudget)
	b.WriteString("# Folder of the rule docs, an http or https URL: findings link <docs-url><rule-name>.md.\n")
	fmt.Fprintf(&b, "docs-url: %s\n", c.DocsURL)
	b.WriteString("shortcodes:\n")
	b.WriteString("  # Shortcodes that include a file (at least one).\n")
	fmt.Fprintf(&b, "  include: [%s]\n", strings.Join(c.Shortcodes.Include, ", "))
	b.WriteString("  # Shortcodes that need a closing tag.\n")
	fmt.Fprintf(&b, "  paired: [%s]\n", strings.Join(c.Shortcodes.Paired, ", "))
	b.WriteString("links:\n")
	b.WriteString("  # Absolute URL prefixes that serve this site: links starting with one should be site-relative.\n")
	writeList(&b, "  site-urls", c.Links.SiteURLs)
	b.WriteString("  # Site paths served from outside the content root; links under them are not checked.\n")
	writeList(&b, "  external-prefixes", c.Links.ExternalPrefixes)
	b.WriteString("  # Anchors the layout puts on every page, written without \"#\".\n")
	writeList(&b, "  layout-anchors", c.Links.LayoutAnchors)
	b.WriteString("  # Folders served at the site root (links to files are checked when one exists).\n")
	writeList(&b, "  static-roots", c.Links.StaticRoots)
	b.WriteString("# Per rule: off, info, warning or error, or {severity: ..., options: {...}}.\nrules:\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "  %s: %s # %s %s\n", r.Name, r.Default, r.ID, r.Summary)
	}
	return b.String()
}

// plainYAMLRE matches a value written without quotes.
var plainYAMLRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*$`)

// writePages writes the pages globs of c for the site root root ("" for
// none): a glob that matches no Markdown file of the content folder, while
// another matches some, is written as a comment, as the suppression rule
// would report it (GitLab's handbook has marketing career pages, another
// site may not).
func writePages(b *strings.Builder, root string, c *Config) {
	var files []string
	if root != "" {
		// The content folder's Markdown files as a run walks them (a
		// symlinked content folder through its link).
		never := func(string) bool { return false }
		files, _, _ = walkMarkdown(root, filepath.Join(root, filepath.FromSlash(c.Content)), c.Content, pageSelector{all: true}, never, false, nil, nil)
	}
	matches := func(g string) bool {
		return slices.ContainsFunc(files, func(f string) bool { return MatchPageGlob(g, f) })
	}
	if !slices.ContainsFunc(c.Pages, matches) {
		writeList(b, "pages", c.Pages) // none matches: the run says so
		return
	}
	b.WriteString("pages:\n")
	for _, g := range c.Pages {
		if matches(g) {
			fmt.Fprintf(b, "  - %q\n", g)
		} else {
			fmt.Fprintf(b, "  # No page here matches this one; uncomment it once some does.\n  # - %q\n", g)
		}
	}
}

// writeList writes a YAML list of quoted strings under key.
func writeList(b *strings.Builder, key string, items []string) {
	fmt.Fprintf(b, "%s:\n", key)
	indent := key[:len(key)-len(strings.TrimLeft(key, " "))]
	for _, it := range items {
		fmt.Fprintf(b, "%s  - %q\n", indent, it)
	}
}

// ConfigError is a problem in a configuration file, with its position.
type ConfigError struct {
	File         string
	Line, Column int
	Message      string
}

// Error formats the problem as file:line:column: message.
func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

// ConfigErrors is every problem found in one configuration file.
type ConfigErrors []*ConfigError

// Error lists every problem, one a line.
func (es ConfigErrors) Error() string {
	var s []string
	for _, e := range es {
		s = append(s, e.Error())
	}
	return strings.Join(s, "\n")
}

// LoadConfig reads and validates a configuration file. Every problem is
// returned with its line and column; the rules are needed to check rule
// names and decode their options.
func LoadConfig(file string, rules []*Rule) (*Config, error) {
	// A FIFO or a device named on purpose (--config <(...), --config
	// /dev/null) is read; a .careerlint.yaml found in the root that is not
	// a regular file is refused before this (see the command).
	cfg, _, err := LoadConfigText(file, rules)
	return cfg, err
}

// LoadConfigText is LoadConfig that also returns the text it read (nil
// when it could read none), to which the configuration's byte offsets
// (RuleConfig.OptionsNode, the ignore globs' places) point: a caller that
// holds the file's text otherwise (an editor's document) can tell whether
// a finding on the file is at the right place in it.
func LoadConfigText(file string, rules []*Rule) (*Config, []byte, error) {
	if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		return nil, nil, &ConfigError{File: file, Message: "cannot read configuration: it is a folder; point --config at a YAML file"}
	}
	src, err := readConfigFile(file)
	if err != nil {
		return nil, nil, &ConfigError{File: file, Message: "cannot read configuration: " + err.Error()}
	}
	cfg, err := ParseConfig(file, src, rules)
	return cfg, src, err
}

// yamlDocumentStart returns the offset after a "---" line (with nothing
// after it but a comment) that starts a YAML text's first document, after
// a byte order mark and blank or comment lines; 0 when there is none.
func yamlDocumentStart(src []byte) int {
	off := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		off = 3
	}
	for off < len(src) {
		next := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			next = off + i + 1
		}
		line := bytes.TrimRight(src[off:next], "\r\n")
		rest := bytes.TrimLeft(line, " \t")
		switch {
		case len(rest) == 0 || rest[0] == '#':
			off = next
		case bytes.HasPrefix(line, []byte("---")):
			after := bytes.TrimLeft(line[3:], " \t")
			if len(after) == 0 || len(after) < len(line)-3 && after[0] == '#' {
				return next
			}
			return 0 // "---x", or a value on the marker's line
		default:
			return 0
		}
	}
	return 0
}

// maxConfigSize is the size of the largest configuration file read; the
// default one, with its comments, is some 3 kB.
const maxConfigSize = 1 << 20

// readConfigFile reads a configuration file of at most maxConfigSize
// bytes: a device or pipe that never ends (--config /dev/zero, a symlink
// to it) is refused after that many, rather than read without end.
func readConfigFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err == nil {
		defer f.Close()
		var src []byte
		if src, err = io.ReadAll(io.LimitReader(f, maxConfigSize+1)); err == nil {
			if len(src) > maxConfigSize {
				return nil, errors.New("it is larger than 1 MiB, which no configuration needs; point --config at the YAML configuration")
			}
			return src, nil
		}
	}
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		err = pe.Err // the file is named beside the message
	}
	return nil, err
}

// ParseConfig validates configuration text against the embedded schema and
// decodes it over the defaults.
func ParseConfig(file string, src []byte, rules []*Rule) (*Config, error) {
	li := NewLineIndex(src)
	at := func(off int, msg string) *ConfigError {
		p := li.Position(off)
		return &ConfigError{File: file, Line: p.Line, Column: p.Column, Message: msg}
	}
	if enc := wideEncoding(src); enc != "" {
		// YAML reads UTF-16 with a byte order mark, but not without one,
		// nor UTF-32: said as the pages' encoding is.
		if enc == "UTF-32" || !bytes.HasPrefix(src, []byte{0xff, 0xfe}) && !bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
			return nil, ConfigErrors{at(0, fmt.Sprintf("the file is %s text (NUL bytes between the letters), which YAML reads only as UTF-16 with a byte order mark; save it as UTF-8", enc))}
		}
	}
	if rest := src[min(len(src), 2):]; wideEncoding(src) == "UTF-16" && (len(rest)%2 != 0 || len(rest) > 0 && bytes.IndexByte(rest, 0) < 0 && utf8.Valid(rest)) {
		// A UTF-16 byte order mark before text that is not UTF-16: an odd
		// number of bytes, or UTF-8 with no NUL byte (in UTF-16 the keys,
		// ASCII, have one beside each letter). YAML reads it as UTF-16
		// all the same and finds one long string, or "an incomplete
		// UTF-16 character". A mark alone is an empty file.
		return nil, ConfigErrors{at(0, "the file starts with a UTF-16 byte order mark (bytes FF FE or FE FF), but the text after it is not UTF-16; save it as UTF-8 without the byte order mark")}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		// Named in plain words where the front matter's are (a tab
		// indenting a line, a list never closed, ...).
		fe := yamlBodyError(err, src, 0, len(src))
		if start := yamlDocumentStart(src); start > 0 {
			// Read as a body, the "---" line would be taken for a line
			// missing its key: the text after it is.
			if berr := yaml.Unmarshal(src[start:], &yaml.Node{}); berr != nil {
				fe = yamlBodyError(berr, src, start, len(src))
			}
		}
		return nil, ConfigErrors{at(fe.Offset, fe.Message)}
	}
	// yaml.Unmarshal reads the first document only: the keys of a second
	// one (after a "---" line in the middle, taken for a separator) would
	// be left out without a word.
	if off, msg, ok := laterDocument(src); ok {
		return nil, ConfigErrors{at(off, msg)}
	}
	cfg := DefaultConfig()
	cfg.File = file
	if len(doc.Content) == 0 || doc.Content[0].ShortTag() == "!!null" {
		return cfg, nil // an empty document ("", "---", comments only)
	}
	if dup, first := yamlDuplicateKey(&doc); dup != nil {
		return nil, ConfigErrors{at(offsetOf(src, lineOffsets(src), dup.Line, dup.Column), fmt.Sprintf("key %q is already defined on line %d; remove one of them", dup.Value, first.Line))}
	}
	if alias, msg := yamlAliasProblem(&doc); alias != nil {
		return nil, ConfigErrors{at(offsetOf(src, lineOffsets(src), alias.Line, alias.Column), msg)}
	}
	root := fromYAML(&doc, src, 0)
	var errs ConfigErrors
	for _, v := range Validate(schema.Config, root) {
		if len(v.Path) == 1 && v.Path[0] == "rules" && v.Key != "" {
			// A rule key that is not even shaped like a name or an ID.
			errs = append(errs, at(v.Start, UnknownRule(v.Key, "", rules)))
			continue
		}
		errs = append(errs, at(v.Start, v.Message))
	}
	// Rule names are checked in the same pass, so that a user sees every
	// problem of the file at once.
	if rn := root.Get("rules"); rn != nil && rn.Kind == MapNode {
		byKey := map[string]*Rule{}
		for _, r := range rules {
			byKey[r.Name], byKey[r.ID] = r, r
		}
		seen := map[*Rule]string{}
		for _, c := range rn.Children {
			r, ok := byKey[c.Key]
			switch {
			case !ok && nameShaped(c.Key):
				errs = append(errs, at(c.KeyStart, UnknownRule(c.Key, "", rules)))
			case !ok:
				// reported by the schema pass
			case seen[r] != "":
				errs = append(errs, at(c.KeyStart, fmt.Sprintf("rule %s is configured twice (as %q and %q); keep one", r.Name, seen[r], c.Key)))
			default:
				seen[r] = c.Key
			}
		}
	}
	// Globs that path.Match cannot read would match nothing, silently;
	// include roots that leave the site root would be refused at every
	// include.
	for _, key := range []string{"pages", "ignore"} {
		for _, c := range listItems(root.Get(key)) {
			if g, ok := c.String(); ok {
				if msg := GlobProblem(g); msg != "" {
					errs = append(errs, at(c.Start, fmt.Sprintf("%s: %s", key, msg)))
				}
			}
		}
	}
	// The content folder is read and linted: it must not lead out of the
	// root (a page there is no page of this site, and careerlint reads
	// nothing outside the root).
	if n := root.Get("content"); n != nil {
		if c, ok := n.String(); ok && leavesRoot(c) {
			errs = append(errs, at(n.Start, fmt.Sprintf("content: %q is not inside the site root; name a folder under it, such as \"content\"", c)))
		}
	}
	// A level listed twice, in any case (levels compare in any case); a
	// shortcode listed twice (shortcode names compare exactly).
	for _, l := range []struct {
		key  string
		n    *Node
		fold bool
	}{{"ladder", root.Get("ladder"), true}, {"extra-levels", root.Get("extra-levels"), true}, {"shortcodes.include", root.Get("shortcodes").Get("include"), false}, {"shortcodes.paired", root.Get("shortcodes").Get("paired"), false}} {
		errs = append(errs, listedTwice(l.key, listItems(l.n), l.fold, at)...)
	}
	// A level both on the ladder and among the extra levels would be a
	// rung and not one.
	ladder := DefaultConfig().Ladder
	if items := listItems(root.Get("ladder")); items != nil {
		ladder = nil
		for _, c := range items {
			if l, ok := c.String(); ok {
				ladder = append(ladder, l)
			}
		}
	}
	for _, c := range listItems(root.Get("extra-levels")) {
		if l, ok := c.String(); ok && slices.ContainsFunc(ladder, func(r string) bool { return strings.EqualFold(r, l) }) {
			errs = append(errs, at(c.Start, fmt.Sprintf("extra-levels: %q is on the ladder already; remove it from one of them", l)))
		}
	}
	errs = append(errs, shortcodeConflicts(root.Get("shortcodes"), at)...)
	// The schema's pattern takes any number of hours; time.Duration
	// counts up to some 292 years.
	if n := root.Get("time-budget"); n != nil {
		if d, ok := n.String(); ok && durationRE.MatchString(d) {
			if _, err := time.ParseDuration(d); err != nil {
				errs = append(errs, at(n.Start, fmt.Sprintf("time-budget: %q is longer than the largest duration careerlint can count, %s; write a shorter one (0s for no limit)", d, time.Duration(math.MaxInt64))))
			}
		}
	}
	for _, c := range listItems(root.Get("include-roots")) {
		if r, ok := c.String(); ok && leavesRoot(r) {
			errs = append(errs, at(c.Start, fmt.Sprintf("include-roots: %q is not inside the site root; name a folder under it, such as \"assets\"", r)))
		}
	}
	// A static root outside the site root would be looked at, and no
	// file link found in it (careerlint reads nothing outside the root).
	for _, c := range listItems(root.Get("links").Get("static-roots")) {
		if r, ok := c.String(); ok && leavesRoot(r) {
			errs = append(errs, at(c.Start, fmt.Sprintf("links.static-roots: %q is not inside the site root; name a folder under it, such as \"static\"", r)))
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *ConfigError) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Column - b.Column
		})
		return nil, errs
	}
	if err := doc.Content[0].Decode(cfg); err != nil {
		return nil, decodeErrors(err, at, lineOffsets(src), src)
	}
	cfg.File = file
	if n := root.Get("content"); n != nil {
		cfg.contentAt = at(n.Start, "")
	}
	if items := listItems(root.Get("include-roots")); len(items) == len(cfg.IncludeRoots) {
		for _, c := range items {
			cfg.includeRootsAt = append(cfg.includeRootsAt, at(c.Start, ""))
		}
	}
	if items := listItems(root.Get("ignore")); len(items) == len(cfg.Ignore) {
		for _, c := range items {
			cfg.ignoreAt = append(cfg.ignoreAt, [2]int{c.Start, c.End})
		}
	}
	if items := listItems(root.Get("pages")); len(items) == len(cfg.Pages) {
		for _, c := range items {
			cfg.pagesAt = append(cfg.pagesAt, [2]int{c.Start, c.End})
		}
	}

	// Rules: resolve names and IDs, decode options into typed structs.
	byKey := map[string]*Rule{}
	for _, r := range rules {
		byKey[r.Name], byKey[r.ID] = r, r
	}
	seen := map[*Rule]string{}
	if rn := root.Get("rules"); rn != nil {
		ry := MapValue(doc.Content[0], "rules")
		for i, c := range rn.Children {
			r, ok := byKey[c.Key]
			if !ok {
				errs = append(errs, at(c.KeyStart, UnknownRule(c.Key, "", rules)))
				continue
			}
			if prev, dup := seen[r]; dup {
				errs = append(errs, at(c.KeyStart, fmt.Sprintf("rule %s is configured twice (as %q and %q); keep one", r.Name, prev, c.Key)))
				continue
			}
			seen[r] = c.Key
			rc := RuleConfig{Key: c.Key, KeyStart: c.KeyStart}
			val := ry.Content[2*i+1]
			sevNode := c
			if c.Kind == MapNode {
				sevNode = c.Get("severity")
				rc.Options = MapValue(val, "options")
				rc.OptionsNode = c.Get("options")
			}
			if s, ok := sevNode.String(); ok {
				sev, _ := ParseSeverity(s)
				rc.Severity = &sev
			}
			if rc.Options != nil {
				if r.NewOptions == nil {
					errs = append(errs, at(c.Get("options").KeyStart, fmt.Sprintf("rule %s has no options", r.Name)))
					continue
				}
				opts := r.NewOptions()
				optionErr := func(err error) {
					off := c.Get("options").Start
					var oe *OptionError
					if errors.As(err, &oe) {
						off, err = offsetOf(src, lineOffsets(src), oe.Line, oe.Column), oe.Err
					}
					errs = append(errs, at(off, fmt.Sprintf("options of rule %s: %v", r.Name, err)))
				}
				if err := rc.Options.Decode(opts); err != nil {
					optionErr(err)
					continue
				}
				if cc, ok := opts.(ConfigChecker); ok {
					for _, err := range cc.CheckConfig(cfg) {
						optionErr(err)
					}
				}
			}
			cfg.Rules[r.Name] = rc
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return cfg, nil
}

// laterDocument finds a YAML document after the first one that holds
// something (an empty one, a "---" or comments closing the file, is
// harmless) and returns where it starts with the message for it, or the
// YAML problem of such a document that does not parse.
func laterDocument(src []byte) (int, string, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&yaml.Node{}); err != nil {
		return 0, "", false // the caller reports the first document's problems
	}
	for {
		var d yaml.Node
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return 0, "", false
		}
		if err != nil {
			fe := yamlBodyError(err, src, 0, len(src))
			return fe.Offset, fe.Message, true
		}
		if len(d.Content) > 0 && d.Content[0].ShortTag() != "!!null" {
			return offsetOf(src, lineOffsets(src), d.Line, d.Column), "a second YAML document starts here, and careerlint reads only the first, so its settings would be ignored; remove this \"---\" line to make one document", true
		}
	}
}

// listedTwice reports the items of a list written under key that repeat
// an earlier one, compared in any case when fold is set.
func listedTwice(key string, items []*Node, fold bool, at func(int, string) *ConfigError) []*ConfigError {
	var errs []*ConfigError
	for j, c := range items {
		l, ok := c.String()
		for i := 0; ok && i < j; i++ {
			k, _ := items[i].String()
			if k != l && (!fold || !strings.EqualFold(k, l)) {
				continue
			}
			msg := fmt.Sprintf("%s: %q is listed twice (items %d and %d); remove one", key, l, i+1, j+1)
			if k != l {
				msg = fmt.Sprintf("%s: %q is listed twice, as %q too (items %d and %d), and levels compare in any case; remove one", key, l, k, i+1, j+1)
			}
			errs = append(errs, at(c.Start, msg))
			break
		}
	}
	return errs
}

// shortcodeConflicts reports a shortcode name that is both an include
// shortcode and a paired one, the lists written under shortcodes (n) or
// the defaults: every include would be reported as never closed. It is
// reported at its second occurrence in the file (its only one when the
// other list is the default).
func shortcodeConflicts(n *Node, at func(int, string) *ConfigError) []*ConfigError {
	type name struct {
		list  string
		value string
		start int
	}
	def := DefaultConfig().Shortcodes
	lists := [2]struct {
		key     string
		names   []name
		written bool
	}{{key: "include"}, {key: "paired"}}
	for i, defaults := range [2][]string{def.Include, def.Paired} {
		l := &lists[i]
		if c := n.Get(l.key); c != nil {
			l.written = true
			for _, it := range listItems(c) {
				if v, ok := it.String(); ok {
					l.names = append(l.names, name{l.key, v, it.Start})
				}
			}
			continue
		}
		for _, v := range defaults {
			l.names = append(l.names, name{l.key, v, -1})
		}
	}
	var errs []*ConfigError
	reported := map[string]bool{}
	for _, a := range lists[0].names {
		for _, b := range lists[1].names {
			if a.value != b.value || reported[a.value] {
				continue
			}
			reported[a.value] = true
			// second is the occurrence reported, other the list it is in
			// too.
			second, other, otherWritten := b, a, lists[0].written
			if a.start > b.start {
				second, other, otherWritten = a, b, lists[1].written
			}
			msg := fmt.Sprintf("shortcodes.%s: %q is in shortcodes.%s too", second.list, second.value, other.list)
			if otherWritten {
				msg += fmt.Sprintf(", and an include shortcode takes no closing tag; remove %q from one of the lists", second.value)
			} else {
				msg += fmt.Sprintf(" (it lists %q by default), and an include shortcode takes no closing tag; remove %q from %s", other.value, second.value, second.list)
				if second.list == "include" {
					msg += ", or write paired without it"
				}
			}
			errs = append(errs, at(second.start, msg))
		}
	}
	return errs
}

// durationRE is the schema's pattern of time-budget.
var durationRE = regexp.MustCompile(`^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$`)

// listItems returns the elements of a list node, nil for anything else.
func listItems(n *Node) []*Node {
	if n == nil || n.Kind != ListNode {
		return nil
	}
	return n.Children
}

// GlobProblem says what is wrong with a glob of root-relative paths
// (MatchGlob), of the configuration or of a rule's options, or "": one
// that path.Match cannot read, or one outside the site root, would match
// nothing, silently.
func GlobProblem(g string) string {
	if msg := PatternProblem(g); msg != "" {
		return msg
	}
	if leavesRoot(g) {
		return fmt.Sprintf("%q is not inside the site root; globs are relative to it, as in \"content/handbook/**/*.md\"", g)
	}
	if segs := strings.Split(g, "/"); slices.Contains(segs, ".") {
		// The paths matched are written without "." segments. One that
		// ends the glob ("content/drafts/.", "./") names the folder: the
		// files in it are its "**".
		n := len(segs)
		folder := segs[n-1] == "." || n > 1 && segs[n-1] == "" && segs[n-2] == "."
		kept := slices.DeleteFunc(segs, func(s string) bool { return s == "." })
		if folder {
			kept = append(slices.DeleteFunc(kept, func(s string) bool { return s == "" }), "**")
		}
		if len(kept) == 1 && kept[0] == "**" {
			return fmt.Sprintf("%q matches no file: paths are matched without \"./\"; write \"**\" for every file", g)
		}
		return fmt.Sprintf("%q matches no file: paths are matched without \"./\"; write %q", g, strings.Join(kept, "/"))
	}
	return ""
}

// PatternProblem says what is wrong with a glob or a path.Match pattern
// that path.Match cannot read (matching nothing), segment by segment, or
// "".
func PatternProblem(g string) string {
	for _, seg := range strings.Split(g, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Sprintf("glob %q is malformed at %q (an unclosed \"[\" or a trailing \"\\\"); write \"[[]\" for a literal \"[\"", g, seg)
		}
	}
	return ""
}

// leavesRoot reports whether a root-relative folder of the configuration
// is outside the site root.
func leavesRoot(p string) bool {
	c := path.Clean(strings.ReplaceAll(p, "\\", "/"))
	return path.IsAbs(c) || filepath.IsAbs(p) || c == ".." || strings.HasPrefix(c, "../")
}

// decodeErrors turns the error of decoding the configuration into typed
// values (a number out of range, say) into positioned problems: yaml
// names the line, the message follows it.
func decodeErrors(err error, at func(int, string) *ConfigError, lines []int, src []byte) ConfigErrors {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return ConfigErrors{at(0, err.Error())}
	}
	var errs ConfigErrors
	for _, e := range te.Errors {
		m := yamlLineRE.FindStringSubmatch("yaml: " + e)
		if m == nil {
			errs = append(errs, at(0, e))
			continue
		}
		n, _ := strconv.Atoi(m[1])
		msg := m[2]
		if strings.Contains(msg, "cannot unmarshal") {
			msg = "value cannot be read as its type (a number too large, or of the wrong kind): " + msg
		}
		errs = append(errs, at(offsetOf(src, lines, n, 1), msg))
	}
	return errs
}

// OptionError is a problem of a rule's options found as they are decoded
// (by an UnmarshalYAML of the options type), at the line and column of
// the yaml.Node it concerns: the configuration reports it there rather
// than at the rule's options key.
type OptionError struct {
	Line, Column int
	Err          error
}

// Error says where and what the problem is.
func (e *OptionError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Unwrap returns the problem.
func (e *OptionError) Unwrap() error { return e.Err }

// ConfigChecker is implemented by rule options that name things the rest
// of the configuration defines (levels): CheckConfig, called with the
// configuration once its other keys are read, returns the options'
// problems with it, each an *OptionError placed at its YAML node.
type ConfigChecker interface {
	CheckConfig(cfg *Config) []error
}

// UnknownRule is the message for a rule name (where it is written, after
// the name: ` in "careerlint-disable"`, or "") that is none of the rules'
// names and IDs: the rule it names in another case ("cl013", which
// careerlint explain takes), or the closest name as a did-you-mean, or,
// with none close, where to find them all.
func UnknownRule(key, where string, rules []*Rule) string {
	msg := fmt.Sprintf("unknown rule %q%s", key, where)
	var names []string
	for _, r := range rules {
		for _, k := range []string{r.Name, r.ID} {
			if strings.EqualFold(k, key) {
				return msg + fmt.Sprintf("; did you mean %q", k)
			}
		}
		names = append(names, r.Name)
	}
	if s := Closest(key, names, 3); s != "" {
		return msg + fmt.Sprintf("; did you mean %q", s)
	}
	return msg + "; `careerlint rules` lists them"
}

// MapValue returns the value node of key in a YAML mapping, or nil.
func MapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// Severity returns the configured severity of a rule.
func (c *Config) Severity(r *Rule) Severity {
	if rc, ok := c.Rules[r.Name]; ok && rc.Severity != nil {
		return *rc.Severity
	}
	return r.Default
}

// Options returns a rule's options: the defaults with the configured
// options decoded over them, or nil for a rule without options.
func (c *Config) Options(r *Rule) any {
	if r.NewOptions == nil {
		return nil
	}
	o := r.NewOptions()
	if rc, ok := c.Rules[r.Name]; ok && rc.Options != nil {
		_ = rc.Options.Decode(o) // validated when the configuration was loaded
	}
	return o
}

// DocsLink returns the documentation URL of a rule.
func (c *Config) DocsLink(r *Rule) string {
	base := c.DocsURL
	if base == "" {
		base = DefaultDocsURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + r.Name + ".md"
}

// Levels returns every level file name the configuration knows: the ladder
// followed by the extra levels, lower-cased.
func (c *Config) Levels() []string {
	out := make([]string, 0, len(c.Ladder)+len(c.ExtraLevels))
	for _, l := range c.Ladder {
		out = append(out, strings.ToLower(l))
	}
	for _, l := range c.ExtraLevels {
		out = append(out, strings.ToLower(l))
	}
	return out
}

// FindRoot walks up from start to the first directory that holds a
// configuration file, or both a content/ and an assets/ folder; when no
// directory up from start holds either, to the first that holds a Hugo
// configuration (hugo.toml, ..., config.json, config/_default/ or
// config/production/) whose content folder (contentDir, by default
// content) exists there. So .careerlint.yaml comes first: a Hugo site of
// a repository captures no handbook with its own configuration, whether
// below the Hugo configuration or above it. It returns start's folder
// (start itself when it is a folder) when it finds none.
func FindRoot(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		// A file, or a path that does not exist (--stdin-filename's need
		// not): its folder.
		abs = filepath.Dir(abs)
	}
	for _, marks := range []func(string) bool{hasOwnMarker, isHugoSite} {
		for dir := abs; ; {
			if marks(dir) {
				return dir, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return abs, nil
}

// IsSiteRoot reports whether a folder is a site root by itself, as
// FindRoot finds one: it holds a configuration file, or both content/ and
// assets/, or a Hugo configuration whose content folder exists there.
func IsSiteRoot(dir string) bool {
	return hasOwnMarker(dir) || isHugoSite(dir)
}

// hasOwnMarker reports whether a folder holds a configuration file, or
// both content/ and assets/.
func hasOwnMarker(dir string) bool {
	return fileExists(filepath.Join(dir, ConfigFileName)) || isDir(filepath.Join(dir, "content")) && isDir(filepath.Join(dir, "assets"))
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// FolderInOtherCase returns the folder rel (slash-separated, relative to
// root) as it is named on disk in another case ("Content" for "content"),
// when rel is not there as written but a folder whose path differs only
// in case is (on a case-sensitive file system, where Hugo would not read
// it either); "" when rel is there, or when no such folder is, or more
// than one.
func FolderInOtherCase(root, rel string) string {
	rel = path.Clean(rel)
	if rel == "." || strings.HasPrefix(rel, "../") || rel == ".." || path.IsAbs(rel) || isDir(filepath.Join(root, filepath.FromSlash(rel))) {
		return ""
	}
	found := ""
	for _, part := range strings.Split(rel, "/") {
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(found)))
		if err != nil {
			return ""
		}
		match := ""
		for _, e := range entries {
			if !strings.EqualFold(e.Name(), part) || !isDir(filepath.Join(root, filepath.FromSlash(path.Join(found, e.Name())))) {
				continue
			}
			if match != "" {
				return "" // Content/ and CONTENT/: no one to name
			}
			match = e.Name()
		}
		if match == "" {
			return ""
		}
		found = path.Join(found, match)
	}
	return found
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var ruleKeyRE = regexp.MustCompile(`^([a-z][a-z0-9]*(-[a-z0-9]+)*|CL[0-9]{3})$`)

// nameShaped reports whether a rules key has the shape of a rule name or
// ID (other keys are reported by the schema).
func nameShaped(k string) bool { return ruleKeyRE.MatchString(k) }
