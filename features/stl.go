package features

import (
	"fmt"
	"math"
	"slices"
)

// Degree is the degree of the local polynomial that a loess smoother of
// [STL] fits around each point.
type Degree int

// Loess degrees.
const (
	// DefaultDegree selects the documented default of the smoother
	// (Linear for every smoother of [STL], as in statsmodels).
	DefaultDegree Degree = iota
	// Constant fits local weighted means (degree 0).
	Constant
	// Linear fits local weighted lines (degree 1).
	Linear
)

// Panic messages of STL and MSTL.
const (
	errDegree     = "features: unknown loess degree"
	errSTLWindow  = "features: stl: smoother lengths must be odd and at least 3, the trend and low-pass lengths above the period"
	errSTLCount   = "features: stl: negative iteration count or jump"
	errMSTLWindow = "features: mstl: number of seasonal windows differs from the number of periods"
)

// STLSettings holds the settings of [STL]. The zero value gives the
// defaults of statsmodels 0.13.5 STL(endog, period).fit(); every default
// is stated with its field. A nil *STLSettings means the zero value.
//
// The defaults differ from R's stats::stl, which has no default seasonal
// window (s.window is required), fits local constants in the seasonal
// smoother (s.degree = 0), uses jumps of ceil(length/10) and 2 inner
// iterations (1 when robust). To reproduce R, set SeasonalDegree to
// Constant, the jumps, and Inner accordingly.
type STLSettings struct {
	// Seasonal is the length of the seasonal (cycle-subseries) smoother,
	// an odd integer ≥ 3. Zero means 7.
	Seasonal int
	// Trend is the length of the trend smoother, odd, ≥ 3 and above the
	// period. Zero means the smallest odd integer ≥
	// ceil(1.5·period / (1 − 1.5/Seasonal)), the rule of Cleveland et
	// al. (1990) used by statsmodels and R.
	Trend int
	// LowPass is the length of the low-pass filter's loess, odd, ≥ 3 and
	// above the period. Zero means the smallest odd integer above the
	// period.
	LowPass int
	// SeasonalDegree, TrendDegree and LowPassDegree are the loess degrees
	// of the three smoothers; DefaultDegree means Linear.
	SeasonalDegree, TrendDegree, LowPassDegree Degree
	// SeasonalJump, TrendJump and LowPassJump make a smoother evaluate the
	// loess only at every Jump-th point and interpolate linearly in
	// between, which is faster. Zero means 1 (evaluate everywhere).
	SeasonalJump, TrendJump, LowPassJump int
	// Robust turns on the outer loop: after each pass the points get the
	// bisquare robustness weights B(|r|/(6·median|r|)) of their remainder
	// r, and the next pass uses them in the seasonal and trend smoothers.
	Robust bool
	// Inner is the number of inner-loop passes. Zero means 5, or 2 when
	// Robust is set.
	Inner int
	// Outer is the number of robustness iterations. Zero means 0, or 15
	// when Robust is set. Outer > 0 without Robust is honoured (it is
	// what statsmodels does with fit(outer_iter=k)).
	Outer int
}

// stlConfig is an STLSettings with every default resolved.
type stlConfig struct {
	period                   int
	seasonal, trend, lowPass int
	sDeg, tDeg, lDeg         int
	sJump, tJump, lJump      int
	inner, outer             int
}

// resolve returns the configuration for period, panicking on invalid
// settings.
func (s *STLSettings) resolve(period int) stlConfig {
	var z STLSettings
	if s == nil {
		s = &z
	}
	c := stlConfig{period: period}
	c.seasonal = s.Seasonal
	if c.seasonal == 0 {
		c.seasonal = 7
	}
	if c.seasonal < 3 || c.seasonal%2 == 0 {
		panic(errSTLWindow)
	}
	c.trend = s.Trend
	if c.trend == 0 {
		c.trend = int(math.Ceil(1.5 * float64(period) / (1 - 1.5/float64(c.seasonal))))
		c.trend += 1 - c.trend%2
	}
	c.lowPass = s.LowPass
	if c.lowPass == 0 {
		c.lowPass = period + 1
		c.lowPass += 1 - c.lowPass%2
	}
	if c.trend < 3 || c.trend%2 == 0 || c.trend <= period ||
		c.lowPass < 3 || c.lowPass%2 == 0 || c.lowPass <= period {
		panic(errSTLWindow)
	}
	c.sDeg, c.tDeg, c.lDeg = s.SeasonalDegree.value(), s.TrendDegree.value(), s.LowPassDegree.value()
	if s.SeasonalJump < 0 || s.TrendJump < 0 || s.LowPassJump < 0 || s.Inner < 0 || s.Outer < 0 {
		panic(errSTLCount)
	}
	c.sJump, c.tJump, c.lJump = max(s.SeasonalJump, 1), max(s.TrendJump, 1), max(s.LowPassJump, 1)
	c.inner, c.outer = s.Inner, s.Outer
	if c.inner == 0 {
		c.inner = 5
		if s.Robust {
			c.inner = 2
		}
	}
	if c.outer == 0 && s.Robust {
		c.outer = 15
	}
	return c
}

// value returns the polynomial degree 0 or 1.
func (d Degree) value() int {
	switch d {
	case DefaultDegree, Linear:
		return 1
	case Constant:
		return 0
	}
	panic(errDegree)
}

// STLDecomposition is the result of [STL].
//
// # Invariants
//
// Trend, Seasonal, Remainder and Weights have the length of the decomposed
// series x, and Remainder[t] = x[t] − Trend[t] − Seasonal[t] (computed in
// that order, so Trend + Seasonal + Remainder reproduces x up to one
// rounding). Weights are the robustness weights in [0, 1] of the last
// outer iteration, all 1 when no robustness iteration ran.
type STLDecomposition struct {
	Period    int
	Trend     []float64
	Seasonal  []float64
	Remainder []float64
	Weights   []float64

	work stlWork
}

// stlWork holds the work arrays of STL, kept in the result so that a
// decomposition reused as dst allocates nothing.
type stlWork struct {
	// w0..w4 are the five work rows of the Fortran code, of length
	// n + 2·period; w1 holds the smoothed cycle-subseries extended by one
	// period at both ends.
	w0, w1, w2, w3, w4 []float64
	// sub, subW, subS hold one cycle-subseries, its robustness weights and
	// its smooth (two longer); coef holds the loess weights of a centred
	// window.
	sub, subW, subS, coef []float64
	// abs holds |remainder| for the median of the robustness weights.
	abs []float64
}

// STL decomposes x into trend, seasonal and remainder components by the
// Seasonal-Trend decomposition by Loess of Cleveland, Cleveland, McRae &
// Terpenning (1990, "STL: A Seasonal-Trend Decomposition Procedure Based
// on Loess", Journal of Official Statistics 6(1), 3–73), with the given
// seasonal period and settings s (nil for the defaults). It is the
// algorithm of the authors' Fortran code (netlib stl, used by R's
// stats::stl) in the form of statsmodels 0.13.5 STL, whose defaults the
// zero settings reproduce (the tests agree with statsmodels to 1e-10):
//
//   - Inner loop (Inner passes): detrend x; smooth each cycle-subseries
//     (the values at one phase of the period) by loess of length Seasonal,
//     extended by one point at both ends; remove the low-frequency part of
//     that smooth (moving averages of lengths period, period and 3, then
//     loess of length LowPass) to get the seasonal component; smooth the
//     deseasonalised x by loess of length Trend to get the trend.
//   - Outer loop (Outer iterations, with Robust): robustness weights from
//     the remainder enter the next inner loop's subseries and trend
//     smoothers. Following statsmodels (which fixes the Fortran median),
//     6·median|r| is the exact median of the absolute remainders, and all
//     weights are 1 when that median is 0.
//
// The loess smoothers use tricube kernel weights over the nearest Length
// points and fit local lines or constants (see [Degree]).
//
// If dst is non-nil its slices and work space are reused (grown when
// needed) and dst is returned; otherwise a new decomposition is allocated.
// With a reused dst of sufficient size STL does not allocate.
//
// STL returns an error wrapping [ErrPeriod] if period < 2, [ErrTooShort]
// if len(x) < 2·period, and [ErrNonFinite] if x holds NaN or ±Inf. It
// panics if the settings are invalid: an even smoother length or one below
// 3, a trend or low-pass length not above the period, a negative jump or
// iteration count, or an unknown [Degree]. x is not modified.
func STL(dst *STLDecomposition, x []float64, period int, s *STLSettings) (*STLDecomposition, error) {
	if period < 2 {
		return nil, fmt.Errorf("%w: stl: period %d", ErrPeriod, period)
	}
	cfg := s.resolve(period)
	n := len(x)
	if n < 2*period {
		return nil, fmt.Errorf("%w: stl: %d values, need two full periods (%d)", ErrTooShort, n, 2*period)
	}
	if err := checkFinite("stl", x); err != nil {
		return nil, err
	}
	if dst == nil {
		dst = &STLDecomposition{}
	}
	dst.Period = period
	dst.Trend = resize(dst.Trend, n)
	dst.Seasonal = resize(dst.Seasonal, n)
	dst.Remainder = resize(dst.Remainder, n)
	dst.Weights = resize(dst.Weights, n)
	dst.work.grow(n, &cfg)
	stlFit(dst, x, &cfg)
	return dst, nil
}

// resize returns s with length n, reallocating only when its capacity is
// too small.
func resize(s []float64, n int) []float64 {
	if n > cap(s) {
		return make([]float64, n)
	}
	return s[:n]
}

// grow sizes the work arrays for n values and configuration c.
func (w *stlWork) grow(n int, c *stlConfig) {
	period := c.period
	m := n + 2*period
	w.w0 = resize(w.w0, m)
	w.w1 = resize(w.w1, m)
	w.w2 = resize(w.w2, m)
	w.w3 = resize(w.w3, m)
	w.w4 = resize(w.w4, m)
	k := n/period + 1
	w.sub = resize(w.sub, k)
	w.subW = resize(w.subW, k)
	w.subS = resize(w.subS, k+2)
	w.coef = resize(w.coef, max(c.seasonal, c.trend, c.lowPass))
	w.abs = resize(w.abs, n)
}

// stlFit runs the inner and outer loops (statsmodels STL.fit).
func stlFit(d *STLDecomposition, y []float64, c *stlConfig) {
	season, trend, rw := d.Seasonal, d.Trend, d.Weights
	for i := range y {
		season[i], trend[i], rw[i] = 0, 0, 1
	}
	useRW := false
	for k := 0; ; k++ {
		stlInner(d, y, c, useRW)
		if k >= c.outer {
			break
		}
		stlRobustWeights(d, y)
		useRW = true
	}
	for i, v := range y {
		d.Remainder[i] = v - season[i] - trend[i]
	}
}

// stlInner runs the inner loop (Fortran stlstp / statsmodels _onestp).
func stlInner(d *STLDecomposition, y []float64, c *stlConfig, useRW bool) {
	w := &d.work
	n, np := len(y), c.period
	season, trend, rw := d.Seasonal, d.Trend, d.Weights
	for range c.inner {
		for i, v := range y {
			w.w0[i] = v - trend[i]
		}
		stlSubseries(w, n, c, useRW, rw)
		// Low-pass filter of the extended subseries smooth w1 (length
		// n+2np): moving averages of lengths np, np and 3 leave n values.
		m := n + 2*np
		movingAverageOf(w.w2[:m-np+1], w.w1[:m], np)
		movingAverageOf(w.w0[:m-2*np+2], w.w2[:m-np+1], np)
		movingAverageOf(w.w2[:n], w.w0[:m-2*np+2], 3)
		loessSmooth(w.w0[:n], w.w2[:n], c.lowPass, c.lDeg, c.lJump, nil, w.coef)
		for i, v := range y {
			season[i] = w.w1[np+i] - w.w0[i]
			w.w0[i] = v - season[i]
		}
		var weights []float64
		if useRW {
			weights = rw
		}
		loessSmooth(trend, w.w0[:n], c.trend, c.tDeg, c.tJump, weights, w.coef)
	}
}

// stlSubseries smooths each cycle-subseries of w.w0[:n] and writes the
// smooths, extended by one value at each end, into w.w1 (Fortran stlss).
func stlSubseries(w *stlWork, n int, c *stlConfig, useRW bool, rw []float64) {
	np, ns := c.period, c.seasonal
	for j := range np {
		k := (n-(j+1))/np + 1
		sub := w.sub[:k]
		for i := range sub {
			sub[i] = w.w0[i*np+j]
		}
		var weights []float64
		if useRW {
			weights = w.subW[:k]
			for i := range weights {
				weights[i] = rw[i*np+j]
			}
		}
		out := w.subS[:k+2]
		loessSmooth(out[1:k+1], sub, ns, c.sDeg, c.sJump, weights, w.coef)
		// Extrapolate one period before and after.
		v, ok := loessAt(sub, ns, c.sDeg, 0, 1, min(ns, k), weights)
		if !ok {
			v = out[1]
		}
		out[0] = v
		v, ok = loessAt(sub, ns, c.sDeg, k+1, max(1, k-ns+1), k, weights)
		if !ok {
			v = out[k]
		}
		out[k+1] = v
		for m, v := range out {
			w.w1[m*np+j] = v
		}
	}
}

// movingAverageOf writes the moving averages of length l of x into dst,
// which must have length len(x)−l+1 (Fortran stlma: a running sum).
func movingAverageOf(dst, x []float64, l int) {
	fl := float64(l)
	var v float64
	for _, xi := range x[:l] {
		v += xi
	}
	dst[0] = v / fl
	for j := 1; j < len(dst); j++ {
		v += x[j+l-1] - x[j-1]
		dst[j] = v / fl
	}
}

// loessSmooth writes the loess smooth of y with span l and degree deg,
// evaluated every jump points and interpolated linearly in between, into
// ys (Fortran stless). Robustness weights rw are used when non-nil. coef
// is scratch of length ≥ l. Where the kernel weights vanish the value of y
// is kept.
//
// Without robustness weights, every window centred on its point (all but
// the first and last l/2 points) has the same normalised weights; they
// are computed once into coef and applied as a filter, which gives the
// values of the Fortran code up to rounding (≈1e-16 relative).
func loessSmooth(ys, y []float64, l, deg, jump int, rw, coef []float64) {
	n := len(y)
	if n < 2 {
		ys[0] = y[0]
		return
	}
	// Positions xs, nleft and nright are 1-based as in the Fortran code.
	nj := min(jump, n-1)
	nleft, nright := 0, 0
	hw := l / 2
	var filter []float64
	if rw == nil && l < n {
		filter = coef[:2*hw+1]
		if !loessWeights(filter, n, l, deg, hw+1, 1, 2*hw+1, nil) {
			filter = nil
		}
	}
	est := func(i int) {
		xs := i + 1
		if filter != nil && xs-nleft == hw && nright-xs == hw {
			var v float64
			for j, c := range filter {
				v += c * y[nleft-1+j]
			}
			ys[i] = v
			return
		}
		v, ok := loessAt(y, l, deg, xs, nleft, nright, rw)
		if !ok {
			v = y[i]
		}
		ys[i] = v
	}
	switch {
	case l >= n:
		nleft, nright = 1, n
		for i := 0; i < n; i += nj {
			est(i)
		}
	case nj == 1:
		nsh := (l + 2) / 2
		nleft, nright = 1, l
		for i := range n {
			if i+1 > nsh && nright != n {
				nleft++
				nright++
			}
			est(i)
		}
		return
	default:
		nsh := (l + 1) / 2
		for i := 0; i < n; i += nj {
			switch {
			case i+1 < nsh:
				nleft, nright = 1, l
			case i+1 >= n-nsh+1:
				nleft, nright = n-l+1, n
			default:
				nleft, nright = i+1-nsh+1, l+i+1-nsh
			}
			est(i)
		}
	}
	if nj == 1 {
		return
	}
	for i := 0; i < n-nj; i += nj {
		delta := (ys[i+nj] - ys[i]) / float64(nj)
		for j := i + 1; j < i+nj; j++ {
			ys[j] = ys[i] + delta*float64(j-i)
		}
	}
	k := ((n-1)/nj)*nj + 1
	if k != n {
		est(n - 1)
		if k != n-1 {
			delta := (ys[n-1] - ys[k-1]) / float64(n-k)
			for j := k; j < n; j++ {
				ys[j] = ys[k-1] + delta*float64(j+1-k)
			}
		}
	}
}

// loessAt returns the loess estimate at the 1-based position xs from the
// points nleft..nright (1-based, inclusive) of y, for span l and degree
// deg, and false when all kernel weights vanish (Fortran stlest). It
// computes the weights of [loessWeights] implicitly, from weighted sums
// of the positions and values in one pass.
func loessAt(y []float64, l, deg, xs, nleft, nright int, rw []float64) (float64, bool) {
	n := len(y)
	rng := float64(n) - 1
	h := float64(max(xs-nleft, nright-xs))
	if l > n {
		h += float64((l - n) / 2)
	}
	h9, h1 := 0.999*h, 0.001*h
	// With d the position relative to xs and k the kernel weight:
	// s0 = Σk, s1 = Σk·d, s2 = Σk·d², t0 = Σk·y, t1 = Σk·d·y.
	var s0, s1, s2, t0, t1 float64
	lo, hi := nleft-1, nright // 0-based half-open window
	for j := lo; j < hi; j++ {
		d := float64(j + 1 - xs)
		r := math.Abs(d)
		if r > h9 {
			continue
		}
		k := 1.0
		if r > h1 {
			q := r / h
			q = 1 - q*q*q
			k = q * q * q
		}
		if rw != nil {
			k *= rw[j]
		}
		yj := y[j]
		s0 += k
		s1 += k * d
		s2 += k * d * d
		t0 += k * yj
		t1 += k * d * yj
	}
	if s0 <= 0 {
		return 0, false
	}
	mean := t0 / s0
	if h > 0 && deg > 0 {
		// Local line: the weighted mean position is xs+md, the weighted
		// variance of the positions c.
		md := s1 / s0
		c := s2/s0 - md*md
		if math.Sqrt(c) > 0.001*rng {
			return mean - md/c*(t1/s0-md*mean), true
		}
	}
	return mean, true
}

// loessWeights writes into w (length nright−nleft+1) the weights that
// the loess estimate at the 1-based position xs gives to the points
// nleft..nright of a series of length n, for span l and degree deg, with
// robustness weights rw (nil for none, else aligned with w). It reports
// false when all kernel weights vanish. The bandwidth is the larger
// distance from xs to either end of the window, widened by (l−n)/2 when
// the span exceeds the series.
func loessWeights(w []float64, n, l, deg, xs, nleft, nright int, rw []float64) bool {
	rng := float64(n) - 1
	h := float64(max(xs-nleft, nright-xs))
	if l > n {
		h += float64((l - n) / 2)
	}
	h9, h1 := 0.999*h, 0.001*h
	var a float64
	for j := range w {
		r := math.Abs(float64(nleft + j - xs))
		wj := 0.0
		if r <= h9 {
			if r <= h1 {
				wj = 1
			} else {
				q := r / h
				q = 1 - q*q*q
				wj = q * q * q
			}
			if rw != nil {
				wj *= rw[j]
			}
		}
		w[j] = wj
		a += wj
	}
	if a <= 0 {
		return false
	}
	for j := range w {
		w[j] /= a
	}
	if h > 0 && deg > 0 {
		var m float64
		for j, wj := range w {
			m += wj * float64(nleft+j)
		}
		b := float64(xs) - m
		var c float64
		for j, wj := range w {
			d := float64(nleft+j) - m
			c += wj * d * d
		}
		if math.Sqrt(c) > 0.001*rng {
			b /= c
			for j := range w {
				w[j] *= b*(float64(nleft+j)-m) + 1
			}
		}
	}
	return true
}

// stlRobustWeights sets d.Weights to the bisquare robustness weights of
// the current fit (Fortran stlrwt with statsmodels' exact median).
func stlRobustWeights(d *STLDecomposition, y []float64) {
	n := len(y)
	rw, abs := d.Weights, d.work.abs
	for i, v := range y {
		r := math.Abs(v - (d.Trend[i] + d.Seasonal[i]))
		rw[i] = r
		abs[i] = r
	}
	slices.Sort(abs)
	mid0 := n / 2
	mid1 := n - mid0 - 1
	cmad := 3 * (abs[mid0] + abs[mid1])
	if cmad == 0 {
		for i := range rw {
			rw[i] = 1
		}
		return
	}
	c9, c1 := 0.999*cmad, 0.001*cmad
	for i, r := range rw {
		switch {
		case r <= c1:
			rw[i] = 1
		case r <= c9:
			q := r / cmad
			q = 1 - q*q
			rw[i] = q * q
		default:
			rw[i] = 0
		}
	}
}
