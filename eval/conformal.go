package eval

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// Forecast is a point forecast with prediction intervals.
type Forecast struct {
	// Model is the name of the model that made the forecast.
	Model string `json:"model"`
	// Point holds the forecasts 1..h steps ahead.
	Point []float64 `json:"point"`
	// Times holds the timestamps of the forecasts, or nil when the series
	// has none.
	Times []time.Time `json:"times,omitempty"`
	// Intervals holds one central interval per requested level.
	Intervals []forecast.Interval `json:"intervals"`
	// Calibration is the number of walk-forward folds whose errors
	// calibrated the intervals.
	Calibration int `json:"calibration"`
}

// ConformalRadius sets dst[i] to the split-conformal quantile at level
// percent ([forecast.ConformalQuantile]) of the absolute errors absErr[k][i]
// at horizon step i over the calibration folds k, or +Inf when there are
// too few folds for the level ([forecast.MinCalibration]). An interval
// forecast ± dst[i] then covers a new value with probability at least
// level/100 when the errors are exchangeable. NaN errors are not allowed.
//
// dst is allocated when nil and returned. It panics if len(dst) differs
// from the rows' length, if the rows differ in length, if absErr is empty
// or if level is not in (0, 100).
func ConformalRadius(dst []float64, absErr [][]float64, level float64) []float64 {
	if !forecast.ValidLevel(level) {
		panic(errLevel)
	}
	if len(absErr) == 0 {
		panic(errNoCalib)
	}
	h := len(absErr[0])
	if dst == nil {
		dst = make([]float64, h)
	}
	if len(dst) != h {
		panic(errLength)
	}
	col := make([]float64, len(absErr))
	for i := range h {
		for k, row := range absErr {
			if len(row) != h {
				panic(errLength)
			}
			col[k] = row[i]
		}
		dst[i], _ = forecast.ConformalQuantileOf(col, level)
	}
	return dst
}

// Calibration is the calibration set of split-conformal intervals: the
// absolute errors of a walk-forward run at each horizon step.
type Calibration struct {
	// Errors[k][i] is the absolute error of fold k at step i+1, divided by
	// the fold's MASE scale with [Backtest.ScaledIntervals].
	Errors [][]float64
	// Scale multiplies every radius: 1, or with ScaledIntervals the MASE
	// scale of the whole series.
	Scale float64
}

// Calibrate runs [WalkForward] of model m on s as cfg says and returns
// the absolute errors of its folds at each horizon step, to calibrate
// split-conformal intervals of forecasts made at the end of s. The folds
// end at the end of s, so the errors come from the most recent history.
// With cfg.ScaledIntervals the errors are divided by each fold's MASE
// scale and the radius is scaled by that of all of s (plain errors when a
// scale is zero or undefined).
//
// It returns an error when cfg has no levels, when the walk-forward fails,
// or when there are fewer folds than [forecast.MinCalibration] needs for
// the highest level (or than cfg.Calibration when set).
func Calibrate(ctx context.Context, s *forecast.Series, m Model, cfg *Backtest) (*Calibration, error) {
	if cfg == nil || len(cfg.Levels) == 0 {
		return nil, fmt.Errorf("eval: conformal intervals need at least one level")
	}
	res, err := WalkForward(ctx, s, []Model{m}, cfg)
	if err != nil {
		return nil, err
	}
	folds := res.Models[0].Folds
	if need := cfg.minCalibration(); len(folds) < need {
		return nil, fmt.Errorf("eval: %v%% intervals need at least %d walk-forward folds, got %d: add origins or shorten the step",
			slices.Max(cfg.Levels), need, len(folds))
	}
	c := &Calibration{Errors: make([][]float64, len(folds)), Scale: 1}
	for k, fd := range folds {
		c.Errors[k] = absErrors(fd.Actual, fd.Forecast)
	}
	if cfg.ScaledIntervals {
		sc := make([]float64, len(folds)+1)
		for k, fd := range folds {
			sc[k] = MASEScale(s.Values[fd.TrainStart:fd.Origin], res.Season)
		}
		sc[len(folds)] = MASEScale(s.Values, res.Season)
		if validScales(sc) {
			for k := range folds {
				for i := range c.Errors[k] {
					c.Errors[k][i] /= sc[k]
				}
			}
			c.Scale = sc[len(folds)]
		}
	}
	return c, nil
}

// Radius writes to dst (allocated when nil) the conformal radius at level
// percent at each horizon step ([ConformalRadius] times Scale) and returns
// it.
func (c *Calibration) Radius(dst []float64, level float64) []float64 {
	dst = ConformalRadius(dst, c.Errors, level)
	for i := range dst {
		dst[i] *= c.Scale
	}
	return dst
}

// Intervals returns one interval per level around point, whose length
// must be the calibrated horizon.
func (c *Calibration) Intervals(point []float64, levels []float64) []forecast.Interval {
	out := make([]forecast.Interval, len(levels))
	radius := make([]float64, len(point))
	for i, l := range levels {
		out[i] = forecast.IntervalAround(point, c.Radius(radius, l), l)
	}
	return out
}

// ConformalForecast forecasts cfg.Horizon steps after the end of s with
// model m and wraps the forecast in conformal prediction intervals at
// cfg.Levels: it calibrates on a walk-forward run ([Calibrate]), fits a
// fresh model on all of s, predicts, and adds ± the per-step radius.
func ConformalForecast(ctx context.Context, s *forecast.Series, m Model, cfg *Backtest) (*Forecast, error) {
	c, err := Calibrate(ctx, s, m, cfg)
	if err != nil {
		return nil, err
	}
	f := m.New()
	if err := f.Fit(ctx, s); err != nil {
		return nil, fmt.Errorf("eval: series %q, model %q: %w", s.ID, m.Name, err)
	}
	point, err := f.Predict(nil, cfg.Horizon)
	if err != nil {
		return nil, fmt.Errorf("eval: series %q, model %q: predict: %w", s.ID, m.Name, err)
	}
	if len(point) != cfg.Horizon {
		return nil, fmt.Errorf("eval: model %q predicted %d values, want %d", m.Name, len(point), cfg.Horizon)
	}
	point = slices.Clone(point[:cfg.Horizon])
	return &Forecast{
		Model: m.Name, Point: point, Times: s.FutureTimes(cfg.Horizon),
		Intervals: c.Intervals(point, cfg.Levels), Calibration: len(c.Errors),
	}, nil
}

// validScales reports whether every scale is finite and positive.
func validScales(sc []float64) bool {
	for _, v := range sc {
		if !(v > 0) || math.IsInf(v, 1) {
			return false
		}
	}
	return true
}
