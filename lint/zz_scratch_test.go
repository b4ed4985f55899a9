package lint

import (
	"fmt"
	"testing"
)

func TestScratchP(t *testing.T) {
	src := "---\ntitle: T\n---\n\n{{% include \"includes/nav.md\" %}}\n## Senior {#sen}\n\nIntro [link](/handbook/x/) and [ref][r] and <https://a.example> and ![img](/i.png) and https://bare.example/x.\n\n[r]: /handbook/ref/\n\nSetext\n======\n\n## Values {{< icon >}}\n\n## Values\n\n1. a\n1. b\n   - nested\n     * deeper\n\n3) x\n4) y\n\n> 1. q\n> 2. r\n\n<!-- careerlint-disable-next-line ordered-list-style -- reason -->\n<div id=\"anchor-1\"><a name=\"a2\"></a></div>\n"
	p := parse(t, src)
	for _, h := range p.Headings {
		fmt.Printf("H %+v %q\n", h, textOf(p.Src, h.Span.Start, h.Span.End))
	}
	for _, l := range p.Links {
		fmt.Printf("L %+v %q\n", l, textOf(p.Src, l.Span.Start, l.Span.End))
	}
	for _, l := range p.Lists {
		fmt.Printf("List %v %c depth %d %q\n", l.Ordered, l.Marker, l.Depth, textOf(p.Src, l.Span.Start, l.Span.End))
		for _, it := range l.Items {
			fmt.Printf("   %d %q %q\n", it.Number, textOf(p.Src, it.MarkerStart, it.MarkerEnd), textOf(p.Src, it.Span.Start, it.Span.End))
		}
	}
	for _, i := range p.Includes {
		fmt.Printf("I %+v %q %q\n", i, textOf(p.Src, i.Span.Start, i.Span.End), textOf(p.Src, i.ArgStart, i.ArgEnd))
	}
	for _, d := range p.Directives {
		fmt.Printf("D %+v %q\n", d, textOf(p.Src, d.Span.Start, d.Span.End))
	}
	fmt.Println(p.HTMLIDs, p.Problems)
}
