package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

// modelSettings are the flags that configure models.
type modelSettings struct {
	season                 int // resolved seasonal period, 1 for none
	window, epochs, hidden int
	seed                   uint64
	workers                int // goroutines per network fit; 0 = all cores
	onEpoch                func(seq2one.EpochStats)
}

func settingsFrom(cCtx *cli.Context, season int) modelSettings {
	ms := modelSettings{season: season}
	ms.window = cCtx.Int("window")
	ms.epochs = cCtx.Int("epochs")
	ms.hidden = cCtx.Int("hidden")
	ms.seed = cCtx.Uint64("seed")
	return ms
}

// showEpochs makes the network name built from ms draw its training
// epochs on prog.
func (ms *modelSettings) showEpochs(prog *progress, name string) {
	maxEpochs := seq2one.New(ms.netConfig(name)).Config().Epochs
	ms.onEpoch = func(e seq2one.EpochStats) { prog.Epoch(e.Member, e.Epoch, maxEpochs, e.TrainLoss, e.ValLoss) }
}

// isNetwork reports whether name is a seq2one model.
func isNetwork(name string) bool { return name == "lstm" || name == "rnn" }

// netConfig returns the seq2one configuration for the network name.
func (ms modelSettings) netConfig(name string) *seq2one.Config {
	cfg := &seq2one.Config{
		Hidden:   ms.hidden,
		Window:   ms.window,
		Season:   ms.season,
		Epochs:   ms.epochs,
		Seed:     ms.seed,
		Workers:  ms.workers,
		Callback: ms.onEpoch,
	}
	if name == "rnn" {
		cfg.Cell = seq2one.RNN
	}
	return cfg
}

// evalName maps a CLI model name to the name eval's baselines use.
var evalName = map[string]string{
	"naive":  eval.NameNaive,
	"snaive": eval.NameSeasonalNaive,
	"drift":  eval.NameDrift,
	"mean":   eval.NameMean,
	"naive2": eval.NameNaive2,
	"hw":     eval.NameHoltWinters,
}

// model returns the factory of the model called name (a CLI model name),
// named as on the command line.
func (ms modelSettings) model(name string) (eval.Model, error) {
	if isNetwork(name) {
		cfg := ms.netConfig(name)
		return eval.Model{Name: name, New: func() forecast.Forecaster { return seq2one.New(cfg) }}, nil
	}
	en, ok := evalName[name]
	if !ok {
		return eval.Model{}, fmt.Errorf("unknown model %q", name)
	}
	for _, m := range eval.Baselines(ms.season) {
		if m.Name == en {
			m.Name = name
			return m, nil
		}
	}
	return eval.Model{}, errNotAvailable{"model " + name}
}

// parseModels splits and checks a --models list.
func parseModels(cCtx *cli.Context, list []string) ([]string, error) {
	var out []string
	for _, item := range list {
		for _, name := range strings.Split(item, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if !slices.Contains(modelNames, name) {
				return nil, usagef(cCtx, "invalid model %q in --models: want some of %s", name, strings.Join(modelNames, ", "))
			}
			if slices.Contains(out, name) {
				return nil, usagef(cCtx, "model %q given twice in --models", name)
			}
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		return nil, usagef(cCtx, "--models lists no model")
	}
	return out, nil
}

// counted wraps model factories so that every finished Fit (or Update)
// advances a counter, which drives the backtest progress display.
func counted(m eval.Model, done *atomic.Int64, tick func()) eval.Model {
	inner := m.New
	m.New = func() forecast.Forecaster {
		f := inner()
		c := countingForecaster{f: f, done: done, tick: tick}
		if _, ok := f.(forecast.Updater); ok {
			return &countingUpdater{c}
		}
		return &c
	}
	return m
}

type countingForecaster struct {
	f    forecast.Forecaster
	done *atomic.Int64
	tick func()
}

func (c *countingForecaster) Fit(ctx context.Context, s *forecast.Series) error {
	err := c.f.Fit(ctx, s)
	c.done.Add(1)
	c.tick()
	return err
}

func (c *countingForecaster) Predict(dst []float64, h int) ([]float64, error) {
	return c.f.Predict(dst, h)
}

type countingUpdater struct{ countingForecaster }

func (c *countingUpdater) Update(s *forecast.Series) error {
	err := c.f.(forecast.Updater).Update(s)
	c.done.Add(1)
	c.tick()
	return err
}
