package features_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/features"
)

// stlRef is testdata/ref_stl.json, written by testdata/ref_stl.py with
// statsmodels 0.13.5 (Debian python3-statsmodels 0.13.5+dfsg).
type stlRef struct {
	Source string `json:"source"`
	STL    []struct {
		Name     string         `json:"name"`
		Period   int            `json:"period"`
		Settings map[string]any `json:"settings"`
		Fit      map[string]int `json:"fit"`
		X        []float64      `json:"x"`
		Trend    []float64      `json:"trend"`
		Seasonal []float64      `json:"seasonal"`
		Resid    []float64      `json:"resid"`
		Weights  []float64      `json:"weights"`
	} `json:"stl"`
	MSTL struct {
		X          []float64 `json:"x"`
		TrueTrend  []float64 `json:"true_trend"`
		TrueDaily  []float64 `json:"true_daily"`
		TrueWeekly []float64 `json:"true_weekly"`
		Cases      []struct {
			Name      string         `json:"name"`
			PeriodsIn []float64      `json:"periods_in"`
			STL       map[string]any `json:"stl"`
			Periods   []int          `json:"periods"`
			Trend     []float64      `json:"trend"`
			Seasonal  [][]float64    `json:"seasonal"`
			Resid     []float64      `json:"resid"`
		} `json:"cases"`
	} `json:"mstl"`
}

var (
	stlRefOnce sync.Once
	stlRefData stlRef
	stlRefErr  error
)

func loadSTLRef(t testing.TB) *stlRef {
	t.Helper()
	stlRefOnce.Do(func() {
		b, err := os.ReadFile("testdata/ref_stl.json")
		if err != nil {
			stlRefErr = err
			return
		}
		stlRefErr = json.Unmarshal(b, &stlRefData)
	})
	if stlRefErr != nil {
		t.Fatalf("reading testdata/ref_stl.json: %v", stlRefErr)
	}
	return &stlRefData
}

// stlSettingsFrom translates the statsmodels keyword arguments of a
// reference case into STLSettings.
func stlSettingsFrom(t *testing.T, kw map[string]any, fit map[string]int) *features.STLSettings {
	t.Helper()
	num := func(k string, v any) float64 {
		switch v := v.(type) {
		case float64:
			return v
		case bool:
			if v {
				return 1
			}
			return 0
		}
		t.Fatalf("setting %q: unexpected %T", k, v)
		return 0
	}
	deg := func(v float64) features.Degree {
		if v == 0 {
			return features.Constant
		}
		return features.Linear
	}
	var s features.STLSettings
	for k, a := range kw {
		v := num(k, a)
		switch k {
		case "seasonal":
			s.Seasonal = int(v)
		case "trend":
			s.Trend = int(v)
		case "low_pass":
			s.LowPass = int(v)
		case "seasonal_deg":
			s.SeasonalDegree = deg(v)
		case "trend_deg":
			s.TrendDegree = deg(v)
		case "low_pass_deg":
			s.LowPassDegree = deg(v)
		case "seasonal_jump":
			s.SeasonalJump = int(v)
		case "trend_jump":
			s.TrendJump = int(v)
		case "low_pass_jump":
			s.LowPassJump = int(v)
		case "robust":
			s.Robust = v != 0
		default:
			t.Fatalf("unknown statsmodels STL setting %q", k)
		}
	}
	for k, v := range fit {
		switch k {
		case "inner_iter":
			s.Inner = v
		case "outer_iter":
			s.Outer = v
		default:
			t.Fatalf("unknown statsmodels STL.fit argument %q", k)
		}
	}
	return &s
}

// checkClose reports the first entries of got that differ from want by
// more than tol (absolute or relative).
func checkClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: length %d, want %d", what, len(got), len(want))
		return
	}
	bad := 0
	for i := range want {
		if !scalar.EqualWithinAbsOrRel(got[i], want[i], tol, tol) {
			if bad < 3 {
				t.Errorf("%s[%d] = %.15g, want %.15g", what, i, got[i], want[i])
			}
			bad++
		}
	}
	if bad > 3 {
		t.Errorf("%s: %d of %d values differ", what, bad, len(want))
	}
}

// TestSTLStatsmodels compares STL with statsmodels 0.13.5 STL on every
// case of testdata/ref_stl.json (airline passengers default, robust,
// R-like with jumps, two periods only; synthetic hourly default and
// robust; period 7 with explicit windows). The references are stored with
// 13 significant digits; the tolerance is 1e-10 absolute or relative
// (components near zero are compared absolutely, on data of size 10–600).
func TestSTLStatsmodels(t *testing.T) {
	ref := loadSTLRef(t)
	const tol = 1e-10
	for _, c := range ref.STL {
		t.Run(c.Name, func(t *testing.T) {
			s := stlSettingsFrom(t, c.Settings, c.Fit)
			d, err := features.STL(nil, c.X, c.Period, s)
			if err != nil {
				t.Fatalf("STL(%s): %v", c.Name, err)
			}
			checkClose(t, "Trend", d.Trend, c.Trend, tol)
			checkClose(t, "Seasonal", d.Seasonal, c.Seasonal, tol)
			checkClose(t, "Remainder", d.Remainder, c.Resid, tol)
			checkClose(t, "Weights", d.Weights, c.Weights, tol)
			for i, v := range c.X {
				if got := d.Trend[i] + d.Seasonal[i] + d.Remainder[i]; !scalar.EqualWithinAbsOrRel(got, v, 1e-12, 1e-12) {
					t.Fatalf("Trend+Seasonal+Remainder at %d = %v, want x = %v", i, got, v)
				}
			}
		})
	}
}

// TestSTLReuse checks that a reused dst gives bit-identical results, also
// after a call on a different series, and that STL does not allocate then.
func TestSTLReuse(t *testing.T) {
	ref := loadSTLRef(t)
	air := ref.STL[0].X
	hourly := ref.STL[4].X
	first, err := features.STL(nil, air, 12, &features.STLSettings{Robust: true})
	if err != nil {
		t.Fatal(err)
	}
	dst, err := features.STL(nil, hourly, 24, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := features.STL(dst, air, 12, &features.STLSettings{Robust: true})
	if err != nil {
		t.Fatal(err)
	}
	if again != dst {
		t.Fatal("STL(dst, ...) did not return dst")
	}
	for i := range air {
		if again.Trend[i] != first.Trend[i] || again.Seasonal[i] != first.Seasonal[i] ||
			again.Remainder[i] != first.Remainder[i] || again.Weights[i] != first.Weights[i] {
			t.Fatalf("reused STL differs at %d", i)
		}
	}
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := features.STL(dst, hourly, 24, &features.STLSettings{Robust: true}); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("STL with a reused dst: %v allocations, want 0", allocs)
	}
}

func TestSTLErrors(t *testing.T) {
	x := make([]float64, 30)
	for i := range x {
		x[i] = float64(i % 12)
	}
	nan := append([]float64(nil), x...)
	nan[7] = math.NaN()
	inf := append([]float64(nil), x...)
	inf[29] = math.Inf(-1)
	for _, test := range []struct {
		name   string
		x      []float64
		period int
		want   error
	}{
		{"period 1", x, 1, features.ErrPeriod},
		{"period 0", x, 0, features.ErrPeriod},
		{"short", x[:23], 12, features.ErrTooShort},
		{"empty", nil, 12, features.ErrTooShort},
		{"NaN", nan, 12, features.ErrNonFinite},
		{"Inf", inf, 12, features.ErrNonFinite},
	} {
		_, err := features.STL(nil, test.x, test.period, nil)
		if !errors.Is(err, test.want) {
			t.Errorf("STL(%s, period %d) error = %v, want %v", test.name, test.period, err, test.want)
		}
	}
	if _, err := features.STL(nil, x[:24], 12, nil); err != nil {
		t.Errorf("STL(24 values, period 12) = %v, want nil (two periods suffice)", err)
	}
}

func TestSTLPanics(t *testing.T) {
	x := make([]float64, 48)
	for _, test := range []struct {
		name string
		s    features.STLSettings
	}{
		{"even seasonal", features.STLSettings{Seasonal: 8}},
		{"seasonal 1", features.STLSettings{Seasonal: 1}},
		{"trend not above period", features.STLSettings{Trend: 11}},
		{"even trend", features.STLSettings{Trend: 24}},
		{"low-pass not above period", features.STLSettings{LowPass: 11}},
		{"negative jump", features.STLSettings{TrendJump: -1}},
		{"negative inner", features.STLSettings{Inner: -1}},
		{"unknown degree", features.STLSettings{TrendDegree: 7}},
	} {
		if !panics(func() { features.STL(nil, x, 12, &test.s) }) {
			t.Errorf("STL with %s did not panic", test.name)
		}
	}
}

// TestSTLRecoversComponents checks on a noise-free series that STL
// recovers a smooth trend and a fixed seasonal pattern: a property of the
// method, independent of any reference implementation.
func TestSTLRecoversComponents(t *testing.T) {
	const m, n = 12, 240
	pattern := []float64{3, 5, 2, -1, -4, -6, -3, 0, 2, 4, 1, -3} // sums to 0
	x := make([]float64, n)
	for i := range x {
		x[i] = 50 + 0.2*float64(i) + pattern[i%m]
	}
	d, err := features.STL(nil, x, m, &features.STLSettings{Seasonal: 101})
	if err != nil {
		t.Fatal(err)
	}
	for i := m; i < n-m; i++ {
		if got, want := d.Seasonal[i], pattern[i%m]; math.Abs(got-want) > 1e-6 {
			t.Fatalf("STL(linear+pattern).Seasonal[%d] = %v, want %v", i, got, want)
		}
		if got, want := d.Trend[i], 50+0.2*float64(i); math.Abs(got-want) > 1e-6 {
			t.Fatalf("STL(linear+pattern).Trend[%d] = %v, want %v", i, got, want)
		}
	}
}

func benchSTLSeries(n, m int) []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = 100 + 10*math.Sin(2*math.Pi*float64(i)/float64(m)) + 0.01*float64(i) + rng.NormFloat64()
	}
	return x
}

func BenchmarkSTL(b *testing.B) {
	for _, c := range []struct {
		n, m   int
		robust bool
	}{{144, 12, false}, {10000, 24, false}, {10000, 24, true}, {10000, 168, false}} {
		x := benchSTLSeries(c.n, c.m)
		name := "n=" + strconv.Itoa(c.n) + "/m=" + strconv.Itoa(c.m)
		if c.robust {
			name += "/robust"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			s := &features.STLSettings{Robust: c.robust}
			var dst *features.STLDecomposition
			for b.Loop() {
				var err error
				if dst, err = features.STL(dst, x, c.m, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
