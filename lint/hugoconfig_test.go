package lint

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gitlab.com/careerlint/careerlint/lint/anchor"
)

// idTypeIn writes a configuration file setting autoIDType, in the file's
// format and, for a file named after the markup key, under that key.
func idTypeIn(file, typ string) string {
	name := strings.ToLower(filepath.Base(file))
	markup := strings.HasPrefix(name, "markup.")
	switch filepath.Ext(name) {
	case ".toml":
		if markup {
			return "[goldmark.parser]\nautoIDType = \"" + typ + "\"\n"
		}
		return "[markup.goldmark.parser]\nautoIDType = \"" + typ + "\"\n"
	case ".json":
		if markup {
			return `{"goldmark": {"parser": {"autoIDType": "` + typ + `"}}}`
		}
		return `{"markup": {"goldmark": {"parser": {"autoIDType": "` + typ + `"}}}}`
	}
	if markup {
		return "goldmark:\n  parser:\n    autoIDType: " + typ + "\n"
	}
	return "markup:\n  goldmark:\n    parser:\n      autoIDType: " + typ + "\n"
}

// TestHugoConfigMergeOrder: which file's autoIDType wins, as Hugo 0.151
// builds of a scratch site showed (a heading "R&amp;D Café" gives
// rd-café, rd-cafe or r-d-café). Each file sets the type named beside it.
func TestHugoConfigMergeOrder(t *testing.T) {
	const bf, ascii = "blackfriday", "github-ascii"
	for _, c := range []struct {
		files [][2]string // file, type
		want  anchor.IDType
	}{
		{[][2]string{{"hugo.toml", bf}, {"config.toml", ascii}}, bf},
		{[][2]string{{"hugo.yaml", bf}, {"hugo.toml", ascii}}, ascii},
		{[][2]string{{"hugo.yaml", bf}, {"hugo.yml", ascii}}, bf},
		{[][2]string{{"hugo.json", bf}, {"hugo.yml", ascii}}, ascii},
		{[][2]string{{"config.toml", bf}, {"hugo.json", ascii}}, ascii},
		{[][2]string{{"config.yaml", bf}, {"config.json", ascii}}, bf},
		// The configuration folder is merged over the root file.
		{[][2]string{{"hugo.toml", bf}, {"config/_default/hugo.toml", ascii}}, ascii},
		{[][2]string{{"hugo.toml", ascii}, {"config/_default/hugo.toml", bf}}, bf},
		{[][2]string{{"hugo.toml", bf}, {"config/_default/config.yaml", ascii}}, ascii},
		// production over _default; development is not read.
		{[][2]string{{"config/_default/hugo.toml", bf}, {"config/production/hugo.toml", ascii}}, ascii},
		{[][2]string{{"config/_default/hugo.toml", ascii}, {"config/production/hugo.toml", bf}}, bf},
		{[][2]string{{"config/_default/hugo.toml", bf}, {"config/development/hugo.toml", ascii}}, bf},
		{[][2]string{{"config/production/hugo.toml", bf}}, bf},
		// Within a folder, files in lexical order, subfolders included.
		{[][2]string{{"config/_default/hugo.toml", bf}, {"config/_default/config.toml", ascii}}, bf},
		{[][2]string{{"config/_default/config.toml", bf}, {"config/_default/hugo.toml", ascii}}, ascii},
		{[][2]string{{"config/_default/hugo.toml", bf}, {"config/_default/markup.toml", ascii}}, ascii},
		{[][2]string{{"config/_default/hugo.yaml", bf}, {"config/_default/sub/markup.toml", ascii}}, ascii},
		{[][2]string{{"config/_default/Markup.TOML", ascii}}, ascii},
		{[][2]string{{"config/_default/markup.yml", bf}, {"config/_default/markup.en.toml", ascii}}, bf},
	} {
		files := map[string]string{}
		var names []string
		for _, f := range c.files {
			files[f[0]] = idTypeIn(f[0], f[1])
			names = append(names, f[0]+"="+f[1])
		}
		h := LoadHugoConfig(writeTree(t, t.TempDir(), files), DefaultConfig())
		if h.IDType != c.want || len(h.Notes) > 0 {
			t.Errorf("%s: got %q, notes %v; want %q", strings.Join(names, " "), h.IDType, h.Notes, c.want)
		}
	}
}

// hugoFlags are the settings of a HugoConfig.
type hugoFlags struct {
	IDType                          anchor.IDType
	NoAutoHeadingID, RawHTMLOmitted bool
}

func TestHugoConfigSettings(t *testing.T) {
	for _, c := range []struct {
		name   string
		files  map[string]string
		want   hugoFlags
		noFile bool
	}{
		{name: "no configuration", files: map[string]string{"content/x.md": "# x\n"}, noFile: true},
		{name: "empty file: raw HTML omitted", files: map[string]string{"hugo.toml": ""}, want: hugoFlags{IDType: anchor.GitHub, RawHTMLOmitted: true}},
		{name: "keys in any case", files: map[string]string{"hugo.toml": "[Markup.Goldmark.Parser]\nAUTOIDTYPE = \"blackfriday\"\n[Markup.Goldmark.RENDERER]\nUnsafe = true\n"}, want: hugoFlags{IDType: anchor.Blackfriday}},
		// Hugo lower-cases keys: Markup replaces markup (checked against
		// a Hugo 0.151 build), so unsafe is not read.
		{name: "a key not in lower case replaces the lower-case one", files: map[string]string{"hugo.toml": "[Markup.Goldmark.Parser]\nAUTOIDTYPE = \"blackfriday\"\n[markup.goldmark.renderer]\nunsafe = true\n"}, want: hugoFlags{IDType: anchor.Blackfriday, RawHTMLOmitted: true}},
		{name: "older name wins", files: map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoIDType = \"blackfriday\"\nautoHeadingIDType = \"github-ascii\"\n"}, want: hugoFlags{IDType: anchor.GitHubASCII, RawHTMLOmitted: true}},
		{name: "older name wins across files", files: map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoHeadingIDType = \"github-ascii\"\n", "config/_default/markup.toml": "[goldmark.parser]\nautoIDType = \"blackfriday\"\n"}, want: hugoFlags{IDType: anchor.GitHubASCII, RawHTMLOmitted: true}},
		{name: "a later value that is no map removes the keys below", files: map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoIDType = \"blackfriday\"\n", "config/_default/hugo.yaml": "markup: x\n"}, want: hugoFlags{IDType: anchor.GitHub, RawHTMLOmitted: true}},
		{name: "maps merge key by key", files: map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoIDType = \"blackfriday\"\n", "config/_default/markup.yaml": "goldmark:\n  renderer:\n    unsafe: true\n"}, want: hugoFlags{IDType: anchor.Blackfriday}},
		{name: "autoHeadingID false", files: map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoHeadingID = false\n"}, want: hugoFlags{IDType: anchor.GitHub, NoAutoHeadingID: true, RawHTMLOmitted: true}},
		{name: "autoHeadingID \"false\"", files: map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoHeadingID = \"false\"\n"}, want: hugoFlags{IDType: anchor.GitHub, NoAutoHeadingID: true, RawHTMLOmitted: true}},
		{name: "autoHeadingID 0", files: map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoHeadingID = 0\n"}, want: hugoFlags{IDType: anchor.GitHub, NoAutoHeadingID: true, RawHTMLOmitted: true}},
		{name: "unsafe \"true\"", files: map[string]string{"hugo.toml": "[markup.goldmark.renderer]\nunsafe = \"true\"\n"}, want: hugoFlags{IDType: anchor.GitHub}},
		{name: "unsafe 1", files: map[string]string{"hugo.toml": "[markup.goldmark.renderer]\nunsafe = 1\n"}, want: hugoFlags{IDType: anchor.GitHub}},
		{name: "unsafe: yes in YAML", files: map[string]string{"hugo.yaml": "markup:\n  goldmark:\n    renderer:\n      unsafe: yes\n"}, want: hugoFlags{IDType: anchor.GitHub}},
		{name: "unsafe: on in YAML", files: map[string]string{"hugo.yaml": "markup:\n  goldmark:\n    renderer:\n      unsafe: on\n"}, want: hugoFlags{IDType: anchor.GitHub}},
		{name: "unsafe false", files: map[string]string{"hugo.json": `{"markup": {"goldmark": {"renderer": {"unsafe": false}}}}`}, want: hugoFlags{IDType: anchor.GitHub, RawHTMLOmitted: true}},
	} {
		h := LoadHugoConfig(writeTree(t, t.TempDir(), c.files), DefaultConfig())
		if c.noFile {
			if len(h.Files) != 0 || h.IDType != "" || h.NoAutoHeadingID || h.RawHTMLOmitted || len(h.Notes) != 0 {
				t.Errorf("%s: got %+v, want the zero value", c.name, h)
			}
			continue
		}
		got := hugoFlags{IDType: h.IDType, NoAutoHeadingID: h.NoAutoHeadingID, RawHTMLOmitted: h.RawHTMLOmitted}
		if got != c.want || len(h.Notes) > 0 {
			t.Errorf("%s: got %+v, notes %v; want %+v", c.name, got, h.Notes, c.want)
		}
	}
}

func TestHugoConfigNotes(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string // file:line: message regexps, in order
	}{
		{"ugly URLs", map[string]string{"hugo.toml": "title = \"x\"\nuglyURLs = true\n"}, []string{`hugo.toml:2: sets uglyURLs: true, which careerlint does not model: page URLs are checked as folders`}},
		{"ugly URLs by section", map[string]string{"hugo.yaml": "uglyurls:\n  posts: true\n"}, []string{`hugo.yaml:1: sets uglyurls, which`}},
		{"ugly URLs false", map[string]string{"hugo.toml": "uglyURLs = false\n"}, nil},
		{"path to lower", map[string]string{"config/_default/hugo.toml": "disablePathToLower = true\n"}, []string{`config/_default/hugo.toml:1: sets disablePathToLower: true, .*checked in lower case`}},
		{"permalinks", map[string]string{"hugo.toml": "[permalinks]\nposts = \"/:year/:slug/\"\n"}, []string{`hugo.toml:1: sets permalinks, which`}},
		{"permalinks file", map[string]string{"config/_default/permalinks.yaml": "posts: /:slug/\n"}, []string{`config/_default/permalinks.yaml:1: sets permalinks, which`}},
		{"empty permalinks", map[string]string{"hugo.toml": "[permalinks]\n"}, nil},
		{"attribute title", map[string]string{"config/_default/markup.toml": "[goldmark.parser.attribute]\ntitle = false\n"}, []string{`config/_default/markup.toml:2: sets markup.goldmark.parser.attribute.title: false, .*\{#id\}`}},
		{"markdown handler", map[string]string{"hugo.toml": "[markup]\ndefaultMarkdownHandler = \"pandoc\"\n"}, []string{`hugo.toml:2: sets markup.defaultMarkdownHandler: pandoc, .*goldmark`}},
		{"goldmark handler", map[string]string{"hugo.toml": "[markup]\ndefaultMarkdownHandler = \"Goldmark\"\n"}, nil},
		{"language subfolder", map[string]string{"hugo.toml": "defaultContentLanguageInSubdir = true\n"}, []string{`hugo.toml:1: sets defaultContentLanguageInSubdir: true, .*/en/`}},
		{"content folder", map[string]string{"hugo.toml": "contentDir = \"docs\"\n"}, []string{`hugo.toml:1: sets contentDir: docs, .*reads the pages from content/.*set content: docs in \.careerlint\.yaml`}},
		{"same content folder", map[string]string{"hugo.toml": "contentDir = \"./content/\"\n"}, nil},
		{"base URL path", map[string]string{"hugo.toml": "baseURL = \"https://example.com/handbook/\"\n"}, []string{`hugo.toml:1: sets baseURL: https://example.com/handbook/ \(a path\), .*not from /handbook/`}},
		{"base URL", map[string]string{"hugo.toml": "baseURL = \"https://example.com/\"\n"}, nil},
		{"unknown ID type", map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoIDType = \"gitlab\"\n"}, []string{`hugo.toml:2: markup.goldmark.parser.autoIDType: gitlab is no ID type Hugo knows`}},
		{"TOML that does not parse", map[string]string{"hugo.toml": "title = \"x\"\n[markup\n"}, []string{`hugo.toml:2: invalid TOML: .*Hugo fails to build with it: careerlint checks the site with Hugo's default settings`}},
		{"YAML that does not parse", map[string]string{"hugo.toml": "[markup.goldmark.renderer]\nunsafe = true\n", "config/_default/markup.yaml": "goldmark:\n\tparser: x\n"}, []string{`config/_default/markup.yaml:2: .*tab.*default settings`}},
		{"JSON that does not parse", map[string]string{"hugo.json": "{\n  \"a\": 1,\n}\n"}, []string{`hugo.json:3: invalid JSON`}},
		{"unsafe that is no boolean", map[string]string{"hugo.toml": "[markup.goldmark.renderer]\nunsafe = \"yes\"\n"}, []string{`hugo.toml:2: markup.goldmark.renderer.unsafe: yes is no boolean, which fails Hugo's build`}},
	} {
		h := LoadHugoConfig(writeTree(t, t.TempDir(), c.files), DefaultConfig())
		var got []string
		for _, n := range h.Notes {
			got = append(got, n.String())
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: got notes %q, want %d", c.name, got, len(c.want))
			continue
		}
		for i, w := range c.want {
			if !regexp.MustCompile(w).MatchString(got[i]) {
				t.Errorf("%s: note %q does not match %q", c.name, got[i], w)
			}
		}
	}
	// A configuration that does not parse leaves Hugo's defaults.
	h := LoadHugoConfig(writeTree(t, t.TempDir(), map[string]string{"hugo.toml": "[markup.goldmark.parser]\nautoIDType = \"blackfriday\"\n", "config/_default/markup.toml": "x = \n"}), DefaultConfig())
	if h.IDType != "" || !h.RawHTMLOmitted || len(h.Notes) != 1 {
		t.Errorf("broken configuration: got %+v, want Hugo's defaults and one note", h)
	}
}

// TestIsHugoConfigFile checks which changed files --changed-since takes
// for the site's Hugo configuration.
func TestIsHugoConfigFile(t *testing.T) {
	for rel, want := range map[string]bool{
		"hugo.toml":                        true,
		"config.json":                      true,
		"config/_default/markup.yaml":      true,
		"config/production/params.en.toml": true,
		"config/_default/sub/x.YML":        true,
		"config/development/hugo.toml":     false, // a production build does not read it
		"config/_default/README.md":        false,
		"hugo.md":                          false,
		"content/hugo.toml":                false,
		".careerlint.yaml":                 false,
	} {
		if got := IsHugoConfigFile(rel); got != want {
			t.Errorf("IsHugoConfigFile(%q) = %v, want %v", rel, got, want)
		}
	}
}

// TestBaseStateHugoConfig: the Hugo configuration of a change's base reads
// the files the change touches from the overlay, in the order a walk of
// the disk would merge them (a file the change deletes is in no folder on
// disk), and leaves out the files the change adds.
func TestBaseStateHugoConfig(t *testing.T) {
	const bf, ascii = "blackfriday", "github-ascii"
	for _, c := range []struct {
		name          string
		disk, overlay [][2]string // file, type
		absent        []string
		want          anchor.IDType
	}{
		{name: "root file deleted", overlay: [][2]string{{"hugo.toml", bf}}, want: bf},
		{name: "root file added", disk: [][2]string{{"hugo.toml", bf}}, absent: []string{"hugo.toml"}, want: ""},
		{name: "added root file hides none", disk: [][2]string{{"hugo.toml", bf}, {"config.toml", ascii}}, absent: []string{"hugo.toml"}, want: ascii},
		{name: "folder deleted", overlay: [][2]string{{"config/_default/hugo.toml", bf}, {"config/_default/markup.toml", ascii}}, want: ascii},
		{name: "deleted file merged in walk order", disk: [][2]string{{"config/_default/hugo.toml", bf}}, overlay: [][2]string{{"config/_default/hugo/markup.toml", ascii}}, want: bf},
		{name: "deleted subfolder file after a file", disk: [][2]string{{"config/_default/hugo/markup.toml", bf}}, overlay: [][2]string{{"config/_default/hugo.toml", ascii}}, want: ascii},
		{name: "changed file", disk: [][2]string{{"config/_default/markup.toml", ascii}}, overlay: [][2]string{{"config/_default/markup.toml", bf}}, want: bf},
		{name: "added folder file", disk: [][2]string{{"hugo.toml", bf}, {"config/_default/markup.toml", ascii}}, absent: []string{"config/_default/markup.toml"}, want: bf},
	} {
		files := map[string]string{"content/x.md": "# x\n"}
		for _, f := range c.disk {
			files[f[0]] = idTypeIn(f[0], f[1])
		}
		b := &BaseState{Overlay: map[string][]byte{}, Absent: map[string]bool{}}
		for _, f := range c.overlay {
			b.Overlay[f[0]] = []byte(idTypeIn(f[0], f[1]))
		}
		for _, f := range c.absent {
			b.Absent[f] = true
		}
		h := b.HugoConfig(writeTree(t, t.TempDir(), files), DefaultConfig())
		if h.IDType != c.want || len(h.Notes) > 0 {
			t.Errorf("%s: got %q, notes %v; want %q", c.name, h.IDType, h.Notes, c.want)
		}
	}
}
