//go:build ignore

// Globalmem reports what a worker of the pipeline holds for a saved
// global network: the size of the file, and the Go heap in use after
// loading it (runtime.MemStats.HeapAlloc after a GC, less the heap before),
// for each file given.
//
//	go run scripts/globalmem.go model-1k.tsf model-10k.tsf …
package main

import (
	"fmt"
	"log"
	"os"
	"runtime"

	"github.com/tsforecast/tsforecast/seq2one"
)

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func main() {
	for _, path := range os.Args[1:] {
		fi, err := os.Stat(path)
		if err != nil {
			log.Fatal(err)
		}
		before := heap()
		g, err := seq2one.LoadGlobalFile(path)
		if err != nil {
			log.Fatal(err)
		}
		after := heap()
		fmt.Printf("%s: %d series, file %.1f MB, heap %.1f MB (%.0f bytes per series)\n",
			path, g.Len(), float64(fi.Size())/1e6, float64(after-before)/1e6, float64(after-before)/float64(g.Len()))
		runtime.KeepAlive(g)
	}
}
