package forecast

import (
	"math"
	"slices"
)

// Interval is a central prediction interval: the true value is expected
// to lie in [Lo[i], Hi[i]] with probability Level/100 at step i+1 of the
// forecast. Level is a percentage in (0, 100), such as 80 or 95, the unit
// of every interval level in tsforecast.
type Interval struct {
	Level float64   `json:"level"`
	Lo    []float64 `json:"lo"`
	Hi    []float64 `json:"hi"`
}

// IntervalAround returns the interval point ± radius at level percent.
// It panics if the lengths differ.
func IntervalAround(point, radius []float64, level float64) Interval {
	if len(point) != len(radius) {
		panic("forecast: interval point and radius lengths differ")
	}
	iv := Interval{Level: level, Lo: make([]float64, len(point)), Hi: make([]float64, len(point))}
	for i, p := range point {
		iv.Lo[i] = p - radius[i]
		iv.Hi[i] = p + radius[i]
	}
	return iv
}

// ValidLevel reports whether level is an interval level in percent, in
// the open interval (0, 100).
func ValidLevel(level float64) bool { return level > 0 && level < 100 }

// ConformalRank returns the rank ⌈(n+1)·level/100⌉ of the split-conformal
// quantile of n calibration scores at level percent (Vovk et al. 2005;
// Lei et al. 2018): an interval whose radius is the rank-th smallest score
// covers a new value with probability at least level/100 when the scores
// are exchangeable. A tolerance of 1e-9 absorbs rounding in the product,
// so that 95 % of 19+1 scores gives exactly 19. The rank exceeds n when
// there are too few scores for the level (see [MinCalibration]).
func ConformalRank(n int, level float64) int {
	return int(math.Ceil(float64(n+1)*level/100 - 1e-9))
}

// ConformalQuantile returns the split-conformal quantile at level percent
// of the calibration scores in sorted (ascending): the
// [ConformalRank]-th smallest. It reports false when there are too few
// scores for the level. It panics if level is not in (0, 100).
func ConformalQuantile(sorted []float64, level float64) (float64, bool) {
	if !ValidLevel(level) {
		panic(errLevel)
	}
	r := ConformalRank(len(sorted), level)
	if len(sorted) == 0 || r > len(sorted) {
		return math.Inf(1), false
	}
	return sorted[max(r, 1)-1], true
}

// ConformalQuantileOf is [ConformalQuantile] of unsorted scores; scores
// is sorted in place.
func ConformalQuantileOf(scores []float64, level float64) (float64, bool) {
	slices.Sort(scores)
	return ConformalQuantile(scores, level)
}

// MinCalibration returns the least number n of calibration scores for
// which the split-conformal quantile at level percent exists: the
// smallest n with [ConformalRank](n, level) ≤ n (4 at 80 %, 19 at 95 %).
// It panics if level is not in (0, 100).
func MinCalibration(level float64) int {
	if !ValidLevel(level) {
		panic(errLevel)
	}
	for n := 1; ; n++ {
		if ConformalRank(n, level) <= n {
			return n
		}
	}
}

const errLevel = "forecast: interval level not in (0, 100)"

// NonNegative reports whether every value of history is ≥ 0: counts,
// sales and most business series, whose forecasts [ClipNonNegative]
// keeps at 0 or above.
func NonNegative(history []float64) bool {
	for _, v := range history {
		if v < 0 {
			return false
		}
	}
	return len(history) > 0
}

// ClipNonNegative raises every negative point forecast and interval bound
// to 0, in place: a forecast of data that cannot be negative should not
// be either.
func ClipNonNegative(point []float64, intervals []Interval) {
	clip := func(x []float64) {
		for i, v := range x {
			if v < 0 {
				x[i] = 0
			}
		}
	}
	clip(point)
	for _, iv := range intervals {
		clip(iv.Lo)
		clip(iv.Hi)
	}
}
