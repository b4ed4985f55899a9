package lint

import "testing"

// TestMovedRef checks which move a ref that finds no page is taken for:
// the page it named relative to the linking page first, then from the
// content root, then by a name only one moved page had.
func TestMovedRef(t *testing.T) {
	page := "---\ntitle: P\n---\n"
	root := writeTree(t, t.TempDir(), map[string]string{
		"content/handbook/a/senior.md":     page,
		"content/handbook/a/staff-eng.md":  page,
		"content/handbook/b/staff-eng.md":  page,
		"content/handbook/c/lead-eng.md":   page,
		"content/handbook/old/guide-v2.md": page,
	})
	s := NewSite(root, DefaultConfig(), nil)
	s.moved = indexChanges([]Move{
		{From: "content/handbook/a/staff.md", To: "content/handbook/a/staff-eng.md", FromURL: "/handbook/a/staff/"},
		{From: "content/handbook/b/staff.md", To: "content/handbook/b/staff-eng.md", FromURL: "/handbook/b/staff/"},
		{From: "content/handbook/c/lead.md", To: "content/handbook/c/lead-eng.md", FromURL: "/handbook/c/lead/"},
		{From: "content/handbook/old/guide.md", To: "content/handbook/old/guide-v2.md", FromURL: "/handbook/old/guide/"},
		{From: "assets/includes/x.md", To: "assets/includes/y.md"},
	})
	from := &Page{Path: "content/handbook/b/senior.md"}
	for _, c := range []struct{ ref, to, now string }{
		{"staff", "content/handbook/b/staff-eng.md", "/handbook/b/staff-eng"}, // relative to the page, not a's
		{"/handbook/a/staff.md", "content/handbook/a/staff-eng.md", "/handbook/a/staff-eng"},
		{"../a/staff#x", "content/handbook/a/staff-eng.md", "/handbook/a/staff-eng"},
		{"lead", "content/handbook/c/lead-eng.md", "/handbook/c/lead-eng"}, // by its name: one moved page had it
		{"guide/", "content/handbook/old/guide-v2.md", "/handbook/old/guide-v2"},
		{"x", "", ""},
		{"c/lead", "", ""}, // a path is not looked up by name
	} {
		m, now, ok := s.MovedRef(from, c.ref)
		if ok != (c.to != "") || m.To != c.to || now != c.now {
			t.Errorf("MovedRef(%q) = %+v, %q, %v; want the move to %q, %q", c.ref, m, now, ok, c.to, c.now)
		}
	}
	// Two moved pages had the name: a ref by it names neither.
	if m, _, ok := s.MovedRef(&Page{Path: "content/handbook/c/senior.md"}, "staff"); ok {
		t.Errorf("MovedRef(staff) from c = %+v, want none: a and b both had the name", m)
	}
}
