package lint

import "testing"

// TestPageName checks the name and folder Hugo gives a page by its path:
// the default language's suffix is dropped, a leaf bundle's index names
// its folder, and a section's page and other files are none.
func TestPageName(t *testing.T) {
	for _, tt := range []struct {
		file, dir, name string
		ok              bool
	}{
		{"c/web/senior.md", "c/web", "senior", true},
		{"c/web/CSR.md", "c/web", "CSR", true},
		{"c/web/senior.en.md", "c/web", "senior", true},
		{"c/web/senior.EN.md", "c/web", "senior", true},
		{"c/web/senior.fr.md", "c/web", "senior.fr", true}, // only the default language is known
		{"c/web/senior/index.md", "c/web", "senior", true},
		{"c/web/senior/Index.md", "c/web", "senior", true},
		{"c/web/senior/index.en.md", "c/web", "senior", true},
		{"c/web/_index.md", "", "", false},
		{"c/web/_index.en.md", "", "", false},
		{"c/web/senior.png", "", "", false},
		{"index.md", "", "", false},
	} {
		dir, name, ok := PageName(tt.file)
		if dir != tt.dir || name != tt.name || ok != tt.ok {
			t.Errorf("PageName(%q) = %q, %q, %v; want %q, %q, %v", tt.file, dir, name, ok, tt.dir, tt.name, tt.ok)
		}
	}
}
