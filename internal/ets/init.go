package ets

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// initState writes to dst (resized) the starting values of the free initial
// states (l0, b0, s[0], …, s[m-2]) that R's initstate computes, and returns
// it:
//
//   - With a season, a seasonal pattern: for n >= 3m the classical
//     decomposition of the whole series (R's decompose: centred moving
//     average of order m, seasonal figure averaged over cycles and
//     normalised to sum 0 or m); for n < 3m the detrended series of a
//     regression of y on an intercept, t and one Fourier pair of period m.
//     s[i] is the pattern at position m−1−i; multiplicative indexes are
//     floored at 0.01 (and rescaled if they sum to more than m), and the
//     series is seasonally adjusted with the pattern.
//   - l0 (and b0) from the first max(10, 2m) values of the adjusted series
//     (all of them if fewer): their mean without a trend, otherwise the
//     intercept and slope of a least-squares line on t = 1, 2, ….
//
// It returns an error wrapping ErrTooShort for a seasonal spec with fewer
// than 4 values.
func initState(dst, y []float64, sp Spec, m int) ([]float64, error) {
	n := len(y)
	var ysa []float64
	var seas []float64 // s[0..m-2]
	if sp.Season != None {
		if n < 4 {
			return nil, fmt.Errorf("%w: %d values for a seasonal initial state", ErrTooShort, n)
		}
		mult := sp.Season == Multiplicative
		var pattern []float64 // seasonal component, length n
		if n < 3*m {
			var err error
			pattern, err = fourierDetrend(y, m, mult)
			if err != nil {
				return nil, err
			}
		} else {
			fig := decompose(y, m, mult)
			pattern = make([]float64, n)
			for t := range pattern {
				pattern[t] = fig[t%m]
			}
		}
		seas = make([]float64, m-1)
		for i := range seas {
			seas[i] = pattern[m-1-i]
		}
		ysa = make([]float64, n)
		if mult {
			sum := 0.0
			for i, v := range seas {
				seas[i] = math.Max(v, 1e-2)
				sum += seas[i]
			}
			if sum > float64(m) {
				// R divides by sum(init.seas + 1e-2).
				d := sum + 1e-2*float64(len(seas))
				for i := range seas {
					seas[i] /= d
				}
			}
			for t := range ysa {
				ysa[t] = y[t] / math.Max(pattern[t], 1e-2)
			}
		} else {
			for t := range ysa {
				ysa[t] = y[t] - pattern[t]
			}
		}
	} else {
		m = 1
		ysa = y
	}

	maxn := min(max(10, 2*m), n)
	k := 1
	if sp.Trend != None {
		k = 2
	}
	dst = resize(dst, k+len(seas))
	if sp.Trend == None {
		s := 0.0
		for _, v := range ysa[:maxn] {
			s += v
		}
		dst[0] = s / float64(maxn)
	} else {
		l0, b0 := lineFit(ysa[:maxn])
		if math.Abs(l0+b0) < 1e-8 {
			l0 *= 1 + 1e-3
			b0 *= 1 - 1e-3
		}
		dst[0], dst[1] = l0, b0
	}
	copy(dst[k:], seas)
	return dst, nil
}

// lineFit returns the intercept and slope of the least-squares line through
// (t, y[t-1]), t = 1, …, len(y), as R's lsfit(1:n, y). With one value the
// slope is zero.
func lineFit(y []float64) (intercept, slope float64) {
	n := float64(len(y))
	tbar := (n + 1) / 2
	ybar := 0.0
	for _, v := range y {
		ybar += v
	}
	ybar /= n
	var sxy, sxx float64
	for i, v := range y {
		dt := float64(i+1) - tbar
		sxy += dt * (v - ybar)
		sxx += dt * dt
	}
	if sxx == 0 {
		return ybar, 0
	}
	slope = sxy / sxx
	return ybar - slope*tbar, slope
}

// decompose returns the seasonal figure of R's decompose(ts(y, frequency =
// m), type): the series less (or divided by) its centred moving average of
// order m (weights 1/m, or 1/(2m) at both ends for even m), averaged by
// position in the cycle over the values where the average exists, then
// centred to mean 0 (additive) or 1 (multiplicative). Position 0 is the
// first value of y. It needs len(y) >= 2m.
func decompose(y []float64, m int, mult bool) []float64 {
	n := len(y)
	half := m / 2
	sum := make([]float64, m)
	cnt := make([]int, m)
	for t := half; t < n-half; t++ {
		var tr float64
		if m%2 == 0 {
			tr = 0.5 * (y[t-half] + y[t+half])
			for j := t - half + 1; j < t+half; j++ {
				tr += y[j]
			}
		} else {
			for j := t - half; j <= t+half; j++ {
				tr += y[j]
			}
		}
		tr /= float64(m)
		if mult {
			sum[t%m] += y[t] / tr
		} else {
			sum[t%m] += y[t] - tr
		}
		cnt[t%m]++
	}
	mean := 0.0
	for i := range sum {
		sum[i] /= float64(cnt[i])
		mean += sum[i]
	}
	mean /= float64(m)
	for i := range sum {
		if mult {
			sum[i] /= mean
		} else {
			sum[i] -= mean
		}
	}
	return sum
}

// fourierDetrend fits y_t = c0 + c1·t + c2·sin(2πt/m) + c3·cos(2πt/m),
// t = 1, …, n, by least squares (the sine is dropped for m = 2, where it is
// zero, as R's fourier drops it) and returns y_t − c0 − c1·t, or
// y_t/(c0 + c1·t) when mult: R's initstate for n < 3m.
func fourierDetrend(y []float64, m int, mult bool) ([]float64, error) {
	n := len(y)
	cols := 4
	if m == 2 {
		cols = 3
	}
	x := mat.NewDense(n, cols, nil)
	for i := range n {
		t := float64(i + 1)
		x.Set(i, 0, 1)
		x.Set(i, 1, t)
		w := 2 * math.Pi * t / float64(m)
		if cols == 4 {
			x.Set(i, 2, math.Sin(w))
			x.Set(i, 3, math.Cos(w))
		} else {
			x.Set(i, 2, math.Cos(w))
		}
	}
	var coef mat.VecDense
	if err := coef.SolveVec(x, mat.NewVecDense(n, append([]float64(nil), y...))); err != nil {
		return nil, fmt.Errorf("%w: seasonal initial state regression: %v", ErrTooShort, err)
	}
	c0, c1 := coef.AtVec(0), coef.AtVec(1)
	out := make([]float64, n)
	for i := range out {
		tr := c0 + c1*float64(i+1)
		if mult {
			out[i] = y[i] / tr
		} else {
			out[i] = y[i] - tr
		}
	}
	return out, nil
}

// resize returns s with length n, reusing its storage when large enough.
func resize(s []float64, n int) []float64 {
	if n > cap(s) {
		return make([]float64, n)
	}
	return s[:n]
}
