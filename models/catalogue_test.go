package models_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
	"github.com/tsforecast/tsforecast/models"
)

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range models.Catalogue() {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if seen[n] {
				t.Errorf("name %q used twice in the catalogue", n)
			}
			seen[n] = true
			if got, err := models.Lookup(n); err != nil || got.Name != e.Name {
				t.Errorf("Lookup(%q) = %v, %v, want the entry %q", n, got, err, e.Name)
			}
		}
		if e.New == nil || e.MinLength == nil || e.Summary == "" {
			t.Errorf("entry %q lacks a constructor, a minimum length or a summary", e.Name)
		}
		if got := models.IsBaseline(e.Name); got != (e.Kind == models.Baseline) {
			t.Errorf("IsBaseline(%q) = %v for kind %v", e.Name, got, e.Kind)
		}
		// The constructor gives a fresh, unfitted model each time.
		if _, err := e.New(&models.Settings{}).Predict(nil, 1); !errors.Is(err, forecast.ErrNotFitted) {
			t.Errorf("%s: Predict of a new model: %v, want ErrNotFitted", e.Name, err)
		}
	}
	if _, err := models.Lookup("nope"); err == nil || !strings.Contains(err.Error(), "snaive") {
		t.Errorf("Lookup(nope) error = %v, want one listing the models", err)
	}
	if !slices.Equal(models.Names()[:3], []string{models.Default, "lstm", "rnn"}) {
		t.Errorf("Names() = %v, want the default model, then the networks first", models.Names())
	}
	for _, n := range models.Comparison() {
		if _, err := models.Lookup(n); err != nil {
			t.Errorf("Comparison() names %q: %v", n, err)
		}
	}
	if !models.IsBaseline("holt-winters") || models.IsBaseline("lstm") || models.IsBaseline("nope") {
		t.Error("IsBaseline disagrees with the kinds")
	}
}

// TestLocalMatchesPerSeries fits models.Local on the 12 series of the M4
// Hourly excerpt and checks each forecast against a model fitted on that
// series alone, and its intervals against eval.ConformalForecast with the
// calibration Local documents (20 origins one step apart, fitted once).
func TestLocalMatchesPerSeries(t *testing.T) {
	ctx := context.Background()
	series := sample.M4HourlySample(t)
	e, _ := models.Lookup("hw")
	s := &models.Settings{Season: 24, Horizon: 48, Levels: []float64{80, 95}}
	m := e.Multi(s, len(series))
	if _, ok := m.(*models.Local); !ok {
		t.Fatalf("Multi of hw is %T, want *models.Local", m)
	}
	if err := m.Fit(ctx, series); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 7} {
		got, err := m.PredictSeries(nil, i, 48)
		if err != nil {
			t.Fatal(err)
		}
		f := e.New(s)
		if err := f.Fit(ctx, series[i]); err != nil {
			t.Fatal(err)
		}
		want, _ := f.Predict(nil, 48)
		if !floats.Equal(got, want) {
			t.Errorf("series %d: Local forecast differs from a fit on the series alone", i)
		}
		ivs, err := m.(forecast.Intervaler).PredictIntervals(i, 48, s.Levels)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := eval.ConformalForecast(ctx, series[i], e.Model(s, nil), &eval.Backtest{
			Horizon: 48, Step: 1, Origins: 20, Refit: 0, Season: 24, Levels: s.Levels,
		})
		if err != nil {
			t.Fatal(err)
		}
		for k := range ivs {
			if ivs[k].Level != ref.Intervals[k].Level || !floats.Equal(ivs[k].Lo, ref.Intervals[k].Lo) || !floats.Equal(ivs[k].Hi, ref.Intervals[k].Hi) {
				t.Errorf("series %d: %v%% interval differs from eval.ConformalForecast's", i, ivs[k].Level)
			}
		}
	}
	if _, err := m.(forecast.Intervaler).PredictIntervals(0, 12, s.Levels); err == nil {
		t.Error("intervals for a horizon that was not calibrated did not fail")
	}
	// A series too short for the model is forecast by its fallback (the
	// naive forecast, after ets and ses), which says so; its intervals are
	// the naive ones, as it is too short for conformal calibration too.
	short := append(slices.Clone(series), &forecast.Series{ID: "tiny", Values: []float64{1, 2, 3}})
	ms := e.Multi(s, len(short))
	if err := ms.Fit(ctx, short); err != nil {
		t.Fatalf("Fit with a 3-value series: %v", err)
	}
	tiny := len(short) - 1
	if d, why := ms.(*models.Local).DescribeSeries(tiny); d != "naive" || why != "too short" {
		t.Errorf("the 3-value series was forecast by %q (%q), want the naive fallback (too short)", d, why)
	}
	fc, _ := ms.PredictSeries(nil, tiny, 48)
	ivs, err := ms.(forecast.Intervaler).PredictIntervals(tiny, 48, s.Levels)
	if err != nil || fc[0] != 3 || fc[47] != 3 || !(ivs[0].Lo[0] < 3 && ivs[0].Hi[0] > 3) {
		t.Errorf("fallback forecast %v..%v, intervals %v (%v); want 3 inside its intervals", fc[0], fc[47], ivs, err)
	}
}

// TestLocalSaveLoad saves a network fitted on one series through
// models.Local and loads it back with models.Load: after Update with the
// same history the forecasts are identical.
func TestLocalSaveLoad(t *testing.T) {
	ctx := context.Background()
	s := sample.Airline(t)
	e, _ := models.Lookup("lstm")
	set := &models.Settings{Hidden: 4, Epochs: 2, Seed: 1}
	m := e.Multi(set, 1)
	if err := m.Fit(ctx, []*forecast.Series{s}); err != nil {
		t.Fatal(err)
	}
	want, _ := m.PredictSeries(nil, 0, 12)
	var buf bytes.Buffer
	if err := m.(forecast.Saver).Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, name, err := models.Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if name != "lstm" {
		t.Errorf("Load name = %q, want lstm", name)
	}
	if err := got.Update([]*forecast.Series{s}); err != nil {
		t.Fatal(err)
	}
	i, ok := got.Index(s.ID)
	if !ok {
		t.Fatalf("Index(%q) not found after Update", s.ID)
	}
	fc, err := got.PredictSeries(nil, i, 12)
	if err != nil || !floats.Equal(fc, want) {
		t.Errorf("loaded model forecasts %v (%v), want %v", fc, err, want)
	}
	// A baseline has nothing to save.
	b, _ := models.Lookup("naive")
	bm := b.Multi(nil, 1)
	if err := bm.Fit(ctx, []*forecast.Series{s}); err != nil {
		t.Fatal(err)
	}
	if err := bm.(forecast.Saver).Save(&buf); err == nil {
		t.Error("saving a fitted naive model did not fail")
	}
}
