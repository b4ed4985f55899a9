package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// buildCLI builds careerlint into a temporary folder and returns the folder.
func buildCLI(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("no go command to build careerlint with (%v)", err)
	}
	bin := t.TempDir()
	exe := "careerlint"
	if runtime.GOOS == "windows" {
		exe += ".exe" // found as "careerlint" through PATHEXT
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(bin, exe), ".")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// readmeBlock returns the first fenced code block of README.md in a
// language.
func readmeBlock(t *testing.T, lang string) string {
	t.Helper()
	data, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\n```"+lang+"\n")
	if !ok {
		t.Fatalf("README.md has no ```%s block", lang)
	}
	block, _, ok := strings.Cut(rest, "\n```\n")
	if !ok {
		t.Fatalf("README.md's ```%s block does not end", lang)
	}
	return block + "\n"
}

// nvimDriver stands in for nvim-lint: it loads the README's configuration
// with a stub of the lint module, opens the page as an unsaved buffer,
// runs the linter's command with its arguments and the buffer's lines on
// standard input (as nvim-lint does), and writes what the parser returns.
const nvimDriver = `
package.loaded["lint"] = { linters = {}, linters_by_ft = {}, try_lint = function() end }
dofile(os.getenv("CONFIG"))
local lint = package.loaded["lint"]
assert(vim.deep_equal(lint.linters_by_ft.markdown, { "careerlint" }), "markdown does not use careerlint")
local l = lint.linters.careerlint
assert(l.stdin and l.ignore_exitcode, "the linter must read stdin and ignore exit code 1")
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("PAGE")))
vim.api.nvim_buf_set_lines(0, 0, -1, true, vim.fn.readfile(os.getenv("TEXT")))
local cmd = { l.cmd }
for _, a in ipairs(l.args) do
  if type(a) == "function" then a = a() end
  table.insert(cmd, a)
end
local input = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, true), "\n") .. "\n"
local out = vim.fn.system(cmd, input)
local f = assert(io.open(os.getenv("RESULT"), "w"))
f:write(vim.json.encode({ cmd = cmd, diagnostics = l.parser(out, vim.api.nvim_get_current_buf()) }))
f:close()
vim.cmd("qa!")
`

// TestEditorNvimLint runs the README's nvim-lint configuration in a
// headless Neovim (when nvim is on PATH) on an unsaved buffer holding
// non-ASCII text, and checks the diagnostics it makes from careerlint's
// real JSON output: byte columns, severities, and no finding of an
// included file on the page.
func TestEditorNvimLint(t *testing.T) {
	bin, dir, root := nvimTest(t)
	writeFiles(t, root, map[string]string{
		"content/handbook/careers/matrix/t/overview.md": "---\ntitle: \"Overview\"\n---\n\n## Overview\n",
		"assets/includes/nav.md":                        "* a bullet of the included file\n",
	})
	page := filepath.Join(root, "content", "handbook", "careers", "matrix", "t", "draft.md")
	lines := []string{
		"---",
		`tittle: "Café"`,
		"---",
		"",
		"## Café",
		"",
		"- Ünï 🤝 done ",
		"",
		`{{% include "includes/nav.md" %}}`,
	}
	text := strings.Join(lines, "\n") + "\n"
	// The page is not on disk: the editor has not written it yet.
	files := map[string]string{
		"config.lua": readmeBlock(t, "lua"),
		"driver.lua": nvimDriver,
		"text.md":    text,
	}
	writeFiles(t, dir, files)
	cmd := exec.Command("nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n",
		"-c", "luafile "+filepath.Join(dir, "driver.lua"), "-c", "cquit 1")
	cmd.Dir = dir
	result := filepath.Join(dir, "result.json")
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"CONFIG="+filepath.Join(dir, "config.lua"), "PAGE="+page, "TEXT="+filepath.Join(dir, "text.md"), "RESULT="+result,
		"XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_STATE_HOME="+dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out.String())
	}
	data, err := os.ReadFile(result)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Cmd         []string
		Diagnostics []struct {
			Lnum, Col, Severity int
			EndLnum             int `json:"end_lnum"`
			EndCol              int `json:"end_col"`
			Source, Code        string
			Message             string
		}
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if want := []string{"careerlint", "--format", "json", "--color", "never", "--stdin-filename", page}; strings.Join(got.Cmd, " ") != strings.Join(want, " ") {
		t.Errorf("command %q, want %q", got.Cmd, want)
	}
	type diag struct {
		code                            string
		lnum, col, endLnum, endCol, sev int
	}
	trailing := strings.LastIndex(lines[6], " ") // a byte index
	want := []diag{
		{"front-matter", 1, 0, 1, len("tittle"), 1},
		{"whitespace", 6, trailing, 6, trailing + 1, 3},
	}
	var have []diag
	for _, d := range got.Diagnostics {
		have = append(have, diag{d.Code, d.Lnum, d.Col, d.EndLnum, d.EndCol, d.Severity})
		if d.Source != "careerlint" || !strings.Contains(d.Message, "(https://") {
			t.Errorf("diagnostic %+v: want source careerlint and the docs URL in the message", d)
		}
	}
	if len(have) != len(want) {
		t.Fatalf("diagnostics %+v, want %+v", have, want)
	}
	for i := range want {
		if have[i] != want[i] {
			t.Errorf("diagnostic %d: %+v, want %+v", i, have[i], want[i])
		}
	}

	// The included file's finding was in the output and left out.
	var stdout, stderr bytes.Buffer
	run([]string{"--format", "json", "--stdin-filename", page}, strings.NewReader(text), &stdout, &stderr)
	if r := decodeJSON(t, stdout.String()); !strings.Contains(stdout.String(), `"path": "assets/includes/nav.md"`) || len(r.Findings) <= len(want) {
		t.Errorf("careerlint reports no finding in the included file, so the filter is not tested:\n%s", stdout.String())
	}
}

// nvimTest skips a test that drives Neovim under -short or without nvim on
// PATH, and returns a built careerlint, a temporary folder and the path of
// a handbook root in it.
func nvimTest(t *testing.T) (bin, dir, root string) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: builds careerlint")
	}
	if _, err := exec.LookPath("nvim"); err != nil {
		t.Skip("nvim is not on PATH (Debian: apt-get install neovim)")
	}
	t.Parallel()
	bin = buildCLI(t)
	dir = t.TempDir()
	return bin, dir, filepath.Join(dir, "handbook")
}
