package eval_test

import (
	"context"
	"fmt"
	"os"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
)

func ExampleSMAPE() {
	y := []float64{100, 110, 120}
	yhat := []float64{90, 110, 130}
	fmt.Printf("sMAPE %.4g\n", eval.SMAPE(y, yhat))
	fmt.Printf("MAE %.4g, RMSE %.4g\n", eval.MAE(y, yhat), eval.RMSE(y, yhat))
	// MASE against the in-sample naive forecast (m = 1).
	fmt.Printf("MASE %.4g\n", eval.MASE(y, yhat, []float64{80, 85, 95, 100}, 1))
	// Output:
	// sMAPE 6.175
	// MAE 6.667, RMSE 8.165
	// MASE 1
}

// monthly returns a small monthly series with a trend and a season.
func monthly() *forecast.Series {
	v := []float64{
		112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
		115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
		145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166,
		171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
	}
	return &forecast.Series{ID: "passengers", Values: v, Freq: forecast.Monthly}
}

func ExampleWalkForward() {
	s := monthly()
	cfg := &eval.Backtest{Horizon: 6, Origins: 2, Refit: 1}
	models := []eval.Model{
		{Name: "naive", New: func() forecast.Forecaster { return &models.Naive{} }},
		{Name: "snaive", New: func() forecast.Forecaster { return &models.SeasonalNaive{Period: 12} }},
	}
	res, err := eval.WalkForward(context.Background(), s, models, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("origins:", res.Origins)
	for _, mr := range res.Ranked() {
		fmt.Printf("%s: MAE %.4g, MASE %.4g\n", mr.Model, mr.Summary.Mean.MAE, mr.Summary.Mean.MASE)
	}
	// Output:
	// origins: [36 42]
	// naive: MAE 22.67, MASE 1.034
	// snaive: MAE 26.83, MASE 1.224
}

func ExampleConformalForecast() {
	s := monthly()
	m := eval.Model{Name: "snaive", New: func() forecast.Forecaster { return &models.SeasonalNaive{Period: 12} }}
	// 12 one-step-apart folds calibrate the 80 % intervals.
	cfg := &eval.Backtest{Horizon: 3, Step: 1, Origins: 12, Refit: 1, Levels: []float64{80}}
	f, err := eval.ConformalForecast(context.Background(), s, m, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	iv := f.Intervals[0]
	for i, p := range f.Point {
		fmt.Printf("h=%d: %.4g [%.4g, %.4g]\n", i+1, p, iv.Lo[i], iv.Hi[i])
	}
	// Output:
	// h=1: 171 [131, 211]
	// h=2: 180 [140, 220]
	// h=3: 193 [153, 233]
}

func ExampleResult_WriteSummary() {
	s := monthly()
	ms := []eval.Model{
		{Name: "naive", New: func() forecast.Forecaster { return &models.Naive{} }},
		{Name: "snaive", New: func() forecast.Forecaster { return &models.SeasonalNaive{Period: 12} }},
		{Name: "drift", New: func() forecast.Forecaster { return &models.Drift{} }},
		{Name: "mean", New: func() forecast.Forecaster { return &models.Mean{} }},
	}
	cfg := &eval.Backtest{Horizon: 6, Origins: 2, Refit: 1}
	res, err := eval.WalkForward(context.Background(), s, ms, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range res.Models {
		res.Models[i].Summary.FitSeconds = 0 // timings vary between runs
	}
	res.WriteSummary(os.Stdout)
	// Output:
	// rank   model    MAE      ±   RMSE       ±  sMAPE       ±   MASE        ±    bias  fit s  folds
	//      1   naive  22.67  1.414  26.44  0.1203  11.67  0.3679  1.034  0.05398      -5  0.000      2
	//      2   drift   23.2  9.803  27.72   9.629  11.51   3.887  1.057   0.4367   2.224  0.000      2
	//      3  snaive  26.83   4.95  28.12   3.961  14.55   1.818  1.224   0.2134  -26.83  0.000      2
	//      4    mean  48.49   8.94  52.26   10.61  27.43   3.472  2.211   0.3855  -48.49  0.000      2
}
