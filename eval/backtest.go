package eval

import (
	"fmt"

	"github.com/tsforecast/tsforecast/forecast"
)

// Model names a forecaster and says how to make a fresh, unfitted one.
// New is called once per fold (or per run of folds between refits) and
// must return an independent value each time, so that folds can run in
// parallel; a model with randomness should seed itself from its config so
// that every call behaves the same.
type Model struct {
	Name string
	New  func() forecast.Forecaster
}

// Window is the kind of training window of a walk-forward run.
type Window int

const (
	// Expanding trains each fold on all values before its origin.
	Expanding Window = iota
	// Sliding trains each fold on a fixed number of values before its
	// origin ([Backtest.SlidingSize]).
	Sliding
)

// String returns "expanding" or "sliding".
func (w Window) String() string {
	switch w {
	case Expanding:
		return "expanding"
	case Sliding:
		return "sliding"
	}
	return fmt.Sprintf("Window(%d)", int(w))
}

// ParseWindow returns the Window named s, as printed by [Window.String].
func ParseWindow(s string) (Window, error) {
	switch s {
	case "expanding":
		return Expanding, nil
	case "sliding":
		return Sliding, nil
	}
	return 0, invalidf("unknown window %q (want expanding or sliding)", s)
}

// Backtest configures a walk-forward (rolling-origin) evaluation. A nil
// *Backtest is invalid because Horizon has no default; other fields work at
// their zero value as stated. WalkForward never modifies the Backtest.
type Backtest struct {
	// Horizon is the number of steps forecast from each origin. Required.
	Horizon int
	// Step is the distance between consecutive origins; 0 means Horizon,
	// so that the test windows tile the end of the series.
	Step int
	// Origins is the number of forecast origins, counted back from the
	// end: the last fold's horizon ends at the last value. For example 3
	// origins with Step 12 and Horizon 12 test the last 36 values. When
	// Origins is 0, InitialTrain is used instead.
	Origins int
	// InitialTrain is the first origin (the training size of the first
	// fold) when Origins is 0; origins then advance by Step while a full
	// horizon remains. One of Origins and InitialTrain must be positive.
	InitialTrain int
	// Window is Expanding (the default) or Sliding.
	Window Window
	// SlidingSize is the number of training values per fold with a
	// Sliding window; 0 means the first origin, so every fold trains on as
	// many values as the first.
	SlidingSize int
	// Refit says how often models are fitted: 1 at every origin, k at
	// every k-th origin, and 0 only at the first origin. Between refits a
	// model that implements [forecast.Updater] is given the fold's training
	// data with Update (same parameters, new history); any other model is
	// refitted. Folds between two refits run in order; separate runs of
	// folds run in parallel.
	Refit int
	// Season is the seasonal period m used by MASE; 0 resolves it per
	// series with [forecast.Season], as the models do.
	Season int
	// Levels lists prediction interval levels in percent, each in
	// (0, 100), e.g. {80, 95}. When non-empty, folds get intervals and
	// interval scores: the model's own when it has them
	// (forecast.IntervalPredictor), else conformal ones from earlier folds
	// (see Calibration).
	Levels []float64
	// Calibration is the smallest number of earlier folds whose absolute
	// errors calibrate a fold's intervals. Only folds whose horizons end
	// at or before the origin are used, so no future value leaks in. 0
	// means the least number for which every level has a finite conformal
	// quantile: ⌈l/(1−l)⌉ for the highest level l (19 for 95 %, 4 for 80 %).
	Calibration int
	// ScaledIntervals calibrates intervals on scaled errors: each fold's
	// absolute errors are divided by the in-sample MAE of the seasonal
	// naive forecast on its training data (the MASE scale, with Season),
	// and the conformal radius is multiplied by the current fold's scale,
	// so interval widths follow changes in the series' level and
	// volatility. When a fold's scale is zero or undefined, plain absolute
	// errors are used for the whole series.
	ScaledIntervals bool
	// Reference names the model OWA is computed against in
	// [WalkForwardMany] (the M4 competition's is Naive2); "" means no OWA.
	Reference string
	// Workers bounds the number of folds fitted at once; 0 means
	// runtime.GOMAXPROCS(0). Results do not depend on it.
	Workers int
}

func (c *Backtest) step() int {
	if c.Step > 0 {
		return c.Step
	}
	return c.Horizon
}

func (c *Backtest) validate(nModels int) error {
	switch {
	case c == nil:
		return invalidf("nil backtest config")
	case c.Horizon < 1:
		return invalidf("horizon must be at least 1, got %d", c.Horizon)
	case c.Step < 0:
		return invalidf("step must not be negative, got %d", c.Step)
	case c.Origins < 0 || c.InitialTrain < 0:
		return invalidf("origins (%d) and initial train size (%d) must not be negative", c.Origins, c.InitialTrain)
	case c.Origins == 0 && c.InitialTrain == 0:
		return invalidf("set the number of origins or the initial training size")
	case c.Window != Expanding && c.Window != Sliding:
		return invalidf("unknown window %d", int(c.Window))
	case c.SlidingSize < 0 || c.Refit < 0 || c.Season < 0 || c.Calibration < 0 || c.Workers < 0:
		return invalidf("sliding size, refit, season, calibration and workers must not be negative")
	case nModels == 0:
		return invalidf("no models")
	}
	for _, l := range c.Levels {
		if !(l > 0 && l < 100) {
			return invalidf("interval level %v not in (0, 100)", l)
		}
	}
	return nil
}

// minCalibration returns the number of calibration folds to require.
func (c *Backtest) minCalibration() int {
	if c.Calibration > 0 {
		return c.Calibration
	}
	n := 1
	for _, l := range c.Levels {
		n = max(n, forecast.MinCalibration(l))
	}
	return n
}

// origins returns the fold origins for a series of n values.
func (c *Backtest) origins(n int) ([]int, error) {
	h, st := c.Horizon, c.step()
	var out []int
	if c.Origins > 0 {
		first := n - h - (c.Origins-1)*st
		if first < 1 {
			return nil, fmt.Errorf("%w: %d values are too few for %d origins %d apart with horizon %d (need at least %d)", forecast.ErrTooShort,
				n, c.Origins, st, h, h+(c.Origins-1)*st+1)
		}
		for k := range c.Origins {
			out = append(out, first+k*st)
		}
		return out, nil
	}
	for o := c.InitialTrain; o+h <= n; o += st {
		out = append(out, o)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: %d values are too few for initial training size %d and horizon %d", forecast.ErrTooShort, n, c.InitialTrain, h)
	}
	return out, nil
}

// trainStart returns the first training index of the fold at origin o.
func (c *Backtest) trainStart(o, first int) int {
	if c.Window != Sliding {
		return 0
	}
	size := c.SlidingSize
	if size == 0 {
		size = first
	}
	return max(0, o-size)
}

// season returns the period MASE uses on s: [forecast.Season] of the
// Season setting, the rule every model follows too.
func (c *Backtest) season(s *forecast.Series) int {
	return forecast.Season(c.Season, s)
}
