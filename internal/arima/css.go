package arima

import "math"

// cssWork holds the compacted coefficients of css.
type cssWork struct {
	arC, maC []float64
	maL      []int
}

// css computes the conditional sum of squares of R's ARIMA_CSS for the
// differenced series w: residuals are zero before start = len(phi) and
//
//	e_l = w_l - Σ_j phi_j w_{l-j} - Σ_{j ≤ l-start} theta_j e_{l-j}
//
// after. arLags and maLags list the structurally non-zero lags (1-based,
// ascending) of phi and theta; only those are visited. The MA terms are
// subtracted from the longest lag down, so that the residual just computed
// enters last and consecutive residuals overlap in the processor's
// pipeline; the sums therefore differ from R's in the last bits.
// Residuals are written to resid (len(w) elements); ssq and the count nu
// cover l ≥ start.
func css(w, phi, theta []float64, arLags, maLags []int, resid []float64, cw *cssWork) (ssq float64, nu int) {
	start := len(phi)
	n := len(w)
	for l := 0; l < start && l < n; l++ {
		resid[l] = 0
	}
	cw.arC = resize(cw.arC, len(arLags))
	for i, lag := range arLags {
		cw.arC[i] = phi[lag-1]
	}
	nm := len(maLags)
	cw.maC = resize(cw.maC, nm)
	if cap(cw.maL) < nm {
		cw.maL = make([]int, nm)
	}
	cw.maL = cw.maL[:nm]
	for i, lag := range maLags { // descending
		cw.maC[nm-1-i] = theta[lag-1]
		cw.maL[nm-1-i] = lag
	}
	arC, maC, maL := cw.arC, cw.maC, cw.maL
	maxMA := 0
	if nm > 0 {
		maxMA = maL[0]
	}
	warm := min(n, start+maxMA)
	for l := start; l < warm; l++ {
		v := w[l]
		for i, lag := range arLags {
			v -= arC[i] * w[l-lag]
		}
		lim := l - start
		for i, lag := range maL {
			if lag <= lim {
				v -= maC[i] * resid[l-lag]
			}
		}
		resid[l] = v
		if !math.IsNaN(v) {
			nu++
			ssq += v * v
		}
	}
	for l := warm; l < n; l++ {
		v := w[l]
		for i, lag := range arLags {
			v -= arC[i] * w[l-lag]
		}
		for i, lag := range maL {
			v -= maC[i] * resid[l-lag]
		}
		resid[l] = v
		if !math.IsNaN(v) {
			nu++
			ssq += v * v
		}
	}
	return ssq, nu
}

// difference writes to dst the series x differenced d times at lag 1 and
// then sd times at lag m, as R's diff and ARIMA_CSS do; dst has
// len(x) - d - sd·m elements (none if x is too short). dst may not alias
// x. work needs len(x) elements.
func difference(dst, x []float64, d, sd, m int, work []float64) []float64 {
	n := len(x)
	nd := d + sd*m
	if n <= nd {
		return dst[:0]
	}
	w := work[:n]
	copy(w, x)
	for i := 0; i < d; i++ {
		for l := n - 1; l > 0; l-- {
			w[l] -= w[l-1]
		}
	}
	for i := 0; i < sd; i++ {
		for l := n - 1; l >= m; l-- {
			w[l] -= w[l-m]
		}
	}
	dst = resize(dst, n-nd)
	copy(dst, w[nd:])
	return dst
}
