//go:build shared

package models_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
	"github.com/tsforecast/tsforecast/models"
)

// TestM4HourlyReference reproduces the M4 Hourly validation scores of the
// seasonal naive and naive forecasts: the last 48 values of each of the 414
// series of Hourly-train.csv held out, sMAPE and MASE (m = 24) averaged
// over the series. The reference values (seasonal naive 14.570 / 1.228,
// naive 41.399 / 11.532) were computed independently of this project and
// are quoted in issue 4. Naive2 (19.2252 / 2.4550, with 413 of the 414
// series found seasonal) comes from an independent Python version of the
// M4 benchmark code built on statsmodels 0.13.5 acf and
// seasonal_decompose (testdata/naive2_ref.py).
func TestM4HourlyReference(t *testing.T) {
	series := sample.Shared(t, "Hourly-train.csv", nil)
	if len(series) != 414 {
		t.Fatalf("Hourly-train.csv: got %d series, want 414", len(series))
	}
	cfg := &eval.Backtest{Horizon: 48, Origins: 1, Season: 24}
	ms := []eval.Model{
		{Name: "snaive", New: func() forecast.Forecaster { return &models.SeasonalNaive{Period: 24} }},
		{Name: "naive", New: func() forecast.Forecaster { return &models.Naive{} }},
		{Name: "naive2", New: func() forecast.Forecaster { return &models.Naive2{Period: 24} }},
	}
	res, err := eval.WalkForwardMany(context.Background(), series, ms, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct {
		model       string
		smape, mase float64
	}{
		{"snaive", 14.570, 1.228},
		{"naive", 41.399, 11.532},
		{"naive2", 19.2252, 2.4550},
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
	// With one fold per series, the per-step scores averaged over the
	// steps give the model's mean MAE again.
	for _, ms := range res.Models {
		var mae float64
		for _, st := range ms.Steps {
			mae += st.MAE
		}
		if got := mae / float64(len(ms.Steps)); !scalar.EqualWithinAbsOrRel(got, ms.MAE, 1e-9, 1e-9) {
			t.Errorf("%s: mean of per-step MAE %v, want the mean MAE %v", ms.Model, got, ms.MAE)
		}
	}
	t.Logf("seasonal naive sMAPE at steps 1, 24, 48: %.3f %.3f %.3f", res.Models[0].Steps[0].SMAPE, res.Models[0].Steps[23].SMAPE, res.Models[0].Steps[47].SMAPE)
	// OWA is relative to Naive2, which therefore scores exactly 1.
	if got := res.Model("naive2").OWA; got != 1 {
		t.Errorf("Naive2 OWA = %v, want 1", got)
	}
	if got := res.Ranked()[0].Model; got != "snaive" {
		t.Errorf("best model by OWA = %s, want snaive", got)
	}
	var buf bytes.Buffer
	if err := res.WriteSummary(&buf); err != nil {
		t.Fatal(err)
	}
	t.Logf("summary:\n%s", buf.String())
}

// TestM4HourlyHoltWinters scores Holt-Winters (additive season, no trend,
// the configuration of /work/shared/bench/peer_hw_m4.py) on the M4 Hourly
// validation split. statsmodels 0.13.5 ExponentialSmoothing gets sMAPE
// 17.000 and MASE 1.317 there (peer_hw_m4.py on the file with the last 48
// values of each row removed, scored with the M4 definitions; 38 s wall
// on this machine); ours must be within 10 % of those figures or better
// (measured 16.30 / 1.254).
func TestM4HourlyHoltWinters(t *testing.T) {
	series := sample.Shared(t, "Hourly-train.csv", nil)
	cfg := &eval.Backtest{Horizon: 48, Origins: 1, Season: 24}
	ms := []eval.Model{
		{Name: "hw", New: func() forecast.Forecaster { return &models.HoltWinters{Period: 24} }},
	}
	start := time.Now()
	res, err := eval.WalkForwardMany(context.Background(), series, ms, cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := res.Model("hw")
	t.Logf("holt-winters additive season: sMAPE %.3f MASE %.3f in %v (fit time summed over folds %.2fs)",
		got.SMAPE, got.MASE, time.Since(start), got.FitSeconds)
	if got.SMAPE > 17.000*1.1 || got.MASE > 1.317*1.1 {
		t.Errorf("Holt-Winters on M4 Hourly: sMAPE %.3f MASE %.3f, want within 10 %% of statsmodels' 17.000 / 1.317 or better", got.SMAPE, got.MASE)
	}
}
