package models_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
)

// TestShortSeries fits every model of the catalogue, as the command line
// builds it (Entry.Forecaster, with its fallbacks), on series of 1 to 30
// values with seasons 1, 4 and 12: each fit succeeds, forecasts 8 finite
// values, and a series shorter than the model's minimum is forecast by a
// fallback that says so.
func TestShortSeries(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 1))
	for _, e := range models.Catalogue() {
		for _, m := range []int{1, 4, 12} {
			s := &models.Settings{Season: m, Hidden: 4, Epochs: 2, Seed: 1}
			for n := 1; n <= 30; n++ {
				y := make([]float64, n)
				for i := range y {
					y[i] = 50 + 10*math.Sin(2*math.Pi*float64(i)/float64(max(m, 2))) + float64(i) + r.NormFloat64()
				}
				f := e.Forecaster(s)
				if err := f.Fit(ctx, &forecast.Series{ID: "short", Values: y}); err != nil {
					t.Errorf("%s, m %d, %d values: Fit: %v", e.Name, m, n, err)
					continue
				}
				fc, err := f.Predict(nil, 8)
				if err != nil || len(fc) != 8 {
					t.Errorf("%s, m %d, %d values: Predict: %v, %v", e.Name, m, n, fc, err)
					continue
				}
				for _, v := range fc {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Errorf("%s, m %d, %d values: forecast %v", e.Name, m, n, fc)
						break
					}
				}
				fb, isFallback := f.(forecast.Fallbacker)
				if n < e.MinLength(m) && len(e.Fallback) > 0 && !(isFallback && fb.FellBack()) {
					t.Errorf("%s, m %d, %d values (minimum %d): no fallback stood in", e.Name, m, n, e.MinLength(m))
				}
				if isFallback && fb.FellBack() {
					if d, ok := f.(forecast.Describer); !ok || d.Describe() == "" {
						t.Errorf("%s, m %d, %d values: the fallback does not say what it is", e.Name, m, n)
					}
				}
			}
		}
	}
}
