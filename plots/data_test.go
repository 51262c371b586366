package plots

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"gonum.org/v1/gonum/stat"
)

// outDir, when set, makes TestRealData write its charts there for viewing:
//
//	go test ./plots -run RealData -plots.out /tmp/plots
var outDir = flag.String("plots.out", "", "directory to write real-data charts to for inspection")

// seasonalNaive is the reference forecaster of the tests: the last season
// repeated, with empirical intervals from the in-sample seasonal-naive errors
// (quantiles of |y_t - y_{t-m}|, widened with sqrt of the number of seasons
// ahead). It is simple enough to check by eye on every chart.
func seasonalNaive(hist []float64, h, m int, levels ...float64) (fc []float64, bands []forecast.Interval) {
	n := len(hist)
	fc = make([]float64, h)
	for i := range fc {
		fc[i] = hist[n-m+i%m]
	}
	var abs []float64
	for i := m; i < n; i++ {
		d := hist[i] - hist[i-m]
		if d < 0 {
			d = -d
		}
		abs = append(abs, d)
	}
	slices.Sort(abs)
	for _, l := range levels {
		q := stat.Quantile(l, stat.Empirical, abs, nil)
		b := forecast.Interval{Level: 100 * l, Lo: make([]float64, h), Hi: make([]float64, h)}
		for i := range fc {
			k := float64(i/m + 1)
			w := q * sqrtF(k)
			b.Lo[i], b.Hi[i] = fc[i]-w, fc[i]+w
		}
		bands = append(bands, b)
	}
	return fc, bands
}

func sqrtF(x float64) float64 {
	z := x
	for range 30 {
		z = (z + x/z) / 2
	}
	return z
}

func mae(a, b []float64) float64 {
	var s float64
	for i := range a {
		d := a[i] - b[i]
		if d < 0 {
			d = -d
		}
		s += d
	}
	return s / float64(len(a))
}

// save writes c to the -plots.out directory when set, otherwise only renders
// it to memory. Either way a render error fails the test.
func save(t *testing.T, name string, c Chart) {
	t.Helper()
	if *outDir == "" {
		if _, err := renderPNG(c, Size{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Save(filepath.Join(*outDir, name), c, Size{}); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}
