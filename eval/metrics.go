package eval

import "math"

// Panic messages for programmer errors.
const (
	errLength = "eval: slice lengths differ"
	errPeriod = "eval: seasonal period must be at least 1"
	errLevel  = "eval: level must be in (0, 100)"
	errTau    = "eval: quantile must be in (0, 1)"

	errNoCalib    = "eval: no calibration errors"
	errSeasonKind = "eval: unknown season kind"
)

func checkLen(a, b []float64) {
	if len(a) != len(b) {
		panic(errLength)
	}
}

// MAE returns the mean absolute error
//
//	MAE = 1/n · Σ |y_i − ŷ_i|.
//
// It returns NaN for empty input and panics if len(y) != len(yhat).
// NaN in the input propagates to the result.
func MAE(y, yhat []float64) float64 {
	checkLen(y, yhat)
	if len(y) == 0 {
		return math.NaN()
	}
	var s float64
	for i, v := range y {
		s += math.Abs(v - yhat[i])
	}
	return s / float64(len(y))
}

// RMSE returns the root mean squared error
//
//	RMSE = sqrt(1/n · Σ (y_i − ŷ_i)²).
//
// It returns NaN for empty input and panics if len(y) != len(yhat). Errors
// whose squares overflow (beyond about 1e154) are rescaled, so the result is
// finite whenever every error is.
func RMSE(y, yhat []float64) float64 {
	checkLen(y, yhat)
	if len(y) == 0 {
		return math.NaN()
	}
	var s float64
	for i, v := range y {
		d := v - yhat[i]
		s += d * d
	}
	if math.IsInf(s, 1) {
		// Overflow: sum the squares of the errors divided by the largest
		// one. This path only runs when the plain sum overflowed, so
		// ordinary results stay bit-identical.
		var big float64
		for i, v := range y {
			big = math.Max(big, math.Abs(v-yhat[i]))
		}
		if math.IsInf(big, 1) {
			return big
		}
		s = 0
		for i, v := range y {
			d := (v - yhat[i]) / big
			s += d * d
		}
		return big * math.Sqrt(s/float64(len(y)))
	}
	return math.Sqrt(s / float64(len(y)))
}

// Bias returns the mean forecast error, forecast minus actual
//
//	Bias = 1/n · Σ (ŷ_i − y_i),
//
// so a positive bias means the forecasts run too high (the sign convention
// of Nixtla's utilsforecast "bias"; Hyndman's ME is its negative).
// It returns NaN for empty input and panics if len(y) != len(yhat).
func Bias(y, yhat []float64) float64 {
	checkLen(y, yhat)
	if len(y) == 0 {
		return math.NaN()
	}
	var s float64
	for i, v := range y {
		s += yhat[i] - v
	}
	return s / float64(len(y))
}

// MAPE returns the mean absolute percentage error, in percent,
//
//	MAPE = 100/n · Σ |y_i − ŷ_i| / |y_i|.
//
// A term with y_i = 0 is 0 when ŷ_i = 0 too and +Inf otherwise, so a series
// with zeros gives +Inf unless every zero is forecast exactly; use [SMAPE]
// or [MASE] for such data. It returns NaN for empty input and panics if
// len(y) != len(yhat).
func MAPE(y, yhat []float64) float64 {
	checkLen(y, yhat)
	if len(y) == 0 {
		return math.NaN()
	}
	var s float64
	for i, v := range y {
		d := math.Abs(v - yhat[i])
		switch {
		case d == 0:
		case v == 0:
			return math.Inf(1)
		default:
			s += d / math.Abs(v)
		}
	}
	return 100 * s / float64(len(y))
}

// SMAPE returns the symmetric mean absolute percentage error of the M4
// competition, in percent (between 0 and 200),
//
//	sMAPE = 1/n · Σ 200·|y_i − ŷ_i| / (|y_i| + |ŷ_i|).
//
// A term with y_i = ŷ_i = 0 counts as 0 (a perfect forecast; M4's own code
// would give NaN there, which never happens on M4 data since its values are
// positive). It returns NaN for empty input and panics if
// len(y) != len(yhat).
func SMAPE(y, yhat []float64) float64 {
	checkLen(y, yhat)
	if len(y) == 0 {
		return math.NaN()
	}
	var s float64
	for i, v := range y {
		if d := math.Abs(v - yhat[i]); d != 0 {
			s += 200 * d / (math.Abs(v) + math.Abs(yhat[i]))
		}
	}
	return s / float64(len(y))
}

// MASEScale returns the denominator of [MASE]: the in-sample mean absolute
// error of the seasonal naive forecast with period m,
//
//	scale = 1/(n−m) · Σ_{t=m}^{n−1} |x_t − x_{t−m}|.
//
// It returns NaN when len(insample) <= m (no seasonal difference exists) and
// panics if m < 1.
func MASEScale(insample []float64, m int) float64 {
	if m < 1 {
		panic(errPeriod)
	}
	n := len(insample)
	if n <= m {
		return math.NaN()
	}
	var s float64
	for t := m; t < n; t++ {
		s += math.Abs(insample[t] - insample[t-m])
	}
	return s / float64(n-m)
}

// MASE returns the mean absolute scaled error with the M4 definition:
// the out-of-sample MAE divided by [MASEScale] of the in-sample data,
//
//	MASE = MAE(y, ŷ) / (1/(n−m) · Σ_{t=m}^{n−1} |x_t − x_{t−m}|),
//
// with m the seasonal period (1 for non-seasonal data). It returns NaN for
// empty y or when len(insample) <= m, +Inf when the scale is zero (a
// constant or exactly periodic history) and the errors are not, NaN when
// both are zero, and panics if len(y) != len(yhat) or m < 1.
func MASE(y, yhat, insample []float64, m int) float64 {
	return MAE(y, yhat) / MASEScale(insample, m)
}

// OWA returns the overall weighted average of the M4 competition,
//
//	OWA = ½·(sMAPE/sMAPE_ref + MASE/MASE_ref),
//
// where every argument is an average over a whole set of series (the M4
// reference model is [Naive2]). An OWA below 1 means better than the
// reference. Zero reference scores give +Inf or NaN, as the division does.
func OWA(smape, mase, smapeRef, maseRef float64) float64 {
	return 0.5 * (smape/smapeRef + mase/maseRef)
}

// Coverage returns the fraction (between 0 and 1) of y_i with
// lo_i <= y_i <= hi_i. It returns NaN for empty input and panics if the
// lengths differ.
func Coverage(y, lo, hi []float64) float64 {
	checkLen(y, lo)
	checkLen(y, hi)
	if len(y) == 0 {
		return math.NaN()
	}
	var c int
	for i, v := range y {
		if lo[i] <= v && v <= hi[i] {
			c++
		}
	}
	return float64(c) / float64(len(y))
}

// MeanWidth returns the mean interval width 1/n · Σ (hi_i − lo_i). It
// returns NaN for empty input and panics if the lengths differ. An infinite
// bound gives +Inf.
func MeanWidth(lo, hi []float64) float64 {
	checkLen(lo, hi)
	if len(lo) == 0 {
		return math.NaN()
	}
	var s float64
	for i, v := range lo {
		s += hi[i] - v
	}
	return s / float64(len(lo))
}

// Pinball returns the mean pinball (quantile) loss of the forecasts q of
// the tau-quantile,
//
//	L = 1/n · Σ max(τ·(y_i − q_i), (τ − 1)·(y_i − q_i)),
//
// which is minimised in expectation by the true tau-quantile. Pinball at
// τ = 0.5 is half the MAE. It returns NaN for empty input and panics if
// the lengths differ or tau is not in (0, 1).
func Pinball(y, q []float64, tau float64) float64 {
	checkLen(y, q)
	if !(tau > 0 && tau < 1) {
		panic(errTau)
	}
	if len(y) == 0 {
		return math.NaN()
	}
	var s float64
	for i, v := range y {
		d := v - q[i]
		if d >= 0 {
			s += tau * d
		} else {
			s += (tau - 1) * d
		}
	}
	return s / float64(len(y))
}

// IntervalPinball returns the pinball loss of a central interval at level
// percent, scored as the mean of the losses of its bounds: lo as the
// (1−level/100)/2 quantile and hi as the (1+level/100)/2 quantile. It
// returns NaN for empty input and panics if the lengths differ or level is
// not in (0, 100).
func IntervalPinball(y, lo, hi []float64, level float64) float64 {
	if !(level > 0 && level < 100) {
		panic(errLevel)
	}
	a := (1 - level/100) / 2
	return 0.5 * (Pinball(y, lo, a) + Pinball(y, hi, 1-a))
}
