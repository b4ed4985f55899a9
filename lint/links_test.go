package lint

import (
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPageLinkDestinations checks that every kind of link records its
// destination and where it is written, so that fixes can rewrite it.
func TestPageLinkDestinations(t *testing.T) {
	src := "Inline [a](/handbook/a/ \"title\") and <https://x.example/> and ![img](<p q.png>).\n" +
		"Ref [b][defn], collapsed [defn][], shortcut [defn].\n" +
		"Shortcode [c]({{< ref \"values#results\" >}}) and bare {{< relref path=\"team\" >}}.\n" +
		"Dynamic [d]({{< param \"url\" >}}) and <a class=\"x\" href='/handbook/h/?a=1&amp;b=2'>h</a>.\n" +
		"Escaped {{</* ref \"nope\" */>}} is text.\n\n" +
		"[defn]: </handbook/defn/>\n"
	p := ParsePage("content/p.md", []byte(src), ParseOptions{})
	type got struct {
		Kind      LinkKind
		Dest      string
		Written   string
		Shortcode string
		Dynamic   bool
	}
	var gots []got
	for _, l := range p.Links {
		w := "<none>"
		if l.DestStart >= 0 {
			w = src[l.DestStart:l.DestEnd]
		}
		gots = append(gots, got{l.Kind, l.Dest, w, l.Shortcode, l.Dynamic})
	}
	want := []got{
		{InlineLink, "/handbook/a/", "/handbook/a/", "", false},
		{AutoLink, "https://x.example/", "https://x.example/", "", false},
		{ImageLink, "p q.png", "p q.png", "", false},
		{InlineLink, "/handbook/defn/", "/handbook/defn/", "", false},
		{InlineLink, "/handbook/defn/", "/handbook/defn/", "", false},
		{InlineLink, "/handbook/defn/", "/handbook/defn/", "", false},
		{InlineLink, "values#results", "values#results", "ref", false},
		{RefLink, "team", "team", "relref", false},
		{InlineLink, "", "<none>", "", true},
		{HTMLLink, "/handbook/h/?a=1&b=2", "/handbook/h/?a=1&amp;b=2", "", false},
	}
	// The dynamic link's destination is the masked shortcode: compare
	// without it.
	for i := range gots {
		if gots[i].Dynamic {
			gots[i].Dest, gots[i].Written = "", "<none>"
		}
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
}

// TestRefLinkFragmentAfter checks that a fragment written after a ref
// shortcode in a link destination is the link's fragment, as in the URL
// Hugo renders, and that other text around a ref makes the link unknown.
func TestRefLinkFragmentAfter(t *testing.T) {
	for src, want := range map[string]struct {
		dest    string
		dynamic bool
	}{
		"[a]({{< relref \"/handbook/x\" >}}#nope)\n":   {"/handbook/x#nope", false},
		"[a]({{< ref \"x\" >}}#under\\_score)\n":       {"x#under_score", false},
		"[a]({{< ref \"x\" >}})\n":                     {"x", false},
		"[a]({{< ref \"x#in\" >}}#out)\n":              {"x#in", true},
		"[a]({{< ref \"x\" >}}sub/)\n":                 {"x", true},
		"[a](/prefix{{< ref \"x\" >}})\n":              {"x", true},
		"[a]({{< ref \"x\" >}}#{{< param \"y\" >}})\n": {"x", true},
		"<a href=\"{{< ref \"x\" >}}#frag\">a</a>\n":   {"x#frag", false},
	} {
		p := ParsePage("content/p.md", []byte(src), ParseOptions{})
		if len(p.Links) == 0 {
			t.Errorf("%q: no link", src)
			continue
		}
		l := p.Links[0]
		if l.Shortcode == "" || l.Dest != want.dest || l.Dynamic != want.dynamic {
			t.Errorf("%q: link %q (shortcode %q, dynamic %v), want %q (dynamic %v)", src, l.Dest, l.Shortcode, l.Dynamic, want.dest, want.dynamic)
		}
	}
}

func TestURLKey(t *testing.T) {
	for in, want := range map[string]string{
		"/handbook/x/":                 "/handbook/x",
		"/handbook/x":                  "/handbook/x",
		"/handbook/x.html":             "/handbook/x",
		"/handbook/x/index.html":       "/handbook/x",
		"/":                            "/",
		"/index.html":                  "/",
		"/handbook/engineering/x.html": "/handbook/engineering/x",
		// A decoded path: "#" and "?" are characters of it ("c#5.md" is
		// served at /c%235/).
		"/handbook/c#5/": "/handbook/c#5",
		"/handbook/a?b/": "/handbook/a?b",
	} {
		if got := urlKey(in); got != want {
			t.Errorf("urlKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLogicalPath(t *testing.T) {
	for in, want := range map[string]string{
		"handbook/values/_index.md": "/handbook/values",
		"handbook/Team/CSR.md":      "/handbook/team/csr",
		"handbook/bundle/index.md":  "/handbook/bundle",
		"_index.md":                 "/",
		"handbook/1.2-release.md":   "/handbook/1.2-release",
		"handbook/with space/x.md":  "/handbook/with-space/x",
	} {
		if got := logicalPath(in); got != want {
			t.Errorf("logicalPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggestAnchor(t *testing.T) {
	anchors := []string{"senior", "senior-leadership-competencies", "senior-technical-competencies", "results", "values-1", "senior-scopes"}
	for frag, want := range map[string]string{
		// A typo beats the shorter anchor the fragment contains.
		"senior-scope": "senior-scopes",
		"senior-sope":  "senior-scopes",
		"senior-x":     "senior",
		// Run on past a word, or cut short in one.
		"senior-technicalx":       "senior-technical-competencies",
		"senior-leadership-c":     "senior-leadership-competencies",
		"leadership-competencies": "senior-leadership-competencies",
		"Results":                 "results",
		"resutls":                 "results",
		"technical":               "senior-technical-competencies",
		"zzz-unrelated-thing":     "",
	} {
		if got := suggestAnchor(frag, anchors); got != want {
			t.Errorf("suggestAnchor(%q) = %q, want %q", frag, got, want)
		}
	}
	// A heading renamed with words added or changed: not an anchor that
	// is a part of the fragment.
	anchors = []string{"structure", "infrastructure-platforms-department", "iteration", "iteration-competencies", "senior-leadership"}
	for frag, want := range map[string]string{
		"infrastructure-department": "infrastructure-platforms-department",
		"iteration-competency":      "iteration-competencies",
		"iteration-x":               "iteration",
		"leader":                    "senior-leadership",
		"senior-leadership-skills":  "senior-leadership",
		"structure-dept":            "structure",
	} {
		if got := suggestAnchor(frag, anchors); got != want {
			t.Errorf("suggestAnchor(%q) = %q, want %q", frag, got, want)
		}
	}
}

// TestRelativeURL covers the relative form of a did-you-mean URL, as a
// link on a page served under the base folder would be written.
func TestRelativeURL(t *testing.T) {
	for _, c := range []struct{ base, target, want string }{
		{"/handbook/page/", "/handbook/values/", "../values/"},
		{"/handbook/team/web/senior/", "/handbook/team/web/staff/", "../staff/"},
		{"/handbook/", "/handbook/values/", "values/"},
		{"/handbook/", "/handbook/values", "values"},
		{"/handbook/a/b/", "/other/x/", "../../../other/x/"},
		{"/", "/handbook/", "handbook/"},
		{"/handbook/", "/", "../"},
		{"/handbook/", "/handbook/", "./"},
		{"/handbook/a/", "/handbook/", "../"},
		{"/handbook/", "/handbook/a:b/", "./a:b/"},
		{"/a/b/", "/a/bc/", "../bc/"},
	} {
		if got := RelativeURL(c.base, c.target); got != c.want {
			t.Errorf("RelativeURL(%q, %q) = %q, want %q", c.base, c.target, got, c.want)
		}
	}
}

// TestLinkEnd checks that a link's span, which link ends where finding
// its destination found the ")" closing it, ends where linkEnd ends it.
func TestLinkEnd(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	const alphabet = "[]()<>\\ \t\n\ra:"
	for range 200000 {
		b := make([]byte, rng.Intn(16))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		p := &Page{Path: "x.md", Src: b, Masked: b}
		for i, c := range b {
			if c != '[' {
				continue
			}
			if got, want := p.link(InlineLink, "", "", i, i).Span.End, linkEnd(b, i); got != want {
				t.Fatalf("link at %d of %q ends at %d, linkEnd says %d", i, b, got, want)
			}
		}
	}
}
