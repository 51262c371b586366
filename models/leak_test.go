package models_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
)

// TestWalkForwardCovariatesNoLeakage extends eval's NaN-poisoning test to
// covariates (issue 14, item 6): at each origin of a walk-forward run the
// target and the past covariate are poisoned with NaN from the origin on,
// the future-known covariate is left whole, and the forecasts of the
// models that read covariates must not change. A model that read a
// poisoned value would fail (Fit rejects NaN) or forecast differently.
func TestWalkForwardCovariatesNoLeakage(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	const n, h = 220, 7
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	times := make([]time.Time, n)
	y, temp, promo := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range y {
		times[i] = t0.AddDate(0, 0, i)
		temp[i] = 15 + 8*math.Sin(2*math.Pi*float64(i)/365) + r.NormFloat64()
		if r.Float64() < 0.2 {
			promo[i] = 1
		}
		y[i] = 100 + 5*math.Sin(2*math.Pi*float64(i)/7) + 0.8*temp[max(i-1, 0)] + 12*promo[i] + r.NormFloat64()
	}
	s := &forecast.Series{ID: "store", Freq: forecast.Daily, Times: times, Values: y, Covariates: []forecast.Covariate{
		{Name: "temp", Values: temp}, {Name: "promo", Values: promo, Known: true},
	}}
	var ms []eval.Model
	for _, name := range []string{"linear", "arima", "snaive"} {
		e, err := models.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		set := &models.Settings{Horizon: h, Workers: 1}
		ms = append(ms, eval.Model{Name: name, New: func() forecast.Forecaster { return e.Forecaster(set) }})
	}
	cfg := eval.Backtest{Horizon: h, Step: 5, Origins: 3, Refit: 1}
	clean, err := eval.WalkForward(context.Background(), s, ms, &cfg)
	if err != nil {
		t.Fatal(err)
	}
	for k, o := range clean.Origins {
		end := o + h
		v, tp := slices.Clone(y[:end]), slices.Clone(temp[:end])
		for i := o; i < end; i++ {
			v[i], tp[i] = math.NaN(), math.NaN()
		}
		p := &forecast.Series{ID: s.ID, Freq: s.Freq, Times: times[:end], Values: v, Covariates: []forecast.Covariate{
			{Name: "temp", Values: tp}, {Name: "promo", Values: promo[:end], Known: true},
		}}
		one := cfg
		one.Origins, one.Step = 1, 0
		res, err := eval.WalkForward(context.Background(), p, ms, &one)
		if err != nil {
			t.Fatalf("fold at origin %d on the poisoned series: %v", o, err)
		}
		for mi, mr := range res.Models {
			want := clean.Models[mi].Folds[k].Forecast
			if got := mr.Folds[0].Forecast; !slices.Equal(got, want) {
				t.Errorf("%s at origin %d: forecast with a poisoned future %v, clean %v", mr.Model, o, got, want)
			}
		}
	}
	// The known covariate is read: poisoning it does change the forecast
	// (or fails the fit), so the check above can fail.
	o := clean.Origins[0]
	pr := slices.Clone(promo[:o+h])
	for i := o; i < o+h; i++ {
		pr[i] = 1 - pr[i]
	}
	p := &forecast.Series{ID: s.ID, Freq: s.Freq, Times: times[:o+h], Values: y[:o+h], Covariates: []forecast.Covariate{
		{Name: "temp", Values: temp[:o+h]}, {Name: "promo", Values: pr, Known: true},
	}}
	one := cfg
	one.Origins, one.Step = 1, 0
	res, err := eval.WalkForward(context.Background(), p, ms[:1], &one)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(res.Models[0].Folds[0].Forecast, clean.Models[0].Folds[0].Forecast) {
		t.Error("linear ignored a change of the known covariate over the horizon")
	}
}
