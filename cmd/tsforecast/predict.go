package main

import (
	"io"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/urfave/cli/v2"
)

func predictCommand() *cli.Command {
	return &cli.Command{
		Name:      "predict",
		Usage:     "forecast with a model saved by 'tsforecast train' or 'forecast --save'",
		UsageText: "tsforecast predict --model-file MODEL --input FILE --horizon H [--output OUT.csv] [--plot OUT.png] [--json]",
		Description: "The model is conditioned on the history in FILE (its weights are not changed), so a\n" +
			"model trained last month forecasts from this month's data.\n\n" +
			"Example:\n   tsforecast predict --model-file airline.model --input examples/data/airline-passengers.csv --horizon 12",
		Flags: concat([]cli.Flag{
			&cli.StringFlag{Name: "model-file", EnvVars: env("MODEL_FILE"), TakesFile: true,
				Usage: "model file written by train or forecast --save (required)"},
			// --model named the file before --model-file did; it stays as
			// a hidden alias so that old scripts run.
			&cli.StringFlag{Name: "model", Aliases: []string{"m"}, Hidden: true, TakesFile: true},
		}, inputFlags(), []cli.Flag{
			horizonFlag(),
			outputFlag(),
			&cli.StringFlag{Name: "plot", EnvVars: env("PLOT"), TakesFile: true,
				Usage: "write a forecast-vs-history PNG"},
			allowNegativeFlag(),
			jsonFlag(), quietFlag(),
		}),
		Action: runPredict,
	}
}

func runPredict(cCtx *cli.Context) error {
	file := cCtx.String("model-file")
	if file == "" {
		file = cCtx.String("model")
	}
	if file == "" {
		return usagef(cCtx, "missing required flag --model-file")
	}
	if err := require(cCtx, "input", "horizon"); err != nil {
		return err
	}
	m, name, err := models.LoadFile(file)
	if err != nil {
		return err
	}
	ds, err := loadInput(cCtx)
	if err != nil {
		return err
	}
	// Condition the saved model on the histories in the file: the same
	// weights and fitted transforms, forecasting from their last values.
	if err := m.Update(ds.Series); err != nil {
		return err
	}
	h := cCtx.Int("horizon")
	fcs := make([]seriesForecast, len(ds.Series))
	for k, s := range ds.Series {
		i, _ := m.Index(s.ID)
		p, err := m.PredictSeries(nil, i, h)
		if err != nil {
			return seriesErr(len(ds.Series), s.ID, err)
		}
		fcs[k] = seriesForecast{Forecast: csvio.Forecast{ID: s.ID, TimeLayout: timeLayoutOf(s), Times: s.FutureTimes(h), Point: p}}
		if !cCtx.Bool("allow-negative") && forecast.NonNegative(s.Values) {
			forecast.ClipNonNegative(p, nil)
		}
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
		return writeForecastCSV(w, csvio.FormatOf(ds), fcs)
	})
}
