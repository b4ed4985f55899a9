package rules

import (
	"runtime"
	"testing"
	"weak"

	"gitlab.com/careerlint/careerlint/lint"
)

// TestMemosLetRunsGo checks that what the rules keep per run and per
// configuration does not keep a finished run's site or configuration
// alive: the language server makes one of each per request.
func TestMemosLetRunsGo(t *testing.T) {
	root := t.TempDir()
	page := lint.ParsePage("content/handbook/engineering/careers/matrix/x/senior.md", []byte("---\ntitle: Senior\n---\n\n## Senior\n"), lint.ParseOptions{})
	site, cfg := func() (weak.Pointer[lint.Site], weak.Pointer[lint.Config]) {
		cfg := lint.DefaultConfig()
		s := lint.NewSite(root, cfg, []*lint.Page{page})
		if m := ladderOf(s); m == nil || m.site != s {
			t.Fatalf("ladderOf returned %v", m)
		}
		if first, again := includeListingOf(s), includeListingOf(s); first != again {
			t.Errorf("includeListingOf listed the include roots twice")
		}
		rs := requiredSectionsOptions(cfg)
		if rs != requiredSectionsOptions(cfg) {
			t.Errorf("requiredSectionsOptions decoded the options twice")
		}
		if first, again := levelNames(cfg, rs), levelNames(cfg, rs); first != again {
			t.Errorf("levelNames built the level set twice")
		}
		other := lint.DefaultConfig()
		if ls := levelNames(other, rs); ls == levelNames(cfg, rs) || len(ls.names) != len(levelNames(cfg, rs).names) {
			t.Errorf("levelNames gave another configuration the first one's set, or a different one")
		}
		return weak.Make(s), weak.Make(cfg)
	}()
	for i := 0; i < 10 && (site.Value() != nil || cfg.Value() != nil); i++ {
		runtime.GC()
	}
	if site.Value() != nil {
		t.Errorf("the site is still alive after its run")
	}
	if cfg.Value() != nil {
		t.Errorf("the configuration is still alive after its run")
	}
}
