package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

func predictCommand() *cli.Command {
	return &cli.Command{
		Name:      "predict",
		Usage:     "forecast with a model saved by 'tsforecast train' or 'forecast --save'",
		UsageText: "tsforecast predict --model-file MODEL --input FILE --horizon H [--level 80 --level 95] [--output OUT.csv] [--plot OUT.png] [--json]",
		Description: "The model is conditioned on the history in FILE (its weights are not changed), so a\n" +
			"model trained last month forecasts from this month's data. A global network (saved\n" +
			"from a multi-series file) forecasts any series of FILE, also ones it was not\n" +
			"trained on, each normalised by its own history.\n\n" +
			"--level intervals: a global network's own (calibrated when it was trained); for a\n" +
			"single-series model, split-conformal from its errors over the last origins of FILE,\n" +
			"one step apart, the model conditioned on the history before each (too narrow where\n" +
			"FILE repeats the data the model was trained on).\n\n" +
			"Example:\n   tsforecast predict --model-file airline.model --input examples/data/airline-passengers.csv --horizon 12",
		Flags: concat([]cli.Flag{
			&cli.StringFlag{Name: "model-file", EnvVars: env("MODEL_FILE"), TakesFile: true,
				Usage: "model file written by train or forecast --save (required)"},
			// --model named the file before --model-file did; it stays as
			// a hidden alias so that old scripts run.
			&cli.StringFlag{Name: "model", Aliases: []string{"m"}, Hidden: true, TakesFile: true},
		}, inputFlags(), []cli.Flag{
			horizonFlag(),
			levelFlag(),
			outputFlag(),
			plotFlag("a forecast-vs-history chart"),
			allowNegativeFlag(),
			jsonFlag(), quietFlag(),
		}),
		Action: runPredict,
	}
}

func runPredict(cCtx *cli.Context) error {
	file, _ := modelFile(cCtx)
	if file == "" {
		return usagef(cCtx, "missing required flag --model-file")
	}
	if err := require(cCtx, "input", "horizon"); err != nil {
		return err
	}
	m, name, err := loadModel(cCtx, file)
	if err != nil {
		return err
	}
	ds, err := loadInput(cCtx, 0)
	if err != nil {
		return err
	}
	if f, ok := models.SavedFreq(m); ok {
		if err := checkFreq(f, ds); err != nil {
			return err
		}
	}
	// Condition the saved model on the histories in the file: the same
	// weights, each series normalised by its own history (a global
	// network's series need not be those it was trained on), forecasting
	// from their last values.
	if err := m.Update(ds.Series); err != nil {
		var pe *seq2one.PhaseError
		if errors.As(err, &pe) && len(ds.Series) > 0 {
			layout := timeLayoutOf(ds.Series[0])
			return &cliError{msg: fmt.Sprintf("%s starts at %s, which is not a whole number of %s steps after the start of the model's training data (%s): the seasonal phases would not align; give data on the model's time grid",
				ds.Name, pe.Start.Format(layout), pe.Freq, pe.Fitted.Format(layout)), err: err}
		}
		return err
	}
	h := cCtx.Int("horizon")
	levels := cCtx.Float64Slice("level")
	var calib []*eval.Calibration
	if len(levels) > 0 && !ownIntervals(m, len(ds.Series) > 0, h, levels) {
		if calib, err = calibrateSaved(cCtx, m, ds.Series, h, levels); err != nil {
			return err
		}
	}
	fcs := make([]seriesForecast, len(ds.Series))
	for k, s := range ds.Series {
		i, _ := m.Index(s.ID)
		p, err := m.PredictSeries(nil, i, h)
		if err != nil {
			return seriesErr(len(ds.Series), s.ID, err)
		}
		fcs[k] = seriesForecast{Forecast: csvio.Forecast{ID: s.ID, TimeLayout: timeLayoutOf(s), Times: s.FutureTimes(h), Point: p}}
		switch {
		case calib != nil:
			fcs[k].Intervals = calib[k].Intervals(p, levels)
		case len(levels) > 0:
			if fcs[k].Intervals, err = m.(forecast.Intervaler).PredictIntervals(i, h, levels); err != nil {
				return seriesErr(len(ds.Series), s.ID, err)
			}
		}
		if !cCtx.Bool("allow-negative") && forecast.NonNegative(s.Values) {
			forecast.ClipNonNegative(p, fcs[k].Intervals)
		}
		if err := checkFinite(name, &fcs[k].Forecast); err != nil {
			return err
		}
	}
	if path := cCtx.String("plot"); path != "" {
		if err := savePlot(cCtx, path, ds.Series, fcs, name); err != nil {
			return err
		}
	}
	format := outputFormat(cCtx, ds, levels, newProgress(cCtx))
	return writeOutput(cCtx, cCtx.String("output"), func(w io.Writer) error {
		if cCtx.Bool("json") {
			return writeForecastJSON(w, name, h, fcs)
		}
		return writeForecastCSV(w, format, fcs)
	})
}

// ownIntervals reports whether the saved model m gives intervals of its
// own (a global network's, calibrated when it was trained); with no
// series to ask (hasSeries false) it does not.
func ownIntervals(m models.Saved, hasSeries bool, h int, levels []float64) bool {
	iv, ok := m.(forecast.Intervaler)
	if !ok || !hasSeries {
		return false
	}
	_, err := iv.PredictIntervals(0, h, levels)
	return !errors.Is(err, forecast.ErrNoIntervals)
}

// calibrateSaved returns the split-conformal calibration of each series
// for a saved model without intervals of its own: its absolute errors
// over the h steps after each of the last origins of the series, one step
// apart, conditioned on the history before each origin (see the command's
// description), as eval.Calibrate collects them. It leaves the model
// conditioned on the whole series.
func calibrateSaved(cCtx *cli.Context, m models.Saved, series []*forecast.Series, h int, levels []float64) ([]*eval.Calibration, error) {
	folds := (&models.LocalIntervals{Levels: levels}).Folds()
	out := make([]*eval.Calibration, len(series))
	for k, s := range series {
		i, _ := m.Index(s.ID)
		saved := eval.Model{Name: "saved", New: func() forecast.Forecaster { return &savedSeries{m: m, i: i} }}
		c, err := eval.Calibrate(cCtx.Context, s, saved, &eval.Backtest{
			Horizon: h, Step: 1, Origins: folds, Workers: 1, Levels: levels, Calibration: folds,
		})
		if err != nil {
			return nil, seriesErr(len(series), s.ID, fmt.Errorf("%v%% intervals need %d walk-forward folds of %d steps: %w", slices.Max(levels), folds, h, err))
		}
		out[k] = c
	}
	if err := m.Update(series); err != nil {
		return nil, err
	}
	return out, nil
}

// savedSeries is series i of a saved model as a forecaster for eval:
// fitting it conditions the model on the history (the weights of a saved
// model are not fitted again), and it is used by one fold at a time.
type savedSeries struct {
	m models.Saved
	i int
}

func (f *savedSeries) Fit(_ context.Context, s *forecast.Series) error {
	return f.m.Update([]*forecast.Series{s})
}

func (f *savedSeries) Update(s *forecast.Series) error {
	return f.m.Update([]*forecast.Series{s})
}

func (f *savedSeries) Predict(dst []float64, h int) ([]float64, error) {
	return f.m.PredictSeries(dst, f.i, h)
}

// loadModel reads the model file at path, or from stdin for "-", once.
func loadModel(cCtx *cli.Context, path string) (models.Saved, string, error) {
	if path != "-" {
		return models.LoadFile(path)
	}
	m, name, err := models.Load(cCtx.App.Reader)
	if err != nil {
		return nil, "", fmt.Errorf("stdin: %w", err)
	}
	return m, name, nil
}

// checkFreq refuses a file whose series are of another calendar
// frequency than the data the model was trained on: a monthly model
// would forecast a daily file without a word otherwise. Step data (no
// timestamps, or no calendar grid) on either side cannot be compared.
func checkFreq(model forecast.Freq, ds *csvio.Dataset) error {
	if model == forecast.Step {
		return nil
	}
	for _, s := range ds.Series {
		if s.Freq != forecast.Step && s.Freq != model {
			what := ds.Name
			if len(ds.Series) > 1 {
				what = fmt.Sprintf("series %q of %s", s.ID, ds.Name)
			}
			return fmt.Errorf("the model was trained on %s data but %s is %s: predict needs data of the model's frequency", model, what, s.Freq)
		}
	}
	return nil
}
