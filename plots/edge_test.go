package plots

import (
	"bytes"
	"errors"
	"image/png"
	"math"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

func panics(f func()) (msg any) {
	defer func() { msg = recover() }()
	f()
	return nil
}

func fill(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// TestEdgeCases renders every chart on awkward but valid data (a horizon of
// one, flat series, huge values, no timestamps, a single epoch) and checks
// that it produces a decodable image of the expected size without panicking.
func TestEdgeCases(t *testing.T) {
	start := time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC)
	huge := synth(60, 12)
	for i := range huge {
		huge[i] *= 1e300
	}
	hugeFc := fill(12, 1.5e302)
	band := func(fc []float64, w float64) forecast.Interval {
		b := forecast.Interval{Level: 90, Lo: make([]float64, len(fc)), Hi: make([]float64, len(fc))}
		for i, v := range fc {
			b.Lo[i], b.Hi[i] = v-w, v+w
		}
		return b
	}
	for _, test := range []struct {
		name  string
		chart Chart
	}{
		{"forecast/h1", &ForecastChart{ID: "h1", History: synth(40, 12), Forecast: []float64{130}, Actual: []float64{128}, Bands: []forecast.Interval{band([]float64{130}, 5)}, Times: monthly(start, 40), Freq: forecast.Monthly}},
		{"forecast/h1-steps", &ForecastChart{History: synth(40, 12), Forecast: []float64{130}, Bands: []forecast.Interval{band([]float64{130}, 5)}}},
		{"forecast/one-point-history", &ForecastChart{History: []float64{3}, Forecast: []float64{3}}},
		{"forecast/flat", &ForecastChart{History: fill(50, 7), Forecast: fill(10, 7), Actual: fill(10, 7), Bands: []forecast.Interval{band(fill(10, 7), 0)}, Times: hourly(start, 60), Freq: forecast.Hourly}},
		{"forecast/zero", &ForecastChart{History: fill(50, 0), Forecast: fill(10, 0)}},
		{"forecast/huge", &ForecastChart{History: huge, Forecast: hugeFc, Bands: []forecast.Interval{band(hugeFc, 1e302)}}},
		{"forecast/tiny", &ForecastChart{History: fill(20, 1e-300), Forecast: fill(5, 2e-300)}},
		{"forecast/daily-no-freq-ext", &ForecastChart{History: synth(30, 7), Forecast: synth(5, 7), Times: hourly(start, 35), Freq: forecast.Step}},
		{"walkforward/h1", &WalkForwardChart{Values: synth(30, 12), Folds: []Fold{{Origin: 29, Forecast: []float64{1}}}}},
		{"walkforward/past-end", &WalkForwardChart{Values: synth(30, 12), Times: monthly(start, 30), Freq: forecast.Monthly, Folds: []Fold{{Origin: 30, Forecast: synth(6, 12)}}}},
		{"walkforward/flat", &WalkForwardChart{Values: fill(30, 2), Metric: "MAE", Folds: []Fold{{Origin: 10, Forecast: fill(5, 2)}, {Origin: 20, Forecast: fill(5, 2)}}}},
		{"walkforward/huge", &WalkForwardChart{Values: huge, Folds: []Fold{{Origin: 48, Forecast: hugeFc}}}},
		{"horizon/h1", &HorizonChart{Models: []HorizonErrors{{Model: "a", Errors: []float64{1}}, {Model: "b", Errors: []float64{2}, Baseline: true}}}},
		{"horizon/flat", &HorizonChart{Models: []HorizonErrors{{Model: "a", Errors: fill(10, 0)}}}},
		{"horizon/huge", &HorizonChart{Models: []HorizonErrors{{Model: "a", Errors: fill(10, 1e305)}, {Model: "b", Errors: fill(10, -1e305)}}}},
		{"horizon/many", &HorizonChart{Models: func() []HorizonErrors {
			var ms []HorizonErrors
			for k := range 9 {
				ms = append(ms, HorizonErrors{Model: "model " + string(rune('a'+k)), Errors: synth(24, 12)[:24], Baseline: k%3 == 0})
			}
			return ms
		}()}},
		{"residuals/minimal", &ResidualChart{Residuals: []float64{1, -1, 0.5}}},
		{"residuals/flat", &ResidualChart{Residuals: fill(30, 4), Times: hourly(start, 30), Freq: forecast.Hourly}},
		{"residuals/zero", &ResidualChart{Residuals: fill(30, 0)}},
		{"residuals/huge", &ResidualChart{Residuals: huge}},
		{"training/one-epoch", &TrainingChart{Train: []float64{0.5}, Val: []float64{0.6}, BestEpoch: 1}},
		{"training/flat", &TrainingChart{Train: fill(10, 1), Val: fill(10, 1)}},
		{"training/zero-loss", &TrainingChart{Train: []float64{1, 0.1, 0, 0}}},
		{"training/huge", &TrainingChart{Train: []float64{1e300, 1e200, 1e-300}, Scale: Log}},
		{"grid/one", &GridChart{Panels: []ForecastChart{{ID: "x", History: synth(20, 4), Forecast: []float64{1}}}}},
		{"grid/uneven", &GridChart{Cols: 4, Panels: make5()}},
		{"series/components-of-tail", &SeriesChart{Values: synth(1000, 12), Season: 12, Components: decomposition(300, 12)}},
		{"series/longer-than-analysed", &SeriesChart{Values: synth(MaxAnalysed+5000, 24), Season: 24}},
	} {
		t.Run(test.name, func(t *testing.T) {
			var b []byte
			var err error
			if msg := panics(func() { b, err = renderPNG(test.chart, Size{Width: 400, Height: 250, DPI: 96}) }); msg != nil {
				t.Fatalf("renderPNG panicked: %v", msg)
			}
			if err != nil {
				t.Fatalf("renderPNG: %v", err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			// 400×250 pt at 96 dpi.
			if cfg.Width != 533 || cfg.Height != 333 {
				t.Errorf("image %d×%d, want 533×333", cfg.Width, cfg.Height)
			}
			if *outDir != "" {
				save(t, "edge_"+sanitize(test.name)+".png", test.chart)
			}
		})
	}
}

// decomposition is a made-up MSTL decomposition of n values with one
// seasonal period m.
func decomposition(n, m int) *features.MSTLDecomposition {
	return &features.MSTLDecomposition{Periods: []int{m}, Trend: fill(n, 1), Seasonal: [][]float64{synth(n, m)}, Remainder: fill(n, 0)}
}

func make5() []ForecastChart {
	var out []ForecastChart
	for k := range 5 {
		out = append(out, ForecastChart{ID: string(rune('A' + k)), History: synth(30, 6), Forecast: synth(6, 6), Metrics: []Metric{{"MASE", float64(k)}}})
	}
	return out
}

func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '/' {
			b[i] = '_'
		}
	}
	return string(b)
}

// TestBadData checks that charts reject data they cannot draw with an error
// naming the field and index, and write nothing.
func TestBadData(t *testing.T) {
	nan := math.NaN()
	for _, test := range []struct {
		name   string
		chart  Chart
		field  string
		index  int
		finite bool // the error wraps ErrNotFinite
	}{
		{"forecast NaN history", &ForecastChart{History: []float64{1, nan}, Forecast: []float64{1}}, "History", 1, true},
		{"forecast Inf forecast", &ForecastChart{History: []float64{1}, Forecast: []float64{1, math.Inf(1)}}, "Forecast", 1, true},
		{"forecast NaN actual", &ForecastChart{History: []float64{1}, Forecast: []float64{1}, Actual: []float64{nan}}, "Actual", 0, true},
		{"forecast NaN band", &ForecastChart{History: []float64{1}, Forecast: []float64{1, 2}, Bands: []forecast.Interval{{Level: 80, Lo: []float64{0, nan}, Hi: []float64{2, 3}}}}, "Bands[0].Lo", 1, true},
		{"forecast crossed band", &ForecastChart{History: []float64{1}, Forecast: []float64{1, 2}, Bands: []forecast.Interval{{Level: 80, Lo: []float64{0, 4}, Hi: []float64{2, 3}}}}, "Bands[0]", 1, false},
		{"forecast level fraction", &ForecastChart{History: []float64{1}, Forecast: []float64{1}, Bands: []forecast.Interval{{Level: 100, Lo: []float64{0}, Hi: []float64{2}}}}, "Bands[0].Level", -1, false},
		{"forecast empty horizon", &ForecastChart{History: []float64{1}}, "Forecast", -1, false},
		{"forecast empty history", &ForecastChart{Forecast: []float64{1}}, "History", -1, false},
		{"forecast short actual", &ForecastChart{History: []float64{1}, Forecast: []float64{1, 2}, Actual: []float64{1}}, "Actual", -1, false},
		{"forecast times", &ForecastChart{History: []float64{1, 2}, Forecast: []float64{1}, Times: make([]time.Time, 5)}, "Times", -1, false},
		{"forecast times order", &ForecastChart{History: []float64{1, 2}, Forecast: []float64{1}, Times: []time.Time{time.Unix(10, 0), time.Unix(10, 0)}}, "Times", 1, false},
		{"residual times order", &ResidualChart{Residuals: []float64{1, 2, 3}, Times: []time.Time{time.Unix(10, 0), time.Unix(20, 0), time.Unix(15, 0)}}, "Times", 2, false},
		{"forecast too large", &ForecastChart{History: []float64{math.MaxFloat64}, Forecast: []float64{1}}, "History", 0, false},
		{"walkforward NaN", &WalkForwardChart{Values: []float64{1, nan}, Folds: []Fold{{Origin: 1, Forecast: []float64{1}}}}, "Values", 1, true},
		{"walkforward fold NaN", &WalkForwardChart{Values: []float64{1, 2}, Folds: []Fold{{Origin: 1, Forecast: []float64{nan}}}}, "Folds[0].Forecast", 0, true},
		{"walkforward origin", &WalkForwardChart{Values: []float64{1, 2}, Folds: []Fold{{Origin: 0, Forecast: []float64{1}}}}, "Folds[0].Origin", -1, false},
		{"walkforward no folds", &WalkForwardChart{Values: []float64{1, 2}}, "Folds", -1, false},
		{"horizon NaN", &HorizonChart{Models: []HorizonErrors{{Model: "a", Errors: []float64{1, nan}}}}, "Models[0].Errors", 1, true},
		{"horizon ragged", &HorizonChart{Models: []HorizonErrors{{Errors: []float64{1, 2}}, {Errors: []float64{1}}}}, "Models[1].Errors", -1, false},
		{"horizon none", &HorizonChart{}, "Models", -1, false},
		{"residuals NaN", &ResidualChart{Residuals: []float64{1, 2, nan}}, "Residuals", 2, true},
		{"residuals short", &ResidualChart{Residuals: []float64{1, 2}}, "Residuals", -1, false},
		{"training NaN", &TrainingChart{Train: []float64{1, nan}}, "Train", 1, true},
		{"training val length", &TrainingChart{Train: []float64{1, 2}, Val: []float64{1}}, "Val", -1, false},
		{"training best", &TrainingChart{Train: []float64{1, 2}, BestEpoch: 3}, "BestEpoch", -1, false},
		{"training log zero", &TrainingChart{Train: []float64{1, 0}, Scale: Log}, "Train", 1, false},
		{"grid none", &GridChart{}, "Panels", -1, false},
		{"series components too long", &SeriesChart{Values: synth(100, 12), Components: decomposition(101, 12)}, "Components", -1, false},
		{"series components ragged", &SeriesChart{Values: synth(100, 12), Components: &features.MSTLDecomposition{Periods: []int{12}, Trend: fill(50, 1), Seasonal: [][]float64{fill(49, 0)}, Remainder: fill(50, 0)}}, "Components.Seasonal[0]", -1, false},
	} {
		t.Run(test.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, test.chart, Size{}, FormatPNG)
			var de *DataError
			if !errors.As(err, &de) {
				t.Fatalf("Write error = %v, want a *DataError", err)
			}
			if de.Field != test.field || de.Index != test.index {
				t.Errorf("Write error field %s[%d], want %s[%d] (%v)", de.Field, de.Index, test.field, test.index, err)
			}
			if got := errors.Is(err, ErrNotFinite); got != test.finite {
				t.Errorf("errors.Is(%v, ErrNotFinite) = %v, want %v", err, got, test.finite)
			}
			if buf.Len() != 0 {
				t.Errorf("Write wrote %d bytes despite the error", buf.Len())
			}
		})
	}
	// A grid names the panel that is wrong.
	g := &GridChart{Panels: []ForecastChart{{ID: "ok", History: []float64{1}, Forecast: []float64{1}}, {ID: "bad", History: []float64{nan}, Forecast: []float64{1}}}}
	err := Write(&bytes.Buffer{}, g, Size{}, FormatPNG)
	if err == nil || !errors.Is(err, ErrNotFinite) || !bytesContains(err.Error(), "panel 1 (bad)") {
		t.Errorf("grid error = %v, want one naming panel 1 (bad) and wrapping ErrNotFinite", err)
	}
	if msg := panics(func() {
		_ = Write(&bytes.Buffer{}, &TrainingChart{Train: []float64{1}, Scale: Scale(9)}, Size{}, FormatPNG)
	}); msg == nil {
		t.Error("unknown Scale did not panic")
	}
}

func bytesContains(s, sub string) bool { return bytes.Contains([]byte(s), []byte(sub)) }
