package seq2one

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/tsforecast/tsforecast/forecast"
)

// calibrate stores, for each step of the horizon, the sorted absolute
// errors of the fitted model on the validation window of every series,
// each divided by its series' error scale, for [Global.Radius].
func (g *Global) calibrate(src *globalSource, series []*forecast.Series) {
	p := &g.gp
	H := p.Horizon
	p.Calib = make([][]float64, H)
	x := make([]float64, p.Steps*p.stepIn()+p.nk()*H)
	out := make([]float64, H)
	acc := make([]float64, H)
	in := p.Steps * p.stepIn()
	for _, sr := range src.val {
		y := series[sr].Values
		n := len(y)
		sc := errScale(y[:n-H], p.Season)
		if !(sc > 0) || !finite(sc) {
			continue
		}
		gs := &p.Series[sr]
		clear(acc)
		for e, net := range g.ens {
			idx := src.idx[sr]
			if p.raw(e) {
				idx = nil
			}
			level := src.fill(x, sr, n-H, idx)
			net.predictTo(x[:in], x[in:], out)
			for k, v := range out {
				acc[k] += v + level + seasonAt(idx, n-H+k)
			}
		}
		for k := range H {
			zv := acc[k] / float64(len(g.ens))
			v := zv * gs.Scale
			if gs.Log {
				v = math.Exp(zv)
			}
			if e := math.Abs(y[n-H+k]-v) / sc; finite(e) {
				p.Calib[k] = append(p.Calib[k], e)
			}
		}
	}
	for k := range p.Calib {
		slices.Sort(p.Calib[k])
		p.Calib[k] = thinSorted(p.Calib[k], maxCalib)
	}
}

// maxCalib is the most validation errors kept per horizon step, so that
// a model's calibration (and a weights-only file) does not grow with the
// number of series fitted; it supports levels up to 99.9 %.
const maxCalib = 1000

// thinSorted returns sorted when it has at most k values, else its k
// order statistics of ranks ⌈j·n/k⌉, j = 1..k (n = len(sorted)). The
// split-conformal quantile at level L of the k values is then the one of
// rank ⌈ρ·n/k⌉ among all n, ρ = ⌈(k+1)L⌉, which is at least the rank
// ⌈(n+1)L⌉ of the exact one (ρ·n/k ≥ (k+1)L·n/k ≥ (n+1)L as n > k) and
// exceeds it by at most 2n/k+1: intervals never narrower, and wider by at
// most 2/k of the level's quantile (0.2 percentage points).
func thinSorted(sorted []float64, k int) []float64 {
	n := len(sorted)
	if n <= k {
		return sorted
	}
	out := make([]float64, k)
	for j := 1; j <= k; j++ {
		out[j-1] = sorted[(j*n+k-1)/k-1]
	}
	return out
}

// ErrNoCalibration is returned by [Global.Radius] when the fitted series
// gave no validation errors to calibrate intervals on (every series too
// short for a validation window) or too few for the level.
var ErrNoCalibration = errors.New("seq2one: too few validation errors to calibrate intervals of that level")

// Radius writes to dst (allocated when nil or too short) the half-widths
// of split-conformal prediction intervals at level percent (in (0, 100))
// around the forecasts of series i, steps 1..h, and returns dst[:h].
//
// At fit time every series' last horizon is held out (for early stopping);
// the fitted model's absolute errors there, each divided by its series'
// MASE scale (mean |y_t − y_{t−m}|), are pooled over the series per
// horizon step. The radius at step k is the ⌈(n+1)·level/100⌉-th smallest
// of the n scaled errors of step k (the last step's beyond the horizon),
// times series i's own scale. Of more than 1000 series, 1000 evenly
// ranked order statistics of the errors are kept per step, whose
// quantile is never below the exact one and at most 0.2 percentage points
// of level above it, so that the calibration does not grow with the
// number of series. When there are too few series for the level,
// the errors of all steps are pooled instead (one width for every step);
// when even those are too few it returns ErrNoCalibration. The errors come from the windows that also
// chose the early-stopping epoch, so coverage may fall a little short of
// the level. It panics if i is out of range.
func (g *Global) Radius(dst []float64, i, h int, level float64) ([]float64, error) {
	if g.ens == nil {
		return dst, errNotFitted
	}
	if i < 0 || i >= len(g.gp.Series) {
		panic("seq2one: series index out of range")
	}
	return radius(dst, &g.gp, &g.gp.Series[i], h, level)
}

// radius is Radius for the series gs of the model of pipeline p.
func radius(dst []float64, p *globalPipe, gs *globalSeries, h int, level float64) ([]float64, error) {
	if !(level > 0 && level < 100) {
		return dst, fmt.Errorf("seq2one: interval level %v, want a percentage in (0, 100)", level)
	}
	if h < 1 {
		return dst, fmt.Errorf("seq2one: horizon %d, want ≥ 1", h)
	}
	if cap(dst) < h {
		dst = make([]float64, h)
	}
	dst = dst[:h]
	sc := gs.ErrScale
	if !(sc >= 0) || !finite(sc) {
		return dst, fmt.Errorf("seq2one: series %q: no error scale for intervals", gs.ID)
	}
	if len(p.Calib) == 0 {
		return dst, ErrNoCalibration
	}
	var pooled []float64
	for k := range dst {
		c := p.Calib[min(k, len(p.Calib)-1)]
		q, ok := forecast.ConformalQuantile(c, level)
		if !ok {
			// Too few series for the level: pool the errors of all steps.
			if pooled == nil {
				for _, c := range p.Calib {
					pooled = append(pooled, c...)
				}
				slices.Sort(pooled)
			}
			if q, ok = forecast.ConformalQuantile(pooled, level); !ok {
				return dst, ErrNoCalibration
			}
		}
		dst[k] = q * sc
	}
	return dst, nil
}

// PredictIntervals returns the split-conformal intervals of [Global.Radius]
// at each level (percent) around the h-step forecast of series i. It
// panics if i is out of range.
func (g *Global) PredictIntervals(i, h int, levels []float64) ([]forecast.Interval, error) {
	point, err := g.PredictSeries(nil, i, h)
	if err != nil {
		return nil, err
	}
	out := make([]forecast.Interval, len(levels))
	for k, l := range levels {
		r, err := g.Radius(nil, i, h, l)
		if err != nil {
			return nil, fmt.Errorf("seq2one: series %q: %v%% intervals: %w", g.gp.Series[i].ID, l, err)
		}
		out[k] = forecast.IntervalAround(point, r, l)
	}
	return out, nil
}
