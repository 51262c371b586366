package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot/vg"
)

func forecastCommand() *cli.Command {
	return &cli.Command{
		Name:  "forecast",
		Usage: "fit a model on the whole file and forecast the next H steps of every series",
		UsageText: "tsforecast forecast --input FILE --horizon H [--model " + strings.Join(modelNames(), "|") +
			"] [--level 80 --level 95] [--output OUT.csv] [--plot OUT.png] [--save MODEL]",
		Description: "The output CSV mirrors the input layout: single -> timestamp,forecast[,lo_80,hi_80,...];\n" +
			"long -> id,timestamp,forecast,...; wide -> id,1..H (one row per series, as M4 files).\n" +
			"Without --output the CSV goes to stdout. Files are written atomically.\n\n" +
			"Example:\n   tsforecast forecast --input examples/data/airline-passengers.csv --horizon 12 --plot forecast.png",
		Flags: concat(inputFlags(), knownFlags(), []cli.Flag{
			horizonFlag(),
			modelFlag(models.Default, "model", modelNames()),
			seasonFlag(),
		}, netFlags(), []cli.Flag{
			localFlag(),
			levelFlag(),
			allowNegativeFlag(),
			outputFlag(),
			plotFlag("a forecast-vs-history chart (small multiples of the first 9 series of a multi-series file)"),
			&cli.StringFlag{Name: "save", EnvVars: env("SAVE"), TakesFile: true,
				Usage: "save the fitted model (" + strings.Join(savableNames(), ", ") + ") to this file for 'tsforecast predict'"},
			jsonFlag(), quietFlag(),
		}),
		Action: runForecast,
	}
}

func runForecast(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "horizon"); err != nil {
		return err
	}
	h := cCtx.Int("horizon")
	levels := cCtx.Float64Slice("level")
	save := cCtx.String("save")
	e, err := lookupModel(cCtx, "--model", cCtx.String("model"))
	if err != nil {
		return err
	}
	if save != "" && !e.Save {
		return usagef(cCtx, "--save needs a model whose fit can be saved (%s): %s has no trained state worth saving", strings.Join(savableNames(), ", "), e.Name)
	}
	ds, err := loadInput(cCtx, h)
	if err != nil {
		return err
	}
	prog := newProgress(cCtx)
	noteCovariates(prog, ds, e)
	if err := checkKnown(ds, e, h); err != nil {
		return err
	}
	format := outputFormat(cCtx, ds, levels, prog)
	season := seasonFor(cCtx, ds, prog)
	s := settingsFrom(cCtx, season.Period)
	s.Horizon, s.Levels = h, levels
	if n := len(ds.Series); save != "" && n > 1 && !e.Global(s, n) {
		return usagef(cCtx, "--save with --local: %s holds %d series and a saved model belongs to one series; drop --local to save the global network", ds.Name, n)
	}
	f, err := fitModel(cCtx, e, s, ds.Series, prog)
	if err != nil {
		return err
	}
	if save != "" {
		if err := f.save(cCtx, save); err != nil {
			return err
		}
	}
	fcs, err := f.forecasts(h, levels, cCtx.Bool("allow-negative"))
	if err != nil {
		return err
	}
	return writeForecasts(cCtx, ds.Series, fcs, e.Name, h, format)
}

// outputFormat returns the format of the forecast file of ds: its own,
// except that a wide file's forecasts with intervals, which its layout
// cannot hold, are written in the long layout, with a note.
func outputFormat(cCtx *cli.Context, ds *csvio.Dataset, levels []float64, prog *progress) *csvio.Format {
	f := csvio.FormatOf(ds)
	if f.Layout == csvio.LayoutWide && len(levels) > 0 && !cCtx.Bool("json") {
		prog.Notef("a wide file has no room for intervals: the forecasts are written in the long layout (id,step,forecast,lo_L,hi_L)")
		f = &csvio.Format{Layout: csvio.LayoutLong}
	}
	return f
}

// writeForecasts writes the --plot chart and the forecast CSV or JSON, each
// atomically, once every forecast is complete in memory.
func writeForecasts(cCtx *cli.Context, series []*forecast.Series, fcs []seriesForecast, name string, h int, format *csvio.Format) error {
	if p := cCtx.String("plot"); p != "" {
		if err := savePlot(cCtx, p, series, fcs, name); err != nil {
			return err
		}
	}
	return writeOutput(cCtx, cCtx.String("output"), func(w io.Writer) error {
		if cCtx.Bool("json") {
			return writeForecastJSON(w, name, h, fcs)
		}
		return writeForecastCSV(w, format, fcs)
	})
}

// gridPanels is the number of series the --plot of a multi-series
// forecast shows.
const gridPanels = 9

// savePlot writes the --plot chart of forecast: the forecast of a single
// series, or small multiples of the first gridPanels series of a file.
func savePlot(cCtx *cli.Context, path string, series []*forecast.Series, fcs []seriesForecast, model string) error {
	if len(series) == 1 {
		return writeChart(cCtx, path, forecastChart(series[0], fcs[0], model), plots.Size{})
	}
	n := min(gridPanels, len(series))
	g := &plots.GridChart{Title: fmt.Sprintf("%s forecasts of the first %d of %d series", model, n, len(series))}
	for i := range n {
		g.Panels = append(g.Panels, *forecastChart(series[i], fcs[i], model))
	}
	rows := (n + 2) / 3
	return writeChart(cCtx, path, g, plots.Size{Width: 12 * vg.Inch, Height: vg.Length(1+3*rows) * vg.Inch})
}

// forecastChart is the --plot chart of forecast and predict.
func forecastChart(s *forecast.Series, fc seriesForecast, model string) *plots.ForecastChart {
	return &plots.ForecastChart{
		ID: s.ID, YLabel: s.Target, Model: model, History: s.Values, Forecast: fc.Point,
		Times: s.Times, Freq: s.Freq, Bands: fc.Intervals,
	}
}
