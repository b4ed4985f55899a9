package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScanHTMLStartTags: the anchors and links a browser finds in raw HTML,
// and none it does not.
func TestScanHTMLStartTags(t *testing.T) {
	type tag struct {
		Name  string
		Attrs []string // name=value, or the name alone
	}
	tests := []struct {
		name, html string
		want       []tag
	}{
		{"quoted", `<div id="a" class='b c'>`, []tag{{"div", []string{"id=a", "class=b c"}}}},
		{"unquoted", `<div id=goals data-x=1>`, []tag{{"div", []string{"id=goals", "data-x=1"}}}},
		{"no value and self-closing", `<input disabled/><br/>`, []tag{{"input", []string{"disabled"}}, {"br", nil}}},
		{"upper case", `<A NAME="Top" HREF=/x>`, []tag{{"a", []string{"name=Top", "href=/x"}}}},
		{"spaces around =", `<a href = "/x" >`, []tag{{"a", []string{"href=/x"}}}},
		{"references decoded", `<a id="a&amp;b" href="/x?a=1&amp;b=2">`, []tag{{"a", []string{"id=a&b", "href=/x?a=1&b=2"}}}},
		{"id in another value", `<p title="x id='fake'">`, []tag{{"p", []string{"title=x id='fake'"}}}},
		{"gt in a quoted value", `<p title="a>b" id=c>`, []tag{{"p", []string{"title=a>b", "id=c"}}}},
		{"comment", `<!-- <a id="old"></a> --><b id=new>`, []tag{{"b", []string{"id=new"}}}},
		{"comment left open", `<!-- <a id="old">`, nil},
		{"empty comments", `<!--><i id=a><!---><i id=b>`, []tag{{"i", []string{"id=a"}}, {"i", []string{"id=b"}}}},
		{"declaration and instruction", `<!DOCTYPE html><?xml version="1"?><i id=x>`, []tag{{"i", []string{"id=x"}}}},
		{"end tags", `</div id="no"><span>`, []tag{{"span", nil}}},
		{"text less-than", `a < b and 1<2 <3 <em>`, []tag{{"em", nil}}},
		{"script text", `<script>var s = '<a id="no">';</script><u id=yes>`, []tag{{"script", nil}, {"u", []string{"id=yes"}}}},
		{"style text upper case end", `<style>a[id="no"]{}</STYLE><u id=yes>`, []tag{{"style", nil}, {"u", []string{"id=yes"}}}},
		{"tag left open", `<a href="/x`, []tag{{"a", []string{"href=/x"}}}},
		// Raw-text elements hold no tags, nor does a template's content.
		{"textarea and title text", `<textarea><a id="no"></a></textarea><title><b id=no></title><i id=yes>`, []tag{{"textarea", nil}, {"title", nil}, {"i", []string{"id=yes"}}}},
		{"template content", `<template><div id="tpl"></div></template><i id=yes>`, []tag{{"template", nil}, {"i", []string{"id=yes"}}}},
		{"noscript, iframe, xmp", `<noscript><a id=n></a></noscript><iframe><a id=f></iframe><xmp><a id=x></xmp>`, []tag{{"noscript", nil}, {"iframe", nil}, {"xmp", nil}}},
		// In an attribute, a reference without ";" before a letter, digit
		// or "=" is text; one closed by ";" or ending the name is decoded.
		{"legacy references", `<p id="b&notx" title="ent&notanent;" lang="&not" dir="&not;x" data-a="&amp=1" data-b="a&ampb&amp c">`,
			[]tag{{"p", []string{"id=b&notx", "title=ent&notanent;", "lang=¬", "dir=¬x", "data-a=&amp=1", "data-b=a&ampb& c"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []tag
			scanHTMLStartTags(tt.html, func(name string, attrs []htmlAttr, start int) {
				if tt.html[start] != '<' {
					t.Errorf("tag %s starts at %d, not at a '<'", name, start)
				}
				tg := tag{Name: name}
				for _, a := range attrs {
					if a.ValueStart < 0 {
						tg.Attrs = append(tg.Attrs, a.Name)
						continue
					}
					tg.Attrs = append(tg.Attrs, a.Name+"="+a.Value)
				}
				got = append(got, tg)
			})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tags of %q (-want +got):\n%s", tt.html, diff)
			}
		})
	}
}

// TestPageHTMLAnchors: a page's raw HTML anchors are ids on any element
// and names on a elements only, outside comments, with their spans on the
// values as written.
func TestPageHTMLAnchors(t *testing.T) {
	src := "# T\n\n<!-- <a id=\"old\"></a> -->\n\n<div id=goals></div>\n\n<input name=\"search\"> <a name='legacy' href=\"/handbook/x/\">x</a> <p id=\"a\" id=\"b\">\n"
	p := ParsePage("content/p.md", []byte(src), ParseOptions{})
	var ids []string
	for _, h := range p.HTMLIDs {
		ids = append(ids, h.ID+"@"+src[h.Span.Start:h.Span.End])
	}
	if diff := cmp.Diff([]string{"goals@goals", "legacy@legacy", "a@a"}, ids); diff != "" {
		t.Errorf("HTML anchors (-want +got):\n%s", diff)
	}
	var links []string
	for _, l := range p.Links {
		links = append(links, l.Dest+"@"+src[l.DestStart:l.DestEnd])
	}
	if diff := cmp.Diff([]string{"/handbook/x/@/handbook/x/"}, links); diff != "" {
		t.Errorf("HTML links (-want +got):\n%s", diff)
	}
}

// TestUnescapeAttrLongRun: a reference-like run of any length is searched
// for a name in bounded time and kept as written when it names none.
func TestUnescapeAttrLongRun(t *testing.T) {
	v := "&" + strings.Repeat("a", 200000)
	if got := unescapeAttr(v); got != v {
		t.Errorf("unescapeAttr changed a run that names no reference (%d bytes)", len(got))
	}
	if got := unescapeAttr("&not" + strings.Repeat("x", 100000)); got != "&not"+strings.Repeat("x", 100000) {
		t.Errorf("&not before letters was decoded")
	}
}
