package models_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
)

// TestBaselineIntervals checks the intervals of the simple methods against
// the formulas of R's forecast package (lagwalk for naive, snaive and rwf
// with drift; meanf), evaluated by hand on y = 1, 3, 2, 4, 6, 5:
//
//   - naive: one-step changes 2, −1, 2, 2, −1, mse = 14/5, se_h = √(14h/5);
//   - snaive (m = 2): changes 1, 1, 4, 1, mse = 19/4, se_h = √(⌈h/2⌉·19/4);
//   - drift: b = 4/5, residuals 1.2, −1.8, 1.2, 1.2, −1.8, Σe² = 10.8,
//     mse = 10.8/5, se_b = √(10.8/4)/√5, se_h = √(h·mse + (h·se_b)²);
//   - mean: 3.5, s² = 17.5/5, se = s·√(1+1/6), Student's t with 5 df
//     (t_{0.9,5} = 1.475884, R's qt(0.9, 5)).
//
// z_{0.9} = 1.2815516 (R's qnorm(0.9)).
func TestBaselineIntervals(t *testing.T) {
	y := []float64{1, 3, 2, 4, 6, 5}
	s := &forecast.Series{ID: "y", Values: y}
	const z, t5 = 1.2815515655446004, 1.4758840488244813
	for _, test := range []struct {
		name string
		f    forecast.Forecaster
		lo   func(h int) float64 // lower 80 % bound h steps ahead
	}{
		{"naive", &models.Naive{}, func(h int) float64 { return 5 - z*math.Sqrt(14.0*float64(h)/5) }},
		{"snaive", &models.SeasonalNaive{Period: 2}, func(h int) float64 {
			return []float64{6, 5}[(h-1)%2] - z*math.Sqrt(math.Ceil(float64(h)/2)*19/4)
		}},
		{"drift", &models.Drift{}, func(h int) float64 {
			hh := float64(h)
			seb := math.Sqrt(10.8/4) / math.Sqrt(5)
			return 5 + 0.8*hh - z*math.Sqrt(hh*10.8/5+hh*hh*seb*seb)
		}},
		{"mean", &models.Mean{}, func(int) float64 { return 3.5 - t5*math.Sqrt(17.5/5)*math.Sqrt(1+1.0/6) }},
	} {
		if err := test.f.Fit(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		ivs, err := test.f.(forecast.IntervalPredictor).PredictIntervals(3, []float64{80})
		if err != nil {
			t.Fatalf("%s: %v", test.name, err)
		}
		point, _ := test.f.Predict(nil, 3)
		for h := 1; h <= 3; h++ {
			lo, hi := ivs[0].Lo[h-1], ivs[0].Hi[h-1]
			if !scalar.EqualWithinAbsOrRel(lo, test.lo(h), 1e-9, 1e-9) || !scalar.EqualWithinAbsOrRel(hi-point[h-1], point[h-1]-lo, 1e-9, 1e-9) {
				t.Errorf("%s: 80%% interval %d steps ahead [%v, %v], want lower bound %v, symmetric about %v", test.name, h, lo, hi, test.lo(h), point[h-1])
			}
		}
	}
	// One value: no spread to estimate.
	n := &models.Naive{}
	n.Fit(context.Background(), &forecast.Series{Values: []float64{4}})
	if _, err := n.PredictIntervals(2, []float64{80}); !errors.Is(err, forecast.ErrNoIntervals) {
		t.Errorf("naive intervals of one value: %v, want ErrNoIntervals", err)
	}
}
