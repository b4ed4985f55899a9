package anchor

import "strconv"

// Table is one page's heading ID table. Hugo keeps a single table per
// rendered page, shared with the Markdown files included into it, so feed it
// every heading of the page and of its includes in source order: explicit IDs
// through [Table.Explicit], the others through [Table.Auto].
//
// The zero value is not ready for use; call [NewTable].
type Table struct {
	used map[string]struct{}
	// next is, by slug, the first suffix Auto has not found taken: every
	// one below it is taken (IDs are never released), so a page with
	// thousands of equal headings is not quadratic.
	next map[string]int
}

// NewTable returns an empty ID table.
func NewTable() *Table {
	return &Table{used: make(map[string]struct{}), next: make(map[string]int)}
}

// Explicit records an explicit {#id} and returns it verbatim: an explicit ID
// is never renamed, even when an earlier heading already produced it, but it
// makes later automatic IDs skip it.
func (t *Table) Explicit(id string) string {
	t.used[id] = struct{}{}
	return id
}

// Auto returns the ID of an automatically named heading whose slug (see
// [Slug]) is slug, and records it: slug itself if it is free, else the first
// free one of slug-1, slug-2, and so on. An empty slug is treated as
// "heading", as Hugo does.
func (t *Table) Auto(slug string) string {
	if slug == "" {
		slug = "heading"
	}
	id := slug
	if t.Has(id) {
		i := max(t.next[slug], 1)
		for id = slug + "-" + strconv.Itoa(i); t.Has(id); id = slug + "-" + strconv.Itoa(i) {
			i++
		}
		t.next[slug] = i + 1
	}
	t.used[id] = struct{}{}
	return id
}

// Has reports whether id is taken by a heading already recorded.
func (t *Table) Has(id string) bool {
	_, ok := t.used[id]
	return ok
}
