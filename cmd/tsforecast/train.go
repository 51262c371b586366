package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

// loadSingle loads the input and checks that it holds one series, as
// train and predict need.
func loadSingle(cCtx *cli.Context) (*forecast.Dataset, error) {
	ds, err := loadInput(cCtx)
	if err != nil {
		return nil, err
	}
	if len(ds.Series) != 1 {
		return nil, usagef(cCtx, "%s needs a single series; %s holds %d (a saved model belongs to one series)",
			cCtx.Command.Name, ds.Name, len(ds.Series))
	}
	return ds, nil
}

func runTrain(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "save"); err != nil {
		return err
	}
	ds, err := loadInput(cCtx)
	if err != nil {
		return err
	}
	prog := newProgress(cCtx)
	season := seasonFor(cCtx, ds, prog)
	name := cCtx.String("model")
	if len(ds.Series) > 1 {
		// A multi-series file trains one global network. Its direct head
		// covers --horizon steps (default 2 seasons); predict builds
		// longer forecasts block by block.
		g, err := fitGlobal(cCtx, ds.Series, name, cCtx.Int("horizon"), season.Period, prog)
		if err != nil {
			return err
		}
		if err := g.SaveFile(cCtx.String("save")); err != nil {
			return err
		}
		prog.Notef("global model of %d series saved to %s", len(ds.Series), cCtx.String("save"))
		return nil
	}
	s := ds.Series[0]
	ms := settingsFrom(cCtx, season.Period)
	ms.showEpochs(prog, name)
	m := seq2one.New(ms.netConfig(name))
	prog.Start("training " + name)
	err = m.Fit(cCtx.Context, s)
	prog.Done()
	if err != nil {
		return err
	}
	noteTraining(prog, name, m.History())
	if err := m.SaveFile(cCtx.String("save")); err != nil {
		return err
	}
	prog.Notef("model saved to %s", cCtx.String("save"))
	return nil
}

func runPredict(cCtx *cli.Context) error {
	if err := require(cCtx, "model", "input", "horizon"); err != nil {
		return err
	}
	m, err := seq2one.LoadFile(cCtx.String("model"))
	if errors.Is(err, seq2one.ErrNotModel) {
		g, gerr := seq2one.LoadGlobalFile(cCtx.String("model"))
		if gerr == nil {
			return predictGlobal(cCtx, g)
		}
		if !errors.Is(gerr, seq2one.ErrNotModel) {
			err = gerr
		}
	}
	if err != nil {
		return err
	}
	ds, err := loadSingle(cCtx)
	if err != nil {
		return err
	}
	s := ds.Series[0]
	h := cCtx.Int("horizon")
	// Condition the saved network on the history in the file: the same
	// weights and fitted transforms, forecasting from its last value.
	if err := m.Update(s); err != nil {
		return err
	}
	p, err := m.Predict(nil, h)
	if err != nil {
		return err
	}
	fc := seriesForecast{ID: s.ID, TimeLayout: timeLayoutOf(s), Times: s.FutureTimes(h), Point: p[:h]}
	if path := cCtx.String("plot"); path != "" {
		if err := savePNG(path, forecastChart(s, fc, m.Config().Cell.String()), plots.Size{}); err != nil {
			return err
		}
	}
	return writeOutput(cCtx, cCtx.String("output"), func(w io.Writer) error {
		if cCtx.Bool("json") {
			return writeForecastJSON(w, m.Config().Cell.String(), h, []seriesForecast{fc})
		}
		return writeForecastCSV(w, outputLayoutOf(ds.Layout), []seriesForecast{fc})
	})
}

// predictGlobal forecasts the series of the input file with a saved global
// network (forecast --save on a multi-series file), conditioned on their
// histories in the file; every series must be one the network was fitted
// on (matched by ID).
func predictGlobal(cCtx *cli.Context, g *seq2one.Global) error {
	ds, err := loadInput(cCtx)
	if err != nil {
		return err
	}
	if err := g.Update(ds.Series); err != nil {
		return err
	}
	index := make(map[string]int, g.Len())
	for i, id := range g.IDs() {
		index[id] = i
	}
	h := cCtx.Int("horizon")
	name := "global " + g.Config().Cell.String()
	fcs := make([]seriesForecast, len(ds.Series))
	for k, s := range ds.Series {
		p, err := g.PredictSeries(nil, index[s.ID], h)
		if err != nil {
			return fmt.Errorf("series %q: %w", s.ID, err)
		}
		fcs[k] = seriesForecast{ID: s.ID, TimeLayout: timeLayoutOf(s), Times: s.FutureTimes(h), Point: p}
	}
	if path := cCtx.String("plot"); path != "" {
		if err := savePlot(path, ds.Series, fcs, name); err != nil {
			return err
		}
	}
	return writeOutput(cCtx, cCtx.String("output"), func(w io.Writer) error {
		if cCtx.Bool("json") {
			return writeForecastJSON(w, name, h, fcs)
		}
		return writeForecastCSV(w, outputLayoutOf(ds.Layout), fcs)
	})
}
