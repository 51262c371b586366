package arima

// cssWork holds the compacted MA coefficients of css.
type cssWork struct {
	maC []float64
	maL []int
}

// css computes the conditional sum of squares of R's ARIMA_CSS for the
// differenced series w: residuals are zero before start = len(phi) and
//
//	e_l = w_l - Σ_j phi_j w_{l-j} - Σ_{j ≤ l-start} theta_j e_{l-j}
//
// after. arLags and maLags list the structurally non-zero lags (1-based,
// ascending) of phi and theta; only those are visited. The AR part is
// applied lag by lag over the whole series (independent operations that
// pipeline well), then the MA recursion runs with the lag-one residual
// kept in a register and subtracted last, which shortens the dependency
// chain from one residual to the next. The sums thus differ from R's in
// the last bits. Residuals are written to resid (len(w) elements); ssq
// and the count nu cover l ≥ start, skipping NaN residuals as R does.
func css(w, phi, theta []float64, arLags, maLags []int, resid []float64, cw *cssWork) (ssq float64, nu int) {
	start := len(phi)
	n := len(w)
	if start >= n {
		return 0, 0
	}
	for l := 0; l < start; l++ {
		resid[l] = 0
	}
	out := resid[start:n]
	copy(out, w[start:n])
	for _, lag := range arLags {
		a := phi[lag-1]
		src := w[start-lag : n-lag]
		dst := out[:len(src)]
		for i, x := range src {
			dst[i] -= a * x
		}
	}

	// MA lags other than 1, and θ₁.
	nm := len(maLags)
	cw.maC = resize(cw.maC, nm)
	if cap(cw.maL) < nm {
		cw.maL = make([]int, nm)
	}
	th1, has1 := 0.0, false
	far := 0
	for _, lag := range maLags {
		if lag == 1 {
			th1, has1 = theta[0], true
			continue
		}
		cw.maC[far] = theta[lag-1]
		cw.maL[far] = lag
		far++
	}
	maL := cw.maL[:far]
	maC := cw.maC[:len(maL)]
	maxMA := 0
	if nm > 0 {
		maxMA = maLags[nm-1]
	}
	warm := min(n, start+maxMA)
	prev := 0.0
	for l := start; l < warm; l++ {
		v := resid[l]
		lim := l - start
		for i, lag := range maL {
			if lag <= lim {
				v -= maC[i] * resid[l-lag]
			}
		}
		if has1 && lim >= 1 {
			v -= th1 * prev
		}
		resid[l] = v
		prev = v
		if v == v { // not NaN
			nu++
			ssq += v * v
		}
	}
	switch {
	case has1:
		for l := warm; l < n; l++ {
			v := resid[l]
			for i, lag := range maL {
				v -= maC[i] * resid[l-lag]
			}
			v -= th1 * prev
			resid[l] = v
			prev = v
			if v == v {
				nu++
				ssq += v * v
			}
		}
	case far > 0:
		for l := warm; l < n; l++ {
			v := resid[l]
			for i, lag := range maL {
				v -= maC[i] * resid[l-lag]
			}
			resid[l] = v
			if v == v {
				nu++
				ssq += v * v
			}
		}
	default:
		for _, v := range resid[warm:n] {
			if v == v {
				nu++
				ssq += v * v
			}
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
