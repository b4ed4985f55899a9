package lint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// ApplyEdits applies edits to src in offset order, skipping an edit that
// overlaps one already taken (it is left for a later round). Edits written
// with "\n" are written with "\r\n" in a file whose line endings are CRLF.
func ApplyEdits(src []byte, edits []Edit) ([]byte, int) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b Edit) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return a.Span.End - b.Span.End
	})
	crlf := bytes.Contains(src, []byte("\r\n"))
	var out bytes.Buffer
	last, applied := 0, 0
	for _, e := range sorted {
		if e.Span.Start < last || e.Span.End > len(src) || e.Span.Start > e.Span.End {
			continue
		}
		out.Write(src[last:e.Span.Start])
		text := e.Text
		if crlf {
			text = string(bytes.ReplaceAll(bytes.ReplaceAll([]byte(text), []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n")))
		}
		out.WriteString(text)
		last = e.Span.End
		applied++
	}
	out.Write(src[last:])
	return out.Bytes(), applied
}

// fixGroup is the edits of whole fixes for one file of size bytes that
// do not overlap: a fix is taken only if every edit of it lies in the
// file and overlaps neither an edit already taken nor another edit of the
// same fix, so that ApplyEdits applies all of it or none.
func fixGroup(fixes []Fix, file string, size int) []Edit {
	var taken []Edit
	overlaps := func(e Edit, others []Edit) bool {
		for _, t := range others {
			if e.Span.Start < t.Span.End && t.Span.Start < e.Span.End || (e.Span.Start == t.Span.Start && e.Span.End == t.Span.End) {
				return true
			}
		}
		return false
	}
	for _, fx := range fixes {
		ok := len(fx.Edits) > 0
		for i, e := range fx.Edits {
			if e.Span.File != file || e.Span.Start < 0 || e.Span.Start > e.Span.End || e.Span.End > size ||
				overlaps(e, taken) || overlaps(e, fx.Edits[:i]) {
				ok = false
				break
			}
		}
		if ok {
			taken = append(taken, fx.Edits...)
		}
	}
	return taken
}

// Fixable reports whether FixAll would have a fix to apply for a finding
// (see fixOf), were its file one it may rewrite.
func (opt RunOptions) Fixable(d Diagnostic) bool {
	_, ok := opt.fixOf(d)
	return ok
}

// fixOf is the fix FixAll applies for a finding: its first fix, or with
// ApplySuggestions its first suggestion when it has no fix.
func (opt RunOptions) fixOf(d Diagnostic) (Fix, bool) {
	switch {
	case len(d.Fixes) > 0:
		return d.Fixes[0], true
	case opt.ApplySuggestions && len(d.Suggestions) > 0:
		return d.Suggestions[0], true
	}
	return Fix{}, false
}

// MaxFixRounds bounds how often Fix re-lints and applies fixes.
const MaxFixRounds = 10

// FixedFile is one file's content before and after fixing.
type FixedFile struct {
	Old, New []byte
}

// Fixed is the outcome of FixAll.
type Fixed struct {
	// Files maps each changed root-relative path to its old and new text.
	Files map[string]FixedFile
	// Result is the lint of the fixed text.
	Result *Result
	// Left counts, by root-relative file, the findings of Result that
	// have a fix FixAll did not apply because RunOptions.FixOnly leaves
	// their file out.
	Left map[string]int
	// LeftSuggested is how many of those have a suggestion and no fix
	// (with RunOptions.ApplySuggestions): --fix alone leaves them.
	LeftSuggested int
	// before is, with RunOptions.FixBaseline, the findings of the lint
	// before any fix (see Baseline.FixedBy).
	before []fixFinding
}

// FixAll lints, applies every fix whose edits do not overlap another's, and
// repeats on the fixed text until nothing fixable is left or MaxFixRounds
// is reached. It writes nothing.
func FixAll(ctx context.Context, opt RunOptions) (*Fixed, error) {
	changed := map[string]FixedFile{}
	overlay := map[string][]byte{}
	for k, v := range opt.Overlay {
		overlay[k] = v
	}
	opt.Overlay = overlay
	if opt.Deadline.IsZero() && opt.Config.TimeBudget > 0 {
		opt.Deadline = time.Now().Add(opt.Config.TimeBudget) // one budget for every round
	}
	var brought map[string]bool
	var before []fixFinding
	tried := map[string]bool{} // the suggestions applied (suggestionKey)
	for round := 0; ; round++ {
		res, err := Run(ctx, opt)
		if err != nil {
			return nil, err
		}
		if round == 0 {
			brought = opt.brought(res)
			if opt.FixBaseline != nil {
				before = opt.FixBaseline.findingsBefore(res)
			}
			// The later rounds fix outside FixOnly what this round
			// found the change brings (mayFix), and tell the rules so.
			opt.fixBrought = brought
		}
		if round == MaxFixRounds {
			out := opt.fixed(changed, res, brought)
			out.before = before
			return out, nil
		}
		byFile := map[string][]Fix{}
		var files []string
		mayFix := opt.mayFix(res, brought)
		// A round applies suggestions or fixes, never both: a fix is
		// worked out against the text as the round found it, and a
		// suggestion may change what that text means to it (an include
		// path mended pastes a file's list next to a list of the page,
		// which the list's fix would then join). So the suggestions go
		// first, each once, and the fixes wait for a round with none left
		// to try: one that an earlier round applied and that is still
		// there (it undid another, or changed nothing) goes with them.
		// A fix edits one file, which may be another than the finding's
		// (the page holding the include next to a list of an include
		// file): it is applied with that file's fixes, when the run may
		// fix that file too; one it may not is never tried (nor waited
		// for, as a suggestion left to try would keep the fixes waiting).
		fileOf := func(i int) (Fix, string, bool) {
			d := res.Diagnostics[i]
			fx, ok := opt.fixOf(d)
			if !ok || !mayFix(i) {
				return fx, "", false
			}
			file := d.Span.File
			if len(fx.Edits) > 0 {
				file = fx.Edits[0].Span.File
			}
			return fx, file, file == d.Span.File || opt.FixOnly == nil || opt.FixOnly(file)
		}
		suggesting := false
		if opt.ApplySuggestions {
			for i, d := range res.Diagnostics {
				if len(d.Fixes) == 0 && len(d.Suggestions) > 0 && !tried[suggestionKey(d)] {
					if _, _, ok := fileOf(i); ok {
						suggesting = true
						break
					}
				}
			}
		}
		for i, d := range res.Diagnostics {
			fx, file, ok := fileOf(i)
			if !ok || suggesting && (len(d.Fixes) > 0 || tried[suggestionKey(d)]) {
				continue
			}
			if suggesting {
				tried[suggestionKey(d)] = true
			}
			if _, ok := byFile[file]; !ok {
				files = append(files, file)
			}
			byFile[file] = append(byFile[file], fx)
		}
		progress := false
		for _, f := range files {
			src := res.Site.Source(f)
			if src == nil {
				continue
			}
			edits := fixGroup(byFile[f], f, len(src))
			out, n := ApplyEdits(src, edits)
			if n == 0 || bytes.Equal(out, src) {
				continue
			}
			old := src
			if prev, ok := changed[f]; ok {
				old = prev.Old
			}
			overlay[f] = out
			changed[f] = FixedFile{Old: old, New: out}
			progress = true
		}
		if !progress && !suggesting {
			out := opt.fixed(changed, res, brought)
			out.before = before
			return out, nil
		}
	}
}

// suggestionKey names a finding whose suggestion FixAll applies, across
// rounds: its file, rule and message, not its offsets, which the edits of
// a round move.
func suggestionKey(d Diagnostic) string {
	name := ""
	if d.Rule != nil {
		name = d.Rule.Name
	}
	return d.Span.File + "\x00" + name + "\x00" + d.Message
}

// brought returns, by fingerprint, the findings of res, the lint of the
// change before any fix, outside opt.FixOnly that the change brings (that
// opt.FixBaseline lacks). Those alone are fixed outside FixOnly: a finding
// that appears there in a later round is brought by the fixes, not by the
// change (a sibling level's include that the fixed include paths of the
// changed page now make look out of pattern).
func (opt RunOptions) brought(res *Result) map[string]bool {
	if opt.FixOnly == nil || opt.FixBaseline == nil {
		return nil
	}
	out := map[string]bool{}
	fps := (&Report{Diagnostics: res.Diagnostics, Site: res.Site}).fingerprints()
	for i, isNew := range opt.FixBaseline.Fresh(res) {
		// A file the base's lint did not read (an include file that only
		// a page the change adds includes, and the change does not touch)
		// may have had the finding before: it is not the change's to fix.
		if f := res.Diagnostics[i].Span.File; isNew && !opt.FixOnly(f) && opt.FixBaseline.Linted(f) {
			out[fps[i]] = true
		}
	}
	return out
}

// mayFix tells whether FixAll may apply the fix of the i-th finding of
// res: every finding without FixOnly; else one in a file of FixOnly, or
// one the change brings (in brought, by fingerprint).
func (opt RunOptions) mayFix(res *Result, brought map[string]bool) func(i int) bool {
	if opt.FixOnly == nil {
		return func(int) bool { return true }
	}
	var fps []string
	return func(i int) bool {
		if opt.FixOnly(res.Diagnostics[i].Span.File) {
			return true
		}
		if len(brought) == 0 {
			return false
		}
		if fps == nil {
			fps = (&Report{Diagnostics: res.Diagnostics, Site: res.Site}).fingerprints()
		}
		return brought[fps[i]]
	}
}

// fixApplier returns what Site.FixApplies answers on site, the site of
// a run with opt: nil without FixOnly, every fix being applied; else
// whether FixAll's mayFix lets the finding's fix through, in a file of
// FixOnly or brought by the change. In FixAll's first round, before
// brought is known, a finding outside FixOnly is brought when brought
// would take it: the baseline lacks its fingerprint, and its file was
// read at the base.
func (opt RunOptions) fixApplier(site *Site) func(Diagnostic) bool {
	if opt.FixOnly == nil {
		return nil
	}
	return func(d Diagnostic) bool {
		if opt.FixOnly(d.Span.File) {
			return true
		}
		if opt.FixBaseline == nil {
			return false
		}
		fp := (&Report{Diagnostics: []Diagnostic{d}, Site: site}).fingerprints()[0]
		if opt.fixBrought != nil {
			return opt.fixBrought[fp]
		}
		return opt.FixBaseline.Linted(d.Span.File) && !opt.FixBaseline.had[fp]
	}
}

// fixed is FixAll's outcome once its rounds end with res: the files it
// changed, and the findings with a fix it left outside opt.FixOnly.
func (opt RunOptions) fixed(changed map[string]FixedFile, res *Result, brought map[string]bool) *Fixed {
	out := &Fixed{Files: settled(changed), Result: res}
	mayFix := opt.mayFix(res, brought)
	for i, d := range res.Diagnostics {
		if _, ok := opt.fixOf(d); ok && !mayFix(i) {
			if out.Left == nil {
				out.Left = map[string]int{}
			}
			out.Left[d.Span.File]++
			if len(d.Fixes) == 0 {
				out.LeftSuggested++
			}
		}
	}
	return out
}

// settled drops from changed the files whose fixes, round after round,
// brought them back to their text (fixes that undo each other, such as
// the suggestions of a link in an included file that are each right on
// one including page): nothing to write or show for them.
func settled(changed map[string]FixedFile) map[string]FixedFile {
	for f, ff := range changed {
		if bytes.Equal(ff.Old, ff.New) {
			delete(changed, f)
		}
	}
	return changed
}

// writeError words a failure to write the file that replaces rel: what
// failed and the system's reason, without the temporary file's name
// (removed meanwhile), with a hint for a folder the user may not write
// in and a full disk.
func writeError(rel, what string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	hint := spaceHint(err)
	if errors.Is(err, fs.ErrPermission) {
		hint = " (its folder is not writable for you)"
	}
	return fmt.Errorf("%s: %s: %w%s; not replaced", rel, what, err, hint)
}

// ErrReadOnly is returned for a file to fix that the user may not write:
// replacing it by a rename would get round its permission.
var ErrReadOnly = errors.New("the file is read-only for you; not replaced (make it writable to fix it)")

// ErrHardLinked is returned for a file to fix that has several hard
// links: replacing it would leave the other names with the old text.
var ErrHardLinked = errors.New("the file has other hard links, which would keep the old text; not replaced (fix it in an editor, or remove the other links)")

// ErrAttrs is returned for a file to fix whose POSIX ACL careerlint cannot
// give the file that replaces it.
var ErrAttrs = errors.New("the file has an ACL that careerlint cannot copy to the new file; not replaced (fix it in an editor)")

// ErrChangedOnDisk is returned when a file changed between reading and
// writing it.
var ErrChangedOnDisk = errors.New("the file changed on disk since careerlint read it; not overwritten")

// WriteFileAtomic replaces a file under root with data: it writes a
// temporary file in the same folder, syncs it, keeps the old file's mode
// and (as far as the user may) its owner, and renames it over the old one,
// so a reader sees the old or the new content and never a mix. It refuses
// a path that leaves the root, also through a symlink, a file whose
// content is no longer old, a file the user may not write (ErrReadOnly),
// one with other hard links (ErrHardLinked) and, on Linux, one whose ACL
// it cannot copy to the new file (ErrAttrs); its other extended
// attributes are copied where the user may, its security.* ones left to
// the system.
func WriteFileAtomic(root, rel string, old, data []byte) error {
	s := &Site{Root: root}
	abs, err := s.Resolve(rel)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: %w", rel, ErrNotFile)
	}
	if err := writeProblem(abs, fi); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	if cur, err := os.ReadFile(abs); err != nil || !bytes.Equal(cur, old) {
		return fmt.Errorf("%s: %w", rel, ErrChangedOnDisk)
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".careerlint-*")
	if err != nil {
		return writeError(rel, "cannot write a new file beside it", err)
	}
	name := tmp.Name()
	cleanup := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return cleanup(writeError(rel, "writing the new text failed", err))
	}
	keepOwner(tmp, fi) // before the mode: a change of owner may clear setuid bits
	if err := tmp.Chmod(fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)); err != nil {
		return cleanup(writeError(rel, "cannot give the new file its mode", err))
	}
	if err := keepAttrs(name, abs); err != nil { // after the mode: an ACL sets the group bits
		return cleanup(fmt.Errorf("%s: %w", rel, err))
	}
	if err := tmp.Sync(); err != nil {
		return cleanup(writeError(rel, "writing the new text failed", err))
	}
	if err := tmp.Close(); err != nil {
		return cleanup(writeError(rel, "writing the new text failed", err))
	}
	if err := ReplaceFile(name, abs); err != nil {
		os.Remove(name)
		return writeError(rel, "cannot put the new file in its place", err)
	}
	// Make the rename itself durable; a folder that cannot be synced
	// (some file systems) still holds the complete new file.
	if d, err := os.Open(filepath.Dir(abs)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
