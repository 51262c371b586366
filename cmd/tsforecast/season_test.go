package main

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"gonum.org/v1/gonum/floats/scalar"
)

// TestDetectPeriodsWhiteNoise: white noise has no period. Seed 47 (n 300)
// is one of the 4 of 200 seeds for which features.DetectPeriods finds none
// on the levels but a spurious one on the first differences; detectPeriods
// used to add that second search on top of the library's own (persistent
// series only) fallback and so reported a season here.
func TestDetectPeriodsWhiteNoise(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 0))
	x := make([]float64, 300)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	if p := detectPeriods(x, 0); p != nil {
		t.Errorf("detectPeriods(white noise) = %v, want none", p)
	}
}

// TestDetectPeriodsRealData checks the detected seasons of the shared real
// data: 12 for airline passengers (found on the first differences, inside
// features.DetectPeriods), and 24 as the strongest period of 394 of the 414
// M4 Hourly series, the count inspect reported before detectPeriods stopped
// differencing on its own.
func TestDetectPeriodsRealData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found: %v", err)
	}
	ds, err := forecast.ReadFile(filepath.Join(dir, "airline-passengers.csv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p := detectPeriods(ds.Series[0].Values, 0); len(p) == 0 || p[0] != 12 {
		t.Errorf("airline passengers: periods %v, want 12 first", p)
	}
	ds, err = forecast.ReadFile(filepath.Join(dir, "Hourly-train.csv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	n24 := 0
	for _, s := range ds.Series {
		if p := detectPeriods(s.Values, 0); len(p) > 0 && p[0] == 24 {
			n24++
		}
	}
	if n24 != 394 {
		t.Errorf("M4 Hourly: 24 is the strongest period of %d of %d series, want 394", n24, len(ds.Series))
	}
	if c := chooseSeason(0, ds.Series); c.Period != 24 {
		t.Errorf("M4 Hourly: season %+v, want 24", c)
	}
}

// TestDescribeHuge: finite values whose squares overflow still get a
// finite standard deviation. Reference: {1,-1,1,-1}·1e300 has mean 0 and
// sample std sqrt(4/3)·1e300, and scaling commutes with both.
func TestDescribeHuge(t *testing.T) {
	for _, scale := range []float64{1, 1e300} {
		st := describe([]float64{scale, -scale, scale, -scale})
		wantStd := math.Sqrt(4.0/3) * scale
		if st.Mean != 0 || !scalar.EqualWithinAbsOrRel(st.Std, wantStd, 0, 1e-14) {
			t.Errorf("describe(±%g): mean %v, std %v; want 0 and %v", scale, st.Mean, st.Std, wantStd)
		}
	}
	st := describe([]float64{1.5e308, 1.7e308})
	if want := 1.6e308; !scalar.EqualWithinAbsOrRel(st.Mean, want, 0, 1e-14) {
		t.Errorf("describe(1.5e308, 1.7e308): mean %v, want %v (the sum overflows)", st.Mean, want)
	}
	if want := math.Sqrt2 * 1e307; !scalar.EqualWithinAbsOrRel(st.Std, want, 0, 1e-12) {
		t.Errorf("describe(1.5e308, 1.7e308): std %v, want %v", st.Std, want)
	}
}
