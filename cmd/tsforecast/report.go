package main

import (
	"fmt"
	"slices"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

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
	prog := newProgress(cCtx)
	run, err := backtestInput(cCtx, prog)
	if err != nil {
		return err
	}
	ds, names, season := run.ds, run.names, run.season
	dir := cCtx.String("out")
	if run.many != nil {
		r := &plots.Report{Title: "Forecast report: " + ds.Name, Many: run.many, ManySeries: ds.Series}
		if err := plots.WriteReport(dir, r); err != nil {
			return err
		}
		prog.Notef("report written to %s", dir)
		return run.writeTable(cCtx.App.Writer)
	}

	// One series: forecast past the end with the focus model (the network
	// when there is one, else the best in the backtest), with intervals.
	focus := run.single.Ranked()[0].Model
	for _, n := range names {
		if isNetwork(n) {
			focus = n
			break
		}
	}
	s := ds.Series[0]
	ms := settingsFrom(cCtx, season.Period)
	if isNetwork(focus) {
		ms.showEpochs(prog, focus)
	}
	m, err := ms.model(focus)
	if err != nil {
		return err
	}
	h := run.cfg.Horizon
	f, err := forecastSeries(cCtx.Context, s, m, h, levels, season.Period, prog, true)
	prog.Done()
	if err != nil {
		return err
	}
	fc := &eval.Forecast{Model: focus, Point: f.fc.Point, Times: f.fc.Times, Calibration: calibrationFolds(levels)}
	for _, b := range f.fc.Bands {
		fc.Intervals = append(fc.Intervals, eval.Interval{Level: b.Level, Lo: b.Lo, Hi: b.Hi})
	}
	r := &plots.Report{Series: s, Model: focus, Backtest: run.single, Forecast: fc}
	if nm, ok := f.model.(*seq2one.Model); ok {
		hist := nm.History()
		noteTraining(prog, focus, hist)
		ms := members(hist)
		tc := &plots.TrainingChart{Title: focus + " training loss", Loss: "MSE (scaled)"}
		if len(ms) > 1 {
			tc.Title += fmt.Sprintf(" (network 1 of the ensemble of %d)", len(ms))
		}
		for _, e := range ms[0] {
			tc.Train = append(tc.Train, e.TrainLoss)
			tc.Val = append(tc.Val, e.ValLoss)
			if e.Best {
				tc.BestEpoch = e.Epoch
			}
		}
		if slices.ContainsFunc(tc.Val, func(v float64) bool { return v != v }) {
			tc.Val = nil // no validation split
		}
		r.Training = tc
	}
	if err := plots.WriteReport(dir, r); err != nil {
		return err
	}
	prog.Notef("report written to %s", dir)
	return run.writeTable(cCtx.App.Writer)
}
