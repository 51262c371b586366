package arima

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func panics(f func()) (p bool) {
	defer func() {
		if recover() != nil {
			p = true
		}
	}()
	f()
	return false
}

func randomWalk(rng *rand.Rand, n int) []float64 {
	y := make([]float64, n)
	for i := range y {
		y[i] = rng.NormFloat64()
		if i > 0 {
			y[i] += y[i-1]
		}
	}
	return y
}

// TestForecastAnalytic checks forecasts of models whose forecasts have
// closed forms (Box & Jenkins, chapter 5): a random walk, an AR(1) with
// mean, and a seasonal random walk with drift.
func TestForecastAnalytic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	y := randomWalk(rng, 80)
	n := len(y)

	// Random walk: ŷ_{n+h} = y_n, var = hσ².
	fit, err := Filter(y, nil, Order{D: 1}, Coef{})
	if err != nil {
		t.Fatal(err)
	}
	fc, _ := fit.Forecast(10, nil)
	for h := range fc.Mean {
		if !scalar.EqualWithinAbsOrRel(fc.Mean[h], y[n-1], 1e-12, 1e-12) ||
			!scalar.EqualWithinAbsOrRel(fc.SE[h], math.Sqrt(float64(h+1)*fit.Sigma2), 1e-12, 1e-12) {
			t.Errorf("random walk step %d: %v ± %v, want %v ± %v", h+1, fc.Mean[h], fc.SE[h], y[n-1], math.Sqrt(float64(h+1)*fit.Sigma2))
		}
	}

	// AR(1) with mean μ: ŷ_{n+h} = μ + φ^h (y_n - μ), var = σ²(1-φ^{2h})/(1-φ²).
	const phi, mu = 0.6, 3.0
	x := simulateARMA(rng, []float64{phi}, nil, 100)
	for i := range x {
		x[i] += mu
	}
	fit, err = Filter(x, nil, Order{P: 1, Constant: true}, Coef{AR: []float64{phi}, Intercept: mu})
	if err != nil {
		t.Fatal(err)
	}
	fc, _ = fit.Forecast(10, nil)
	for h := range fc.Mean {
		k := float64(h + 1)
		m := mu + math.Pow(phi, k)*(x[len(x)-1]-mu)
		se := math.Sqrt(fit.Sigma2 * (1 - math.Pow(phi, 2*k)) / (1 - phi*phi))
		if !scalar.EqualWithinAbsOrRel(fc.Mean[h], m, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(fc.SE[h], se, 1e-12, 1e-12) {
			t.Errorf("AR(1) step %d: %v ± %v, want %v ± %v", h+1, fc.Mean[h], fc.SE[h], m, se)
		}
	}

	// Seasonal random walk with drift δ, m = 4: ŷ_{n+h} = y_{n+h-4k} + 4kδ
	// with k = ceil(h/4), var = kσ².
	const delta = 0.5
	z := randomWalk(rng, 40)
	fit, err = Filter(z, nil, Order{SD: 1, Period: 4, Constant: true}, Coef{Drift: delta})
	if err != nil {
		t.Fatal(err)
	}
	fc, _ = fit.Forecast(10, nil)
	for h := range fc.Mean {
		k := (h + 4) / 4
		m := z[len(z)+h-4*k] + float64(4*k)*delta
		se := math.Sqrt(float64(k) * fit.Sigma2)
		if !scalar.EqualWithinAbsOrRel(fc.Mean[h], m, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(fc.SE[h], se, 1e-12, 1e-12) {
			t.Errorf("seasonal random walk step %d: %v ± %v, want %v ± %v", h+1, fc.Mean[h], fc.SE[h], m, se)
		}
	}
}

// TestInterval checks the interval quantiles against R's qnorm(0.975) =
// 1.959963984540054 and qnorm(0.9) = 1.2815515655446004.
func TestInterval(t *testing.T) {
	fc := Forecast{Mean: []float64{1, 2}, SE: []float64{0.5, 2}}
	for _, c := range []struct{ level, q float64 }{{95, 1.959963984540054}, {80, 1.2815515655446004}} {
		lo, hi := fc.Interval(nil, nil, c.level)
		for i := range fc.Mean {
			if !scalar.EqualWithinAbsOrRel(lo[i], fc.Mean[i]-c.q*fc.SE[i], 1e-14, 1e-14) ||
				!scalar.EqualWithinAbsOrRel(hi[i], fc.Mean[i]+c.q*fc.SE[i], 1e-14, 1e-14) {
				t.Errorf("Interval(%v)[%d] = [%v, %v], want ±%v·%v around %v", c.level, i, lo[i], hi[i], c.q, fc.SE[i], fc.Mean[i])
			}
		}
	}
	for _, bad := range []float64{0, 100, -5, 120, math.NaN()} {
		if !panics(func() { fc.Interval(nil, nil, bad) }) {
			t.Errorf("Interval(level %v) did not panic", bad)
		}
	}
	if !panics(func() { fc.Interval(make([]float64, 1), nil, 95) }) {
		t.Error("Interval with a short destination did not panic")
	}
}

// TestRefilter checks that Refilter reproduces the fit on the same data
// and equals Filter with the fitted coefficients on a longer history.
func TestRefilter(t *testing.T) {
	y := testSeries(t, "m1")
	n := len(y) - 24
	o := Order{P: 1, Q: 1, SQ: 1, SD: 1, Period: 12, Constant: true}
	fit, err := Estimate(y[:n], nil, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	same, err := fit.Refilter(y[:n], nil)
	if err != nil {
		t.Fatal(err)
	}
	f1, _ := fit.Forecast(24, nil)
	f2, _ := same.Forecast(24, nil)
	for h := range f1.Mean {
		if !scalar.EqualWithinAbsOrRel(f1.Mean[h], f2.Mean[h], 1e-9, 1e-12) || !scalar.EqualWithinAbsOrRel(f1.SE[h], f2.SE[h], 1e-9, 1e-12) {
			t.Errorf("Refilter(same data) step %d: %v ± %v, fit %v ± %v", h+1, f2.Mean[h], f2.SE[h], f1.Mean[h], f1.SE[h])
		}
	}
	long, err := fit.Refilter(y, nil)
	if err != nil {
		t.Fatal(err)
	}
	if long.Sigma2 != fit.Sigma2 || long.Coef.Drift != fit.Coef.Drift {
		t.Errorf("Refilter changed Sigma2 %v→%v or drift %v→%v", fit.Sigma2, long.Sigma2, fit.Coef.Drift, long.Coef.Drift)
	}
	ref, err := Filter(y, nil, o, fit.Coef)
	if err != nil {
		t.Fatal(err)
	}
	ref.Sigma2 = fit.Sigma2
	f3, _ := long.Forecast(12, nil)
	f4, _ := ref.Forecast(12, nil)
	for h := range f3.Mean {
		if f3.Mean[h] != f4.Mean[h] || f3.SE[h] != f4.SE[h] {
			t.Errorf("Refilter(longer) step %d: %v ± %v, Filter %v ± %v", h+1, f3.Mean[h], f3.SE[h], f4.Mean[h], f4.SE[h])
		}
	}
	// The forecasts of the longer history start from its end: one step
	// ahead it is within a few standard errors of the last fitted values
	// of the series, not of the shorter one.
	if d := math.Abs(f3.Mean[0] - y[len(y)-12]); d > 10*f3.SE[0] {
		t.Errorf("Refilter(longer): first forecast %v far from a year before, %v", f3.Mean[0], y[len(y)-12])
	}
}

// TestSpecErrors checks the errors and panics of invalid input.
func TestSpecErrors(t *testing.T) {
	y := testSeries(t, "logair")
	for _, o := range []Order{
		{P: -1},
		{SP: 1},                // seasonal order without period
		{D: 2, Constant: true}, // drift with two differences
		{D: 1, SD: 1, Period: 12, Constant: true},
	} {
		if _, err := Estimate(y, nil, o, nil); !errors.Is(err, ErrOrder) {
			t.Errorf("Estimate(%+v): error %v, want ErrOrder", o, err)
		}
	}
	if _, err := Estimate(y[:13], nil, Order{D: 1, SD: 1, Period: 12}, nil); !errors.Is(err, ErrTooShort) {
		t.Errorf("Estimate of 13 values with 13 differences: error %v, want ErrTooShort", err)
	}
	if _, err := Estimate(y[:15], nil, Order{P: 2, D: 1, SD: 1, Period: 12}, nil); !errors.Is(err, ErrTooShort) {
		t.Errorf("Estimate of 15 values, CSS of AR(2) after 13 differences: error %v, want ErrTooShort", err)
	}
	if _, err := Auto(nil, nil, 12, nil); !errors.Is(err, ErrTooShort) {
		t.Errorf("Auto(nil): error %v, want ErrTooShort", err)
	}
	if !panics(func() { Estimate(y, [][]float64{make([]float64, 3)}, Order{P: 1}, nil) }) {
		t.Error("Estimate with a short regressor did not panic")
	}
	fit, err := Estimate(y, nil, Order{Q: 1, D: 1, SQ: 1, SD: 1, Period: 12}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !panics(func() { fit.Forecast(-1, nil) }) {
		t.Error("Forecast(-1) did not panic")
	}
	if !panics(func() { fit.Forecast(3, [][]float64{{1, 2, 3}}) }) {
		t.Error("Forecast with regressors for a model without did not panic")
	}
	if fc, err := fit.Forecast(0, nil); err != nil || len(fc.Mean) != 0 {
		t.Errorf("Forecast(0) = %v, %v", fc, err)
	}
	fitted := fit.Fitted(nil)
	for i := range y {
		if !scalar.EqualWithinAbs(fitted[i]+fit.Residuals[i], y[i], 1e-12) {
			t.Fatalf("Fitted[%d] + Residuals[%d] = %v, want %v", i, i, fitted[i]+fit.Residuals[i], y[i])
		}
	}
}

// TestOrderString checks the notation of forecast's arima.string.
func TestOrderString(t *testing.T) {
	for _, c := range []struct {
		o    Order
		want string
	}{
		{Order{P: 2, D: 1, Q: 1, SQ: 1, SD: 1, Period: 12}, "ARIMA(2,1,1)(0,1,1)[12]"},
		{Order{P: 2, D: 1, Q: 1, Constant: true}, "ARIMA(2,1,1) with drift"},
		{Order{P: 1, SD: 1, Period: 4, Constant: true}, "ARIMA(1,0,0)(0,1,0)[4] with drift"},
		{Order{P: 1, Constant: true}, "ARIMA(1,0,0) with non-zero mean"},
		{Order{P: 1}, "ARIMA(1,0,0) with zero mean"},
		{Order{D: 2}, "ARIMA(0,2,0)"},
		{Order{Q: 1, Period: 12}, "ARIMA(0,0,1) with zero mean"},
	} {
		if got := c.o.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.o, got, c.want)
		}
	}
}
