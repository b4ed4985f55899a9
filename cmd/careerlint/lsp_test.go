package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

// readmeBlockWith returns the first fenced code block of README.md in a
// language that contains a string.
func readmeBlockWith(t *testing.T, lang, marker string) string {
	t.Helper()
	data, err := os.ReadFile(repoFile("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rest := string(data)
	for {
		_, after, ok := strings.Cut(rest, "\n```"+lang+"\n")
		if !ok {
			t.Fatalf("README.md has no ```%s block with %q", lang, marker)
		}
		block, tail, ok := strings.Cut(after, "\n```\n")
		if !ok {
			t.Fatalf("README.md's ```%s block does not end", lang)
		}
		if strings.Contains(block, marker) {
			return block + "\n"
		}
		rest = tail
	}
}

// lspPageLines is a level page with three fixable problems; line 9 holds
// non-ASCII text (an emoji is two UTF-16 code units and four bytes) and
// ends with a space.
var lspPageLines = []string{
	"---",
	`title: "Senior - Test Department Career Framework"`,
	`description: "The expected competencies for the Senior level."`,
	"---",
	"",
	`{{% include "includes/nav.md" %}}`,
	"",
	"## Test Department Competencies: Senior",
	"",
	"Café ünïcode 🤝 text, see [values](/handbook/values/#boring-solutions). ",
	"",
	"### Senior Leadership Competencies",
	"",
	"1. First",
	"2. Second",
	"",
	"### Senior Technical Competencies",
	"",
	"* bullet",
	"",
	"### Senior Values Alignment",
	"",
	`{{% include "includes/values.md" %}}`,
}

// lspSite writes a handbook with the page above and a configuration that
// raises whitespace to a warning (so the test sees it was read).
func lspSite(t *testing.T, root string) string {
	t.Helper()
	page := "content/handbook/engineering/careers/matrix/t/senior.md"
	writeFiles(t, root, map[string]string{
		".careerlint.yaml":                                        "rules:\n  whitespace: warning\n",
		"assets/includes/nav.md":                                  "- [Track](/handbook/engineering/careers/matrix/t/)\n",
		"assets/includes/values.md":                               "Values text.\n",
		"content/handbook/values/_index.md":                       "---\ntitle: \"GitLab Values\"\n---\n\n## Boring solutions\n",
		"content/handbook/engineering/careers/matrix/t/_index.md": "---\ntitle: \"Test track\"\n---\n\n- [Senior](senior/)\n",
		page: strings.Join(lspPageLines, "\n") + "\n",
	})
	return filepath.Join(root, filepath.FromSlash(page))
}

// nvimLSPDriver loads the README's configuration in a headless Neovim,
// opens the page, and records what the language server makes of it: the
// diagnostics as Neovim stores them (byte columns, converted from the
// server's UTF-16 positions by Neovim itself), the diagnostics after an
// unsaved edit of the non-ASCII line (sent by Neovim as an incremental
// change), a hover on the link, and the buffer and diagnostics after the
// "fix all" code action is applied.
const nvimLSPDriver = `
vim.cmd("filetype on")
local published = 0
local last_version = -1
local default = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  default(err, result, ctx, config)
  published = published + 1
  last_version = result.version or -1
end
dofile(os.getenv("CONFIG"))
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("PAGE")))
local buf = vim.api.nvim_get_current_buf()
local out = { clients = 0 }
local function current()
  -- The diagnostics of the buffer's current version have arrived.
  return published > 0 and last_version == vim.lsp.util.buf_versions[buf]
end
local function diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, source = d.source })
  end
  table.sort(list, function(a, b) return a.code < b.code end)
  return list
end
out.opened = vim.wait(10000, current, 10)
for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
  if c.name == "careerlint" then out.clients = out.clients + 1 end
end
out.first = diagnostics()

-- An unsaved edit: insert "🎉 " after the emoji of line 10.
local line = vim.api.nvim_buf_get_lines(buf, 9, 10, true)[1]
local col = select(2, line:find("🤝", 1, true))
vim.api.nvim_buf_set_text(buf, 9, col + 1, 9, col + 1, { "🎉 " })
out.edited = vim.wait(10000, current, 10)
out.second = diagnostics()

-- Hover on the link.
local link = vim.api.nvim_buf_get_lines(buf, 9, 10, true)[1]:find("[values]", 1, true)
vim.api.nvim_win_set_cursor(0, { 10, link + 1 })
local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", vim.lsp.util.make_position_params(), 10000)
for _, r in pairs(hover or {}) do
  if r.result then out.hover = r.result.contents.value end
end

-- Completion right after the "#" of the same link: the anchors of the
-- page it names.
local hash = vim.api.nvim_buf_get_lines(buf, 9, 10, true)[1]:find("#boring", 1, true)
vim.api.nvim_win_set_cursor(0, { 10, hash })
local completion = vim.lsp.buf_request_sync(buf, "textDocument/completion", vim.lsp.util.make_position_params(), 10000)
out.completion = {}
for _, r in pairs(completion or {}) do
  for _, item in ipairs((r.result or {}).items or r.result or {}) do
    table.insert(out.completion, item.label)
  end
end

-- References elsewhere on the page: the links to it (the track's index).
vim.api.nvim_win_set_cursor(0, { 14, 0 })
local rparams = vim.lsp.util.make_position_params()
rparams.context = { includeDeclaration = false }
local refs = vim.lsp.buf_request_sync(buf, "textDocument/references", rparams, 10000)
out.references = {}
for _, r in pairs(refs or {}) do
  for _, loc in ipairs(r.result or {}) do
    table.insert(out.references, vim.uri_to_fname(loc.uri):match("[^/]+/[^/]+$") .. ":" .. loc.range.start.line)
  end
end

-- Fix all, offered on the ordered item.
vim.api.nvim_win_set_cursor(0, { 15, 0 })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = {} }
local actions = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
out.actions = {}
for _, r in pairs(actions or {}) do
  for _, a in ipairs(r.result or {}) do
    table.insert(out.actions, a.title)
    if a.title:find("^fix all") then
      vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
    end
  end
end
out.fixed = vim.wait(10000, function() return current() and #vim.diagnostic.get(buf) < #out.second end, 10)
out.third = diagnostics()
out.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
local f = assert(io.open(os.getenv("RESULT"), "w"))
f:write(vim.json.encode(out))
f:close()
vim.cmd("qa!")
`

// TestLSPNeovim runs the README's Neovim configuration in a headless Neovim
// (when nvim is on PATH) with the real careerlint binary: the server
// attaches to a Markdown buffer, its diagnostics land on the right byte
// columns of a non-ASCII line before and after an unsaved edit, hover
// completion and references work, and "fix all" leaves a clean buffer that
// is not saved.
func TestLSPNeovim(t *testing.T) {
	bin, dir, root := nvimTest(t)
	page := lspSite(t, root)
	writeFiles(t, dir, map[string]string{
		"config.lua": readmeBlockWith(t, "lua", `"careerlint", "lsp"`),
		"driver.lua": nvimLSPDriver,
	})
	result := filepath.Join(dir, "result.json")
	cmd := exec.Command("nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n",
		"-c", "luafile "+filepath.Join(dir, "driver.lua"), "-c", "cquit 1")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"CONFIG="+filepath.Join(dir, "config.lua"), "PAGE="+page, "RESULT="+result,
		"XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_CACHE_HOME="+dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("nvim: %v\n%s", err, out.String())
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("nvim did not finish\n%s", out.String())
	}
	data, err := os.ReadFile(result)
	if err != nil {
		t.Fatal(err)
	}
	type diag struct {
		Code                string
		Lnum, Col, Severity int
		EndCol              int `json:"end_col"`
		Source              string
	}
	var got struct {
		Clients               int
		Opened, Edited, Fixed bool
		First, Second, Third  []diag
		Hover                 string
		Actions, Lines        []string
		Completion            []string
		References            []string
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if got.Clients != 1 || !got.Opened {
		t.Fatalf("the server did not attach or publish: %s\n%s", data, out.String())
	}
	// Neovim turns the server's UTF-16 characters into byte columns.
	trailing := len(lspPageLines[9]) - 1
	want := []diag{
		{"list-marker", 18, 0, 2, 1, "careerlint"},
		{"ordered-list-style", 14, 0, 2, 2, "careerlint"},
		{"whitespace", 9, trailing, 2, trailing + 1, "careerlint"}, // a warning: the configuration was read
	}
	check := func(name string, have, want []diag) {
		t.Helper()
		if len(have) != len(want) {
			t.Errorf("%s: diagnostics %+v, want %+v", name, have, want)
			return
		}
		for i := range want {
			if have[i] != want[i] {
				t.Errorf("%s: diagnostic %d: %+v, want %+v", name, i, have[i], want[i])
			}
		}
	}
	check("on open", got.First, want)
	if !got.Edited {
		t.Errorf("no diagnostics for the edited buffer")
	}
	want[2].Col, want[2].EndCol = trailing+len("🎉 "), trailing+len("🎉 ")+1
	check("after the unsaved edit", got.Second, want)
	if !strings.Contains(got.Hover, "**GitLab Values**") || !strings.Contains(got.Hover, "Anchor `#boring-solutions` exists") {
		t.Errorf("hover on the link: %q", got.Hover)
	}
	if !slices.Contains(got.Completion, "boring-solutions") {
		t.Errorf("completion after the link's #: %q", got.Completion)
	}
	if want := []string{"t/_index.md:4"}; !slices.Equal(got.References, want) {
		t.Errorf("references of the page: %q, want %q", got.References, want)
	}
	if !got.Fixed {
		t.Errorf("no diagnostics after fix all; actions %q", got.Actions)
	}
	check("after fix all", got.Third, nil)
	fixed := append([]string{}, lspPageLines...)
	fixed[9] = strings.Replace(strings.TrimSuffix(fixed[9], " "), "🤝 ", "🤝 🎉 ", 1)
	fixed[14], fixed[18] = "1. Second", "- bullet"
	if strings.Join(got.Lines, "\n") != strings.Join(fixed, "\n") {
		t.Errorf("buffer after fix all:\n%s\nwant:\n%s", strings.Join(got.Lines, "\n"), strings.Join(fixed, "\n"))
	}
	if disk, _ := os.ReadFile(page); string(disk) != strings.Join(lspPageLines, "\n")+"\n" {
		t.Errorf("the page on disk changed:\n%s", disk)
	}
}

// TestLSPVSCodeSettings starts the server with the command and arguments of
// the README's VS Code settings, from the workspace folder as the Generic
// LSP Client does, and plays the client: initialize with the workspace
// folder, open a page of the configured language, receive its diagnostics,
// and ask for the code action kind the settings run on save.
func TestLSPVSCodeSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds careerlint")
	}
	t.Parallel()
	var settings struct {
		Command   string   `json:"glspc.server.command"`
		Args      []string `json:"glspc.server.commandArguments"`
		Languages []string `json:"glspc.server.languageId"`
		Markdown  struct {
			OnSave map[string]string `json:"editor.codeActionsOnSave"`
		} `json:"[markdown]"`
	}
	block := readmeBlockWith(t, "json", "glspc.server.command")
	if err := json.Unmarshal([]byte(block), &settings); err != nil {
		t.Fatalf("README's VS Code settings are not JSON: %v\n%s", err, block)
	}
	if settings.Command != "careerlint" || len(settings.Languages) != 1 || settings.Languages[0] != "markdown" || len(settings.Markdown.OnSave) != 1 {
		t.Fatalf("settings %+v", settings)
	}
	bin := buildCLI(t)
	root := filepath.Join(t.TempDir(), "handbook")
	page := lspSite(t, root)
	cmd := exec.Command(filepath.Join(bin, settings.Command), settings.Args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var published []json.RawMessage
	got := make(chan struct{}, 1)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(struct {
		io.Reader
		io.WriteCloser
	}{stdout, stdin}, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		if req.Method == "textDocument/publishDiagnostics" {
			mu.Lock()
			published = append(published, *req.Params)
			mu.Unlock()
			select {
			case got <- struct{}{}:
			default:
			}
		}
		return nil, nil
	}))
	folder := "file://" + filepath.ToSlash(root)
	var init struct {
		Capabilities struct {
			CodeActionProvider struct {
				CodeActionKinds []string
			}
		}
	}
	if err := conn.Call(ctx, "initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": folder, "workspaceFolders": []map[string]string{{"uri": folder, "name": "handbook"}},
		"capabilities": map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}},
	}, &init); err != nil {
		t.Fatalf("initialize: %v\n%s", err, stderr.String())
	}
	conn.Notify(ctx, "initialized", map[string]any{})
	var onSave string
	for k := range settings.Markdown.OnSave {
		onSave = k
	}
	if !strings.Contains(strings.Join(init.Capabilities.CodeActionProvider.CodeActionKinds, " "), onSave) {
		t.Errorf("the server offers %v, not the settings' %s", init.Capabilities.CodeActionProvider.CodeActionKinds, onSave)
	}
	uri := "file://" + filepath.ToSlash(page)
	conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": settings.Languages[0], "version": 1, "text": strings.Join(lspPageLines, "\n") + "\n"}})
	select {
	case <-got:
	case <-ctx.Done():
		t.Fatalf("no diagnostics\n%s", stderr.String())
	}
	mu.Lock()
	var p struct {
		URI         string
		Diagnostics []struct{ Code string }
	}
	json.Unmarshal(published[0], &p)
	mu.Unlock()
	if p.URI != uri || len(p.Diagnostics) != 3 {
		t.Errorf("diagnostics %+v, want the page's three", p)
	}
	var actions []struct{ Kind, Title string }
	if err := conn.Call(ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]string{"uri": uri},
		"range":        map[string]any{"start": map[string]int{"line": 0, "character": 0}, "end": map[string]int{"line": 0, "character": 0}},
		"context":      map[string]any{"diagnostics": []any{}, "only": []string{onSave}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Kind != onSave {
		t.Errorf("code actions on save: %+v, want one %s", actions, onSave)
	}
	if err := conn.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	conn.Notify(ctx, "exit", nil)
	if err := cmd.Wait(); err != nil {
		t.Errorf("careerlint lsp after shutdown and exit: %v, want exit code 0\n%s", err, stderr.String())
	}
	conn.Close()
}

// TestLSPUsage checks the subcommand's command line: arguments are
// refused, --stdio is accepted, and end of input without shutdown exits 1
// as the protocol asks.
func TestLSPUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"lsp", "page.md"}, strings.NewReader(""), &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "lsp takes no arguments") {
		t.Errorf("lsp page.md: exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"lsp", "--stdio"}, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("lsp --stdio with empty input: exit %d, want 1 (no shutdown); stderr %q", code, stderr.String())
	}
	// Written as the server's log lines are: prefix, date and time.
	if !regexp.MustCompile(`^careerlint lsp: \d{4}/\d\d/\d\d \d\d:\d\d:\d\d the connection ended without a shutdown request\n$`).MatchString(stderr.String()) {
		t.Errorf("lsp --stdio with empty input: stderr %q, want one log line saying there was no shutdown", stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q, want nothing", stdout.String())
	}
	stderr.Reset()
	if code := run([]string{"lsp", "-h"}, strings.NewReader(""), &stdout, &stderr); code != exitClean || !strings.Contains(stdout.String(), "usage: careerlint lsp") || stderr.Len() != 0 {
		t.Errorf("lsp -h: exit %d, stdout %q, stderr %q; want the usage on stdout", code, stdout.String(), stderr.String())
	}
}
