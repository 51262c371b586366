//go:build shared

// The tests of this file draw the real data of ../shared/data for
// inspection; they are built with -tags shared (see the README).

package plots

import (
	"context"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
	"github.com/tsforecast/tsforecast/models"
)

func openData(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(sample.SharedPath(t, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// readColumn reads a CSV with a time column 0 parsed with layout and returns
// the times and the values of column col.
func readColumn(t testing.TB, name, layout string, col int) ([]time.Time, []float64) {
	t.Helper()
	r := csv.NewReader(openData(t, name))
	if _, err := r.Read(); err != nil {
		t.Fatalf("%s: header: %v", name, err)
	}
	var ts []time.Time
	var vs []float64
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: row %d: %v", name, row, err)
		}
		tm, err := time.Parse(layout, rec[0])
		if err != nil {
			t.Fatalf("%s: row %d: %v", name, row, err)
		}
		v, err := strconv.ParseFloat(rec[col], 64)
		if err != nil {
			t.Fatalf("%s: row %d: %v", name, row, err)
		}
		ts = append(ts, tm)
		vs = append(vs, v)
	}
	return ts, vs
}

// readM4 returns the M4 hourly series with the given ids, in file order.
func readM4(t testing.TB, ids ...string) map[string][]float64 {
	t.Helper()
	r := csv.NewReader(openData(t, "Hourly-train.csv"))
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	out := map[string][]float64{}
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Hourly-train.csv: row %d: %v", row, err)
		}
		if len(ids) > 0 && !slices.Contains(ids, rec[0]) {
			continue
		}
		var vs []float64
		for _, s := range rec[1:] {
			if s == "" {
				break
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("Hourly-train.csv: row %d: %v", row, err)
			}
			vs = append(vs, v)
		}
		out[rec[0]] = vs
	}
	return out
}

// walkForward runs seasonal-naive folds of horizon h every step observations
// over the last span observations of vals.
func walkForward(vals []float64, h, m, step, folds int) []Fold {
	var out []Fold
	for k := folds - 1; k >= 0; k-- {
		origin := len(vals) - h - k*step
		fc, _ := seasonalNaive(vals[:origin], h, m)
		out = append(out, Fold{Origin: origin, Forecast: fc, Error: mae(vals[origin:origin+h], fc)})
	}
	return out
}

// horizonMAE returns the MAE at each step of the given forecaster, averaged
// over the folds.
func horizonMAE(vals []float64, h, step, folds int, f func(hist []float64) []float64) []float64 {
	out := make([]float64, h)
	for k := 0; k < folds; k++ {
		origin := len(vals) - h - k*step
		fc := f(vals[:origin])
		for i := range h {
			out[i] += math.Abs(vals[origin+i]-fc[i]) / float64(folds)
		}
	}
	return out
}

func naive(h int) func([]float64) []float64 {
	return func(hist []float64) []float64 {
		fc := make([]float64, h)
		for i := range fc {
			fc[i] = hist[len(hist)-1]
		}
		return fc
	}
}

func snaive(h, m int) func([]float64) []float64 {
	return func(hist []float64) []float64 {
		fc, _ := seasonalNaive(hist, h, m)
		return fc
	}
}

// drift is the random-walk-with-drift forecast of Hyndman & Athanasopoulos
// (FPP3 §5.2).
func drift(h int) func([]float64) []float64 {
	return func(hist []float64) []float64 {
		n := len(hist)
		slope := (hist[n-1] - hist[0]) / float64(n-1)
		fc := make([]float64, h)
		for i := range fc {
			fc[i] = hist[n-1] + slope*float64(i+1)
		}
		return fc
	}
}

// snaiveDrift adds the drift of the seasonal differences to seasonal naive:
// a stand-in "model" that beats the plain baselines on trending data.
func snaiveDrift(h, m int) func([]float64) []float64 {
	return func(hist []float64) []float64 {
		n := len(hist)
		fc, _ := seasonalNaive(hist, h, m)
		var d float64
		for i := m; i < n; i++ {
			d += hist[i] - hist[i-m]
		}
		d /= float64(n - m)
		for i := range fc {
			fc[i] += d * float64(i/m+1)
		}
		return fc
	}
}

// trainAR fits a linear AR(p) model to standardized x by full-batch gradient
// descent, holding out the last val windows, and returns the per-epoch train
// and validation MSE and the best epoch (1-based) with patience 25. It is a
// real, if small, training run for the training-curve chart.
func trainAR(x []float64, p, val, epochs int, lr float64) (train, valid []float64, best int) {
	mean, sd := 0.0, 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		sd += (v - mean) * (v - mean)
	}
	sd = math.Sqrt(sd / float64(len(x)))
	z := make([]float64, len(x))
	for i, v := range x {
		z[i] = (v - mean) / sd
	}
	w := make([]float64, p+1) // w[p] is the bias
	nw := len(z) - p
	split := nw - val
	grad := make([]float64, p+1)
	mse := func(from, to int) float64 {
		var s float64
		for t := from; t < to; t++ {
			y := w[p]
			for j := range p {
				y += w[j] * z[t+j]
			}
			d := y - z[t+p]
			s += d * d
		}
		return s / float64(to-from)
	}
	bestVal := math.Inf(1)
	for e := 1; e <= epochs; e++ {
		clear(grad)
		for t := 0; t < split; t++ {
			y := w[p]
			for j := range p {
				y += w[j] * z[t+j]
			}
			d := 2 * (y - z[t+p]) / float64(split)
			for j := range p {
				grad[j] += d * z[t+j]
			}
			grad[p] += d
		}
		for j := range w {
			w[j] -= lr * grad[j]
		}
		train = append(train, mse(0, split))
		valid = append(valid, mse(split, nw))
		if valid[e-1] < bestVal {
			bestVal, best = valid[e-1], e
		} else if e-best >= 25 {
			break
		}
	}
	return train, valid, best
}

func TestRealData(t *testing.T) {
	t.Run("airline", func(t *testing.T) {
		times, vals := readColumn(t, "airline-passengers.csv", "2006-01", 1)
		h := 24
		n := len(vals) - h
		fc, bands := seasonalNaive(vals[:n], h, 12, 0.8, 0.95)
		save(t, "airline_forecast.png", &ForecastChart{
			ID: "airline-passengers", Model: "seasonal naive",
			Metrics: []Metric{{"MAE", mae(vals[n:], fc)}},
			History: vals[:n], Forecast: fc, Actual: vals[n:], Bands: bands,
			Times: times, Freq: forecast.Monthly,
		})
		folds := walkForward(vals, 12, 12, 6, 12)
		save(t, "airline_walkforward.png", &WalkForwardChart{
			ID: "airline-passengers", Model: "seasonal naive", Metric: "MAE",
			Values: vals, Times: times, Freq: forecast.Monthly, Folds: folds,
		})
		res := make([]float64, 0, len(vals)-12)
		for i := 12; i < len(vals); i++ {
			res = append(res, vals[i]-vals[i-12])
		}
		save(t, "airline_residuals.png", &ResidualChart{
			ID: "airline-passengers", Model: "seasonal naive",
			Residuals: res, Times: times[12:], Freq: forecast.Monthly,
		})
		hm := func(f func([]float64) []float64) []float64 { return horizonMAE(vals, 18, 3, 8, f) }
		save(t, "airline_horizon.png", &HorizonChart{
			Title: "airline-passengers: MAE by horizon step (8 folds)", Metric: "MAE (thousands)",
			Models: []HorizonErrors{
				{Model: "seasonal naive + drift", Errors: hm(snaiveDrift(18, 12))},
				{Model: "naive", Errors: hm(naive(18)), Baseline: true},
				{Model: "seasonal naive", Errors: hm(snaive(18, 12)), Baseline: true},
				{Model: "drift", Errors: hm(drift(18)), Baseline: true},
			},
		})
		tr, va, best := trainAR(vals, 13, 24, 400, 0.05)
		save(t, "airline_training.png", &TrainingChart{
			Title: "airline-passengers: linear AR(13) by gradient descent", Loss: "MSE (standardized)",
			Train: tr, Val: va, BestEpoch: best,
		})
	})
	t.Run("etth1", func(t *testing.T) {
		times, vals := readColumn(t, "ETTh1.csv", "2006-01-02 15:04:05", 7)
		h := 48
		n := len(vals) - h
		fc, bands := seasonalNaive(vals[:n], h, 24, 0.5, 0.8, 0.95)
		save(t, "etth1_forecast.png", &ForecastChart{
			ID: "ETTh1 OT", Model: "seasonal naive",
			Metrics: []Metric{{"MAE", mae(vals[n:], fc)}},
			History: vals[:n], Forecast: fc, Actual: vals[n:], Bands: bands,
			Times: times[:n], Freq: forecast.Hourly,
		})
		// The last 60 days with a fold every 5 days.
		last := vals[len(vals)-60*24:]
		folds := walkForward(last, 48, 24, 120, 11)
		save(t, "etth1_walkforward.png", &WalkForwardChart{
			ID: "ETTh1 OT", Model: "seasonal naive", Metric: "MAE",
			Values: last, Times: times[len(vals)-60*24:], Freq: forecast.Hourly, Folds: folds,
		})
		res := make([]float64, 0, 30*24)
		for i := len(vals) - 30*24; i < len(vals); i++ {
			res = append(res, vals[i]-vals[i-1])
		}
		save(t, "etth1_residuals.png", &ResidualChart{
			ID: "ETTh1 OT", Model: "naive (one step)",
			Residuals: res, Times: times[len(vals)-30*24:], Freq: forecast.Hourly,
		})
		hm := func(f func([]float64) []float64) []float64 { return horizonMAE(vals, 48, 24, 20, f) }
		save(t, "etth1_horizon.png", &HorizonChart{
			Metric: "MAE (°C)",
			Models: []HorizonErrors{
				{Model: "naive", Errors: hm(naive(48)), Baseline: true},
				{Model: "seasonal naive", Errors: hm(snaive(48, 24)), Baseline: true},
				{Model: "drift", Errors: hm(drift(48)), Baseline: true},
			},
		})
		tr, va, best := trainAR(vals[len(vals)-2000:], 24, 300, 300, 0.03)
		save(t, "etth1_training.png", &TrainingChart{
			Title: "ETTh1 OT: linear AR(24) by gradient descent", Loss: "MSE (standardized)",
			Train: tr, Val: va, BestEpoch: best,
		})
	})
	t.Run("m4", func(t *testing.T) {
		all := readM4(t)
		vals := all["H1"]
		h := 48
		n := len(vals) - h
		fc, bands := seasonalNaive(vals[:n], h, 24, 0.95)
		save(t, "m4_H1_forecast.png", &ForecastChart{
			ID: "H1", Model: "seasonal naive",
			Metrics: []Metric{{"MAE", mae(vals[n:], fc)}},
			History: vals[:n], Forecast: fc, Actual: vals[n:], Bands: bands,
		})
		save(t, "m4_H1_walkforward.png", &WalkForwardChart{
			ID: "H1", Model: "seasonal naive", Metric: "MAE",
			Values: vals, Folds: walkForward(vals, 48, 24, 48, 8),
		})
		ids := make([]string, 0, len(all))
		for id := range all {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		scores := make([]float64, len(ids))
		panels := make([]ForecastChart, len(ids))
		for i, id := range ids {
			v := all[id]
			n := len(v) - h
			fc, bands := seasonalNaive(v[:n], h, 24, 0.8, 0.95)
			// MASE with the in-sample seasonal-naive scale (m = 24), as in M4.
			var scale float64
			for j := 24; j < n; j++ {
				scale += math.Abs(v[j] - v[j-24])
			}
			scale /= float64(n - 24)
			scores[i] = mae(v[n:], fc) / scale
			panels[i] = ForecastChart{ID: id, Metrics: []Metric{{"MASE", scores[i]}}, History: v[:n], Forecast: fc, Actual: v[n:], Bands: bands, Tail: 96}
		}
		for _, pick := range []struct {
			name string
			f    func([]float64, int) ([]int, error)
		}{{"worst", Worst}, {"best", Best}} {
			idx, err := pick.f(scores, 9)
			if err != nil {
				t.Fatal(err)
			}
			var g GridChart
			g.Title = "M4 Hourly, seasonal naive: 9 " + pick.name + " series by MASE"
			for _, i := range idx {
				g.Panels = append(g.Panels, panels[i])
			}
			save(t, "m4_grid_"+pick.name+".png", &g)
		}
	})
}

// TestDivergingTraining draws a run whose loss explodes (too large a
// learning rate): the log axis must stay legible over 50 decades.
func TestDivergingTraining(t *testing.T) {
	_, vals := readColumn(t, "ETTh1.csv", "2006-01-02 15:04:05", 7)
	tr, va, best := trainAR(vals[len(vals)-2000:], 24, 300, 300, 0.3)
	save(t, "etth1_training_diverging.png", &TrainingChart{
		Title: "ETTh1 OT: AR(24), learning rate too high", Loss: "MSE (standardized)",
		Train: tr, Val: va, BestEpoch: best,
	})
}

// TestRealReport writes full reports from real data with eval's baselines:
// airline passengers (walk-forward, conformal forecast) and the M4 hourly
// file (grid of the worst series). It loads with forecast.ReadFile, the
// loader the CLI uses. The reports go to -plots.out when set.
func TestRealReport(t *testing.T) {
	out := *outDir
	if out == "" {
		out = t.TempDir()
	}
	ctx := context.Background()
	s := sample.Airline(t)
	cfg := &eval.Backtest{Horizon: 12, Step: 3, Origins: 24, Levels: []float64{80, 95}, Calibration: 4}
	bt, err := eval.WalkForward(ctx, s, baselineModels(12, "naive", "snaive", "drift", "mean", "naive2", "hw"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	hw := baselineModels(12, "hw")[0]
	fc, err := eval.ConformalForecast(ctx, s, hw, &eval.Backtest{Horizon: 24, Step: 1, Origins: 30, Levels: []float64{80, 95}})
	if err != nil {
		t.Fatal(err)
	}
	tr, va, best := trainAR(s.Values, 13, 24, 400, 0.05)
	r := &Report{Series: s, Backtest: bt, Forecast: fc, Baseline: models.IsBaseline,
		Training: &TrainingChart{Title: "airline-passengers: linear AR(13) by gradient descent", Loss: "MSE (standardized)", Train: tr, Val: va, BestEpoch: best}}
	if err := WriteReport(filepath.Join(out, "report_airline"), r); err != nil {
		t.Fatal(err)
	}

	series := sample.Shared(t, "Hourly-train.csv", &csvio.LoadOptions{Freq: "hourly"})[:60]
	mr, err := eval.WalkForwardMany(ctx, series, baselineModels(24, "naive", "snaive", "naive2"), &eval.Backtest{Horizon: 48, Step: 48, Origins: 2, Season: 24})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteReport(filepath.Join(out, "report_m4"), &Report{Title: "M4 Hourly, first 60 series", Many: mr, ManySeries: series, Baseline: models.IsBaseline}); err != nil {
		t.Fatal(err)
	}
}

// TestRealDaily draws the Melbourne temperatures (daily, two missing dates)
// to check day-level tick labels.
func TestRealDaily(t *testing.T) {
	times, vals := readColumn(t, "daily-min-temperatures.csv", "2006-01-02", 1)
	h := 30
	n := len(vals) - h
	fc, bands := seasonalNaive(vals[:n], h, 7, 0.8, 0.95)
	save(t, "daily_forecast.png", &ForecastChart{
		ID: "daily-min-temperatures", Model: "weekly seasonal naive",
		Metrics: []Metric{{"MAE", mae(vals[n:], fc)}},
		History: vals[:n], Forecast: fc, Actual: vals[n:], Bands: bands,
		Times: times, Freq: forecast.Daily, Tail: 90,
	})
}
