package linear

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/floats/scalar"
)

// TestReference: with the window and penalty fixed, the forecast equals
// that of numpy's solution of the same equations (testdata/ref_linear.py).
func TestReference(t *testing.T) {
	b, err := os.ReadFile("testdata/ref_linear.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Y        []float64
		L, H     int
		Lambda   float64
		Forecast []float64
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	m, err := Fit([]Series{{Y: ref.Y}}, Settings{Horizon: ref.H, Window: ref.L, Lambda: ref.Lambda, Transform: Identity})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]float64, ref.H)
	if err := m.Forecast(got, Series{Y: ref.Y}, ref.H); err != nil {
		t.Fatal(err)
	}
	if !floats.EqualApprox(got, ref.Forecast, 1e-9) {
		t.Errorf("forecast\n%v\nwant (numpy)\n%v", got, ref.Forecast)
	}
}

// TestSeasonalExact: a noiseless seasonal series with a trend is a linear
// function of its last season, so the model on the identity scale
// forecasts it almost exactly; the mean with the log scale, on which it
// is not exactly linear, is within 0.1 % of the level.
func TestSeasonalExact(t *testing.T) {
	n := 240
	y := make([]float64, n+24)
	for i := range y {
		y[i] = 100 + 0.5*float64(i) + 10*math.Sin(2*math.Pi*float64(i)/12) + 4*math.Cos(2*math.Pi*float64(i)/6)
	}
	m, err := Fit([]Series{{Y: y[:n]}}, Settings{Horizon: 24, Season: 12})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Scales) != 2 {
		t.Fatalf("%d scales, want 2 (identity and log)", len(m.Scales))
	}
	got := make([]float64, 24)
	if err := m.Forecast(got, Series{Y: y[:n]}, 24); err != nil {
		t.Fatal(err)
	}
	for k, v := range got {
		if math.Abs(v-y[n+k]) > 0.2 {
			t.Errorf("step %d: forecast %v, actual %v", k+1, v, y[n+k])
		}
	}
	id, err := Fit([]Series{{Y: y[:n]}}, Settings{Horizon: 24, Season: 12, Transform: Identity})
	if err != nil {
		t.Fatal(err)
	}
	if err := id.Forecast(got, Series{Y: y[:n]}, 24); err != nil {
		t.Fatal(err)
	}
	for k, v := range got {
		if math.Abs(v-y[n+k]) > 0.01 {
			t.Errorf("identity scale, step %d: forecast %v, actual %v", k+1, v, y[n+k])
		}
	}
}

// TestBothIsMean: the default model forecasts the mean of the models
// fitted on each scale alone.
func TestBothIsMean(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	y := make([]float64, 150)
	for i := range y {
		y[i] = 20 + 5*math.Sin(2*math.Pi*float64(i)/7) + r.NormFloat64()
	}
	s := Series{Y: y}
	fc := func(tr Transform) []float64 {
		m, err := Fit([]Series{s}, Settings{Horizon: 7, Season: 7, Transform: tr})
		if err != nil {
			t.Fatal(err)
		}
		out := make([]float64, 7)
		if err := m.Forecast(out, s, 7); err != nil {
			t.Fatal(err)
		}
		return out
	}
	both, id, lg := fc(Both), fc(Identity), fc(Log)
	for k := range both {
		if !scalar.EqualWithinAbsOrRel(both[k], (id[k]+lg[k])/2, 1e-12, 1e-12) {
			t.Errorf("step %d: Both %v, mean of %v and %v", k+1, both[k], id[k], lg[k])
		}
	}
	// A series with values at or below −μ has no log scale.
	neg := Series{Y: append([]float64{-1000}, y...)}
	m, err := Fit([]Series{neg}, Settings{Horizon: 7, Season: 7})
	if err != nil || len(m.Scales) != 1 || m.Scales[0].Log {
		t.Errorf("Fit with a very negative value: %v scales, %v", len(m.Scales), err)
	}
	if _, err := Fit([]Series{neg}, Settings{Horizon: 7, Season: 7, Transform: Log}); !errors.Is(err, ErrNonPositive) {
		t.Errorf("Log fit with a very negative value: %v, want ErrNonPositive", err)
	}
}

// promoSeries returns a random-walk level plus effect times a promotion
// indicator known in advance, with noise of standard deviation 1.
func promoSeries(r *rand.Rand, n int, effect float64) (y, promo []float64) {
	y, promo = make([]float64, n), make([]float64, n)
	level := 100.0
	for i := range y {
		level += 0.3 * r.NormFloat64()
		if r.Float64() < 0.2 {
			promo[i] = 1
		}
		y[i] = level + effect*promo[i] + r.NormFloat64()
	}
	return y, promo
}

// TestKnownCovariate: a target driven by a known promotion indicator is
// forecast within its noise when the promotions are given, and visibly
// worse without them; values of the target after the origin are never
// read (NaN there changes nothing).
func TestKnownCovariate(t *testing.T) {
	const n, h, trials = 200, 14, 8
	r := rand.New(rand.NewPCG(3, 4))
	var with, without float64
	for range trials {
		y, promo := promoSeries(r, n+h, 10)
		hist := Series{Y: y[:n], Known: [][]float64{promo}}
		m, err := Fit([]Series{hist}, Settings{Horizon: h, Season: 7})
		if err != nil {
			t.Fatal(err)
		}
		if g := m.Scales[0].Gamma[0]; math.Abs(g-10) > 1 {
			t.Errorf("promotion effect %v, want about 10", g)
		}
		fc := make([]float64, h)
		if err := m.Forecast(fc, hist, h); err != nil {
			t.Fatal(err)
		}
		// Poisoned future target values: same forecast.
		poisoned := append(append([]float64(nil), y[:n]...), make([]float64, h)...)
		for i := n; i < n+h; i++ {
			poisoned[i] = math.NaN()
		}
		again := make([]float64, h)
		if err := m.Forecast(again, Series{Y: poisoned[:n], Known: [][]float64{promo}}, h); err != nil {
			t.Fatal(err)
		}
		if !floats.Equal(fc, again) {
			t.Fatal("the forecast changed when the target's future was poisoned")
		}
		m0, err := Fit([]Series{{Y: y[:n]}}, Settings{Horizon: h, Season: 7})
		if err != nil {
			t.Fatal(err)
		}
		fc0 := make([]float64, h)
		if err := m0.Forecast(fc0, Series{Y: y[:n]}, h); err != nil {
			t.Fatal(err)
		}
		for k := range h {
			with += (fc[k] - y[n+k]) * (fc[k] - y[n+k])
			without += (fc0[k] - y[n+k]) * (fc0[k] - y[n+k])
		}
	}
	rmseWith, rmseWithout := math.Sqrt(with/(trials*h)), math.Sqrt(without/(trials*h))
	// The noise has sd 1 and the level wanders by 0.3 a step: an oracle
	// that knew the last level has an RMSE of about 1.4 over 14 steps.
	if rmseWith > 2.5 || rmseWithout < 2*rmseWith {
		t.Errorf("RMSE with the promotions %.2f, without %.2f; want at most 2.5 and less than half", rmseWith, rmseWithout)
	}
	t.Logf("RMSE with the promotions %.2f, without %.2f", rmseWith, rmseWithout)
	// Missing future values are an error.
	y, promo := promoSeries(r, n, 10)
	m, _ := Fit([]Series{{Y: y, Known: [][]float64{promo}}}, Settings{Horizon: 5, Season: 7})
	if err := m.Forecast(make([]float64, 5), Series{Y: y, Known: [][]float64{promo}}, 5); !errors.Is(err, ErrKnown) {
		t.Errorf("Forecast without future promotions: %v, want ErrKnown", err)
	}
}

// TestPastCovariate: a target that follows a past covariate with a lag
// of 3 is forecast better with it than without, and beyond the fitted
// horizon a model with past covariates refuses to forecast.
func TestPastCovariate(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	n, h := 400, 3
	x := make([]float64, n+h)
	y := make([]float64, n+h)
	for i := range x {
		x[i] = r.NormFloat64() * 5
		if i >= 3 {
			y[i] = 2*x[i-3] + 0.5*r.NormFloat64()
		}
	}
	m, err := Fit([]Series{{Y: y[:n], Past: [][]float64{x[:n]}}}, Settings{Horizon: h, Season: 1, Transform: Identity})
	if err != nil {
		t.Fatal(err)
	}
	fc := make([]float64, h)
	if err := m.Forecast(fc, Series{Y: y[:n], Past: [][]float64{x[:n]}}, h); err != nil {
		t.Fatal(err)
	}
	for k := range fc {
		if math.Abs(fc[k]-y[n+k]) > 3 {
			t.Errorf("step %d: forecast %v, actual %v (2·x lagged 3 = %v)", k+1, fc[k], y[n+k], 2*x[n+k-3])
		}
	}
	if err := m.Forecast(make([]float64, h+1), Series{Y: y[:n], Past: [][]float64{x[:n]}}, h+1); err == nil {
		t.Error("Forecast beyond the horizon with a past covariate succeeded")
	}
}

// TestTooShort: no window fits a series of 10 values for 8 steps.
func TestTooShort(t *testing.T) {
	if _, err := Fit([]Series{{Y: make([]float64, 10)}}, Settings{Horizon: 8, Season: 4}); !errors.Is(err, ErrTooShort) {
		t.Errorf("Fit of 10 values for 8 steps: %v, want ErrTooShort", err)
	}
}
