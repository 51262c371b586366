package plots

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"gonum.org/v1/plot/cmpimg"
)

// Golden images: go test ./plots -regen rewrites testdata/*_golden.png
// (the -regen flag is registered by gonum.org/v1/plot/cmpimg). A failing
// comparison writes the new rendering next to the golden as testdata/x.png
// (git-ignored) so the two can be viewed side by side.

// goldenDelta is the normalised tolerance of cmpimg.EqualApprox, as used by
// gonum/plot's own tests to absorb rasterisation differences across
// architectures (plotter/filledLine_test.go).
const goldenDelta = 0.01

func checkGolden(t *testing.T, name string, c Chart) {
	t.Helper()
	got, err := renderPNG(c, Size{})
	if err != nil {
		t.Fatalf("%s: render: %v", name, err)
	}
	golden := filepath.Join("testdata", name+"_golden.png")
	if *cmpimg.GenerateTestData {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%s: %v (run go test -regen to create it)", name, err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
	if err != nil {
		t.Fatalf("%s: compare: %v", name, err)
	}
	if !ok {
		out := filepath.Join("testdata", name+".png")
		_ = os.WriteFile(out, got, 0o644)
		t.Errorf("%s: rendering differs from %s beyond delta %v; new image in %s", name, golden, goldenDelta, out)
	}
}

// synth returns n values of a deterministic seasonal series with trend:
// 100 + 0.5 t + 10 sin(2πt/m) + 3 sin(2πt/7.3), the last term breaking the
// pure seasonality so that forecasts have visible errors.
func synth(n, m int) []float64 {
	v := make([]float64, n)
	for t := range v {
		ft := float64(t)
		v[t] = 100 + 0.5*ft + 10*math.Sin(2*math.Pi*ft/float64(m)) + 3*math.Sin(2*math.Pi*ft/7.3)
	}
	return v
}

func monthly(start time.Time, n int) []time.Time {
	ts := make([]time.Time, n)
	for i := range ts {
		ts[i] = forecast.Monthly.Add(start, i)
	}
	return ts
}

func hourly(start time.Time, n int) []time.Time {
	ts := make([]time.Time, n)
	for i := range ts {
		ts[i] = forecast.Hourly.Add(start, i)
	}
	return ts
}

func goldenForecast(n, h, m int, times []time.Time, freq forecast.Freq) *ForecastChart {
	v := synth(n+h, m)
	fc, bands := seasonalNaive(v[:n], h, m, 0.8, 0.95)
	return &ForecastChart{
		ID: "synthetic", Model: "seasonal naive",
		Metrics: []Metric{{"MAE", mae(v[n:], fc)}, {"sMAPE", 1.234}},
		History: v[:n], Forecast: fc, Actual: v[n:], Bands: bands,
		Times: times, Freq: freq,
	}
}

func TestGolden(t *testing.T) {
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	v := synth(120, 12)
	times := monthly(start, 120)
	var folds []Fold
	for k := 0; k < 6; k++ {
		origin := 48 + 12*k
		fc, _ := seasonalNaive(v[:origin], 12, 12)
		folds = append(folds, Fold{Origin: origin, Forecast: fc, Error: mae(v[origin:origin+12], fc)})
	}
	res := make([]float64, 0, 108)
	for i := 12; i < 120; i++ {
		res = append(res, v[i]-v[i-12])
	}
	hz := func(scale, growth float64) []float64 {
		e := make([]float64, 12)
		for i := range e {
			e[i] = scale * (1 + growth*math.Sqrt(float64(i)))
		}
		return e
	}
	train := make([]float64, 60)
	val := make([]float64, 60)
	for e := range train {
		fe := float64(e)
		train[e] = 2 * math.Exp(-fe/6)
		val[e] = 2.2*math.Exp(-fe/6) + 0.02 + 0.0004*math.Max(0, fe-30)*math.Max(0, fe-30)
	}
	var grid GridChart
	grid.Title = "synthetic: small multiples"
	for k := 0; k < 9; k++ {
		// Nine different series: scaled, with a shock of growing size over
		// the horizon so the forecasts miss by different amounts.
		v := synth(84, 12)
		for i := range v {
			v[i] *= float64(k + 1)
			if i >= 72 {
				v[i] += float64(k) * 4 * math.Sin(float64(i-72)/2)
			}
		}
		fc, bands := seasonalNaive(v[:72], 12, 12, 0.8, 0.95)
		grid.Panels = append(grid.Panels, ForecastChart{
			ID: "S" + string(rune('1'+k)), Metrics: []Metric{{"MAE", mae(v[72:], fc)}},
			History: v[:72], Forecast: fc, Actual: v[72:], Bands: bands, Tail: 48,
		})
	}
	comp, err := features.MSTL(nil, v, []float64{12}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		name  string
		chart Chart
	}{
		{"series", &SeriesChart{ID: "synthetic", YLabel: "y", Values: v, Times: times, Freq: forecast.Monthly, Season: 12, Components: comp}},
		{"forecast_monthly", goldenForecast(108, 12, 12, monthly(start, 108), forecast.Monthly)},
		{"forecast_hourly", goldenForecast(24*7, 48, 24, hourly(start, 24*7), forecast.Hourly)},
		{"forecast_steps", goldenForecast(96, 24, 24, nil, forecast.Step)},
		{"walkforward", &WalkForwardChart{ID: "synthetic", Model: "seasonal naive", Metric: "MAE", Values: v, Times: times, Freq: forecast.Monthly, Folds: folds}},
		{"horizon", &HorizonChart{Metric: "MAE", Models: []HorizonErrors{
			{Model: "lstm", Errors: hz(1, 0.3)},
			{Model: "naive", Errors: hz(2, 0.6), Baseline: true},
			{Model: "seasonal naive", Errors: hz(1.5, 0.1), Baseline: true},
		}}},
		{"residuals", &ResidualChart{ID: "synthetic", Model: "seasonal naive", Residuals: res, Times: times[12:], Freq: forecast.Monthly}},
		{"training", &TrainingChart{Title: "synthetic training run", Train: train, Val: val, BestEpoch: 31}},
		{"grid", &grid},
	} {
		t.Run(test.name, func(t *testing.T) {
			checkGolden(t, test.name, test.chart)
		})
	}
}

// TestGoldenDetectsChange makes sure the golden comparison can fail: a chart
// with a different forecast must not match the forecast golden.
func TestGoldenDetectsChange(t *testing.T) {
	if *cmpimg.GenerateTestData {
		t.Skip("regenerating")
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	c := goldenForecast(108, 12, 12, monthly(start, 108), forecast.Monthly)
	for i := range c.Forecast {
		c.Forecast[i] += 15
	}
	got, err := renderPNG(c, Size{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "forecast_monthly_golden.png"))
	if err != nil {
		t.Skip(err)
	}
	if ok, _ := cmpimg.EqualApprox("png", got, want, goldenDelta); ok || bytes.Equal(got, want) {
		t.Error("shifted forecast matched the golden image: the comparison is too loose")
	}
}

// BenchmarkRender measures rendering a chart to PNG bytes at the default
// size (rasterising and PNG encoding dominate).
func BenchmarkRender(b *testing.B) {
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, bm := range []struct {
		name  string
		chart Chart
	}{
		{"forecast", goldenForecast(108, 12, 12, monthly(start, 108), forecast.Monthly)},
		{"residuals", &ResidualChart{Residuals: synth(500, 24)}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := renderPNG(bm.chart, Size{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
