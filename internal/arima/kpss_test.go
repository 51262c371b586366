package arima

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestKPSSStatsmodels compares KPSS with statsmodels 0.13.5
// kpss(x, regression="c", nlags=trunc(3·sqrt(n)/13)) (script
// testdata/ref_arima.py), the lag count of forecast::ndiffs.
func TestKPSSStatsmodels(t *testing.T) {
	ref := readRef(t)
	for _, c := range ref.KPSS {
		x := testSeries(t, c.Series)
		if got := kpssLags(len(x)); got != c.Lags {
			t.Errorf("kpssLags(%d) = %d, want %d", len(x), got, c.Lags)
		}
		if got := KPSS(x, c.Lags); !scalar.EqualWithinAbsOrRel(got, c.Stat, 0, 1e-12) {
			t.Errorf("KPSS(%s, %d) = %.15g, want %.15g", c.Series, c.Lags, got, c.Stat)
		}
	}
}

// TestNDiffs checks NDiffs against the decisions implied by statsmodels'
// KPSS statistics of the series and of its differences (script
// testdata/ref_arima.py) and the 5% critical value 0.463 of Kwiatkowski
// et al. (1992, table 1), which ndiffs applies through urca's p-value
// interpolation.
func TestNDiffs(t *testing.T) {
	ref := readRef(t)
	stat := map[string]float64{}
	for _, c := range ref.KPSS {
		stat[c.Series] = c.Stat
	}
	for _, name := range []string{"air", "logair", "m100", "Y3"} {
		want := 0
		if stat[name] > 0.463 {
			want = 1
			if stat["d"+name] > 0.463 {
				t.Fatalf("test needs the KPSS statistic of the second differences of %s", name)
			}
		}
		if got := NDiffs(testSeries(t, name), 2); got != want {
			t.Errorf("NDiffs(%s, 2) = %d, want %d", name, got, want)
		}
		if got := NDiffs(testSeries(t, name), 0); got != 0 {
			t.Errorf("NDiffs(%s, 0) = %d, want 0", name, got)
		}
	}
	// Degenerate inputs: constant series and series whose first
	// differences are constant (a line) stop early.
	line := make([]float64, 50)
	for i := range line {
		line[i] = 3 + 2*float64(i)
	}
	for _, c := range []struct {
		x    []float64
		want int
	}{
		{[]float64{4, 4, 4, 4}, 0},
		{line, 1},
		{[]float64{1}, 0},
		{nil, 0},
	} {
		if got := NDiffs(c.x, 2); got != c.want {
			t.Errorf("NDiffs(%v, 2) = %d, want %d", c.x, got, c.want)
		}
	}
	if v := KPSS([]float64{1}, 0); !math.IsNaN(v) {
		t.Errorf("KPSS of one value = %v, want NaN", v)
	}
}

// TestIsConstant follows R's all.equal tolerance 1.5e-8.
func TestIsConstant(t *testing.T) {
	for _, c := range []struct {
		x    []float64
		want bool
	}{
		{[]float64{5, 5, 5}, true},
		{[]float64{5, 5, 5 * (1 + 1e-9)}, true},
		{[]float64{5, 5, 5 * (1 + 1e-6)}, false},
		{[]float64{0, 0, 0}, true},
		{[]float64{0, 1e-9, 0}, true}, // absolute comparison near zero
		{[]float64{0, 1e-7, 0}, false},
		{[]float64{7}, true},
	} {
		if got := isConstant(c.x); got != c.want {
			t.Errorf("isConstant(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}
