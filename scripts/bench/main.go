//go:build unix

// Command bench generates a deterministic synthetic handbook and measures
// careerlint on it next to the cost of parsing the same tree with goldmark
// alone (configured like Hugo, as careerlint configures it), in one run, so
// that the ratio is not skewed by a different machine or cache state.
//
// Usage (scripts/bench.sh wraps it):
//
//	go run ./scripts/bench -pages 4500 -size 58 -dir /tmp/handbook -careerlint ./careerlint
//
// It prints a table: the goldmark-only parse time of every Markdown file,
// `careerlint links` over the whole tree, careerlint on the career pages,
// and careerlint on one page, each with its wall time and CPU time (best
// of -runs), their ratios to the goldmark-only parse, and the peak resident
// memory of the careerlint process. Each careerlint measurement is also
// taken with GODEBUG=disablethp=1, without the huge pages careerlint asks
// for (goldmark's parse here runs without them).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/yuin/goldmark/text"

	"gitlab.com/careerlint/careerlint/lint/anchor"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == spawnerArg {
		runSpawner()
		return
	}
	sp := startSpawner() // before this process grows: see spawner
	pages := flag.Int("pages", 4500, "number of pages to generate")
	sizeMB := flag.Float64("size", 58, "approximate total size of the pages in MB")
	dir := flag.String("dir", "", "folder to generate the handbook in (required; reused when it holds a tree of the same parameters)")
	bin := flag.String("careerlint", "", "careerlint binary to measure (empty: only generate and time goldmark)")
	runs := flag.Int("runs", 3, "runs per measurement; the best is reported, and the median beside it")
	floors := flag.String("floors", "", "comma-separated start-up floors to time after careerlint: an empty Go program, then one linking careerlint's libraries (see scripts/bench/floor)")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "bench: -dir is required")
		os.Exit(2)
	}
	stamp := fmt.Sprintf("pages=%d size=%g v7\n", *pages, *sizeMB)
	if b, err := os.ReadFile(filepath.Join(*dir, ".bench-stamp")); err != nil || string(b) != stamp {
		if err := os.RemoveAll(*dir); err != nil {
			fail(err)
		}
		if err := generate(*dir, *pages, int(*sizeMB*1e6)); err != nil {
			fail(err)
		}
		if err := os.WriteFile(filepath.Join(*dir, ".bench-stamp"), []byte(stamp), 0o644); err != nil {
			fail(err)
		}
	}
	files, total := markdownFiles(*dir)
	fmt.Printf("tree: %s, %d Markdown files, %.1f MB, GOMAXPROCS %d\n\n", *dir, len(files), float64(total)/1e6, runtime.GOMAXPROCS(0))
	fmt.Printf("%-44s %10s %10s %7s %10s %7s %12s\n", "measurement", "wall", "median", "ratio", "cpu", "ratio", "peak RSS")
	base := best(*runs, func() (time.Duration, time.Duration, int64) {
		c0 := selfCPU()
		d := parseAll(files)
		return d, selfCPU() - c0, 0
	})
	baseCPU := lastCPU
	fmt.Printf("%-44s %10s %10s %7s %10s %7s %12s\n", "goldmark alone, parse every file", ms(base), ms(lastMedian), "1.00", ms(baseCPU), "1.00", "-")
	if *bin == "" {
		return
	}
	clean, broken := pickPages(*bin, *dir)
	for _, m := range []struct {
		name string
		args []string
	}{
		{"careerlint links (whole handbook)", []string{"links", "--root", *dir, "--format", "json"}},
		{"careerlint (career pages, targets lazily)", []string{"--root", *dir, "--format", "json"}},
		{"careerlint (one page, its links resolve)", []string{"--root", *dir, "--format", "json", clean}},
		{"careerlint (one page, a link to no page)", []string{"--root", *dir, "--format", "json", broken}},
	} {
		if m.args[len(m.args)-1] == "" {
			fmt.Printf("%-44s (no such level page in this tree)\n", m.name)
			continue
		}
		// Each measurement also runs with GODEBUG=disablethp=1, which
		// keeps careerlint's heap in 4 KB pages as goldmark's above is
		// (see cmd/careerlint/internal/hugepages).
		for _, v := range []struct{ suffix, env string }{{"", ""}, {", 4 KB pages", "GODEBUG=disablethp=1"}} {
			wall := best(*runs, func() (time.Duration, time.Duration, int64) {
				r := sp.run(spawnRequest{Argv: append([]string{*bin}, m.args...), Env: v.env})
				if r.Err != "" {
					fail(fmt.Errorf("%s %s %s: %s", v.env, *bin, strings.Join(m.args, " "), r.Err))
				}
				return r.Wall, r.CPU, r.RSS
			})
			name := m.name
			if v.suffix != "" {
				name = "  same" + v.suffix
			}
			fmt.Printf("%-44s %10s %10s %7.2f %10s %7.2f %8.1f MiB\n", name, ms(wall), ms(lastMedian), float64(wall)/float64(base), ms(lastCPU), float64(lastCPU)/float64(baseCPU), float64(lastRSS)/(1<<20))
		}
	}
	// What any program pays before its own code runs, to read the
	// one-page lines against.
	for i, f := range strings.Split(*floors, ",") {
		if f == "" {
			continue
		}
		name := "floor: empty Go program"
		if i > 0 {
			name = "floor: Go program linking the libraries"
		}
		wall := best(*runs, func() (time.Duration, time.Duration, int64) {
			r := sp.run(spawnRequest{Argv: []string{f}})
			if r.Err != "" {
				fail(fmt.Errorf("%s: %s", f, r.Err))
			}
			return r.Wall, r.CPU, r.RSS
		})
		fmt.Printf("%-44s %10s %10s %7.2f %10s %7.2f %8.1f MiB\n", name, ms(wall), ms(lastMedian), float64(wall)/float64(base), ms(lastCPU), float64(lastCPU)/float64(baseCPU), float64(lastRSS)/(1<<20))
	}
}

// pickPages returns two level pages to time alone: the first without
// findings, and the first with a link to a page that does not exist, for
// which careerlint reads every page's front matter to rule out an alias;
// "" when the tree has no such page (a small one may not).
func pickPages(bin, dir string) (clean, broken string) {
	out, err := exec.Command(bin, "--root", dir, "--format", "json").Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
		fail(fmt.Errorf("%s on the career pages: %v", bin, err))
	}
	var rep struct {
		Findings []struct {
			Path, Name string
			Related    []struct{ Path string }
		}
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		fail(fmt.Errorf("%s on the career pages: %v", bin, err))
	}
	// A finding in an include names the pages that include it among its
	// related locations: they are not clean either.
	found, missing := map[string]bool{}, map[string]bool{}
	for _, f := range rep.Findings {
		paths := []string{f.Path}
		for _, r := range f.Related {
			paths = append(paths, r.Path)
		}
		for _, p := range paths {
			found[p] = true
			if f.Name == "link-target" {
				missing[p] = true
			}
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content/handbook/engineering/careers/matrix/track-*/*.md"))
	sort.Strings(matches)
	for _, m := range matches {
		rel, _ := filepath.Rel(dir, m)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasSuffix(rel, "/_index.md"):
		case clean == "" && !found[rel]:
			clean = m
		case broken == "" && missing[rel]:
			broken = m
		}
	}
	return clean, broken
}

var (
	lastRSS int64
	lastCPU time.Duration
	// lastMedian is the median wall time of best's runs.
	lastMedian time.Duration
)

// best runs f n times and returns the smallest wall time, keeping the
// median wall time in lastMedian, and the CPU time and peak memory of the
// run with the least CPU time in lastCPU and lastRSS (CPU time is the
// steadier measure on a busy machine).
func best(n int, f func() (wall, cpu time.Duration, rss int64)) time.Duration {
	var b time.Duration
	walls := make([]time.Duration, 0, max(1, n))
	for i := 0; i < max(1, n); i++ {
		d, c, rss := f()
		walls = append(walls, d)
		if i == 0 || d < b {
			b = d
		}
		if i == 0 || c < lastCPU {
			lastCPU, lastRSS = c, rss
		}
	}
	slices.Sort(walls)
	lastMedian = walls[len(walls)/2]
	if len(walls)%2 == 0 {
		lastMedian = (walls[len(walls)/2-1] + walls[len(walls)/2]) / 2
	}
	return b
}

// selfCPU returns the CPU time (user and system) this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return cpuOf(&ru)
}

func cpuOf(ru *syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func markdownFiles(dir string) ([]string, int64) {
	var out []string
	var total int64
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			out = append(out, p)
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	sort.Strings(out)
	return out, total
}

// parseAll reads and parses every file with goldmark configured like Hugo,
// on GOMAXPROCS workers, and returns the wall time.
func parseAll(files []string) time.Duration {
	md := anchor.NewMarkdown()
	start := time.Now()
	var wg sync.WaitGroup
	next := make(chan string)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				src, err := os.ReadFile(f)
				if err != nil {
					fail(err)
				}
				_ = md.Parser().Parse(text.NewReader(src))
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return time.Since(start)
}

var words = strings.Fields("team member results iteration collaboration efficiency transparency customer value engineering review merge request issue incident process handbook level senior staff principal design quality security feedback growth impact scope autonomy mentor")

// pg is a generated page: its file, URL and headings.
type pg struct {
	path, url string
	heads     []string
}

// generate writes a deterministic handbook: sections of pages with front
// matter, headings, lists, paragraphs, links to other pages and their
// headings (about 1% broken), includes, and career tracks of level pages
// shaped like real ones (each track with its index page, the levels'
// competency includes), which pass the career rules but for their broken
// links.
func generate(dir string, pages, total int) error {
	r := rand.New(rand.NewSource(1))
	var all []pg
	per := max(1, total/max(1, pages))
	nInc := 40
	for i := 0; i < nInc; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "#### Included %d\n\n", i)
		for j := 0; j < 6; j++ {
			fmt.Fprintf(&b, "- %s\n", sentence(r, 12))
		}
		if err := write(dir, fmt.Sprintf("assets/includes/generated/inc-%02d.md", i), b.String()); err != nil {
			return err
		}
	}
	levels := []string{"intern", "associate", "intermediate", "senior", "staff", "senior-staff", "principal"}
	tracks := 10
	careers := tracks * len(levels)
	if pages <= careers {
		return fmt.Errorf("-pages %d: at least %d pages are needed (the %d level pages and one more)", pages, careers+1, careers)
	}
	popular := min(150, pages-careers) // the pages competency includes link
	for i := 0; i < pages; i++ {
		var p pg
		if i < careers {
			t, l := i/len(levels), levels[i%len(levels)]
			p.path = fmt.Sprintf("content/handbook/engineering/careers/matrix/track-%02d/%s.md", t, l)
			p.url = fmt.Sprintf("/handbook/engineering/careers/matrix/track-%02d/%s/", t, l)
		} else {
			s, sub, n := i%30, (i/30)%12, i
			p.path = fmt.Sprintf("content/handbook/section-%02d/topic-%02d/page-%05d.md", s, sub, n)
			p.url = fmt.Sprintf("/handbook/section-%02d/topic-%02d/page-%05d/", s, sub, n)
		}
		nh := 6 + r.Intn(10)
		for h := 0; h < nh; h++ {
			p.heads = append(p.heads, fmt.Sprintf("%s %s %d", title(words[r.Intn(len(words))]), words[r.Intn(len(words))], h))
		}
		if i < careers {
			// A level page: its level, then one section per competency kind.
			lt := levelTitle(levels[i%len(levels)])
			p.heads = []string{lt}
			for _, kind := range competencyKinds {
				p.heads = append(p.heads, competencyHeading(lt, kind))
			}
		}
		all = append(all, p)
	}
	// The career tracks: each track's index page, its navigation include,
	// and each level's competency includes, shared and track-specific.
	rc := rand.New(rand.NewSource(2)) // career content has its own stream
	linkable := all[careers : careers+popular]
	for _, l := range levels {
		for _, kind := range competencyKinds {
			if err := writeCompetency(dir, fmt.Sprintf("assets/includes/engineering-careers/%s-%s-competency.md", l, kind), fmt.Sprintf("%s %s", levelTitle(l), kind), linkable, rc); err != nil {
				return err
			}
		}
	}
	for t := 0; t < tracks; t++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Track %02d Career Framework\"\n---\n\n## Track %02d Career Framework\n\n%s\n\n", t, t, sentence(rc, 20))
		var nav strings.Builder
		for _, l := range levels {
			fmt.Fprintf(&b, "1. [%s](/handbook/engineering/careers/matrix/track-%02d/%s/)\n", levelTitle(l), t, l)
			fmt.Fprintf(&nav, "- [%s](/handbook/engineering/careers/matrix/track-%02d/%s/)\n", levelTitle(l), t, l)
		}
		if err := write(dir, fmt.Sprintf("content/handbook/engineering/careers/matrix/track-%02d/_index.md", t), b.String()); err != nil {
			return err
		}
		if err := write(dir, fmt.Sprintf("assets/includes/engineering-careers/track-%02d-nav.md", t), nav.String()); err != nil {
			return err
		}
		for _, l := range levels {
			for _, kind := range competencyKinds {
				if err := writeCompetency(dir, fmt.Sprintf("assets/includes/engineering-careers/track-%02d-%s-%s-competency.md", t, l, kind), fmt.Sprintf("Track %02d %s %s", t, levelTitle(l), kind), linkable, rc); err != nil {
					return err
				}
			}
		}
	}
	for i, p := range all {
		var b strings.Builder
		if i < careers {
			if err := writeLevel(dir, p.path, i/len(levels), levels[i%len(levels)], rc); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(&b, "---\ntitle: \"Page %d\"\ndescription: \"%s\"\n", i, sentence(r, 10))
		if i%50 == 0 {
			fmt.Fprintf(&b, "aliases:\n  - /handbook/old-%05d/\n", i)
		}
		b.WriteString("---\n\n")
		if i%3 == 0 {
			fmt.Fprintf(&b, "{{%% include \"includes/generated/inc-%02d.md\" %%}}\n\n", r.Intn(nInc))
		}
		for h, head := range p.heads {
			if b.Len() > per && h > 2 {
				break
			}
			fmt.Fprintf(&b, "## %s\n\n%s\n\n", head, sentence(r, 40+r.Intn(60)))
			for k := 0; k < 3+r.Intn(5); k++ {
				t := all[r.Intn(len(all))]
				fmt.Fprintf(&b, "1. %s [%s](%s) %s\n", sentence(r, 8), words[r.Intn(len(words))], linkTo(t, r), sentence(r, 6))
			}
			b.WriteString("\n")
		}
		for b.Len() < per {
			fmt.Fprintf(&b, "%s\n\n", sentence(r, 80))
		}
		if err := write(dir, p.path, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// competencyKinds are the competency includes of a level, each under its
// own section of the level page.
var competencyKinds = []string{"leadership", "technical", "values"}

func levelTitle(l string) string {
	parts := strings.Split(l, "-")
	for i, p := range parts {
		parts[i] = title(p)
	}
	return strings.Join(parts, " ")
}

// writeLevel writes a level page shaped like the level pages of GitLab's
// handbook (../shared/corpus/handbook has 46 of them: about 1.7 KB each,
// most of their text and links in includes): the level's name as its first
// section, the track's navigation include, a list of links to the page's
// own sections, and one section per competency kind with two includes, the
// level's shared one and the track's own. It passes careerlint's career
// rules; the links in its includes carry the broken ones.
func writeLevel(dir, rel string, track int, level string, r *rand.Rand) error {
	var b strings.Builder
	lt := levelTitle(level)
	fmt.Fprintf(&b, "---\ntitle: \"%s - Track %02d Career Framework\"\ndescription: \"What track %02d expects of a team member at the %s job level.\"\n---\n\n", lt, track, track, lt)
	fmt.Fprintf(&b, "## %s\n\n{{%% include \"includes/engineering-careers/track-%02d-nav.md\" %%}}\n\n%s\n\n", lt, track, sentence(r, 20+r.Intn(20)))
	for _, kind := range competencyKinds {
		h := competencyHeading(lt, kind)
		fmt.Fprintf(&b, "- [%s](#%s)\n", h, slug(h))
	}
	for _, kind := range competencyKinds {
		fmt.Fprintf(&b, "\n### %s\n\n{{%% include \"includes/engineering-careers/%s-%s-competency.md\" %%}}\n{{%% include \"includes/engineering-careers/track-%02d-%s-%s-competency.md\" %%}}\n", competencyHeading(lt, kind), level, kind, track, level, kind)
	}
	return write(dir, rel, b.String())
}

func competencyHeading(level, kind string) string {
	if kind == "values" {
		return level + " Values Alignment"
	}
	return level + " " + title(kind) + " Competencies"
}

// writeCompetency writes a competency include: a bold line naming it and
// five bullets, two of which link a common page (a quarter of them to one
// of its headings, one in fifty broken), as the corpus's includes do (57
// includes, 106 handbook links, a fifth with a fragment).
func writeCompetency(dir, rel, name string, linkable []pg, r *rand.Rand) error {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s:**\n\n", name)
	for j := 0; j < 5; j++ {
		if j%2 == 1 {
			t := linkable[r.Intn(len(linkable))]
			fmt.Fprintf(&b, "- %s [%s](%s) %s\n", sentence(r, 6), words[r.Intn(len(words))], careerLinkTo(t, r), sentence(r, 4))
			continue
		}
		fmt.Fprintf(&b, "- %s\n", sentence(r, 10))
	}
	return write(dir, rel, b.String())
}

// careerLinkTo returns a link from a competency include to a page: 1% to
// a page that does not exist, 1% to a heading it does not have, 23% to one
// of its first three headings, the rest to the page.
func careerLinkTo(t pg, r *rand.Rand) string {
	link := t.url
	switch x := r.Intn(100); {
	case x < 1:
		link = strings.Replace(t.url, "page-", "paeg-", 1)
	case x < 2:
		link += "#no-such-heading"
	case x < 25:
		link += "#" + slug(t.heads[r.Intn(3)])
	}
	return link
}

// linkTo returns a link to a page: about 1% to a page that does not exist,
// 1% to a heading it does not have, 38% to one of its first three headings
// (a page is sure to have those), the rest to the page.
func linkTo(t pg, r *rand.Rand) string {
	link := t.url
	switch x := r.Intn(100); {
	case x < 1:
		link = strings.Replace(t.url, "page-", "paeg-", 1)
		link = strings.Replace(link, "track-", "trakc-", 1)
	case x < 2:
		link += "#no-such-heading"
	case x < 40:
		link += "#" + slug(t.heads[r.Intn(3)])
	}
	return link
}

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.Intn(len(words))]
	}
	w[0] = title(w[0])
	return strings.Join(w, " ") + "."
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// slug is the heading ID of the generated headings (letters, digits and
// spaces only).
func slug(h string) string { return strings.ReplaceAll(strings.ToLower(h), " ", "-") }

func write(dir, rel, body string) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(body), 0o644)
}

// The spawner is a small process of this program that starts each timed
// careerlint run and reports its times and peak memory. A child's peak
// resident memory, as wait4 reports it, is at least what its parent had
// reached when the child was started: Go starts children with vfork, and
// the kernel counts the parent's memory, which the child shares until it
// execs, towards the child's peak. This process grows (it parses the
// whole tree with goldmark and reads careerlint's reports: its reading
// of a one-page run was 21 MiB where /usr/bin/time measured 16), so the
// runs are started from a process that stays small.
const spawnerArg = "-spawner"

// spawnRequest is one command for the spawner to run: its arguments and
// an environment variable (NAME=value) to add, if any.
type spawnRequest struct {
	Argv []string
	Env  string
}

// spawnResult is one run as the spawner reports it.
type spawnResult struct {
	Wall, CPU time.Duration
	RSS       int64
	// Err is set when the command failed (other than exit status 1,
	// which means findings).
	Err string
}

// spawner is this process's end of the spawner: a request is a
// spawnRequest on a line, the answer a spawnResult on a line.
type spawner struct {
	enc *json.Encoder
	dec *json.Decoder
}

func startSpawner() *spawner {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	cmd := exec.Command(self, spawnerArg)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		fail(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		fail(err)
	}
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	return &spawner{enc: json.NewEncoder(in), dec: json.NewDecoder(out)}
}

func (sp *spawner) run(req spawnRequest) spawnResult {
	var r spawnResult
	if err := sp.enc.Encode(req); err != nil {
		fail(err)
	}
	if err := sp.dec.Decode(&r); err != nil {
		fail(err)
	}
	return r
}

// runSpawner serves requests until its input ends.
func runSpawner() {
	dec, enc := json.NewDecoder(os.Stdin), json.NewEncoder(os.Stdout)
	for {
		var req spawnRequest
		if err := dec.Decode(&req); err != nil || len(req.Argv) == 0 {
			return
		}
		var r spawnResult
		cmd := exec.Command(req.Argv[0], req.Argv[1:]...)
		if req.Env != "" {
			cmd.Env = append(os.Environ(), req.Env)
		}
		cmd.Stderr = os.Stderr // stdout is discarded (os/exec opens the null device)
		start := time.Now()
		err := cmd.Run()
		r.Wall = time.Since(start)
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
			r.Err = err.Error()
		}
		if cmd.ProcessState != nil {
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				r.CPU, r.RSS = cpuOf(ru), int64(ru.Maxrss)*1024
			}
		}
		if err := enc.Encode(r); err != nil {
			return
		}
	}
}
