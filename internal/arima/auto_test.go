package arima

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// checkRoots fails the test if an AR or MA polynomial of fit has a root of
// modulus at most lo, computed independently of the package's step-down
// test as companion-matrix eigenvalues.
func checkRoots(t *testing.T, what string, fit *Fit, lo float64) {
	t.Helper()
	for _, p := range []struct {
		name string
		c    []float64
	}{{"AR", fit.phi}, {"MA", fit.theta}} {
		c := []float64{1}
		for _, v := range p.c {
			if p.name == "AR" {
				v = -v
			}
			c = append(c, v)
		}
		for len(c) > 1 && c[len(c)-1] == 0 {
			c = c[:len(c)-1]
		}
		for _, r := range polyRoots(c) {
			if cmplx.Abs(r) <= lo {
				t.Errorf("%s: %s: %s root %v of modulus %v ≤ %v", what, fit, p.name, r, cmplx.Abs(r), lo)
			}
		}
	}
}

// TestAutoAirPassengers compares Auto with R's auto.arima(AirPassengers)
// (forecast package; output printed at
// https://rstudio-pubs-static.s3.amazonaws.com/293535_9a2829a95b124b8fbbe30cdec3eb7b86.html):
// ARIMA(2,1,1)(0,1,0)[12], ar1 0.5960, ar2 0.2143, ma1 -0.9819,
// sigma^2 132.3, log likelihood -504.92, AIC 1017.85, AICc 1018.17,
// BIC 1029.35, for the stepwise and the exhaustive search. The tolerances
// are the rounding of the printed values.
func TestAutoAirPassengers(t *testing.T) {
	y := testSeries(t, "air")
	for _, exhaustive := range []bool{false, true} {
		fit, err := Auto(y, nil, 12, &AutoSettings{Exhaustive: exhaustive})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fit.String(), "ARIMA(2,1,1)(0,1,0)[12]"; got != want {
			t.Fatalf("Auto(AirPassengers, exhaustive %v) = %s, want %s", exhaustive, got, want)
		}
		for _, c := range []struct {
			name      string
			got, want float64
			tol       float64
		}{
			{"ar1", fit.Coef.AR[0], 0.5960, 5e-5},
			{"ar2", fit.Coef.AR[1], 0.2143, 5e-5},
			{"ma1", fit.Coef.MA[0], -0.9819, 5e-5},
			{"sigma2", fit.Sigma2, 132.3, 0.05},
			{"loglik", fit.LogLik, -504.92, 5e-3},
			{"AIC", fit.AIC, 1017.85, 5e-3},
			{"AICc", fit.AICc, 1018.17, 5e-3},
			{"BIC", fit.BIC, 1029.35, 5e-3},
		} {
			if !scalar.EqualWithinAbs(c.got, c.want, c.tol) {
				t.Errorf("Auto(AirPassengers, exhaustive %v): %s = %.6f, want %v", exhaustive, c.name, c.got, c.want)
			}
		}
	}
}

// simulate returns n values of a seasonal ARIMA process with innovation
// standard deviation 1, after a burn-in, integrating d and D times.
func simulate(rng *rand.Rand, o Order, par []float64, n int) []float64 {
	phi := make([]float64, o.arLen())
	theta := make([]float64, o.maLen())
	expand(phi, theta, par, o)
	burn := 100
	w := simulateARMA(rng, phi, theta, n+burn)
	delta := deltaPoly(o)
	z := make([]float64, len(w))
	for t := range w {
		v := w[t]
		for i, d := range delta {
			if t-i-1 >= 0 {
				v += d * z[t-i-1]
			}
		}
		z[t] = v
	}
	return z[burn:]
}

// Lower bounds of TestAutoSelection: the observed recoveries (30, 38, 37,
// 35 and 21 out of 50) rounded down to a multiple of 5.
const (
	minAR1      = 30
	minMA1      = 35
	minIMA      = 35
	minARI      = 35
	minAirline4 = 20
)

// TestAutoSelection simulates 50 series from each of five models and
// counts how often Auto recovers the generating orders (p,d,q)(P,D,Q),
// whatever it decides about the constant. The lower bounds are the
// observed counts rounded down to a multiple of 5 (seeds PCG(seed, 1),
// seed = 1…50); they guard against regressions, not against sampling
// error, since the series are fixed. Every selected model must also have
// all its AR and MA roots outside the circle of radius 1.01.
func TestAutoSelection(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation study")
	}
	cases := []struct {
		name string
		o    Order
		par  []float64
		n, m int
		min  int // lower bound on the number of exact recoveries out of 50
	}{
		{"AR(1) 0.7", Order{P: 1}, []float64{0.7}, 200, 1, minAR1},
		{"MA(1) 0.5", Order{Q: 1}, []float64{0.5}, 200, 1, minMA1},
		{"ARIMA(0,1,1) -0.4", Order{D: 1, Q: 1}, []float64{-0.4}, 200, 1, minIMA},
		{"ARIMA(1,1,0) 0.5", Order{P: 1, D: 1}, []float64{0.5}, 200, 1, minARI},
		{"ARIMA(0,1,1)(0,1,1)[4]", Order{D: 1, Q: 1, SD: 1, SQ: 1, Period: 4}, []float64{-0.4, -0.6}, 160, 4, minAirline4},
	}
	for _, c := range cases {
		hits := 0
		counts := map[string]int{}
		for seed := uint64(1); seed <= 50; seed++ {
			rng := rand.New(rand.NewPCG(seed, 1))
			y := simulate(rng, c.o, c.par, c.n)
			fit, err := Auto(y, nil, c.m, nil)
			if err != nil {
				t.Fatalf("%s seed %d: %v", c.name, seed, err)
			}
			checkRoots(t, c.name, fit, 1.01)
			o := fit.Order
			o.Constant = false
			want := c.o
			if c.m == 1 {
				o.Period = 0
			}
			counts[o.core()]++
			if o == want {
				hits++
			}
		}
		t.Logf("%s: %d/50 exact; %v", c.name, hits, counts)
		if hits < c.min {
			t.Errorf("%s: Auto recovered the order %d times out of 50, want at least %d", c.name, hits, c.min)
		}
	}
}

// TestAutoShort runs Auto on series of 1 to 30 values with periods 1, 4
// and 12: it must not panic, and must return a fit whose forecasts are
// finite or an error wrapping ErrTooShort.
func TestAutoShort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	kinds := []func(i int) float64{
		func(i int) float64 { return rng.NormFloat64() },
		func(i int) float64 { return float64(i) + rng.NormFloat64() },
		func(i int) float64 { return 10*math.Sin(2*math.Pi*float64(i)/4) + rng.NormFloat64() },
		func(i int) float64 { return 5 },
		func(i int) float64 { return 2 * float64(i) },
	}
	for n := 0; n <= 30; n++ {
		for _, m := range []int{1, 4, 12} {
			for k, gen := range kinds {
				y := make([]float64, n)
				for i := range y {
					y[i] = gen(i)
				}
				name := fmt.Sprintf("n=%d m=%d kind=%d", n, m, k)
				fit, err := Auto(y, nil, m, nil)
				if err != nil {
					if !errors.Is(err, ErrTooShort) {
						t.Errorf("%s: Auto error %v, want ErrTooShort or a fit", name, err)
					}
					continue
				}
				fc, err := fit.Forecast(8, nil)
				if err != nil {
					t.Fatalf("%s: %s.Forecast: %v", name, fit, err)
				}
				for h := range fc.Mean {
					if math.IsNaN(fc.Mean[h]) || math.IsInf(fc.Mean[h], 0) || math.IsNaN(fc.SE[h]) || fc.SE[h] < 0 {
						t.Errorf("%s: %s: forecast %d = %v ± %v", name, fit, h, fc.Mean[h], fc.SE[h])
						break
					}
				}
			}
		}
	}
}

// TestAutoDeterministic checks that Auto gives bit-identical results on
// repeated calls.
func TestAutoDeterministic(t *testing.T) {
	for _, name := range []string{"m1", "q3"} {
		y := testSeries(t, name)
		m := map[string]int{"m1": 12, "q3": 4}[name]
		var first []float64
		for rep := 0; rep < 3; rep++ {
			fit, err := Auto(y, nil, m, nil)
			if err != nil {
				t.Fatal(err)
			}
			fc, _ := fit.Forecast(12, nil)
			c := fit.Coef
			var got []float64
			for _, s := range [][]float64{c.AR, c.MA, c.SAR, c.SMA, {c.Intercept, c.Drift, fit.LogLik, fit.Sigma2}, fc.Mean, fc.SE, fit.Residuals} {
				got = append(got, s...)
			}
			if rep == 0 {
				first = got
				continue
			}
			if len(got) != len(first) {
				t.Fatalf("Auto(%s) call %d: %d numbers, first call %d", name, rep, len(got), len(first))
			}
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(first[i]) {
					t.Fatalf("Auto(%s) call %d: value %d = %v, first call %v", name, rep, i, got[i], first[i])
				}
			}
		}
	}
}

// TestNonFinite checks that NaN and infinite data are reported, not
// propagated.
func TestNonFinite(t *testing.T) {
	y := testSeries(t, "logair")
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		yb := append([]float64(nil), y...)
		yb[50] = bad
		if _, err := Auto(yb, nil, 12, nil); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Auto with %v: error %v, want ErrNonFinite", bad, err)
		}
		if _, err := Estimate(yb, nil, Order{Q: 1, D: 1}, nil); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Estimate with %v: error %v, want ErrNonFinite", bad, err)
		}
		if _, err := Filter(yb, nil, Order{D: 1}, Coef{}); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Filter with %v: error %v, want ErrNonFinite", bad, err)
		}
		x := fourier(1, len(y))
		x[1][7] = bad
		if _, err := Auto(y, x, 12, nil); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Auto with xreg %v: error %v, want ErrNonFinite", bad, err)
		}
		fit, err := Estimate(y, fourier(1, len(y)), Order{P: 1, D: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		fx := fourier(len(y)+1, 5)
		fx[0][2] = bad
		if _, err := fit.Forecast(5, fx); !errors.Is(err, ErrNonFinite) {
			t.Errorf("Forecast with future xreg %v: error %v, want ErrNonFinite", bad, err)
		}
	}
}

// TestEstimateRoots checks that Estimate returns stationary AR and
// invertible MA polynomials (R's transform.pars and maInvert) on
// simulated series for a range of orders, including data from a
// non-invertible MA process.
func TestEstimateRoots(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, o := range testOrders {
		for rep := 0; rep < 3; rep++ {
			phi, theta := randomModel(rng, o, rep == 2)
			y := simulateARMA(rng, phi, theta, 150)
			fit, err := Estimate(y, nil, o, nil)
			if err != nil {
				if errors.Is(err, ErrNonStationary) || errors.Is(err, ErrFit) {
					continue // as R's arima, which stops
				}
				t.Fatalf("Estimate(%v): %v", o, err)
			}
			checkRoots(t, fmt.Sprintf("Estimate(%v)", o), fit, 1-1e-9)
		}
	}
	ref := readRef(t)
	for i := range ref.Fits {
		y, xreg, _ := refData(t, ref, i)
		o, _ := refCase(ref, i)
		fit, err := Estimate(y, xreg, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkRoots(t, ref.Fits[i].Name, fit, 1-1e-9)
	}
}

// TestAutoXreg runs Auto with regressors: a log airline series with a
// level shift of 0.3 from observation 100 on, explained by a step
// regressor; the estimate of the shift must be within 0.05 of 0.3.
func TestAutoXreg(t *testing.T) {
	y := testSeries(t, "logair")
	step := make([]float64, len(y))
	for i := 100; i < len(y); i++ {
		step[i] = 1
		y[i] += 0.3
	}
	fit, err := Auto(y, [][]float64{step}, 12, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(fit.Coef.Xreg) != 1 || !scalar.EqualWithinAbs(fit.Coef.Xreg[0], 0.3, 0.05) {
		t.Errorf("Auto with a step of 0.3: %s, Xreg = %v", fit, fit.Coef.Xreg)
	}
	if got := fit.String(); len(got) < 16 || got[:16] != "Regression with " {
		t.Errorf("Auto with xreg: String() = %q, want Regression with …", got)
	}
	ones := [][]float64{make([]float64, 12)}
	for i := range ones[0] {
		ones[0][i] = 1
	}
	fc, err := fit.Forecast(12, ones)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Auto(testSeries(t, "logair"), nil, 12, nil)
	if err != nil {
		t.Fatal(err)
	}
	pf, _ := plain.Forecast(12, nil)
	for h := range fc.Mean {
		if d := fc.Mean[h] - pf.Mean[h]; math.Abs(d-0.3) > 0.1 {
			t.Errorf("forecast %d with the step: %v, without: %v", h, fc.Mean[h], pf.Mean[h])
		}
	}
}
