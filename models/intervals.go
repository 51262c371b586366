package models

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/tsforecast/tsforecast/forecast"
)

// boundIntervals returns the intervals at levels (percent) of an h-step
// forecast whose lower and upper bounds at one level bounds returns: the
// models with intervals of their own (ETS, Theta, ARIMA, MSTL).
func boundIntervals(h int, levels []float64, bounds func(level float64) (lo, hi []float64)) ([]forecast.Interval, error) {
	if h < 0 {
		return nil, fmt.Errorf("models: negative horizon %d", h)
	}
	out := make([]forecast.Interval, len(levels))
	for k, l := range levels {
		if !forecast.ValidLevel(l) {
			return nil, fmt.Errorf("models: interval level %v not in (0, 100)", l)
		}
		lo, hi := bounds(l)
		out[k] = forecast.Interval{Level: l, Lo: lo, Hi: hi}
	}
	return out, nil
}

// normalIntervals returns, for each level (percent), the interval
// point ± z·se with z the standard normal quantile at ½ + level/200 (or
// Student's t with df degrees of freedom when df > 0), as R's forecast
// package builds the intervals of its simple methods. It fails with
// forecast.ErrNoIntervals when a standard error is not finite.
func normalIntervals(point, se []float64, levels []float64, df float64) ([]forecast.Interval, error) {
	for i, v := range se {
		if !(v >= 0) || math.IsInf(v, 1) {
			return nil, fmt.Errorf("models: %w: the standard error %d steps ahead is %v", forecast.ErrNoIntervals, i+1, v)
		}
	}
	out := make([]forecast.Interval, len(levels))
	for k, l := range levels {
		if !forecast.ValidLevel(l) {
			return nil, fmt.Errorf("models: interval level %v not in (0, 100)", l)
		}
		var z float64
		if df > 0 {
			z = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.5 + l/200)
		} else {
			z = distuv.UnitNormal.Quantile(0.5 + l/200)
		}
		iv := forecast.Interval{Level: l, Lo: make([]float64, len(point)), Hi: make([]float64, len(point))}
		for i, p := range point {
			iv.Lo[i], iv.Hi[i] = p-z*se[i], p+z*se[i]
		}
		out[k] = iv
	}
	return out, nil
}

// lagwalk holds what the intervals of the random-walk family (naive,
// seasonal naive, drift) need: R's forecast::lagwalk. With lag k, the
// in-sample residuals are e_t = y_t − y_{t−k} − b (b the drift, 0 without),
// mse their mean square, and the standard error h steps ahead is
// √(mse·j + (j·se_b)²) with j = ⌈h/k⌉ the number of whole lags ahead and
// se_b the standard error of b.
type lagwalk struct {
	mse, seB float64
	lag      int
}

// fitLagwalk estimates the lag walk of y with lag k (and a drift when
// drift is set). With fewer than two residuals mse is NaN, and so are the
// intervals' standard errors.
func fitLagwalk(y []float64, k int, drift bool) lagwalk {
	lw := lagwalk{lag: k, mse: math.NaN()}
	n := len(y) - k
	if n < 1 {
		return lw
	}
	var b float64
	if drift {
		for t := k; t < len(y); t++ {
			b += y[t] - y[t-k]
		}
		b /= float64(n)
	}
	var ss float64
	for t := k; t < len(y); t++ {
		e := y[t] - y[t-k] - b
		ss += e * e
	}
	if drift {
		if n < 2 {
			return lw
		}
		// lm(diff ~ 1): sigma² = Σe²/(n−1), se(b) = sigma/√n.
		lw.seB = math.Sqrt(ss/float64(n-1)) / math.Sqrt(float64(n))
	}
	lw.mse = ss / float64(n)
	return lw
}

// se returns the standard errors 1..h steps ahead.
func (lw lagwalk) se(h int) []float64 {
	out := make([]float64, h)
	for i := range out {
		j := float64(i/lw.lag + 1)
		out[i] = math.Sqrt(lw.mse*j + (j*lw.seB)*(j*lw.seB))
	}
	return out
}
