package models_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
	"github.com/tsforecast/tsforecast/models"
)

func series(v ...float64) *forecast.Series {
	return &forecast.Series{ID: "t", Values: v}
}

// Expected forecasts are worked out by hand from each model's definition.
func TestBaselineForecasts(t *testing.T) {
	x := series(1, 2, 3, 4, 5, 7)
	// After Update with the history 3, 2, 1, 9, 9, 9 (for models with
	// Update): naive and seasonal naive 9; drift 9 + (9−3)/5 = 10.2; mean
	// 33/6 = 5.5.
	upd := series(3, 2, 1, 9, 9, 9)
	for _, test := range []struct {
		name    string
		f       forecast.Forecaster
		s       *forecast.Series
		h       int
		want    []float64
		updated float64
	}{
		{"naive", &models.Naive{}, x, 3, []float64{7, 7, 7}, 9},
		{"snaive m=3", &models.SeasonalNaive{Period: 3}, x, 5, []float64{4, 5, 7, 4, 5}, 9},
		{"snaive m=1", &models.SeasonalNaive{Period: 1}, x, 2, []float64{7, 7}, 9},
		// slope (7−1)/5 = 1.2
		{"drift", &models.Drift{}, x, 2, []float64{8.2, 9.4}, 10.2},
		{"mean", &models.Mean{}, x, 2, []float64{22.0 / 6, 22.0 / 6}, 5.5},
		// Too short for the seasonality test (needs 3m): naive.
		{"naive2 short", &models.Naive2{Period: 4}, x, 2, []float64{7, 7}, 0},
		// Monthly frequency default m = 12 on 6 values: naive.
		{"naive2 default", &models.Naive2{}, &forecast.Series{Values: x.Values, Freq: forecast.Monthly}, 1, []float64{7}, 0},
	} {
		if _, err := test.f.Predict(nil, 1); !errors.Is(err, forecast.ErrNotFitted) {
			t.Errorf("%s: Predict before Fit: %v, want ErrNotFitted", test.name, err)
		}
		if err := test.f.Fit(context.Background(), test.s); err != nil {
			t.Fatalf("%s: Fit: %v", test.name, err)
		}
		got, err := test.f.Predict(nil, test.h)
		if err != nil {
			t.Fatalf("%s: Predict: %v", test.name, err)
		}
		if !floats.EqualApprox(got, test.want, 1e-12) {
			t.Errorf("%s: Predict(%d) = %v, want %v", test.name, test.h, got, test.want)
		}
		if _, err := test.f.Predict(nil, -1); err == nil {
			t.Errorf("%s: Predict(nil, -1) did not fail", test.name)
		}
		// Predict reuses dst without allocating.
		dst := make([]float64, test.h)
		if a := testing.AllocsPerRun(10, func() { test.f.Predict(dst, test.h) }); a != 0 {
			t.Errorf("%s: Predict allocates %v times", test.name, a)
		}
		// Update conditions on a new history.
		if u, ok := test.f.(forecast.Updater); ok {
			if err := u.Update(upd); err != nil {
				t.Fatalf("%s: Update: %v", test.name, err)
			}
			got, _ := test.f.Predict(nil, 1)
			if !scalar.EqualWithinAbsOrRel(got[0], test.updated, 1e-12, 1e-12) {
				t.Errorf("%s: after Update forecast %v, want %v", test.name, got[0], test.updated)
			}
		}
		// A failed Fit leaves no stale forecast behind.
		if err := test.f.Fit(context.Background(), series(1, math.NaN(), 3)); err == nil {
			t.Errorf("%s: Fit with NaN did not fail", test.name)
		}
		if _, err := test.f.Predict(nil, 1); !errors.Is(err, forecast.ErrNotFitted) {
			t.Errorf("%s: Predict after a failed Fit: %v, want ErrNotFitted", test.name, err)
		}
	}
}

// TestNaive2Seasonal builds a series with exact multiplicative seasonal
// indices around a constant level, so the classical decomposition recovers
// the indices and Naive2 forecasts level × index.
func TestNaive2Seasonal(t *testing.T) {
	idx := []float64{0.8, 1.0, 1.3, 0.9}
	var v []float64
	for i := range 40 {
		v = append(v, 100*idx[i%4])
	}
	f := &models.Naive2{Period: 4}
	if err := f.Fit(context.Background(), series(v...)); err != nil {
		t.Fatal(err)
	}
	if !f.Seasonal() {
		t.Fatal("Naive2 did not find a perfectly periodic series seasonal")
	}
	got, _ := f.Predict(nil, 6)
	want := []float64{80, 100, 130, 90, 80, 100}
	if !floats.EqualApprox(got, want, 1e-9) {
		t.Errorf("Naive2 forecast %v, want %v", got, want)
	}
	// With a non-positive value the multiplicative decomposition is
	// impossible and Naive2 is naive.
	v[3] = 0
	if err := f.Fit(context.Background(), series(v...)); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.Predict(nil, 2); f.Seasonal() || got[0] != v[len(v)-1] {
		t.Errorf("Naive2 with a zero: seasonal %v, forecast %v, want naive %v", f.Seasonal(), got, v[len(v)-1])
	}
}

func TestBaselineErrors(t *testing.T) {
	ctx := context.Background()
	for _, test := range []struct {
		name string
		f    forecast.Forecaster
		s    *forecast.Series
		want string
	}{
		{"naive empty", &models.Naive{}, series(), "need at least 1"},
		{"naive NaN", &models.Naive{}, series(1, math.NaN()), "value 1 is NaN"},
		{"snaive short", &models.SeasonalNaive{Period: 4}, series(1, 2), "need at least 4"},
		{"drift short", &models.Drift{}, series(1), "need at least 2"},
		{"mean Inf", &models.Mean{}, series(math.Inf(1)), "+Inf"},
		{"naive2 NaN", &models.Naive2{}, series(math.NaN()), "NaN"},
		{"hw short", &models.HoltWinters{Period: 12}, series(make([]float64, 23)...), "need at least 24"},
		{"hw short no season", &models.HoltWinters{Period: 1}, series(1, 2, 3), "need at least 10"},
		{"hw mult zero", &models.HoltWinters{Period: 2, Seasonal: models.Multiplicative}, series(1, 2, 0, 4, 1, 2, 3, 4, 1, 2, 3, 4), "positive"},
	} {
		err := test.f.Fit(ctx, test.s)
		if err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("%s: Fit error %v, want one containing %q", test.name, err, test.want)
		}
	}
}

// TestHoltWintersPerfectSeason fits a noiseless linear trend plus a
// sinusoidal season of period 6, which additive Holt-Winters with a trend
// represents exactly, so the one-step errors can be driven to zero and the
// fit must continue the pattern closely.
func TestHoltWintersPerfectSeason(t *testing.T) {
	const m = 6
	var v []float64
	for i := range 120 {
		v = append(v, 50+0.3*float64(i)+10*math.Sin(2*math.Pi*float64(i)/m))
	}
	hw := &models.HoltWinters{Period: m, Trend: true}
	if err := hw.Fit(context.Background(), series(v[:108]...)); err != nil {
		t.Fatal(err)
	}
	got, _ := hw.Predict(nil, 12)
	if rmse := eval.RMSE(v[108:], got); rmse > 0.05 {
		t.Errorf("Holt-Winters on a noiseless trend + season: RMSE %v, want < 0.05 (forecast %v)", rmse, got)
	}
	a, b, g, phi, sse := hw.Params()
	t.Logf("α %.4f β %.4f γ %.4f φ %.4f SSE %.3g", a, b, g, phi, sse)
	if phi != 1 {
		t.Errorf("undamped fit has φ = %v, want 1", phi)
	}
	dst := make([]float64, 12)
	if n := testing.AllocsPerRun(10, func() { hw.Predict(dst, 12) }); n != 0 {
		t.Errorf("Predict allocates %v times", n)
	}
	// Update with the fitted history reproduces the fit's forecasts.
	if err := hw.Update(series(v[:108]...)); err != nil {
		t.Fatal(err)
	}
	if again, _ := hw.Predict(nil, 12); !floats.Equal(again, got) {
		t.Errorf("Update with the fitted history changed the forecast: %v, want %v", again, got)
	}
	// A failed Update (NaN in the history) leaves no stale forecast, and
	// a later Update recovers with the fitted parameters.
	bad := series(v[:108]...)
	bad.Values = append([]float64(nil), bad.Values...)
	bad.Values[50] = math.NaN()
	if err := hw.Update(bad); err == nil {
		t.Error("Update with NaN did not fail")
	}
	if _, err := hw.Predict(nil, 1); !errors.Is(err, forecast.ErrNotFitted) {
		t.Errorf("Predict after a failed Update: %v, want ErrNotFitted", err)
	}
	// Update with the full history keeps the parameters and moves the
	// forecast origin.
	if err := hw.Update(series(v...)); err != nil {
		t.Fatal(err)
	}
	a2, b2, g2, phi2, _ := hw.Params()
	if a2 != a || b2 != b || g2 != g || phi2 != phi {
		t.Errorf("Update changed the parameters")
	}
	next, _ := hw.Predict(nil, 1)
	if want := 50 + 0.3*120 + 10*math.Sin(2*math.Pi*120/m); math.Abs(next[0]-want) > 0.5 {
		t.Errorf("after Update forecast %v, want about %v", next[0], want)
	}
}

func BenchmarkHoltWintersFit(b *testing.B) {
	series := sample.M4HourlySample(b)
	s := series[0]
	for _, test := range []struct {
		name string
		hw   models.HoltWinters
	}{
		{"additive", models.HoltWinters{Period: 24}},
		{"damped-mult", models.HoltWinters{Period: 24, Trend: true, Damped: true, Seasonal: models.Multiplicative}},
		{"additive-heuristic", models.HoltWinters{Period: 24, HeuristicInit: true}},
	} {
		b.Run(test.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				hw := test.hw
				if err := hw.Fit(context.Background(), s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestHoltWintersShortSeries checks that every length around the minimum
// gives either a fit or an error, never a panic: the initial-state heuristic
// decomposes whole seasons, so for m = 7 it needs 21 values, not 2m = 14
// (an 18-value series once panicked with a slice out of range).
func TestHoltWintersShortSeries(t *testing.T) {
	for _, m := range []int{2, 4, 7, 12, 24} {
		for _, kind := range []models.SeasonKind{models.Additive, models.Multiplicative} {
			for n := 1; n <= 4*m+12; n++ {
				v := make([]float64, n)
				for i := range v {
					v[i] = 10 + float64(i%m) + 0.1*float64(i)
				}
				hw := &models.HoltWinters{Period: m, Seasonal: kind, Trend: true}
				var err error
				panicked := panics(func() { err = hw.Fit(context.Background(), series(v...)) })
				if panicked {
					t.Fatalf("HoltWinters{Period: %d, %v}.Fit(%d values) panicked", m, kind, n)
				}
				if err == nil {
					fc, perr := hw.Predict(nil, m)
					if perr != nil || len(fc) != m || floats.HasNaN(fc) {
						t.Errorf("HoltWinters{Period: %d, %v} on %d values: Predict = %v, %v", m, kind, n, fc, perr)
					}
				} else if n >= 3*m+10 {
					t.Errorf("HoltWinters{Period: %d, %v}.Fit(%d values) = %v, want a fit", m, kind, n, err)
				}
			}
		}
	}
}

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}
