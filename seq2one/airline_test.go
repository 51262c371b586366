package seq2one_test

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Reference scores on the airline protocol, from issue 3: seasonal naive
// (recomputed below) and statsmodels 0.14 ExponentialSmoothing (additive
// damped trend, multiplicative season).
const (
	airlineSeasonalNaive = 38.99
	airlineHoltWinters   = 20.00
)

var ablation = flag.Bool("ablation", false, "run the airline ablation of the seasonality pipeline (slow)")

// airlineProtocol runs the walk-forward protocol of issue 3: origins 108,
// 120 and 132 (the last 36 months), 12 months ahead each, expanding window,
// a model refit per origin. It returns the mean RMSE over the folds.
func airlineProtocol(t testing.TB, s *forecast.Series, newModel func() forecast.Forecaster) (mean float64, folds []float64) {
	t.Helper()
	ctx := context.Background()
	for _, o := range []int{108, 120, 132} {
		m := newModel()
		if err := m.Fit(ctx, s.Head(o)); err != nil {
			t.Fatalf("Fit(origin %d): %v", o, err)
		}
		fc, err := m.Predict(nil, 12)
		if err != nil {
			t.Fatalf("Predict(origin %d): %v", o, err)
		}
		r := rmse(fc, s.Values[o:o+12])
		folds = append(folds, r)
		mean += r / 3
	}
	return mean, folds
}

type seasonalNaive struct{ last []float64 }

func (n *seasonalNaive) Fit(_ context.Context, s *forecast.Series) error {
	n.last = s.Values[len(s.Values)-12:]
	return nil
}

func (n *seasonalNaive) Predict(dst []float64, h int) ([]float64, error) {
	dst = make([]float64, h)
	for i := range dst {
		dst[i] = n.last[i%12]
	}
	return dst, nil
}

// TestAirline runs the airline-passengers protocol with the default LSTM
// (seed 1) and requires a mean RMSE below seasonal naive's.
func TestAirline(t *testing.T) {
	s := airline(t)
	sn, _ := airlineProtocol(t, s, func() forecast.Forecaster { return &seasonalNaive{} })
	if sn < airlineSeasonalNaive-0.005 || sn > airlineSeasonalNaive+0.005 {
		t.Fatalf("seasonal naive mean RMSE %.3f, issue 3 says %.2f: the protocol differs", sn, airlineSeasonalNaive)
	}
	start := time.Now()
	mean, folds := airlineProtocol(t, s, func() forecast.Forecaster { return seq2one.New(&seq2one.Config{Seed: 1}) })
	t.Logf("airline, default LSTM, seed 1: mean RMSE %.2f (folds %.2f) in %v; seasonal naive %.2f, Holt-Winters %.2f (%+.0f %%)",
		mean, folds, time.Since(start).Round(time.Millisecond), sn, airlineHoltWinters, 100*(mean/airlineHoltWinters-1))
	if mean >= airlineSeasonalNaive {
		t.Errorf("LSTM mean RMSE %.2f, want < seasonal naive %.2f", mean, airlineSeasonalNaive)
	}
}

// TestAirlineAblation (go test -run Ablation -ablation) shows what each part
// of the seasonality pipeline is worth on the airline protocol, as the mean
// over seeds 1, 11, 21, 31, 41 (ensemble members use Seed, Seed+1, ...) of
// the mean RMSE over the three folds.
func TestAirlineAblation(t *testing.T) {
	if !*ablation {
		t.Skip("run with -ablation")
	}
	s := airline(t)
	for _, v := range []struct {
		name string
		cfg  seq2one.Config
	}{
		{"default (log, seas. norm. last 4 seasons, Fourier, level 12, val., ens. 3)", seq2one.Config{}},
		{"seasonal norm. over all seasons", seq2one.Config{SeasonalSpan: -1}},
		{"no seasonal normalisation", seq2one.Config{SeasonalNorm: seq2one.Off}},
		{"no Fourier/calendar phase inputs", seq2one.Config{Fourier: -1, Calendar: seq2one.Off}},
		{"no seasonal norm., no phase inputs", seq2one.Config{SeasonalNorm: seq2one.Off, Fourier: -1, Calendar: seq2one.Off}},
		{"no log (additive seasonal norm.)", seq2one.Config{Log: seq2one.Off}},
		{"no log, no seasonal norm.", seq2one.Config{Log: seq2one.Off, SeasonalNorm: seq2one.Off}},
		{"none of log, seasonal norm., phase inputs", seq2one.Config{Log: seq2one.Off, SeasonalNorm: seq2one.Off, Fourier: -1, Calendar: seq2one.Off}},
		{"level = last value (LevelSpan 1)", seq2one.Config{LevelSpan: 1}},
		{"RNN cell", seq2one.Config{Cell: seq2one.RNN}},
		{"single network (Ensemble 1)", seq2one.Config{Ensemble: 1}},
		{"no validation split (training loss picks the epoch)", seq2one.Config{ValFraction: -1}},
	} {
		var all []float64
		var mean float64
		for _, seed := range []uint64{1, 11, 21, 31, 41} {
			c := v.cfg
			c.Seed = seed
			m, _ := airlineProtocol(t, s, func() forecast.Forecaster { return seq2one.New(&c) })
			all = append(all, m)
			mean += m / 5
		}
		t.Logf("%-66s mean RMSE %.2f  seeds %.2f", v.name, mean, all)
	}
}
