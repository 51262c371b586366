package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/models"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/urfave/cli/v2"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "one-command report: backtest of the default model beside others, forecast and all charts",
		UsageText: "tsforecast report --input FILE --horizon H --out DIR [--model M] [--origins K]",
		Description: "Writes DIR/index.md with the charts, metrics.csv and summary.json.\n\n" +
			"Example:\n   tsforecast report --input examples/data/airline-passengers.csv --horizon 12 --out airline-report",
		Flags: concat(inputFlags(), knownFlags(), []cli.Flag{
			horizonFlag(),
			&cli.StringFlag{Name: "out", EnvVars: env("OUT"), TakesFile: true, Usage: "report directory (required)"},
			modelFlag(models.Default, "model of the report's forecast", modelNames()),
		}, walkForwardFlags(models.Comparison()...), []cli.Flag{
			seasonFlag(),
		}, netFlags(), []cli.Flag{localFlag(), levelFlag(), allowNegativeFlag(), forceFlag(),
			&cli.StringSliceFlag{Name: "ids", EnvVars: env("IDS"),
				Usage: "series of a multi-series file to draw in the forecast and backtest grids (comma-separated ids; default: the first 9 for the forecasts, the worst and best 9 by sMAPE for the backtest)"},
			jsonFlag(), quietFlag()}),
		Action: runReport,
	}
}

// reportLevels are the interval levels of report's forecast when --level
// is not given.
var reportLevels = []float64{80, 95}

func runReport(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "horizon", "out"); err != nil {
		return err
	}
	levels := cCtx.Float64Slice("level")
	if len(levels) == 0 {
		levels = reportLevels
	}
	focus, err := lookupModel(cCtx, "--model", cCtx.String("model"))
	if err != nil {
		return err
	}
	prog := newProgress(cCtx)
	run, err := backtestInput(cCtx, prog, cCtx.Int("horizon"), focus)
	if err != nil {
		return err
	}
	ds := run.ds
	dir := cCtx.String("out")
	title := "Forecast report: " + filepath.Base(ds.Name)
	for k, m := range ranked(run) {
		if m == focus.Name {
			prog.Notef("report: forecast by %s, ranked %d of %d in the backtest", focus.Name, k+1, len(run.entries))
		}
	}

	// Forecast past the end with --model (the default model unless
	// given), with intervals.
	s := settingsFrom(cCtx, run.season.Period)
	h := run.cfg.Horizon
	s.Horizon, s.Levels = h, levels
	if err := checkKnown(ds, focus, h); err != nil {
		return err
	}
	f, err := fitModel(cCtx, focus, s, ds.Series, prog)
	if err != nil {
		return err
	}
	fcs, err := f.forecasts(h, levels, cCtx.Bool("allow-negative"))
	if err != nil {
		return err
	}
	format := outputFormat(cCtx, ds, levels, prog)
	csvOut := func(w io.Writer) error { return writeForecastCSV(w, format, fcs) }
	calib := (&models.LocalIntervals{Levels: levels}).Folds()
	evalForecast := func(i int) *eval.Forecast {
		return &eval.Forecast{Model: focus.Name, Point: fcs[i].Point, Times: fcs[i].Times, Calibration: calib, Intervals: fcs[i].Intervals}
	}
	if run.many != nil {
		r := &plots.Report{Title: title, Many: run.many, ManySeries: ds.Series, Baseline: models.IsBaseline,
			Model: focus.Name, GridPick: strings.Join(names(cCtx, "ids"), ","), ForecastCSV: csvOut}
		for i := range ds.Series {
			r.ManyForecasts = append(r.ManyForecasts, evalForecast(i))
		}
		if err := writeReport(cCtx, "out", dir, r); err != nil {
			return err
		}
		prog.Notef("report written to %s", dir)
		return run.write(cCtx)
	}
	r := &plots.Report{Title: title, Series: ds.Series[0], Model: focus.Name, Backtest: run.single, Forecast: evalForecast(0),
		Baseline: models.IsBaseline, ForecastCSV: csvOut, Components: seriesChart(ds.Series[0], run.season.Period)}
	if hm, ok := f.model.(historian); ok && len(hm.History()) > 0 {
		ms := members(hm.History())
		tc := &plots.TrainingChart{Title: focus.Name + " training loss", Loss: "MSE (scaled)"}
		if len(ms) > 1 {
			tc.Title += fmt.Sprintf(" (network 1 of the ensemble of %d)", len(ms))
		}
		for _, e := range ms[0] {
			if e.Epoch < 1 || e.TrainLoss != e.TrainLoss {
				continue // the state before training: no training loss
			}
			tc.Train = append(tc.Train, e.TrainLoss)
			tc.Val = append(tc.Val, e.ValLoss)
			if e.Best {
				tc.BestEpoch = len(tc.Train)
			}
		}
		if slices.ContainsFunc(tc.Val, func(v float64) bool { return v != v }) {
			tc.Val = nil // no validation split
		}
		r.Training = tc
	}
	if err := writeReport(cCtx, "out", dir, r); err != nil {
		return err
	}
	prog.Notef("report written to %s", dir)
	return run.write(cCtx)
}

// ranked returns the models of run best first.
func ranked(run *backtestRun) []string {
	var out []string
	if run.many != nil {
		for _, m := range run.many.Ranked() {
			out = append(out, m.Model)
		}
		return out
	}
	for _, m := range run.single.Ranked() {
		out = append(out, m.Model)
	}
	return out
}

// writeReport writes the report r into dir, named by the flag, with
// --force as Report.Force; a folder that holds other files is refused
// with a pointer to --force.
func writeReport(cCtx *cli.Context, flag, dir string, r *plots.Report) error {
	r.Force = cCtx.Bool("force")
	err := plots.WriteReport(dir, r)
	if errors.Is(err, plots.ErrNotReportFolder) {
		msg := strings.TrimPrefix(err.Error(), "plots: report: ")
		msg = strings.ReplaceAll(msg, "set Force", "use --force")
		return &cliError{msg: fmt.Sprintf("--%s %s: %s", flag, dir, msg), err: err}
	}
	return err
}
