package eval_test

import (
	"context"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
)

// TestM4HourlyReference reproduces the M4 Hourly validation scores of the
// seasonal naive and naive forecasts: the last 48 values of each of the 414
// series of Hourly-train.csv held out, sMAPE and MASE (m = 24) averaged
// over the series. The reference values (seasonal naive 14.570 / 1.228,
// naive 41.399 / 11.532) were computed independently of this project and
// are quoted in issue 4.
func TestM4HourlyReference(t *testing.T) {
	series := loadShared(t, "Hourly-train.csv")
	if len(series) != 414 {
		t.Fatalf("Hourly-train.csv: got %d series, want 414", len(series))
	}
	cfg := &eval.Backtest{Horizon: 48, Origins: 1, Season: 24}
	models := []eval.Model{
		{Name: "snaive", New: func() forecast.Forecaster { return &eval.SeasonalNaive{Period: 24} }},
		{Name: "naive", New: func() forecast.Forecaster { return &eval.Naive{} }},
	}
	res, err := eval.WalkForwardMany(context.Background(), series, models, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct {
		model       string
		smape, mase float64
	}{
		{"snaive", 14.570, 1.228},
		{"naive", 41.399, 11.532},
	} {
		got := res.Model(want.model)
		t.Logf("%s: sMAPE %.4f MASE %.4f", want.model, got.SMAPE, got.MASE)
		if !scalar.EqualWithinAbs(got.SMAPE, want.smape, 5e-4) {
			t.Errorf("%s: mean sMAPE = %.4f, want %.3f", want.model, got.SMAPE, want.smape)
		}
		if !scalar.EqualWithinAbs(got.MASE, want.mase, 5e-4) {
			t.Errorf("%s: mean MASE = %.4f, want %.3f", want.model, got.MASE, want.mase)
		}
	}
}
