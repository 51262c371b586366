package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot/vg"
)

// calibrationFolds returns the number of one-step-apart walk-forward folds
// whose errors calibrate conformal intervals at the given levels: at least
// 20, and at least what the highest level needs for a finite quantile.
func calibrationFolds(levels []float64) int {
	n := 20
	for _, l := range levels {
		n = max(n, eval.MinCalibration(l))
	}
	return n
}

// fitted is one series' forecast and, for networks, the fitted model.
type fitted struct {
	fc    seriesForecast
	model forecast.Forecaster
}

// forecastSeries fits model m on all of s and forecasts h steps. With
// levels it first runs a walk-forward over the last calibrationFolds
// origins (one step apart, the model fitted once at the first and then
// conditioned on the growing history) and wraps the forecast in
// split-conformal intervals from the absolute errors at each horizon step.
func forecastSeries(ctx context.Context, s *forecast.Series, m eval.Model, h int, levels []float64, season int, prog *progress, single bool) (*fitted, error) {
	out := &fitted{fc: seriesForecast{ID: s.ID, TimeLayout: timeLayoutOf(s), Times: s.FutureTimes(h)}}
	if len(levels) > 0 {
		folds := calibrationFolds(levels)
		if single {
			prog.Start("calibrating intervals")
		}
		res, err := eval.WalkForward(ctx, s, []eval.Model{m}, &eval.Backtest{
			Horizon: h, Step: 1, Origins: folds, Refit: 0, Season: season, Workers: 1,
		})
		if err != nil {
			return nil, fmt.Errorf("prediction intervals need %d walk-forward folds of %d steps: %w", folds, h, err)
		}
		absErr := make([][]float64, len(res.Models[0].Folds))
		for k, f := range res.Models[0].Folds {
			absErr[k] = make([]float64, h)
			for i := range absErr[k] {
				d := f.Actual[i] - f.Forecast[i]
				if d < 0 {
					d = -d
				}
				absErr[k][i] = d
			}
		}
		for _, l := range levels {
			out.fc.Bands = append(out.fc.Bands, band{Level: l, Lo: make([]float64, h), Hi: make([]float64, h)})
		}
		defer func() {
			if out.fc.Point == nil {
				return
			}
			for _, b := range out.fc.Bands {
				r := eval.ConformalRadius(nil, absErr, b.Level)
				for i, p := range out.fc.Point {
					b.Lo[i], b.Hi[i] = p-r[i], p+r[i]
				}
			}
		}()
	}
	if single {
		prog.Start("training " + m.Name)
	}
	f := m.New()
	if err := f.Fit(ctx, s); err != nil {
		return nil, err
	}
	p, err := f.Predict(nil, h)
	if err != nil {
		return nil, err
	}
	out.fc.Point = slices.Clone(p[:h])
	out.model = f
	return out, nil
}

// parallel runs fn(0..n-1) on up to workers goroutines and returns the
// error of the lowest index that failed, so errors are deterministic.
func parallel(ctx context.Context, n, workers int, fn func(i int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				errs[i] = fn(i)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

func runForecast(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "horizon"); err != nil {
		return err
	}
	h := cCtx.Int("horizon")
	name := cCtx.String("model")
	levels := cCtx.Float64Slice("level")
	save := cCtx.String("save")
	if save != "" && !isNetwork(name) {
		return usagef(cCtx, "--save needs --model lstm or rnn: the baselines have no trained state worth saving")
	}
	ds, err := loadInput(cCtx)
	if err != nil {
		return err
	}
	layout := outputLayoutOf(ds.Layout)
	if layout == outWide && len(levels) > 0 && !cCtx.Bool("json") {
		return usagef(cCtx, "--level: a wide (M4) forecast file has no room for intervals; add --json, or drop --level")
	}
	if save != "" && len(ds.Series) > 1 && cCtx.Bool("local") {
		return usagef(cCtx, "--save with --local: %s holds %d series and a saved model belongs to one series; drop --local to save the global network", ds.Name, len(ds.Series))
	}
	prog := newProgress(cCtx)
	season := seasonFor(cCtx, ds, prog)
	ms := settingsFrom(cCtx, season.Period)
	single := len(ds.Series) == 1
	if single && isNetwork(name) {
		ms.showEpochs(prog, name)
	} else if !single {
		ms.workers = 1 // parallel across series instead
	}
	if !single && isNetwork(name) && !cCtx.Bool("local") {
		fcs, err := forecastGlobal(cCtx, ds.Series, name, h, levels, season.Period, save, prog)
		if err != nil {
			return err
		}
		return writeForecasts(cCtx, ds.Series, fcs, name, h, layout)
	}
	m, err := ms.model(name)
	if err != nil {
		return err
	}
	ctx := cCtx.Context
	res := make([]*fitted, len(ds.Series))
	var done atomic.Int64
	if !single {
		prog.Start("forecasting")
	}
	err = parallel(ctx, len(ds.Series), 0, func(i int) error {
		s := ds.Series[i]
		r, err := forecastSeries(ctx, s, m, h, levels, season.Period, prog, single)
		if err != nil {
			if single {
				return err
			}
			return fmt.Errorf("series %q: %w", s.ID, err)
		}
		res[i] = r
		if !single {
			prog.Step(int(done.Add(1)), len(ds.Series), "series")
		}
		return nil
	})
	prog.Done()
	if err != nil {
		return err
	}
	if single {
		if nm, ok := res[0].model.(*seq2one.Model); ok {
			noteTraining(prog, name, nm.History())
		}
	}
	fcs := make([]seriesForecast, len(res))
	for i, r := range res {
		fcs[i] = r.fc
	}
	if save != "" {
		if err := res[0].model.(*seq2one.Model).SaveFile(save); err != nil {
			return err
		}
	}
	return writeForecasts(cCtx, ds.Series, fcs, name, h, layout)
}

// forecastGlobal fits one global network on all series (seq2one.Global:
// per-series normalisation, windows drawn from every series) and forecasts
// h steps of each.
//
// Intervals at levels are seq2one's pooled split-conformal ones
// (Global.Radius): the network's errors on every series' held-out last
// horizon, scaled by each series' MASE scale, so no refit is needed.
//
// With save set, the fitted network is saved there (seq2one.Global.SaveFile)
// for 'tsforecast predict'.
func forecastGlobal(cCtx *cli.Context, series []*forecast.Series, name string, h int, levels []float64, season int, save string, prog *progress) ([]seriesForecast, error) {
	// The direct head forecasts exactly the horizon asked for.
	g, err := fitGlobal(cCtx, series, name, h, season, prog)
	if err != nil {
		return nil, err
	}
	if save != "" {
		if err := g.SaveFile(save); err != nil {
			return nil, err
		}
	}
	p, err := g.Predict(nil, h)
	if err != nil {
		return nil, err
	}
	fcs := make([]seriesForecast, len(series))
	for i, s := range series {
		fcs[i] = seriesForecast{ID: s.ID, TimeLayout: timeLayoutOf(s), Times: s.FutureTimes(h), Point: p[i][:h]}
		for _, l := range levels {
			r, err := g.Radius(nil, i, h, l)
			if err != nil {
				return nil, fmt.Errorf("series %q: --level %v: %w", s.ID, l, err)
			}
			b := band{Level: l, Lo: make([]float64, h), Hi: make([]float64, h)}
			for k, v := range fcs[i].Point {
				b.Lo[k], b.Hi[k] = v-r[k], v+r[k]
			}
			fcs[i].Bands = append(fcs[i].Bands, b)
		}
	}
	return fcs, nil
}

// fitGlobal trains one global network name (lstm or rnn) on series with
// the network flags, its direct head forecasting horizon steps (0: two
// seasons), showing its epochs on prog and noting how training went.
func fitGlobal(cCtx *cli.Context, series []*forecast.Series, name string, horizon, season int, prog *progress) (*seq2one.Global, error) {
	cfg := settingsFrom(cCtx, season).netConfig(name)
	cfg.Horizon = horizon
	maxEpochs := seq2one.NewGlobal(cfg).Config().Epochs
	cfg.Callback = func(e seq2one.EpochStats) { prog.Epoch(e.Member, e.Epoch, maxEpochs, e.TrainLoss, e.ValLoss) }
	g := seq2one.NewGlobal(cfg)
	prog.Start(fmt.Sprintf("training global %s on %d series", name, len(series)))
	err := g.Fit(cCtx.Context, series)
	prog.Done()
	if err != nil {
		return nil, err
	}
	noteTraining(prog, "global "+name, g.History())
	return g, nil
}

// writeForecasts writes the --plot chart and the forecast CSV or JSON, each
// atomically, once every forecast is complete in memory.
func writeForecasts(cCtx *cli.Context, series []*forecast.Series, fcs []seriesForecast, name string, h int, layout outputLayout) error {
	if p := cCtx.String("plot"); p != "" {
		if err := savePlot(p, series, fcs, name); err != nil {
			return err
		}
	}
	return writeOutput(cCtx, cCtx.String("output"), func(w io.Writer) error {
		if cCtx.Bool("json") {
			return writeForecastJSON(w, name, h, fcs)
		}
		return writeForecastCSV(w, layout, fcs)
	})
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
		epochs = append(epochs, fmt.Sprint(len(h)))
		loss := fmt.Sprintf("%d (train loss %.4g", k.Epoch, k.TrainLoss)
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
}

// gridPanels is the number of series the --plot of a multi-series
// forecast shows.
const gridPanels = 9

// savePlot writes the --plot chart of forecast: the forecast of a single
// series, or small multiples of the first gridPanels series of a file.
func savePlot(path string, series []*forecast.Series, fcs []seriesForecast, model string) error {
	if len(series) == 1 {
		return savePNG(path, forecastChart(series[0], fcs[0], model), plots.Size{})
	}
	n := min(gridPanels, len(series))
	g := &plots.GridChart{Title: fmt.Sprintf("%s forecasts of the first %d of %d series", model, n, len(series))}
	for i := range n {
		g.Panels = append(g.Panels, *forecastChart(series[i], fcs[i], model))
	}
	rows := (n + 2) / 3
	return savePNG(path, g, plots.Size{Width: 12 * vg.Inch, Height: vg.Length(1+3*rows) * vg.Inch})
}

// forecastChart is the --plot chart of forecast and predict.
func forecastChart(s *forecast.Series, fc seriesForecast, model string) *plots.ForecastChart {
	c := &plots.ForecastChart{
		ID: s.ID, Model: model, History: s.Values, Forecast: fc.Point,
		Times: s.Times, Freq: s.Freq,
	}
	for _, b := range fc.Bands {
		c.Bands = append(c.Bands, plots.Band{Level: b.Level / 100, Lo: b.Lo, Hi: b.Hi})
	}
	return c
}
