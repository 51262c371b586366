package features_test

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/features"
)

// References from statsmodels 0.13.5 (Debian python3-statsmodels
// 0.13.5+dfsg, numpy 1.24.2):
// d = seasonal_decompose(x, model=kind, period=12) on airline-passengers.csv,
// d.seasonal[:12], d.trend[6:9], d.trend[-7], d.resid[6:9].
var airDecomp = []struct {
	kind     features.DecompKind
	indices  []float64
	trend    []float64 // at t = 6, 7, 8
	trend137 float64
	resid    []float64 // at t = 6, 7, 8
}{
	{
		kind: features.Additive,
		indices: []float64{-24.74873737373737, -36.18813131313133, -2.2411616161616097, -8.036616161616147,
			-4.506313131313127, 35.40277777777777, 63.83080808080807, 62.8232323232323,
			16.52020202020203, -20.642676767676768, -53.59343434343434, -28.619949494949484},
		trend:    []float64{126.79166666666666, 127.25, 127.95833333333333},
		trend137: 475.0416666666667,
		resid:    []float64{-42.622474747474726, -42.0732323232323, -8.47853535353536},
	},
	{
		kind: features.Multiplicative,
		indices: []float64{0.9102303673722009, 0.8836253206943756, 1.0073662876035456, 0.9759060123228475,
			0.9813780274951296, 1.1127758266792727, 1.2265555429312014, 1.2199109694456252,
			1.0604919326468185, 0.9217572404104976, 0.8011780824134744, 0.8988243899850115},
		trend:    []float64{126.79166666666666, 127.25, 127.95833333333333},
		trend137: 475.0416666666667,
		resid:    []float64{0.9516643164028833, 0.9534014056242446, 1.0022197678165596},
	},
}

func TestDecomposeAirline(t *testing.T) {
	x := readColumn(t, "airline-passengers.csv", 1)
	const tol = 1e-12
	for _, ref := range airDecomp {
		d, err := features.Decompose(x, 12, ref.kind)
		if err != nil {
			t.Fatalf("Decompose(airline, 12, %v): %v", ref.kind, err)
		}
		for i, want := range ref.indices {
			if got := d.Indices[i]; !scalar.EqualWithinAbsOrRel(got, want, tol, tol) {
				t.Errorf("Decompose(airline, %v).Indices[%d] = %v, want %v (statsmodels)", ref.kind, i, got, want)
			}
		}
		for i := range 3 {
			if got := d.Trend[6+i]; !scalar.EqualWithinAbsOrRel(got, ref.trend[i], tol, tol) {
				t.Errorf("Decompose(airline, %v).Trend[%d] = %v, want %v (statsmodels)", ref.kind, 6+i, got, ref.trend[i])
			}
			if got := d.Remainder[6+i]; !scalar.EqualWithinAbsOrRel(got, ref.resid[i], tol, tol) {
				t.Errorf("Decompose(airline, %v).Remainder[%d] = %v, want %v (statsmodels)", ref.kind, 6+i, got, ref.resid[i])
			}
		}
		if got := d.Trend[137]; !scalar.EqualWithinAbsOrRel(got, ref.trend137, tol, tol) {
			t.Errorf("Decompose(airline, %v).Trend[137] = %v, want %v (statsmodels)", ref.kind, got, ref.trend137)
		}
		checkDecomposition(t, "airline", x, d)
	}
}

// TestDecomposeOdd checks an odd period (plain moving average) against
// statsmodels 0.13.5: seasonal_decompose(t[:60], model="additive",
// period=7) on the first 60 daily minimum temperatures.
func TestDecomposeOdd(t *testing.T) {
	x := readColumn(t, "daily-min-temperatures.csv", 1)[:60]
	d, err := features.Decompose(x, 7, features.Additive)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{-0.9075437317784257, -0.0856049562682208, 0.28582361516035004, 0.31745626822157547,
		0.6103134110787168, -0.357543731778427, 0.13709912536443103}
	if !floatsEqual(d.Indices, want, 1e-12) {
		t.Errorf("Decompose(temperatures[:60], 7).Indices = %v, want %v (statsmodels)", d.Indices, want)
	}
	if !floatsEqual(d.Trend[3:5], []float64{17.057142857142853, 16.585714285714282}, 1e-12) {
		t.Errorf("Decompose(temperatures[:60], 7).Trend[3:5] = %v, want statsmodels values", d.Trend[3:5])
	}
	checkDecomposition(t, "temperatures[:60]", x, d)
}

// checkDecomposition checks the invariants of d for series x: NaN exactly at
// the ends, components recombine to x, indices normalised and repeated.
func checkDecomposition(t *testing.T, name string, x []float64, d *features.Decomposition) {
	t.Helper()
	n, m := len(x), d.Period
	if len(d.Trend) != n || len(d.Seasonal) != n || len(d.Remainder) != n || len(d.Indices) != m {
		t.Fatalf("Decompose(%s): component lengths %d %d %d %d, want %d and %d",
			name, len(d.Trend), len(d.Seasonal), len(d.Remainder), len(d.Indices), n, m)
	}
	h := m / 2
	var sum float64
	for _, v := range d.Indices {
		sum += v
	}
	if d.Kind == features.Additive && math.Abs(sum) > 1e-9 {
		t.Errorf("Decompose(%s, additive): indices sum to %v, want 0", name, sum)
	}
	if d.Kind == features.Multiplicative && math.Abs(sum/float64(m)-1) > 1e-12 {
		t.Errorf("Decompose(%s, multiplicative): indices mean %v, want 1", name, sum/float64(m))
	}
	for i, v := range x {
		if d.Seasonal[i] != d.Indices[i%m] || d.SeasonalAt(i) != d.Indices[i%m] {
			t.Fatalf("Decompose(%s): Seasonal[%d] = %v, SeasonalAt = %v, want Indices[%d] = %v",
				name, i, d.Seasonal[i], d.SeasonalAt(i), i%m, d.Indices[i%m])
		}
		edge := i < h || i >= n-h
		if math.IsNaN(d.Trend[i]) != edge || math.IsNaN(d.Remainder[i]) != edge {
			t.Fatalf("Decompose(%s): Trend[%d] = %v, Remainder = %v, want NaN only in the first and last %d",
				name, i, d.Trend[i], d.Remainder[i], h)
		}
		if edge {
			continue
		}
		var back float64
		if d.Kind == features.Additive {
			back = d.Trend[i] + d.Seasonal[i] + d.Remainder[i]
		} else {
			back = d.Trend[i] * d.Seasonal[i] * d.Remainder[i]
		}
		if !scalar.EqualWithinAbsOrRel(back, v, 1e-12, 1e-12) {
			t.Fatalf("Decompose(%s, %v): components at %d recombine to %v, want %v", name, d.Kind, i, back, v)
		}
	}
}

func TestDecomposeHand(t *testing.T) {
	// Period 2 with a constant level: the 2×2 MA is the level, indices ±1.
	x := []float64{11, 9, 11, 9, 11, 9}
	d, err := features.Decompose(x, 2, features.Additive)
	if err != nil {
		t.Fatal(err)
	}
	if !floatsEqual(d.Indices, []float64{1, -1}, 1e-15) {
		t.Errorf("Decompose(%v, 2).Indices = %v, want [1 -1]", x, d.Indices)
	}
	if !floatsEqual(d.Trend, []float64{math.NaN(), 10, 10, 10, 10, math.NaN()}, 1e-15) {
		t.Errorf("Decompose(%v, 2).Trend = %v, want [NaN 10 10 10 10 NaN]", x, d.Trend)
	}
	// Multiplicative: 12 and 8 around 10 give indices 1.2 and 0.8.
	x = []float64{12, 8, 12, 8, 12, 8}
	d, err = features.Decompose(x, 2, features.Multiplicative)
	if err != nil {
		t.Fatal(err)
	}
	if !floatsEqual(d.Indices, []float64{1.2, 0.8}, 1e-15) {
		t.Errorf("Decompose(%v, 2, multiplicative).Indices = %v, want [1.2 0.8]", x, d.Indices)
	}
	// Forecasting beyond the end: the index of time 6+k is Indices[k%2].
	for k, want := range []float64{1.2, 0.8, 1.2} {
		if got := d.SeasonalAt(6 + k); got != want {
			t.Errorf("SeasonalAt(%d) = %v, want %v", 6+k, got, want)
		}
	}
	// Before the first observation: time −1 has phase 1.
	if got := d.SeasonalAt(-1); got != 0.8 {
		t.Errorf("SeasonalAt(-1) = %v, want 0.8", got)
	}
	if got := d.DeseasonalizeTo(nil, []float64{8, 12}, -3); !floatsEqual(got, []float64{10, 10}, 1e-15) {
		t.Errorf("DeseasonalizeTo([8 12], start −3) = %v, want [10 10]", got)
	}
	// Exactly two periods is the minimum length.
	if _, err := features.Decompose([]float64{1, 2, 3, 4, 5, 6, 7, 8}, 4, features.Additive); err != nil {
		t.Errorf("Decompose(8 values, 4): %v, want success", err)
	}
}

func TestDecomposeErrors(t *testing.T) {
	for _, test := range []struct {
		name string
		x    []float64
		m    int
		kind features.DecompKind
		want error
	}{
		{"period 1", []float64{1, 2, 3, 4}, 1, features.Additive, features.ErrPeriod},
		{"period 0", []float64{1, 2, 3, 4}, 0, features.Additive, features.ErrPeriod},
		{"short", []float64{1, 2, 3, 4, 5, 6, 7}, 4, features.Additive, features.ErrTooShort},
		{"empty", nil, 2, features.Additive, features.ErrTooShort},
		{"NaN", []float64{1, 2, math.NaN(), 4}, 2, features.Additive, features.ErrNonFinite},
		{"Inf", []float64{1, 2, 3, math.Inf(1)}, 2, features.Multiplicative, features.ErrNonFinite},
		// Finite, but the moving average's sum overflows.
		{"huge", []float64{1.5e308, 1.5e308, 1.5e308, 1.5e308}, 2, features.Additive, features.ErrNonFinite},
		{"zero", []float64{1, 2, 0, 4}, 2, features.Multiplicative, features.ErrNonPositive},
		{"negative", []float64{1, -2, 3, 4}, 2, features.Multiplicative, features.ErrNonPositive},
	} {
		d, err := features.Decompose(test.x, test.m, test.kind)
		if !errors.Is(err, test.want) || d != nil {
			t.Errorf("Decompose(%s) = %v, %v; want nil, %v", test.name, d, err, test.want)
		}
	}
	if !panics(func() { _, _ = features.Decompose([]float64{1, 2, 3, 4}, 2, features.DecompKind(7)) }) {
		t.Errorf("Decompose with unknown kind did not panic")
	}
}

func TestDeseasonalizeRoundTrip(t *testing.T) {
	x := readColumn(t, "airline-passengers.csv", 1)
	for _, kind := range []features.DecompKind{features.Additive, features.Multiplicative} {
		d, err := features.Decompose(x, 12, kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, start := range []int{0, 5, 144} {
			part := x[20:50]
			adj := d.DeseasonalizeTo(nil, part, start)
			for i, v := range part {
				var want float64
				if kind == features.Additive {
					want = v - d.Indices[(start+i)%12]
				} else {
					want = v / d.Indices[(start+i)%12]
				}
				if adj[i] != want {
					t.Fatalf("DeseasonalizeTo(%v, start %d)[%d] = %v, want %v", kind, start, i, adj[i], want)
				}
			}
			back := d.ReseasonalizeTo(adj, adj, start) // in place
			if !floatsEqual(back, part, 1e-13) {
				t.Errorf("ReseasonalizeTo(DeseasonalizeTo(x)) (%v, start %d) = %v, want %v", kind, start, back, part)
			}
		}
	}
}
