package rules

import (
	"runtime"
	"sync"
	"weak"
)

// weakMemo keeps one value per live object (a run's site, a loaded
// configuration), built once on first use. Entries are keyed weakly: when
// the object is collected, its entry is dropped, so a long-lived process
// (the language server) does not keep every run it served.
type weakMemo[K, V any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[K]]*memoEntry[V]
}

type memoEntry[V any] struct {
	once sync.Once
	v    V
}

// get returns the value kept for k, calling build to make it the first
// time. Concurrent first calls build it once.
func (w *weakMemo[K, V]) get(k *K, build func() V) V {
	key := weak.Make(k)
	w.mu.Lock()
	e := w.m[key]
	if e == nil {
		if w.m == nil {
			w.m = map[weak.Pointer[K]]*memoEntry[V]{}
		}
		e = &memoEntry[V]{}
		w.m[key] = e
		runtime.AddCleanup(k, func(key weak.Pointer[K]) {
			w.mu.Lock()
			delete(w.m, key)
			w.mu.Unlock()
		}, key)
	}
	w.mu.Unlock()
	e.once.Do(func() { e.v = build() })
	return e.v
}
