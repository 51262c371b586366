package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

// settingsFrom reads the model flags of cCtx into the catalogue's
// settings, with the resolved seasonal period.
func settingsFrom(cCtx *cli.Context, season int) *models.Settings {
	s := &models.Settings{
		Season: season,
		Window: cCtx.Int("window"),
		Epochs: cCtx.Int("epochs"),
		Hidden: cCtx.Int("hidden"),
		Seed:   cCtx.Uint64("seed"),
	}
	if slices.Contains(cCtx.FlagNames(), "local") {
		s.Local = cCtx.Bool("local")
	}
	return s
}

// modelNames lists the catalogue's models for flag help and validation.
func modelNames() []string { return models.Names() }

// savableNames lists the models whose fits can be saved.
func savableNames() []string {
	var out []string
	for _, e := range models.Catalogue() {
		if e.Save {
			out = append(out, e.Name)
		}
	}
	return out
}

// lookupModel returns the catalogue entry of the model called name, or a
// usage error.
func lookupModel(cCtx *cli.Context, flag, name string) (*models.Entry, error) {
	e, err := models.Lookup(name)
	if err != nil {
		return nil, usagef(cCtx, "invalid %s %q: want one of %s", flag, name, strings.Join(modelNames(), ", "))
	}
	return e, nil
}

// modelLabel is how notes name a model fitted on n series: "global lstm"
// for one network trained on all of them.
func modelLabel(e *models.Entry, s *models.Settings, n int) string {
	if e.Kind == models.Network && e.Global(s, n) {
		return "global " + e.Name
	}
	return e.Name
}

// showEpochs draws the training epochs of the network e (one network, or
// one global network over n series, also as the member of a combination)
// on prog; per-series networks fitted side by side draw the series count
// instead.
func showEpochs(prog *progress, e *models.Entry, s *models.Settings, n int) {
	if e.Kind != models.Network && e.Kind != models.Combination || n > 1 && !e.Global(s, n) {
		return
	}
	cfg := seq2one.New(&seq2one.Config{Epochs: s.Epochs}).Config()
	if n > 1 {
		cfg = seq2one.NewGlobal(&seq2one.Config{Epochs: s.Epochs}).Config()
	}
	s.OnEpoch = func(st seq2one.EpochStats) { prog.Epoch(st, cfg.Ensemble, cfg.Epochs, cfg.Patience) }
}

// parseModels splits and checks a --models list.
func parseModels(cCtx *cli.Context, list []string) ([]*models.Entry, error) {
	var out []*models.Entry
	for _, item := range list {
		for _, name := range strings.Split(item, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			e, err := lookupModel(cCtx, "model in --models", name)
			if err != nil {
				return nil, err
			}
			if slices.Contains(out, e) {
				return nil, usagef(cCtx, "model %q given twice in --models", name)
			}
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil, usagef(cCtx, "--models lists no model")
	}
	return out, nil
}

// counted wraps model factories so that the first call of New calls
// start and every finished Fit (or Update) is counted on n, which drives
// the backtest progress display, and, unless allowNegative, clips at 0
// the forecasts of histories without negative values, as the forecast
// command does.
func counted(m eval.Model, n *fitCounter, start func(), allowNegative bool) eval.Model {
	inner := m.New
	var once sync.Once
	m.New = func() forecast.Forecaster {
		once.Do(start)
		f := inner()
		c := countingForecaster{f: f, n: n, clip: !allowNegative}
		if _, ok := f.(forecast.Updater); ok {
			return &countingUpdater{c}
		}
		return &c
	}
	return m
}

// fitCounter counts the fits of one model in a backtest.
type fitCounter struct {
	// fits counts the fits and updates done; origins is the most origins
	// one series has been through, which for a global model is the number
	// of its fits over all series (one per origin, made when the first
	// series reaches it).
	fits, origins atomic.Int64
	// tick is called after each count.
	tick func(*fitCounter)
}

// add counts a fit of a series at its origin-th origin (from 1).
func (n *fitCounter) add(origin int) {
	n.fits.Add(1)
	for {
		cur := n.origins.Load()
		if int64(origin) <= cur || n.origins.CompareAndSwap(cur, int64(origin)) {
			break
		}
	}
	n.tick(n)
}

type countingForecaster struct {
	f      forecast.Forecaster
	n      *fitCounter
	origin int  // the origins this forecaster has been fitted at
	clip   bool // clip forecasts of non-negative histories at 0
	nonNeg bool // the last history had no negative value
}

func (c *countingForecaster) Fit(ctx context.Context, s *forecast.Series) error {
	err := c.f.Fit(ctx, s)
	c.nonNeg = c.clip && forecast.NonNegative(s.Values)
	c.origin++
	c.n.add(c.origin)
	return err
}

func (c *countingForecaster) Predict(dst []float64, h int) ([]float64, error) {
	p, err := c.f.Predict(dst, h)
	if err == nil && c.nonNeg {
		forecast.ClipNonNegative(p, nil)
	}
	return p, err
}

// PredictIntervals passes on the model's own intervals.
func (c *countingForecaster) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	ip, ok := c.f.(forecast.IntervalPredictor)
	if !ok {
		return nil, forecast.ErrNoIntervals
	}
	ivs, err := ip.PredictIntervals(h, levels)
	if err == nil && c.nonNeg {
		forecast.ClipNonNegative(nil, ivs)
	}
	return ivs, err
}

// Describe and FellBack pass on what the model says of its fit.
func (c *countingForecaster) Describe() string {
	if d, ok := c.f.(forecast.Describer); ok {
		return d.Describe()
	}
	return ""
}

func (c *countingForecaster) FellBack() bool {
	fb, ok := c.f.(forecast.Fallbacker)
	return ok && fb.FellBack()
}

type countingUpdater struct{ countingForecaster }

func (c *countingUpdater) Update(s *forecast.Series) error {
	err := c.f.(forecast.Updater).Update(s)
	c.nonNeg = c.clip && forecast.NonNegative(s.Values)
	c.origin++
	c.n.add(c.origin)
	return err
}

// historian is a fitted model that keeps its training history (the
// networks).
type historian interface {
	History() []seq2one.EpochStats
}

// members splits a training history by ensemble member.
func members(hist []seq2one.EpochStats) [][]seq2one.EpochStats {
	var out [][]seq2one.EpochStats
	for _, e := range hist {
		for len(out) <= e.Member {
			out = append(out, nil)
		}
		out[e.Member] = append(out[e.Member], e)
	}
	return out
}

// keptEpoch returns the epoch whose weights a member kept: the last with
// Best set (the last epoch when none is marked).
func keptEpoch(h []seq2one.EpochStats) seq2one.EpochStats {
	kept := h[len(h)-1]
	for _, e := range h {
		if e.Best {
			kept = e
		}
	}
	return kept
}

// noteTraining prints a one-line summary of a network's training.
func noteTraining(prog *progress, name string, hist []seq2one.EpochStats) {
	if len(hist) == 0 {
		return
	}
	ms := members(hist)
	var epochs, kept []string
	for _, h := range ms {
		if len(h) == 0 {
			continue
		}
		k := keptEpoch(h)
		trained := 0
		for _, e := range h {
			if e.Epoch >= 1 {
				trained++
			}
		}
		epochs = append(epochs, fmt.Sprint(trained))
		var loss string
		if k.Epoch < 1 {
			// Epoch 0 is the untrained network: the baseline forecast
			// (level and seasonal pattern) it corrects.
			loss = "0 (the baseline"
		} else {
			loss = fmt.Sprintf("%d (train loss %.4g", k.Epoch, k.TrainLoss)
		}
		if k.ValLoss == k.ValLoss {
			loss += fmt.Sprintf(", validation %.4g", k.ValLoss)
		}
		kept = append(kept, loss+")")
	}
	elapsed := hist[len(hist)-1].Elapsed.Seconds() // since Fit started
	nets := "1 network"
	if len(ms) > 1 {
		nets = fmt.Sprintf("%d networks", len(ms))
	}
	prog.Notef("%s: %s, %s epochs in %.1fs, kept epoch %s", name, nets, strings.Join(epochs, "+"), elapsed, strings.Join(kept, ", "))
	first := 0
	for _, h := range ms {
		if len(h) > 0 && keptEpoch(h).Epoch == 1 {
			first++
		}
	}
	if first > 0 {
		prog.Notef("warning: %s: %d of %d networks kept their first epoch: they learned nothing past one pass over the data (the validation loss never improved)", name, first, len(ms))
	}
	base := 0
	for _, h := range ms {
		if len(h) > 0 && keptEpoch(h).Epoch < 1 {
			base++
		}
	}
	if base > 0 {
		prog.Notef("%s: %d of %d networks kept the baseline forecast they correct (the level and seasonal pattern): no trained epoch beat it on the validation steps", name, base, len(ms))
	}
}
