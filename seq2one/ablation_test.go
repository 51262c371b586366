//go:build ablation

package seq2one_test

import (
	"context"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// TestAirlineAblation (go test -tags ablation -run Ablation -v) shows what
// the choices of the single-series model are worth on the airline
// protocol, as the mean over seeds 1 to 5 (ensemble members use Seed,
// Seed+1, ...) of the mean RMSE over the three folds, with the number of
// ensemble members (of 45) that kept the untrained network (epoch 0, the
// baseline) and that kept epoch 1.
func TestAirlineAblation(t *testing.T) {
	s := airline(t)
	for _, v := range []struct {
		name string
		cfg  seq2one.Config
	}{
		{"default (head of 24, baseline, validation on the last 24 values)", seq2one.Config{}},
		{"head of 12 outputs (Horizon 12)", seq2one.Config{Horizon: 12}},
		{"one-step head, recursive forecasts (Horizon 1)", seq2one.Config{Horizon: 1}},
		{"no validation (training loss picks the epoch)", seq2one.Config{ValFraction: -1}},
		{"1 epoch", seq2one.Config{Epochs: 1}},
		{"5 epochs", seq2one.Config{Epochs: 5}},
		{"moving average of the weights (Average 0.995)", seq2one.Config{Average: 0.995}},
		{"single network (Ensemble 1)", seq2one.Config{Ensemble: 1}},
		{"seasonal norm. over all seasons", seq2one.Config{SeasonalSpan: -1}},
		{"no seasonal normalisation", seq2one.Config{SeasonalNorm: seq2one.Off}},
		{"no log", seq2one.Config{Log: seq2one.Off}},
		{"no Fourier/calendar phase inputs", seq2one.Config{Fourier: -1, Calendar: seq2one.Off}},
		{"level = last value (LevelSpan 1)", seq2one.Config{LevelSpan: 1}},
		{"RNN cell", seq2one.Config{Cell: seq2one.RNN}},
		{"learning rate 0.003", seq2one.Config{LearningRate: 0.003}},
		{"Huber loss", seq2one.Config{Loss: seq2one.Huber}},
		{"weight decay 0.1", seq2one.Config{WeightDecay: 0.1}},
	} {
		var all []float64
		var mean float64
		var kept0, kept1, members int
		for _, seed := range []uint64{1, 2, 3, 4, 5} {
			c := v.cfg
			c.Seed = seed
			m, _ := airlineProtocol(t, s, func() forecast.Forecaster {
				return &keptCounter{Model: seq2one.New(&c), kept0: &kept0, kept1: &kept1, members: &members}
			})
			all = append(all, m)
			mean += m / 5
		}
		t.Logf("%-66s mean RMSE %.2f  seeds %.2f  kept epoch 0: %d, 1: %d of %d", v.name, mean, all, kept0, kept1, members)
	}
}

// keptCounter counts, after each Fit, the members that kept epoch 0 or 1.
type keptCounter struct {
	*seq2one.Model
	kept0, kept1, members *int
}

func (k *keptCounter) Fit(ctx context.Context, s *forecast.Series) error {
	if err := k.Model.Fit(ctx, s); err != nil {
		return err
	}
	kept := map[int]int{}
	for _, st := range k.Model.History() {
		if st.Best {
			kept[st.Member] = st.Epoch
		}
	}
	for _, e := range kept {
		*k.members++
		switch e {
		case 0:
			*k.kept0++
		case 1:
			*k.kept1++
		}
	}
	return nil
}
