package tsfbeam

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/seq2one"
)

// seriesErr names the file, line and id of the series e in err.
func seriesErr(e *Series, err error) error {
	return fmt.Errorf("%s:%d: series %q: %w", e.File, e.Line, e.ID, err)
}

// result returns the forecast element of the h-step point forecast p of
// s, as the command line prints it: clipped at 0 when the history has no
// negative value, unless allowNegative.
func result(e *Series, s *forecast.Series, p []float64, h int, allowNegative bool) Forecast {
	point := slices.Clone(p[:h])
	if !allowNegative && forecast.NonNegative(s.Values) {
		forecast.ClipNonNegative(point, nil)
	}
	return Forecast{ID: s.ID, Point: point, Times: toStamps(s.FutureTimes(h)),
		TimeLayout: csvio.TimeLayoutFor(s.Freq, s.Times), File: e.File, Line: e.Line}
}

// forecastFn fits a per-series model of the catalogue to each series
// and forecasts it, with a seasonal period set by Season.
type forecastFn struct {
	Model         string
	Horizon       int
	Season        int
	Seed          uint64
	AllowNegative bool

	entry *models.Entry
}

func (f *forecastFn) Setup() error {
	e, err := models.Lookup(f.Model)
	if err != nil {
		return fmt.Errorf("tsfbeam: %w", err)
	}
	f.entry = e
	return nil
}

// run forecasts the series e with seasonal period m, as the command line
// does for each series of a file: the catalogue's forecaster with its
// fallbacks, fitted on the series, one core per series.
func (f *forecastFn) run(ctx context.Context, e *Series, m int) (Forecast, error) {
	s := e.Series()
	set := &models.Settings{Season: m, Horizon: f.Horizon, Seed: f.Seed, Workers: 1}
	fc := f.entry.Forecaster(set)
	if err := fc.Fit(ctx, s); err != nil {
		return Forecast{}, seriesErr(e, err)
	}
	p, err := fc.Predict(nil, f.Horizon)
	if err != nil {
		return Forecast{}, seriesErr(e, err)
	}
	return result(e, s, p, f.Horizon, f.AllowNegative), nil
}

func (f *forecastFn) ProcessElement(ctx context.Context, e Series, emit func(Forecast)) error {
	out, err := f.run(ctx, &e, f.Season)
	if err != nil {
		return err
	}
	emit(out)
	return nil
}

// forecastSideFn is forecastFn with the seasonal period read from a side
// input, the common season of the whole input.
type forecastSideFn struct {
	Model         string
	Horizon       int
	Seed          uint64
	AllowNegative bool

	fn forecastFn
}

func (f *forecastSideFn) Setup() error {
	f.fn = forecastFn{Model: f.Model, Horizon: f.Horizon, Seed: f.Seed, AllowNegative: f.AllowNegative}
	return f.fn.Setup()
}

func (f *forecastSideFn) ProcessElement(ctx context.Context, e Series, season int, emit func(Forecast)) error {
	out, err := f.fn.run(ctx, &e, season)
	if err != nil {
		return err
	}
	emit(out)
	return nil
}

// globalModel is a saved global network shared by the DoFns of one
// worker process: it is loaded once, and used by one series at a time,
// since a seq2one.Global is not safe for concurrent use.
type globalModel struct {
	once sync.Once
	err  error
	mu   sync.Mutex
	g    *seq2one.Global
}

// globals holds the networks loaded in this process, by file.
var globals sync.Map // string → *globalModel

// loadGlobal returns the network saved in file, loading it on first use
// in this process.
func loadGlobal(ctx context.Context, file string) (*globalModel, error) {
	v, _ := globals.LoadOrStore(file, &globalModel{})
	gm := v.(*globalModel)
	gm.once.Do(func() { gm.g, gm.err = readGlobal(ctx, file) })
	return gm, gm.err
}

// globalFn forecasts each series with a saved global network, conditioned
// on the series' history (seq2one.Global.Update) without changing its
// weights, as `tsforecast predict` does.
type globalFn struct {
	ModelFile     string
	Horizon       int
	AllowNegative bool

	gm *globalModel
}

func (f *globalFn) Setup(ctx context.Context) error {
	gm, err := loadGlobal(ctx, f.ModelFile)
	f.gm = gm
	return err
}

func (f *globalFn) ProcessElement(e Series, emit func(Forecast)) error {
	s := e.Series()
	gm := f.gm
	gm.mu.Lock()
	defer gm.mu.Unlock()
	// Update rejects a series the network was not trained on: forecasting
	// unseen series needs the split of weights and per-series state that
	// is pending in seq2one (README.md, "Global networks").
	if err := gm.g.Update([]*forecast.Series{s}); err != nil {
		return seriesErr(&e, err)
	}
	i, _ := gm.g.Index(s.ID)
	p, err := gm.g.PredictSeries(nil, i, f.Horizon)
	if err != nil {
		return seriesErr(&e, err)
	}
	emit(result(&e, s, p, f.Horizon, f.AllowNegative))
	return nil
}
