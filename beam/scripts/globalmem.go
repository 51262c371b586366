//go:build ignore

// Globalmem reports what a worker of the pipeline holds for a saved
// global network, for each file given: the number of training series it
// carries state for, the file's size, the Go heap in use after loading it
// (runtime.MemStats.HeapAlloc after a GC, less the heap before), and the
// heap in use once only the weights are kept (seq2one.Global.WeightsOnly,
// the loaded model dropped), which is what each worker process of the
// pipeline holds. With -weights DIR it also writes each network's
// weights-only file to DIR (same base name) and reports its size.
//
//	go run scripts/globalmem.go [-weights DIR] model-1k.tsf model-10k.tsf …
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"

	"github.com/tsforecast/tsforecast/seq2one"
)

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func mb(b uint64) float64 { return float64(b) / 1e6 }

func main() {
	dir := flag.String("weights", "", "directory to write the weights-only files to")
	flag.Parse()
	for _, path := range flag.Args() {
		fi, err := os.Stat(path)
		if err != nil {
			log.Fatal(err)
		}
		before := heap()
		g, err := seq2one.LoadGlobalFile(path)
		if err != nil {
			log.Fatal(err)
		}
		n := g.Len()
		full := heap() - before
		w := g.WeightsOnly()
		g = nil
		weights := heap() - before
		fmt.Printf("%s: %d series, file %.2f MB; heap after load %.2f MB (%.0f bytes per series), weights only %.2f MB",
			path, n, mb(uint64(fi.Size())), mb(full), (float64(full)-float64(weights))/float64(max(n, 1)), mb(weights))
		if *dir != "" {
			out := filepath.Join(*dir, filepath.Base(path))
			if err := w.SaveFile(out); err != nil {
				log.Fatal(err)
			}
			wi, err := os.Stat(out)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Printf(", weights-only file %s %.2f MB", out, mb(uint64(wi.Size())))
		}
		fmt.Println()
		runtime.KeepAlive(w)
	}
}
