//go:build ablation

package seq2one_test

import (
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// TestAirlineAblation (go test -tags ablation -run Ablation -v) shows what each part
// of the seasonality pipeline is worth on the airline protocol, as the mean
// over seeds 1, 11, 21, 31, 41 (ensemble members use Seed, Seed+1, ...) of
// the mean RMSE over the three folds.
func TestAirlineAblation(t *testing.T) {
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
