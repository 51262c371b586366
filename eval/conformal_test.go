package eval_test

import (
	"context"
	"testing"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
	"github.com/tsforecast/tsforecast/models"
)

func TestConformalForecast(t *testing.T) {
	s := sample.Airline(t)
	m := eval.Model{Name: "snaive", New: func() forecast.Forecaster { return &models.SeasonalNaive{} }}
	// Too few folds for 95 %.
	if _, err := eval.ConformalForecast(context.Background(), s, m, &eval.Backtest{Horizon: 12, Origins: 3, Levels: []float64{95}}); err == nil {
		t.Error("ConformalForecast with 3 folds at 95 % did not fail")
	}
	cfg := &eval.Backtest{Horizon: 12, Step: 1, Origins: 24, Refit: 1, Levels: []float64{80, 95}}
	f, err := eval.ConformalForecast(context.Background(), s, m, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Point) != 12 || len(f.Times) != 12 || len(f.Intervals) != 2 || f.Calibration != 24 {
		t.Fatalf("forecast: %d points, %d times, %d intervals, %d calibration folds", len(f.Point), len(f.Times), len(f.Intervals), f.Calibration)
	}
	// The seasonal naive point forecast is the last year repeated.
	for i, p := range f.Point {
		if want := s.Values[132+i]; p != want {
			t.Errorf("point[%d] = %v, want %v", i, p, want)
		}
	}
	for i := range f.Point {
		l80, h80 := f.Intervals[0].Lo[i], f.Intervals[0].Hi[i]
		l95, h95 := f.Intervals[1].Lo[i], f.Intervals[1].Hi[i]
		if !(l95 <= l80 && l80 <= f.Point[i] && f.Point[i] <= h80 && h80 <= h95) {
			t.Errorf("step %d: intervals not nested around the point: 95 [%v, %v], 80 [%v, %v], point %v", i+1, l95, h95, l80, h80, f.Point[i])
		}
	}
}
