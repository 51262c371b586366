package arima

import "math"

// kpssCrit5 is the 5% critical value of the KPSS level-stationarity test
// (Kwiatkowski et al. 1992, table 1; urca's ur.kpss type "mu"). ndiffs
// differences when the interpolated p-value is below 0.05, that is when
// the statistic exceeds this value.
const kpssCrit5 = 0.463

// KPSS returns the KPSS statistic for level stationarity of x with a
// Bartlett-weighted long-run variance over lags lags (urca's ur.kpss with
// type "mu", statsmodels' kpss with regression "c"):
//
//	KPSS = Σ_t S_t² / (n² s²),  S_t = Σ_{i≤t} e_i,  e = x - mean(x),
//	s² = (Σ e_t² + 2 Σ_{l=1}^{lags} (1 - l/(lags+1)) Σ_t e_t e_{t-l}) / n.
//
// It returns NaN if x has fewer than two values or no variance.
func KPSS(x []float64, lags int) float64 {
	n := len(x)
	if n < 2 {
		return math.NaN()
	}
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(n)
	s, num, s2 := 0.0, 0.0, 0.0
	for _, v := range x {
		e := v - mean
		s += e
		num += s * s
		s2 += e * e
	}
	for l := 1; l <= lags && l < n; l++ {
		c := 0.0
		for t := l; t < n; t++ {
			c += (x[t] - mean) * (x[t-l] - mean)
		}
		s2 += 2 * (1 - float64(l)/float64(lags+1)) * c
	}
	nf := float64(n)
	den := s2 / nf
	if !(den > 0) {
		return math.NaN()
	}
	return num / (nf * nf) / den
}

// kpssLags is ndiffs' lag truncation, trunc(3·sqrt(n)/13).
func kpssLags(n int) int { return int(3 * math.Sqrt(float64(n)) / 13) }

// NDiffs returns the number of first differences, at most maxD, that
// forecast::ndiffs chooses with its default KPSS test at level 0.05: x is
// differenced while the KPSS statistic (lags trunc(3·sqrt(n)/13)) exceeds
// the 5% critical value. A constant series needs no differences, and
// differencing stops when the differences are constant.
func NDiffs(x []float64, maxD int) int {
	if isConstant(x) {
		return 0
	}
	d := 0
	stat := KPSS(x, kpssLags(len(x)))
	if math.IsNaN(stat) {
		return d
	}
	dodiff := stat > kpssCrit5
	w := append([]float64(nil), x...)
	for dodiff && d < maxD {
		d++
		for i := len(w) - 1; i > 0; i-- {
			w[i] -= w[i-1]
		}
		w = w[1:]
		if isConstant(w) {
			return d
		}
		stat = KPSS(w, kpssLags(len(w)))
		if math.IsNaN(stat) {
			return d - 1
		}
		dodiff = stat > kpssCrit5
	}
	return d
}

// isConstant is forecast's is.constant: all.equal(x, rep(x[1], n)) with
// R's tolerance 1.5e-8 on the mean absolute difference, relative to the
// mean absolute value when that exceeds the tolerance.
func isConstant(x []float64) bool {
	if len(x) == 0 {
		return true
	}
	const tol = 1.5e-8
	d, a := 0.0, 0.0
	for _, v := range x {
		d += math.Abs(v - x[0])
		a += math.Abs(v)
	}
	n := float64(len(x))
	d /= n
	a /= n
	if !math.IsInf(a, 0) && a > tol {
		d /= a
	}
	return d <= tol
}
