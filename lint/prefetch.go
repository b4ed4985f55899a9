package lint

import (
	"runtime"
	"sync"
)

// prefetchWindow is how many files a prefetch reads ahead of the file
// being printed.
const prefetchWindow = 32

// prefetcher reads again, on GOMAXPROCS goroutines, the files a report is
// about to print, in the order it prints them and at most prefetchWindow
// files ahead, so that printing the findings of a lean run does not wait
// on reading thousands of files one by one (Site.PrefetchForPrinting).
type prefetcher struct {
	site  *Site
	files []string
	index map[string]int

	mu      sync.Mutex
	cond    *sync.Cond
	next    int // next file to read
	at      int // highest index asked for
	slots   []*rereadEntry
	ready   []bool
	stopped bool
	wg      sync.WaitGroup
}

// PrefetchForPrinting starts reading again, ahead of the printer, the
// files of diags that a lean run released (their findings' and related
// locations' files), in the order diags names them. Site.LinesOf and
// Site.Source take them from the prefetch. The returned function stops
// it; call it once printing is done.
func (s *Site) PrefetchForPrinting(diags []Diagnostic) (stop func()) {
	seen := map[string]bool{}
	var files []string
	add := func(f string) {
		if f == "" || seen[f] {
			return
		}
		seen[f] = true
		if p := s.File(f); p != nil && p.Lines != nil {
			return // still held
		}
		files = append(files, f)
	}
	for _, d := range diags {
		add(d.Span.File)
		for _, r := range d.Related {
			add(r.Span.File)
		}
	}
	if len(files) < 2 {
		return func() {}
	}
	pf := &prefetcher{site: s, files: files, index: make(map[string]int, len(files)), slots: make([]*rereadEntry, len(files)), ready: make([]bool, len(files))}
	pf.cond = sync.NewCond(&pf.mu)
	for i, f := range files {
		pf.index[f] = i
	}
	s.mu.Lock()
	s.prefetch = pf
	s.mu.Unlock()
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		pf.wg.Add(1)
		go pf.work()
	}
	return func() {
		pf.mu.Lock()
		pf.stopped = true
		pf.cond.Broadcast()
		pf.mu.Unlock()
		pf.wg.Wait()
		s.mu.Lock()
		if s.prefetch == pf {
			s.prefetch = nil
		}
		s.mu.Unlock()
	}
}

func (pf *prefetcher) work() {
	defer pf.wg.Done()
	for {
		pf.mu.Lock()
		for !pf.stopped && pf.next < len(pf.files) && pf.next >= pf.at+prefetchWindow {
			pf.cond.Wait()
		}
		if pf.stopped || pf.next >= len(pf.files) {
			pf.mu.Unlock()
			return
		}
		i := pf.next
		pf.next++
		pf.mu.Unlock()
		e := pf.site.readAgain(pf.files[i])
		pf.mu.Lock()
		pf.slots[i], pf.ready[i] = e, true
		pf.cond.Broadcast()
		pf.mu.Unlock()
	}
}

// get returns the prefetched file, waiting for its read, or nil when the
// file is not among the prefetched ones or was passed and dropped.
func (pf *prefetcher) get(file string) *rereadEntry {
	i, ok := pf.index[file]
	if !ok {
		return nil
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	if i < pf.at && !pf.ready[i] {
		return nil
	}
	if i > pf.at {
		// Files passed over are dropped: the printer has moved on.
		for j := pf.at; j < i; j++ {
			pf.slots[j] = nil
		}
		pf.at = i
		pf.cond.Broadcast()
	}
	for !pf.ready[i] && !pf.stopped {
		pf.cond.Wait()
	}
	return pf.slots[i]
}
