//go:build bigcsv

// TestBigFile measures the loader alone on a large file; bench/bigcsv.sh
// runs it with -tags bigcsv on the file it generates.

package csvio_test

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
)

func TestBigFile(t *testing.T) {
	path := os.Getenv("TSFORECAST_BIGCSV")
	if path == "" {
		t.Fatal("set TSFORECAST_BIGCSV to the path of a large CSV file")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ds, err := csvio.ReadFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := time.Since(start)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	rss := float64(ru.Maxrss) * 1024
	n := 0
	for _, s := range ds.Series {
		n += s.Len()
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	t.Logf("csvio.ReadFile: %d series, %d values: wall %v, CPU %v, max RSS %.2f GB (%.2f x file)",
		len(ds.Series), n, d.Round(time.Millisecond), cpu.Round(time.Millisecond), rss/1e9, rss/float64(fi.Size()))
}
