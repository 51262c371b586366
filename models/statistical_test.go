package models_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
	"github.com/tsforecast/tsforecast/models"
)

// TestStatisticalAirline fits ets, theta and mstl on airline passengers:
// each says what it fitted, forecasts within its own 95 % intervals, and
// after Update with the same history forecasts exactly as before.
func TestStatisticalAirline(t *testing.T) {
	ctx := context.Background()
	s := sample.Airline(t)
	for _, test := range []struct {
		f      forecast.Forecaster
		prefix string
	}{
		{&models.ETS{}, "ETS("},
		{&models.ETS{Spec: "MAdM"}, "ETS(M,Ad,M)"},
		{&models.Theta{}, "Theta("},
		{&models.Theta{Method: "standard"}, "Theta(Standard)"},
		{&models.MSTL{}, "MSTL(12)+ETS("},
		// R's auto.arima(AirPassengers) (see internal/arima's tests).
		{&models.ARIMA{}, "ARIMA(2,1,1)(0,1,0)[12]"},
	} {
		if err := test.f.Fit(ctx, s); err != nil {
			t.Fatalf("%T: %v", test.f, err)
		}
		d := test.f.(forecast.Describer).Describe()
		if !strings.HasPrefix(d, test.prefix) {
			t.Errorf("%T describes itself as %q, want %q…", test.f, d, test.prefix)
		}
		fc, err := test.f.Predict(nil, 24)
		if err != nil {
			t.Fatal(err)
		}
		ivs, err := test.f.(forecast.IntervalPredictor).PredictIntervals(24, []float64{80, 95})
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		for i, v := range fc {
			if !(ivs[1].Lo[i] <= ivs[0].Lo[i] && ivs[0].Lo[i] <= v && v <= ivs[0].Hi[i] && ivs[0].Hi[i] <= ivs[1].Hi[i]) {
				t.Errorf("%s: step %d: forecast %v not inside nested intervals 80%% [%v, %v], 95%% [%v, %v]",
					d, i+1, v, ivs[0].Lo[i], ivs[0].Hi[i], ivs[1].Lo[i], ivs[1].Hi[i])
				break
			}
		}
		if u, ok := test.f.(forecast.Updater); ok {
			if err := u.Update(s); err != nil {
				t.Fatal(err)
			}
			again, _ := test.f.Predict(nil, 24)
			for i := range fc {
				if again[i] != fc[i] {
					t.Errorf("%s: forecast %d after Update with the same history %v, want %v", d, i+1, again[i], fc[i])
					break
				}
			}
		}
	}
}

// TestMSTLTwoCycles: an hourly series with a daily and a weekly cycle is
// decomposed by both, and MSTL forecasts its next week far better than a
// model of the daily cycle alone (ETS with m = 24) does.
func TestMSTLTwoCycles(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n, h := 24*7*8, 24*7
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	y := make([]float64, n+h)
	times := make([]time.Time, n+h)
	for i := range y {
		day := 10 * math.Sin(2*math.Pi*float64(i)/24)
		week := 0.0
		if (i/24)%7 >= 5 {
			week = -15 // weekends
		}
		y[i] = 100 + 0.01*float64(i) + day + week + r.NormFloat64()
		times[i] = t0.Add(time.Duration(i) * time.Hour)
	}
	s := &forecast.Series{ID: "two", Values: y[:n], Times: times[:n], Freq: forecast.Hourly}
	ms := &models.MSTL{}
	if err := ms.Fit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if d := ms.Describe(); !strings.HasPrefix(d, "MSTL(24,168)+") {
		t.Errorf("Describe() = %q, want MSTL(24,168)+…", d)
	}
	fc, _ := ms.Predict(nil, h)
	e := &models.ETS{Season: 24}
	if err := e.Fit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	fe, _ := e.Predict(nil, h)
	mm, me := eval.MAE(y[n:], fc), eval.MAE(y[n:], fe)
	t.Logf("next week MAE: MSTL %.3f, ETS m=24 %.3f (noise sd 1)", mm, me)
	if !(mm < 1.5 && mm < me/2) {
		t.Errorf("MSTL MAE %.3f over the next week, want below 1.5 and half of ETS's %.3f", mm, me)
	}
}

// TestARIMAKnown: ARIMA takes future-known covariates as regressors
// (a regression with ARIMA errors) and ignores a constant one.
func TestARIMAKnown(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 13))
	const n, h = 150, 6
	y := make([]float64, n+h)
	promo := make([]float64, n+h)
	flat := make([]float64, n+h)
	e := 0.0
	for i := range y {
		if r.Float64() < 0.3 {
			promo[i] = 1
		}
		e = 0.6*e + r.NormFloat64()
		y[i] = 40 + 15*promo[i] + e
	}
	s := &forecast.Series{ID: "shop", Values: y[:n], Covariates: []forecast.Covariate{
		{Name: "promo", Values: promo, Known: true}, {Name: "flat", Values: flat, Known: true},
	}}
	m := &models.ARIMA{Season: 1}
	if err := m.Fit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if d := m.Describe(); !strings.HasPrefix(d, "Regression with ARIMA") {
		t.Errorf("Describe() = %q, want a regression with ARIMA errors", d)
	}
	fc, err := m.Predict(nil, h)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range fc {
		if math.Abs(v-y[n+k]) > 4 {
			t.Errorf("step %d: forecast %.2f, actual %.2f (promotion %v)", k+1, v, y[n+k], promo[n+k])
		}
	}
	if _, err := m.Predict(nil, h+1); !errors.Is(err, forecast.ErrFutureMissing) {
		t.Errorf("Predict(%d) = %v, want ErrFutureMissing", h+1, err)
	}
}
