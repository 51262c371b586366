package seq2one

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
)

// savedWeights returns the weights-only file of the model of savedGlobal.
func savedWeights(t testing.TB) []byte {
	g, err := LoadGlobal(bytes.NewReader(savedGlobal(t)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := g.WeightsOnly().Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLoadGlobalVersions: files of version 2 (before weights-only files)
// still load and forecast as the same file of version 3; a weights-only
// file is version 3 and loads with no series; the same file claiming
// version 2 is refused as corrupt.
func TestLoadGlobalVersions(t *testing.T) {
	b := savedGlobal(t)
	want, err := LoadGlobal(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	f := parseFile(t, b)
	if f.version != 3 {
		t.Errorf("Global.Save wrote version %d, want 3", f.version)
	}
	f.version = 2
	got, err := LoadGlobal(bytes.NewReader(f.bytes(t)))
	if err != nil {
		t.Fatalf("LoadGlobal(version 2): %v", err)
	}
	a, _ := want.Predict(nil, 9)
	c, _ := got.Predict(nil, 9)
	for i := range a {
		if !slices.Equal(a[i], c[i]) {
			t.Errorf("series %d: version 2 forecast %v, version 3 %v", i, c[i], a[i])
		}
	}
	w := savedWeights(t)
	g, err := LoadGlobal(bytes.NewReader(w))
	if err != nil || g.Len() != 0 {
		t.Fatalf("LoadGlobal(weights only): %d series, error %v; want 0, nil", g.Len(), err)
	}
	f = parseFile(t, w)
	f.version = 2
	if _, err := LoadGlobal(bytes.NewReader(f.bytes(t))); !errors.Is(err, ErrCorrupt) {
		t.Errorf("LoadGlobal(version 2 without series): error %v, want ErrCorrupt", err)
	}
}

// FuzzLoadGlobalWeights fuzzes LoadGlobal (through LoadEither) from a
// weights-only file.
func FuzzLoadGlobalWeights(f *testing.F) {
	b := savedWeights(f)
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Fuzz(fuzzLoad)
}

// TestThinSorted: the split-conformal quantile of the thinned errors is
// never below the one of all of them (forecast.ConformalQuantile, the
// reference) and at most 2n/k+1 ranks above it, for levels from 50 to
// 99.9 %; with at most k errors nothing changes.
func TestThinSorted(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{999, 1000, 1001, 4321, 25000} {
		all := make([]float64, n)
		for i := range all {
			all[i] = r.ExpFloat64()
		}
		slices.Sort(all)
		thin := thinSorted(all, maxCalib)
		if n <= maxCalib {
			if len(thin) != n {
				t.Errorf("thinSorted(%d values) has %d", n, len(thin))
			}
			continue
		}
		if len(thin) != maxCalib || !slices.IsSorted(thin) {
			t.Fatalf("thinSorted(%d values): %d values, sorted %v; want %d sorted", n, len(thin), slices.IsSorted(thin), maxCalib)
		}
		for _, level := range []float64{50, 80, 90, 95, 99, 99.9} {
			exact, ok := forecast.ConformalQuantile(all, level)
			got, ok2 := forecast.ConformalQuantile(thin, level)
			if !ok || !ok2 {
				t.Fatalf("n %d, level %v: quantile exists %v (all), %v (thinned)", n, level, ok, ok2)
			}
			re := forecast.ConformalRank(n, level)
			rg, _ := slices.BinarySearch(all, got) // the values are distinct
			rg++
			if got < exact || rg-re > 2*n/maxCalib+1 {
				t.Errorf("n %d, level %v: thinned quantile %v of rank %d, exact %v of rank %d; want not below it, at most %d ranks above",
					n, level, got, rg, exact, re, 2*n/maxCalib+1)
			}
		}
	}
}

// TestGlobalCalibBounded: a model fitted on more than maxCalib series
// keeps maxCalib calibration errors per step.
func TestGlobalCalibBounded(t *testing.T) {
	var series []*forecast.Series
	for i := range maxCalib + 200 {
		s := hostileSeries(24, uint64(i))
		s.ID = strconv.Itoa(i)
		series = append(series, s)
	}
	g := NewGlobal(&Config{Seed: 1, Season: 4, Horizon: 4, Hidden: 4, Epochs: 1, Ensemble: 1, Workers: 1, MaxWindows: 200})
	if err := g.Fit(context.Background(), series); err != nil {
		t.Fatal(err)
	}
	if len(g.gp.Calib) != 4 {
		t.Fatalf("%d calibration steps, want 4", len(g.gp.Calib))
	}
	for k, c := range g.gp.Calib {
		if len(c) != maxCalib {
			t.Errorf("step %d: %d calibration errors of %d series, want %d", k, len(c), len(series), maxCalib)
		}
	}
}
