package theta_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/internal/theta"
)

var allMethods = []theta.Method{theta.Standard, theta.STM, theta.OTM, theta.DSTM, theta.DOTM}

// airline holds the monthly international airline passengers (thousands),
// January 1949 to December 1960 (Box & Jenkins), as in
// examples/data/airline-passengers.csv.
var airline = []float64{
	112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141,
	135, 125, 149, 170, 170, 158, 133, 114, 140, 145, 150, 178, 163, 172, 178,
	199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209,
	191, 172, 194, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201,
	204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229, 242, 233, 267,
	269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374,
	413, 405, 355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404,
	347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
	360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419,
	461, 472, 535, 622, 606, 508, 461, 390, 432,
}

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

// linearNoise returns a + b·t + N(0, sd²) for t = 0..n-1 (PCG seed 1, 1).
func linearNoise(n int, a, b, sd float64) []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	y := make([]float64, n)
	for t := range y {
		y[t] = a + b*float64(t) + sd*rng.NormFloat64()
	}
	return y
}

// TestLinearTrend checks the behaviour on a line plus noise (slope 2,
// noise σ = 1, 120 values): OTM and DOTM, which estimate θ, extrapolate
// the line (forecast slope within 3 % of 2, forecasts within 3σ of the
// line for 24 steps), while STM and Standard, with θ = 2, continue the
// trend at half the slope of the fitted line, as the theta method is
// known to (Hyndman & Billah 2003): STM's forecasts rise by exactly B/2
// per step.
func TestLinearTrend(t *testing.T) {
	const n, h = 120, 24
	y := linearNoise(n, 10, 2, 1)
	for _, method := range []theta.Method{theta.OTM, theta.DOTM} {
		m, err := theta.Fit(y, method, nil)
		if err != nil {
			t.Fatal(err)
		}
		f := m.Forecast(nil, h)
		slope := (f[h-1] - f[0]) / (h - 1)
		if math.Abs(slope-2) > 0.06 {
			t.Errorf("Fit(line, %v): forecast slope %v, want 2", method, slope)
		}
		for i, v := range f {
			if want := 10 + 2*float64(n+i); math.Abs(v-want) > 3 {
				t.Errorf("Fit(line, %v).Forecast[%d] = %v, want %v ± 3", method, i, v, want)
			}
		}
		t.Logf("%v: θ = %.4g, α = %.3g, slope %.4g", method, m.Params().Theta, m.Params().Alpha, slope)
	}
	for _, method := range []theta.Method{theta.STM, theta.Standard} {
		m, err := theta.Fit(y, method, nil)
		if err != nil {
			t.Fatal(err)
		}
		f := m.Forecast(nil, h)
		half := m.Params().B / 2
		for i := 1; i < h; i++ {
			if d := f[i] - f[i-1]; !scalar.EqualWithinAbsOrRel(d, half, 1e-9, 1e-9) {
				t.Errorf("Fit(line, %v): forecast step %d rises by %v, want B/2 = %v", method, i, d, half)
			}
		}
	}
}

// thetaLines returns the forecasts of the Theta method of Assimakopoulos &
// Nikolopoulos (2000) built from its theta lines, as Fiorucci et al.
// (2016, section 2) state it: the line L(t) = A + B·t (t = 1..n) and
// Z(t) = θ·y(t) + (1−θ)·L(t), Z extrapolated by SES with parameter α from
// the initial level θ·ℓ0, and the forecast (1 − 1/θ)·L(n+h) + (1/θ)·Z̃(n).
// Fiorucci et al. show that their STM (θ = 2) and OTM reproduce it.
func thetaLines(y []float64, a, b, alpha, th, level0 float64, h int) []float64 {
	n := len(y)
	z := th * level0
	for t, v := range y {
		line := a + b*float64(t+1)
		z = alpha*(th*v+(1-th)*line) + (1-alpha)*z
	}
	out := make([]float64, h)
	for i := range out {
		out[i] = (1-1/th)*(a+b*float64(n+i+1)) + z/th
	}
	return out
}

// TestStaticEqualsThetaLines checks that STM (θ = 2, the standard Theta
// method) and OTM forecast exactly what the theta-line construction of
// Assimakopoulos & Nikolopoulos gives with the same α, ℓ0, A, B and θ, on
// a non-seasonal series and, on the adjusted scale, on airline passengers.
func TestStaticEqualsThetaLines(t *testing.T) {
	for _, c := range []struct {
		name string
		y    []float64
		s    *theta.Settings
	}{
		{"line", linearNoise(60, 50, -0.5, 3), nil},
		{"airline", airline, &theta.Settings{Period: 12}},
	} {
		for _, method := range []theta.Method{theta.STM, theta.OTM} {
			m, err := theta.Fit(c.y, method, c.s)
			if err != nil {
				t.Fatal(err)
			}
			ya := append([]float64(nil), c.y...)
			idx := m.SeasonalIndices(nil)
			for i := range ya {
				if idx != nil {
					ya[i] /= idx[i%len(idx)]
				}
			}
			p := m.Params()
			want := thetaLines(ya, p.A, p.B, p.Alpha, p.Theta, p.Level0, 12)
			got := m.Forecast(nil, 12)
			for i := range got {
				if idx != nil {
					got[i] /= idx[(len(ya)+i)%len(idx)]
				}
				if !scalar.EqualWithinAbsOrRel(got[i], want[i], 1e-9, 1e-9) {
					t.Errorf("Fit(%s, %v).Forecast[%d] = %v (adjusted), theta lines give %v", c.name, method, i, got[i], want[i])
				}
			}
		}
	}
}

// TestShortSeries fits every method and Auto to series of 1..30 values
// of several shapes, with and without a seasonal period: no panic; fewer
// than MinLength values give ErrTooShort, the rest finite forecasts and
// intervals. SeasonAlways on less than two periods gives ErrTooShort.
func TestShortSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	shapes := map[string]func(i int) float64{
		"random":   func(int) float64 { return 100 + 10*rng.NormFloat64() },
		"constant": func(int) float64 { return 7 },
		"zero":     func(int) float64 { return 0 },
		"negative": func(i int) float64 { return -5 - float64(i%4) },
		"line":     func(i int) float64 { return 3 * float64(i) },
		"spike":    func(i int) float64 { return map[bool]float64{true: 1e6, false: 1}[i == 2] },
	}
	for n := 1; n <= 30; n++ {
		for name, shape := range shapes {
			y := make([]float64, n)
			for i := range y {
				y[i] = shape(i)
			}
			for _, s := range []*theta.Settings{nil, {Period: 4}, {Period: 12}, {Period: 4, Season: theta.SeasonAlways}} {
				desc := fmt.Sprintf("%s n=%d %+v", name, n, s)
				check := func(m *theta.Model, err error, what string) {
					t.Helper()
					switch {
					case n < theta.MinLength || s != nil && s.Season == theta.SeasonAlways && n < 2*s.Period:
						if !errors.Is(err, theta.ErrTooShort) {
							t.Errorf("%s(%s) error = %v, want ErrTooShort", what, desc, err)
						}
					case err != nil:
						t.Errorf("%s(%s): %v", what, desc, err)
					default:
						f := m.Forecast(nil, 12)
						lo, hi := m.Interval(nil, nil, 12, 90)
						for i := range f {
							if !(lo[i] <= f[i] && f[i] <= hi[i]) || math.IsNaN(f[i]) || math.IsInf(f[i], 0) || math.IsInf(lo[i], 0) || math.IsInf(hi[i], 0) {
								t.Errorf("%s(%s): step %d forecast %v interval [%v, %v]", what, desc, i, f[i], lo[i], hi[i])
								break
							}
						}
					}
				}
				for _, method := range allMethods {
					m, err := theta.Fit(y, method, s)
					check(m, err, "Fit "+method.String())
				}
				m, err := theta.Auto(y, s)
				check(m, err, "Auto")
			}
		}
	}
}

// TestConstant checks that every model forecasts a constant series as
// that constant.
func TestConstant(t *testing.T) {
	y := make([]float64, 40)
	for i := range y {
		y[i] = 42
	}
	for _, method := range allMethods {
		m, err := theta.Fit(y, method, &theta.Settings{Period: 4})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range m.Forecast(nil, 10) {
			if !scalar.EqualWithinAbsOrRel(v, 42, 1e-9, 1e-9) {
				t.Errorf("Fit(constant 42, %v).Forecast[%d] = %v, want 42", method, i, v)
			}
		}
	}
}

func TestNonFinite(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		y := append([]float64(nil), airline[:40]...)
		y[17] = bad
		for _, method := range allMethods {
			if _, err := theta.Fit(y, method, &theta.Settings{Period: 12}); !errors.Is(err, theta.ErrNonFinite) {
				t.Errorf("Fit(y with %v, %v) error = %v, want ErrNonFinite", bad, method, err)
			}
		}
		if _, err := theta.Auto(y, nil); !errors.Is(err, theta.ErrNonFinite) {
			t.Errorf("Auto(y with %v) error = %v, want ErrNonFinite", bad, err)
		}
		m, err := theta.Fit(airline[:40], theta.DOTM, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Refilter(y); !errors.Is(err, theta.ErrNonFinite) {
			t.Errorf("Refilter(y with %v) error = %v, want ErrNonFinite", bad, err)
		}
	}
	// Values near the largest float64 overflow: an error, not a panic.
	huge := make([]float64, 30)
	for i := range huge {
		huge[i] = 1e308 * float64(1+i%3)
	}
	for _, method := range allMethods {
		m, err := theta.Fit(huge, method, nil)
		if err != nil && !errors.Is(err, theta.ErrNonFinite) {
			t.Errorf("Fit(huge, %v) error = %v, want nil or ErrNonFinite", method, err)
		}
		if err == nil {
			t.Logf("Fit(huge, %v) succeeded: forecast %v", method, m.Forecast(nil, 1))
		}
	}
}

// TestDeterminism checks that fitting twice gives bit-identical results.
func TestDeterminism(t *testing.T) {
	for _, method := range allMethods {
		a, err := theta.Fit(airline, method, &theta.Settings{Period: 12})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := theta.Fit(airline, method, &theta.Settings{Period: 12})
		fa, fb := a.Forecast(nil, 24), b.Forecast(nil, 24)
		la, ua := a.Interval(nil, nil, 24, 95)
		lb, ub := b.Interval(nil, nil, 24, 95)
		for i := range fa {
			if fa[i] != fb[i] || la[i] != lb[i] || ua[i] != ub[i] {
				t.Fatalf("Fit(airline, %v) not deterministic at step %d", method, i)
			}
		}
		if a.Params() != b.Params() {
			t.Fatalf("Fit(airline, %v) params %+v then %+v", method, a.Params(), b.Params())
		}
	}
	a, _ := theta.Auto(airline, &theta.Settings{Period: 12})
	b, _ := theta.Auto(airline, &theta.Settings{Period: 12})
	if a.Method() != b.Method() || a.Params() != b.Params() {
		t.Fatal("Auto(airline) not deterministic")
	}
}

// TestAutoSelects checks that Auto returns the model of smallest MSE.
func TestAutoSelects(t *testing.T) {
	for _, y := range [][]float64{airline, linearNoise(80, 5, 0.3, 2), airline[:50]} {
		s := &theta.Settings{Period: 12}
		best, err := theta.Auto(y, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, method := range []theta.Method{theta.STM, theta.OTM, theta.DSTM, theta.DOTM} {
			m, err := theta.Fit(y, method, s)
			if err != nil {
				t.Fatal(err)
			}
			if m.MSE() < best.MSE() {
				t.Errorf("Auto chose %v (MSE %v) but %v has MSE %v", best.Method(), best.MSE(), method, m.MSE())
			}
			if method == best.Method() && m.Params() != best.Params() {
				t.Errorf("Auto's %v differs from Fit's: %+v vs %+v", method, best.Params(), m.Params())
			}
		}
	}
}

// TestRefilter checks that refiltering the fitted series reproduces the
// model, and that refiltering a longer history gives, at the end of the
// old history, the one-step forecast the old model made.
func TestRefilter(t *testing.T) {
	const n0 = 120
	for _, method := range allMethods {
		s := &theta.Settings{Period: 12}
		m, err := theta.Fit(airline[:n0], method, s)
		if err != nil {
			t.Fatal(err)
		}
		same, err := m.Refilter(airline[:n0])
		if err != nil {
			t.Fatal(err)
		}
		fm, fs := m.Forecast(nil, 12), same.Forecast(nil, 12)
		for i := range fm {
			if fm[i] != fs[i] {
				t.Fatalf("%v: Refilter(same data).Forecast[%d] = %v, want %v", method, i, fs[i], fm[i])
			}
		}
		long, err := m.Refilter(airline)
		if err != nil {
			t.Fatal(err)
		}
		if long.Len() != len(airline) || long.Params().Alpha != m.Params().Alpha || long.Params().Theta != m.Params().Theta || long.Sigma() != m.Sigma() {
			t.Errorf("%v: Refilter changed the parameters: %+v, want %+v", method, long.Params(), m.Params())
		}
		fitted := long.Fitted(nil)
		if got, want := fitted[n0], fm[0]; !scalar.EqualWithinAbsOrRel(got, want, 1e-12, 1e-12) {
			t.Errorf("%v: Refilter(longer).Fitted[%d] = %v, want the old one-step forecast %v", method, n0, got, want)
		}
		res := long.Residuals(nil)
		for i, v := range airline {
			if !scalar.EqualWithinAbsOrRel(fitted[i]+res[i], v, 1e-12, 1e-12) {
				t.Fatalf("%v: Fitted + Residuals at %d = %v, want %v", method, i, fitted[i]+res[i], v)
			}
		}
	}
	m, _ := theta.Fit(airline, theta.STM, nil)
	if _, err := m.Refilter(airline[:3]); !errors.Is(err, theta.ErrTooShort) {
		t.Errorf("Refilter(3 values) error = %v, want ErrTooShort", err)
	}
}

// TestInterval checks the shape of the intervals: nested by level,
// widening with the horizon, containing the forecasts, 95 % bounds at
// ±1.959964σ for one step on a non-seasonal series.
func TestInterval(t *testing.T) {
	y := linearNoise(80, 5, 0.3, 2)
	for _, method := range allMethods {
		m, err := theta.Fit(y, method, nil)
		if err != nil {
			t.Fatal(err)
		}
		f := m.Forecast(nil, 10)
		lo95, hi95 := m.Interval(nil, nil, 10, 95)
		lo80, hi80 := m.Interval(nil, nil, 10, 80)
		for i := range f {
			if !(lo95[i] < lo80[i] && lo80[i] < f[i] && f[i] < hi80[i] && hi80[i] < hi95[i]) {
				t.Errorf("%v step %d: 95 %% [%v, %v], 80 %% [%v, %v], forecast %v not nested", method, i, lo95[i], hi95[i], lo80[i], hi80[i], f[i])
			}
			if i > 0 && !(hi95[i]-lo95[i] >= hi95[i-1]-lo95[i-1]) {
				t.Errorf("%v: interval narrows from step %d to %d", method, i-1, i)
			}
		}
		if got, want := (hi95[0]-lo95[0])/2, 1.959963984540054*m.Sigma(); !scalar.EqualWithinAbsOrRel(got, want, 1e-12, 1e-12) {
			t.Errorf("%v: one-step 95 %% half-width %v, want 1.959964σ = %v", method, got, want)
		}
	}
}

func TestPanics(t *testing.T) {
	m, err := theta.Fit(airline, theta.STM, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		name string
		f    func()
	}{
		{"unknown method", func() { theta.Fit(airline, theta.Method(9), nil) }},
		{"negative period", func() { theta.Fit(airline, theta.STM, &theta.Settings{Period: -1}) }},
		{"unknown season", func() { theta.Auto(airline, &theta.Settings{Season: 7}) }},
		{"alpha above 1", func() { theta.Fit(airline, theta.STM, &theta.Settings{Alpha: 1.5}) }},
		{"alpha NaN", func() { theta.Fit(airline, theta.STM, &theta.Settings{Alpha: math.NaN()}) }},
		{"theta below 1", func() { theta.Fit(airline, theta.OTM, &theta.Settings{Theta: 0.5}) }},
		{"theta +Inf", func() { theta.Fit(airline, theta.OTM, &theta.Settings{Theta: math.Inf(1)}) }},
		{"negative horizon", func() { m.Forecast(nil, -1) }},
		{"forecast dst length", func() { m.Forecast(make([]float64, 3), 4) }},
		{"level 0", func() { m.Interval(nil, nil, 3, 0) }},
		{"level 100", func() { m.Interval(nil, nil, 3, 100) }},
		{"level as fraction", func() { m.Interval(nil, nil, 3, -0.95) }},
		{"fitted dst length", func() { m.Fitted(make([]float64, 3)) }},
	} {
		if !panics(test.f) {
			t.Errorf("%s did not panic", test.name)
		}
	}
}

// TestSettings checks fixed α and θ, and that the settings are not
// written to.
func TestSettings(t *testing.T) {
	s := &theta.Settings{Period: 12, Alpha: 0.3, Theta: 3}
	before := *s
	m, err := theta.Fit(airline, theta.OTM, s)
	if err != nil {
		t.Fatal(err)
	}
	if *s != before {
		t.Errorf("Fit changed the settings to %+v", *s)
	}
	if p := m.Params(); p.Alpha != 0.3 || p.Theta != 3 {
		t.Errorf("Fit(OTM, α 0.3, θ 3).Params() = %+v", p)
	}
	stm, _ := theta.Fit(airline, theta.STM, &theta.Settings{Period: 12, Alpha: 0.3})
	otm2, _ := theta.Fit(airline, theta.OTM, &theta.Settings{Period: 12, Alpha: 0.3, Theta: 2})
	if stm.Params() != otm2.Params() {
		t.Errorf("OTM with θ = 2 %+v differs from STM %+v", otm2.Params(), stm.Params())
	}
	never, _ := theta.Fit(airline, theta.STM, &theta.Settings{Period: 12, Season: theta.SeasonNever})
	if never.Period() != 0 || never.SeasonalIndices(nil) != nil {
		t.Errorf("SeasonNever: Period %d, indices %v", never.Period(), never.SeasonalIndices(nil))
	}
	seas, _ := theta.Fit(airline, theta.STM, &theta.Settings{Period: 12})
	if seas.Period() != 12 || seas.DecompKind().String() != "multiplicative" {
		t.Errorf("airline: Period %d, kind %v, want 12 multiplicative", seas.Period(), seas.DecompKind())
	}
	neg := make([]float64, len(airline))
	for i, v := range airline {
		neg[i] = v - 300
	}
	add, _ := theta.Fit(neg, theta.STM, &theta.Settings{Period: 12, Season: theta.SeasonAlways})
	if add.DecompKind().String() != "additive" {
		t.Errorf("series with negative values: decomposition %v, want additive", add.DecompKind())
	}
}
