// Command library shows tsforecast used as a Go library: load a CSV file,
// compare the LSTM with seasonal naive by walk-forward validation, then
// forecast the next year with conformal prediction intervals. The README quotes this file; CI builds it.
//
//	go run ./examples/library
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/seq2one"
)

func main() {
	ctx := context.Background()
	ds, err := csvio.ReadFile("examples/data/airline-passengers.csv", nil)
	if err != nil {
		log.Fatal(err) // errors name the file, line and column
	}
	s := ds.Series[0] // 144 monthly values, 1949-01 .. 1960-12

	// Walk-forward validation: 3 origins, 12 months ahead each, refit at
	// every origin. Each fold sees only the data before its origin.
	ms := []eval.Model{
		{Name: "lstm", New: func() forecast.Forecaster { return seq2one.New(&seq2one.Config{Seed: 1}) }},
		{Name: "snaive", New: func() forecast.Forecaster { return &models.SeasonalNaive{Period: 12} }},
	}
	res, err := eval.WalkForward(ctx, s, ms, &eval.Backtest{Horizon: 12, Origins: 3, Refit: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range res.Ranked() {
		fmt.Printf("%-6s RMSE %6.2f  MASE %.3f\n", m.Model, m.Summary.Mean.RMSE, m.Summary.Mean.MASE)
	}

	// Fit on everything and forecast 1961 with 80 % intervals, calibrated
	// (split-conformal) on the errors of 12 forecasts one month apart
	// before the end.
	fc, err := eval.ConformalForecast(ctx, s, ms[0], &eval.Backtest{Horizon: 12, Step: 1, Origins: 12, Levels: []float64{80}})
	if err != nil {
		log.Fatal(err)
	}
	for i, t := range fc.Times {
		iv := fc.Intervals[0]
		fmt.Printf("%s %6.1f  [%6.1f, %6.1f]\n", t.Format("2006-01"), fc.Point[i], iv.Lo[i], iv.Hi[i])
	}
}
