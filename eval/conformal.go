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
	Intervals []Interval `json:"intervals"`
	// Calibration is the number of walk-forward folds whose errors
	// calibrated the intervals.
	Calibration int `json:"calibration"`
}

// MinCalibration returns the least number n of calibration errors for
// which the split-conformal quantile at level percent is finite: the
// smallest n with ⌈(n+1)·level/100⌉ ≤ n (4 at 80 %, 19 at 95 %). It panics
// if level is not in (0, 100).
func MinCalibration(level float64) int {
	if !(level > 0 && level < 100) {
		panic(errLevel)
	}
	for n := 1; ; n++ {
		if conformalRank(n, level) <= n {
			return n
		}
	}
}

// conformalRank returns ⌈(n+1)·level/100⌉, with a small tolerance so that
// levels such as 95 of 19+1 = 20 give exactly 19.
func conformalRank(n int, level float64) int {
	return int(math.Ceil(float64(n+1)*level/100 - 1e-9))
}

// ConformalRadius sets dst[i] to the split-conformal quantile at level
// percent of the absolute errors absErr[k][i] at horizon step i over the
// calibration folds k: with the n errors sorted, the ⌈(n+1)·level/100⌉-th
// smallest, or +Inf when that rank exceeds n (too few folds; see
// [MinCalibration]). An interval forecast ± dst[i] then covers a new value
// with probability at least level/100 when the errors are exchangeable.
// NaN errors are not allowed.
//
// dst is allocated when nil and returned. It panics if len(dst) differs
// from the rows' length, if the rows differ in length, if absErr is empty
// or if level is not in (0, 100).
func ConformalRadius(dst []float64, absErr [][]float64, level float64) []float64 {
	if !(level > 0 && level < 100) {
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
	n := len(absErr)
	r := conformalRank(n, level)
	col := make([]float64, n)
	for i := range h {
		for k, row := range absErr {
			if len(row) != h {
				panic(errLength)
			}
			col[k] = row[i]
		}
		if r > n {
			dst[i] = math.Inf(1)
			continue
		}
		slices.Sort(col)
		dst[i] = col[r-1]
	}
	return dst
}

func intervalAround(point, radius []float64, level float64) Interval {
	iv := Interval{Level: level, Lo: make([]float64, len(point)), Hi: make([]float64, len(point))}
	for i, p := range point {
		iv.Lo[i] = p - radius[i]
		iv.Hi[i] = p + radius[i]
	}
	return iv
}

// ConformalForecast forecasts cfg.Horizon steps after the end of s with
// model m and wraps the forecast in conformal prediction intervals at
// cfg.Levels. It first runs [WalkForward] with cfg on s and collects the
// absolute errors of every fold at each horizon step; then it fits a fresh
// model on all of s, predicts, and adds ± the per-step conformal radius
// ([ConformalRadius]). The walk-forward folds end at the end of s, so the
// calibration errors come from the most recent history. With
// cfg.ScaledIntervals the errors are scaled as [Backtest.ScaledIntervals]
// says and the radius is scaled by the MASE scale of all of s.
//
// It returns an error when cfg has no levels, when the walk-forward fails,
// or when there are fewer folds than [MinCalibration] needs for the
// highest level (or than cfg.Calibration when set).
func ConformalForecast(ctx context.Context, s *forecast.Series, m Model, cfg *Backtest) (*Forecast, error) {
	if cfg == nil || len(cfg.Levels) == 0 {
		return nil, fmt.Errorf("eval: conformal forecast needs at least one interval level")
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
	absErr := make([][]float64, len(folds))
	scale := 1.0
	for k, fd := range folds {
		absErr[k] = absErrors(fd.Actual, fd.Forecast)
	}
	if cfg.ScaledIntervals {
		m := res.Season
		sc := make([]float64, len(folds)+1)
		for k, fd := range folds {
			sc[k] = MASEScale(s.Values[fd.TrainStart:fd.Origin], m)
		}
		sc[len(folds)] = MASEScale(s.Values, m)
		if validScales(sc) {
			for k := range folds {
				for i := range absErr[k] {
					absErr[k][i] /= sc[k]
				}
			}
			scale = sc[len(folds)]
		}
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
	out := &Forecast{Model: m.Name, Point: point, Times: s.FutureTimes(cfg.Horizon), Calibration: len(folds)}
	radius := make([]float64, cfg.Horizon)
	for _, l := range cfg.Levels {
		ConformalRadius(radius, absErr, l)
		for i := range radius {
			radius[i] *= scale
		}
		out.Intervals = append(out.Intervals, intervalAround(point, radius, l))
	}
	return out, nil
}
