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
// worker process: it is loaded once, and keeps the weights only (the
// per-series state of the series it was trained on, if the file has it,
// is dropped), so its memory does not grow with the number of series.
// seq2one.Global.State only reads it: the DoFns use it at once, each with
// its own Predictor.
type globalModel struct {
	once sync.Once
	err  error
	g    *seq2one.Global
}

// globals holds the networks loaded in this process, by file.
var globals sync.Map // string → *globalModel

// loadGlobal returns the network saved in file, loading it on first use
// in this process.
func loadGlobal(ctx context.Context, file string) (*globalModel, error) {
	v, _ := globals.LoadOrStore(file, &globalModel{})
	gm := v.(*globalModel)
	gm.once.Do(func() {
		g, err := readGlobal(ctx, file)
		if err != nil {
			gm.err = err
			return
		}
		gm.g = g.WeightsOnly()
	})
	return gm, gm.err
}

// globalFn forecasts each series with a saved global network from the
// series' own history (seq2one.Global.State), whether or not the network
// was trained on it, as `tsforecast predict` does (which computes the
// state by the same rule, in Global.Update).
type globalFn struct {
	ModelFile     string
	Horizon       int
	AllowNegative bool

	g   *seq2one.Global
	pr  *seq2one.Predictor
	buf []float64 // the forecast, copied into each element
}

func (f *globalFn) Setup(ctx context.Context) error {
	gm, err := loadGlobal(ctx, f.ModelFile)
	if err != nil {
		return err
	}
	f.g, f.pr = gm.g, gm.g.NewPredictor()
	return nil
}

func (f *globalFn) ProcessElement(e Series, emit func(Forecast)) error {
	s := e.Series()
	st, err := f.g.State(s)
	if err != nil {
		return seriesErr(&e, err)
	}
	p, err := f.pr.Predict(f.buf, st, f.Horizon)
	if err != nil {
		return seriesErr(&e, err)
	}
	f.buf = p
	emit(result(&e, s, p, f.Horizon, f.AllowNegative))
	return nil
}
