package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// ChangedOptions select what ChangedPages considers.
type ChangedOptions struct {
	// Root is the absolute site root, inside a git work tree.
	Root   string
	Config *Config
	// Since is the revision to compare with: the pages changed between
	// the merge base of Since and HEAD, and the work tree (staged,
	// unstaged and untracked files), are taken.
	Since string
	// Within, when set, keeps only pages under these root-relative files
	// or folders.
	Within []string
	// AllMarkdown makes every Markdown page under the content root a
	// candidate, as `careerlint links` does; otherwise the configured
	// career pages are.
	AllMarkdown bool
}

// ChangedPages returns the root-relative pages a merge request's lint
// needs, sorted: the candidate pages changed since the merge base of
// opt.Since; every level page of the tracks (folders) holding a changed or
// deleted page, since ladder rules compare siblings; and the candidate
// pages that mention a changed or deleted page's URL, its folder and name
// (a relative link), a ref or relref naming it, or a changed include
// file, so that renaming a heading or moving a page reports the links it
// breaks elsewhere. The search is textual: it may take a page that only
// looks like it links, never misses one that links by these forms. It runs the git command; an unknown revision or a
// root outside a git work tree is an error.
func ChangedPages(ctx context.Context, opt ChangedOptions) ([]string, error) {
	top, err := git(ctx, opt.Root, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top = strings.TrimSpace(top)
	base, err := git(ctx, opt.Root, "merge-base", opt.Since, "HEAD")
	if err != nil {
		// A shallow clone (CI) may hold the revision without the history
		// that joins it to HEAD; a merge request's diff base is already the
		// merge base, so compare with the revision itself.
		if c, cerr := git(ctx, opt.Root, "rev-parse", "--verify", "--quiet", opt.Since+"^{commit}"); cerr == nil {
			base = c
		} else {
			return nil, fmt.Errorf("--changed-since %s: %w", opt.Since, err)
		}
	}
	base = strings.TrimSpace(base)
	diff, err := git(ctx, opt.Root, "diff", "--name-only", "--no-renames", "-z", base, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := git(ctx, opt.Root, "ls-files", "--others", "--exclude-standard", "--full-name", "-z")
	if err != nil {
		return nil, err
	}
	root, err := filepath.EvalSymlinks(opt.Root)
	if err != nil {
		root = opt.Root
	}
	if t, err := filepath.EvalSymlinks(top); err == nil {
		top = t
	}
	var changed []string // root-relative, existing or deleted
	for _, name := range strings.Split(diff+untracked, "\x00") {
		if name == "" {
			continue
		}
		rel, err := filepath.Rel(root, filepath.Join(top, filepath.FromSlash(name)))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue // outside the site root
		}
		changed = append(changed, filepath.ToSlash(rel))
	}
	candidates, err := discover(opt.Root, opt.Config, nil, opt.AllMarkdown, nil)
	if err != nil {
		return nil, err
	}
	isCandidate := map[string]bool{}
	for _, c := range candidates {
		isCandidate[c] = true
	}
	levels := map[string]bool{}
	for _, l := range opt.Config.Levels() {
		levels[strings.ToLower(l)] = true
	}
	out := map[string]bool{}
	tracks := map[string]bool{}
	var needles [][]byte
	content := path.Clean(opt.Config.Content) + "/"
	if content == "./" {
		content = "" // the site root is the content root
	}
	for _, f := range changed {
		if !strings.HasSuffix(strings.ToLower(f), ".md") {
			continue
		}
		if isCandidate[f] {
			out[f] = true
		}
		if strings.HasPrefix(f, content) {
			tracks[path.Dir(f)] = true
			// Links to the page by its URL (any form: /x, /x/, /x.html and
			// with fragments all contain the bare URL path).
			if u := strings.TrimSuffix(logicalPath(strings.TrimPrefix(f, content)), "/"); u != "" && u != "/" {
				needles = append(needles, []byte(u))
				// A relative link from another folder names at least the
				// page's folder and name ("../b/x/"); a ref may name the page
				// alone ({{< ref "x" >}}, {{< ref "x#anchor" >}}).
				if d, b := path.Base(path.Dir(u)), path.Base(u); d != "/" && d != "." {
					needles = append(needles, []byte(d+"/"+b))
				}
				b := path.Base(u)
				needles = append(needles, []byte(`ref "`+b+`"`), []byte(`ref "`+b+`#`), []byte(`ref "`+b+`.md`))
			}
			continue
		}
		for _, ir := range opt.Config.IncludeRoots {
			if rest, ok := strings.CutPrefix(f, path.Clean(ir)+"/"); ok {
				needles = append(needles, []byte(rest)) // "includes/x.md" as an include names it
			}
		}
	}
	for _, c := range candidates {
		base := strings.ToLower(strings.TrimSuffix(path.Base(c), path.Ext(c)))
		if tracks[path.Dir(c)] && levels[base] {
			out[c] = true
		}
	}
	if len(needles) > 0 {
		var rest []string
		for _, c := range candidates {
			if !out[c] {
				rest = append(rest, c)
			}
		}
		hit := make([]bool, len(rest))
		parallel(ctx, len(rest), runtime.GOMAXPROCS(0), func(i int) {
			abs := filepath.Join(opt.Root, filepath.FromSlash(rest[i]))
			fi, err := os.Lstat(abs)
			if err != nil || !fi.Mode().IsRegular() || (opt.Config.MaxFileSize > 0 && fi.Size() > opt.Config.MaxFileSize) {
				return
			}
			src, err := os.ReadFile(abs)
			if err != nil {
				return
			}
			lower := bytes.ToLower(src)
			for _, n := range needles {
				if bytes.Contains(lower, bytes.ToLower(n)) {
					hit[i] = true
					return
				}
			}
		})
		for i, c := range rest {
			if hit[i] {
				out[c] = true
			}
		}
	}
	files := make([]string, 0, len(out))
	for f := range out {
		if underPaths(f, opt.Within) {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	return files, ctx.Err()
}

// git runs a git command in dir and returns its standard output; a failure
// carries git's own message.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("cannot run git: %w", err)
	}
	return string(out), nil
}

// underPaths reports whether a root-relative file is one of, or under one of,
// the given root-relative paths; no paths means everywhere.
func underPaths(f string, paths []string) bool {
	if len(paths) == 0 {
		return true
	}
	for _, p := range paths {
		p = strings.TrimSuffix(path.Clean(p), "/")
		if p == "." || f == p || strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}
