package features_test

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/features"
)

// TestMSTLStatsmodels compares MSTL with the MSTL loop of statsmodels 0.14
// (statsmodels/tsa/stl/mstl.py, MSTL.fit) run on statsmodels 0.13.5 STL by
// testdata/ref_stl.py, on 4 weeks of synthetic hourly data with daily and
// weekly cycles: periods 168 and 24 given unsorted, the same robust, and
// a period of 400 that needs more than half the data and is dropped.
func TestMSTLStatsmodels(t *testing.T) {
	ref := loadSTLRef(t)
	x := ref.MSTL.X
	const tol = 1e-10
	for _, c := range ref.MSTL.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var s features.MSTLSettings
			if r, ok := c.STL["robust"].(bool); ok {
				s.STL.Robust = r
			}
			d, err := features.MSTL(nil, x, c.PeriodsIn, &s)
			if err != nil {
				t.Fatalf("MSTL(%v): %v", c.PeriodsIn, err)
			}
			if len(d.Periods) != len(c.Periods) {
				t.Fatalf("MSTL(%v).Periods = %v, want %v", c.PeriodsIn, d.Periods, c.Periods)
			}
			for i, p := range c.Periods {
				if d.Periods[i] != p {
					t.Fatalf("MSTL(%v).Periods = %v, want %v", c.PeriodsIn, d.Periods, c.Periods)
				}
				checkClose(t, "Seasonal["+strconv.Itoa(p)+"]", d.Seasonal[i], c.Seasonal[i], tol)
			}
			checkClose(t, "Trend", d.Trend, c.Trend, tol)
			checkClose(t, "Remainder", d.Remainder, c.Resid, tol)
			checkSum(t, x, d)
		})
	}
}

// checkSum checks that the components of d add up to x.
func checkSum(t *testing.T, x []float64, d *features.MSTLDecomposition) {
	t.Helper()
	for i, v := range x {
		sum := d.Trend[i] + d.Remainder[i]
		for _, s := range d.Seasonal {
			sum += s[i]
		}
		if !scalar.EqualWithinAbsOrRel(sum, v, 1e-13, 1e-13) {
			t.Fatalf("MSTL: components at %d add up to %v, want x = %v", i, sum, v)
		}
	}
}

// TestMSTLRecovers checks that MSTL recovers the generating components of
// the synthetic series of testdata/ref_stl.py (trend 100 + 0.02t + a slow
// sine, daily and weekly cycles of amplitudes 8/3 and 12/4, Gaussian noise
// with σ = 0.5). The bounds are about 1.6 times the errors measured on
// this series (RMS 0.22 daily, 0.37 weekly, 0.31 trend; largest 0.88
// daily, 1.34 weekly, 0.76 trend), against cycle amplitudes of 8–12: a
// component leaking into another would exceed them.
func TestMSTLRecovers(t *testing.T) {
	ref := loadSTLRef(t)
	x := ref.MSTL.X
	d, err := features.MSTL(nil, x, []float64{24, 168}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want []float64
		rms, max  float64
	}{
		{"daily", d.Seasonal[0], ref.MSTL.TrueDaily, 0.35, 1.4},
		{"weekly", d.Seasonal[1], ref.MSTL.TrueWeekly, 0.6, 2.2},
		{"trend", d.Trend, ref.MSTL.TrueTrend, 0.5, 1.2},
	} {
		var ss, mx float64
		for i := range c.want {
			e := math.Abs(c.got[i] - c.want[i])
			ss += e * e
			mx = math.Max(mx, e)
		}
		rms := math.Sqrt(ss / float64(len(c.want)))
		t.Logf("MSTL %s: RMS error %.3g, largest %.3g", c.name, rms, mx)
		if rms > c.rms || mx > c.max {
			t.Errorf("MSTL %s component: RMS error %.3g (limit %g), largest %.3g (limit %g)", c.name, rms, c.rms, mx, c.max)
		}
	}
	checkSum(t, x, d)
}

// TestMSTLNonIntegerPeriod checks that a non-integer period is rounded: a
// yearly cycle of daily data given as 365.25 decomposes as 365, and 23.6
// as 24.
func TestMSTLNonIntegerPeriod(t *testing.T) {
	ref := loadSTLRef(t)
	x := ref.MSTL.X
	a, err := features.MSTL(nil, x, []float64{23.6, 168.4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := features.MSTL(nil, x, []float64{24, 168}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Periods[0] != 24 || a.Periods[1] != 168 {
		t.Fatalf("MSTL(23.6, 168.4).Periods = %v, want [24 168]", a.Periods)
	}
	for i := range x {
		if a.Trend[i] != b.Trend[i] || a.Seasonal[0][i] != b.Seasonal[0][i] || a.Seasonal[1][i] != b.Seasonal[1][i] {
			t.Fatalf("MSTL(23.6, 168.4) differs from MSTL(24, 168) at %d", i)
		}
	}
	daily := make([]float64, 3*365+10)
	for i := range daily {
		daily[i] = 10 + 5*math.Sin(2*math.Pi*float64(i)/365.25) + 0.001*float64(i%7)
	}
	y, err := features.MSTL(nil, daily, []float64{7, 365.25}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if y.Periods[0] != 7 || y.Periods[1] != 365 {
		t.Errorf("MSTL(daily, 7, 365.25).Periods = %v, want [7 365]", y.Periods)
	}
	checkSum(t, daily, y)
}

// TestMSTLSingle checks that MSTL with one period is one STL fit with
// seasonal window 11.
func TestMSTLSingle(t *testing.T) {
	ref := loadSTLRef(t)
	x := ref.STL[0].X // airline
	d, err := features.MSTL(nil, x, []float64{12}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := features.STL(nil, x, 12, &features.STLSettings{Seasonal: 11})
	if err != nil {
		t.Fatal(err)
	}
	for i := range x {
		if d.Trend[i] != s.Trend[i] || d.Seasonal[0][i] != s.Seasonal[i] {
			t.Fatalf("MSTL(airline, 12) differs from STL(airline, 12, seasonal 11) at %d", i)
		}
	}
}

// TestMSTLReuse checks that a reused dst gives bit-identical results.
func TestMSTLReuse(t *testing.T) {
	ref := loadSTLRef(t)
	x := ref.MSTL.X
	a, err := features.MSTL(nil, x, []float64{24, 168}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := features.MSTL(nil, x[:300], []float64{12}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := features.MSTL(dst, x, []float64{168, 24}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b != dst || len(b.Seasonal) != 2 {
		t.Fatalf("MSTL(dst, ...) returned %p with %d components, want dst %p with 2", b, len(b.Seasonal), dst)
	}
	for i := range x {
		if a.Trend[i] != b.Trend[i] || a.Remainder[i] != b.Remainder[i] ||
			a.Seasonal[0][i] != b.Seasonal[0][i] || a.Seasonal[1][i] != b.Seasonal[1][i] {
			t.Fatalf("reused MSTL differs at %d", i)
		}
	}
}

func TestMSTLErrors(t *testing.T) {
	x := make([]float64, 100)
	for i := range x {
		x[i] = float64(i % 7)
	}
	nan := append([]float64(nil), x...)
	nan[3] = math.NaN()
	for _, test := range []struct {
		name    string
		x       []float64
		periods []float64
		want    error
	}{
		{"period 1", x, []float64{1, 7}, features.ErrPeriod},
		{"period 1.4", x, []float64{7, 1.4}, features.ErrPeriod},
		{"period NaN", x, []float64{math.NaN()}, features.ErrPeriod},
		{"period +Inf", x, []float64{math.Inf(1)}, features.ErrPeriod},
		{"all too long", x, []float64{50, 60}, features.ErrTooShort},
		{"no periods", x, nil, features.ErrTooShort},
		{"empty", nil, []float64{7}, features.ErrTooShort},
		{"NaN value", nan, []float64{7}, features.ErrNonFinite},
	} {
		_, err := features.MSTL(nil, test.x, test.periods, nil)
		if !errors.Is(err, test.want) {
			t.Errorf("MSTL(%s, %v) error = %v, want %v", test.name, test.periods, err, test.want)
		}
	}
	d, err := features.MSTL(nil, x, []float64{7, 49.5, 7}, nil)
	if err != nil {
		t.Fatalf("MSTL(7, 49.5, 7): %v", err)
	}
	if len(d.Periods) != 1 || d.Periods[0] != 7 {
		t.Errorf("MSTL(n=100; 7, 49.5, 7).Periods = %v, want [7] (50 ≥ n/2 dropped, duplicate merged)", d.Periods)
	}
	if !panics(func() { features.MSTL(nil, x, []float64{7, 14}, &features.MSTLSettings{Windows: []int{7}}) }) {
		t.Error("MSTL with 1 window for 2 periods did not panic")
	}
	if !panics(func() { features.MSTL(nil, x, []float64{7}, &features.MSTLSettings{Windows: []int{8}}) }) {
		t.Error("MSTL with an even window did not panic")
	}
}

func BenchmarkMSTL(b *testing.B) {
	x := benchSTLSeries(24*7*8, 24)
	for i := range x {
		x[i] += 5 * math.Sin(2*math.Pi*float64(i)/168)
	}
	b.ReportAllocs()
	var dst *features.MSTLDecomposition
	for b.Loop() {
		var err error
		if dst, err = features.MSTL(dst, x, []float64{24, 168}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
