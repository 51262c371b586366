package plots

import (
	"encoding/csv"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat"
)

// outDir, when set, makes TestRealData write its charts there for viewing:
//
//	go test ./plots -run RealData -plots.out /tmp/plots
var outDir = flag.String("plots.out", "", "directory to write real-data charts to for inspection")

// dataDir is the shared data directory, located relative to the repository.
var dataDir = filepath.Join("..", "..", "shared", "data")

func openData(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir, name))
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("shared data %s not available: %v", name, err)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// readColumn reads a CSV with a time column 0 parsed with layout and returns
// the times and the values of column col.
func readColumn(t testing.TB, name, layout string, col int) ([]time.Time, []float64) {
	t.Helper()
	r := csv.NewReader(openData(t, name))
	if _, err := r.Read(); err != nil {
		t.Fatalf("%s: header: %v", name, err)
	}
	var ts []time.Time
	var vs []float64
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: row %d: %v", name, row, err)
		}
		tm, err := time.Parse(layout, rec[0])
		if err != nil {
			t.Fatalf("%s: row %d: %v", name, row, err)
		}
		v, err := strconv.ParseFloat(rec[col], 64)
		if err != nil {
			t.Fatalf("%s: row %d: %v", name, row, err)
		}
		ts = append(ts, tm)
		vs = append(vs, v)
	}
	return ts, vs
}

// readM4 returns the M4 hourly series with the given ids, in file order.
func readM4(t testing.TB, ids ...string) map[string][]float64 {
	t.Helper()
	r := csv.NewReader(openData(t, "Hourly-train.csv"))
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	out := map[string][]float64{}
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Hourly-train.csv: row %d: %v", row, err)
		}
		if len(ids) > 0 && !slices.Contains(ids, rec[0]) {
			continue
		}
		var vs []float64
		for _, s := range rec[1:] {
			if s == "" {
				break
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("Hourly-train.csv: row %d: %v", row, err)
			}
			vs = append(vs, v)
		}
		out[rec[0]] = vs
	}
	return out
}

// seasonalNaive is the reference forecaster of the tests: the last season
// repeated, with empirical intervals from the in-sample seasonal-naive errors
// (quantiles of |y_t - y_{t-m}|, widened with sqrt of the number of seasons
// ahead). It is simple enough to check by eye on every chart.
func seasonalNaive(hist []float64, h, m int, levels ...float64) (fc []float64, bands []Band) {
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
		b := Band{Level: l, Lo: make([]float64, h), Hi: make([]float64, h)}
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
