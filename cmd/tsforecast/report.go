package main

import (
	"errors"
	"fmt"
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
		}, netFlags(), []cli.Flag{localFlag(), levelFlag(), allowNegativeFlag(), forceFlag(), jsonFlag(), quietFlag()}),
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
	if run.many != nil {
		r := &plots.Report{Title: "Forecast report: " + ds.Name, Many: run.many, ManySeries: ds.Series, Baseline: models.IsBaseline}
		if err := writeReport(cCtx, "out", dir, r); err != nil {
			return err
		}
		prog.Notef("report written to %s", dir)
		return run.write(cCtx)
	}

	// One series: forecast past the end with --model (the default model
	// unless given), with intervals, and say how it ranked.
	for k, m := range run.single.Ranked() {
		if m.Model == focus.Name {
			prog.Notef("report: forecast by %s, ranked %d of %d in the backtest", focus.Name, k+1, len(run.single.Models))
		}
	}
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
	fc := &eval.Forecast{Model: focus.Name, Point: fcs[0].Point, Times: fcs[0].Times, Calibration: (&models.LocalIntervals{Levels: levels}).Folds(), Intervals: fcs[0].Intervals}
	r := &plots.Report{Series: ds.Series[0], Model: focus.Name, Backtest: run.single, Forecast: fc, Baseline: models.IsBaseline}
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
