package ets

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Class returns the model class of Hyndman et al. (2008, ch. 6) that
// decides how prediction intervals are computed:
//
//	1  additive error, additive components (ANN, AAN, AAdN, ANA, AAA, AAdA):
//	   Gaussian forecast distribution, analytic variance
//	2  multiplicative error, additive components (MNN, MAN, MAdN, MNA, MAA,
//	   MAdA): analytic variance, normal approximation
//	3  multiplicative error and season (MNM, MAM, MAdM): simulated
//	0  additive error with multiplicative season (ANM, AAM, AAdM, which
//	   Select never picks): simulated
func (sp Spec) Class() int {
	switch {
	case sp.Season == Multiplicative && sp.Error == Additive:
		return 0
	case sp.Season == Multiplicative:
		return 3
	case sp.Error == Additive:
		return 1
	}
	return 2
}

// Variance writes the analytic variances of the h-step forecast errors,
// horizons 1..h, into dst (allocated when nil) and returns it with true, for
// models of classes 1 and 2 (R's class1 and class2 in forecast.ets;
// Hyndman et al. 2008 ch. 6):
//
//	class 1: v(h) = σ²·(1 + Σ_{j<h} c_j²),  c_j = w′F^(j−1)g
//	class 2: θ(1) = μ(1)², θ(h) = μ(h)² + σ²·Σ_{j<h} c_j²·θ(h−j),
//	         v(h) = (1+σ²)·θ(h) − μ(h)²
//
// with σ² = Sigma2(), μ the point forecasts and w, F, g the measurement
// vector, transition matrix and persistence vector of the linear model.
// For the other classes it returns dst unchanged and false. It panics if dst
// is not nil and its length is not h, or if h < 0.
//
// R's class1 puts γ at the third state even when the model has no trend
// (ANA, MNA), that is on the second seasonal state; here γ updates the newest
// seasonal state, which gives the closed forms of Hyndman et al. (2008,
// Table 6.1) that statsmodels implements.
func (f *Fit) Variance(dst []float64, h int) ([]float64, bool) {
	if h < 0 {
		panic(panicH)
	}
	if dst == nil {
		dst = make([]float64, h)
	}
	if len(dst) != h {
		panic(panicLen)
	}
	return dst, f.variance(dst, f.Sigma2())
}

// variance fills v with the analytic variances for innovation variance
// sigma2 and reports whether the class has them.
func (f *Fit) variance(v []float64, sigma2 float64) bool {
	class := f.spec.Class()
	if class != 1 && class != 2 {
		return false
	}
	h := len(v)
	c := make([]float64, h) // c[j] = c_{j+1}
	psiWeights(c, f.spec, f.m, f.params)
	if class == 1 {
		acc := 1.0
		for i := range v {
			v[i] = sigma2 * acc
			acc += c[i] * c[i]
		}
		return true
	}
	mu := make([]float64, h)
	pointForecast(mu, f.spec, f.m, f.params, f.xn)
	theta := make([]float64, h)
	for j := range h {
		t := mu[j] * mu[j]
		for i := range j {
			t += sigma2 * c[i] * c[i] * theta[j-1-i]
		}
		theta[j] = t
		v[j] = (1+sigma2)*t - mu[j]*mu[j]
	}
	return true
}

// psiWeights writes c_j = w′F^(j−1)g, j = 1..len(dst), of the linear model
// with sp's trend and additive season into dst: the state is (l, b, s[0],
// …, s[m−1]) with s[0] the newest seasonal state, g = (α, β, γ, 0, …), w
// picks l, φ·b and s[m−1], and F maps l to l+φb, b to φb and shifts the
// seasonal states (s[m−1] becomes the newest).
func psiWeights(dst []float64, sp Spec, m int, p Params) {
	phi := 1.0
	if sp.Damped {
		phi = p.Phi
	}
	l, b := p.Alpha, 0.0
	if sp.Trend != None {
		b = p.Beta
	}
	var s []float64
	if sp.Season != None {
		s = make([]float64, m)
		s[0] = p.Gamma
	}
	for j := range dst {
		c := l + phi*b
		if s != nil {
			c += s[m-1]
		}
		dst[j] = c
		l += phi * b
		b *= phi
		if s != nil {
			last := s[m-1]
			copy(s[1:], s[:m-1])
			s[0] = last
		}
	}
}

// Interval writes the lower and upper limits of the level% prediction
// intervals (level in (0, 100), e.g. 80) for horizons 1..h into lo and hi
// (each allocated when nil) and returns them.
//
// Classes 1 and 2 (see [Spec.Class]) use the point forecast ± z·√v(h) with v
// from [Fit.Variance] and z the standard normal quantile, as R's
// forecast.ets. The other classes simulate Settings.Paths sample paths with
// Gaussian innovations of variance Sigma2 (relative errors for a
// multiplicative error) from the final state, with a PCG generator seeded by
// Settings.Seed, and take the (100−level)/2 and (100+level)/2 percentiles at
// each horizon (R's quantile type 7), as R's forecast.ets(simulate = TRUE);
// the same fit, h and level give the same limits.
//
// It panics if level is not in (0, 100), if h < 0, or if lo or hi is not
// nil and its length is not h.
func (f *Fit) Interval(lo, hi []float64, h int, level float64) ([]float64, []float64) {
	return f.interval(lo, hi, h, level, f.Sigma2())
}

func (f *Fit) interval(lo, hi []float64, h int, level, sigma2 float64) ([]float64, []float64) {
	if !(level > 0 && level < 100) {
		panic(panicLevel)
	}
	if h < 0 {
		panic(panicH)
	}
	if lo == nil {
		lo = make([]float64, h)
	}
	if hi == nil {
		hi = make([]float64, h)
	}
	if len(lo) != h || len(hi) != h {
		panic(panicLen)
	}
	v := make([]float64, h)
	if f.variance(v, sigma2) {
		z := math.Sqrt2 * math.Erfinv(level/100)
		f.Forecast(lo, h)
		for i := range lo {
			d := z * math.Sqrt(v[i])
			hi[i] = lo[i] + d
			lo[i] -= d
		}
		return lo, hi
	}
	paths := f.set.Paths
	sim := make([]float64, h*paths)
	simulate(sim, paths, f.spec, f.m, f.params, f.xn, math.Sqrt(sigma2), f.set.Seed)
	plo := (1 - level/100) / 2
	for i := range h {
		row := sim[i*paths : (i+1)*paths]
		slices.Sort(row)
		lo[i] = quantile7(row, plo)
		hi[i] = quantile7(row, 1-plo)
	}
	return lo, hi
}

// quantile7 returns the p-quantile of the sorted values x with linear
// interpolation between order statistics (R's type 7).
func quantile7(x []float64, p float64) float64 {
	hpos := float64(len(x)-1) * p
	i := int(math.Floor(hpos))
	if i >= len(x)-1 {
		return x[len(x)-1]
	}
	return x[i] + (hpos-float64(i))*(x[i+1]-x[i])
}

// simulate writes paths sample paths of length h = len(dst)/paths from the
// state x into dst, horizon-major: dst[i*paths+r] is path r at horizon i+1.
// Innovations are N(0, sigma²), drawn path by path from a PCG generator
// seeded with seed. Each step is the recursion of [filter]: the forecast f,
// y = f + e (additive error) or f·(1+e) (multiplicative error), then the
// state update with y.
func simulate(dst []float64, paths int, sp Spec, m int, p Params, x []float64, sigma float64, seed uint64) {
	h := len(dst) / paths
	rng := rand.New(rand.NewPCG(seed, 0x5eed_e75))
	nx := len(x)
	state := make([]float64, 2*nx+m)
	x0, xn, sc := state[:nx], state[nx:2*nx], state[2*nx:]
	ybuf := make([]float64, 1)
	var one [1]float64
	for r := range paths {
		copy(x0, x)
		for i := range h {
			// One step of the recursion with an observation drawn from
			// the one-step forecast distribution.
			pointForecast(one[:], sp, m, p, x0)
			e := sigma * rng.NormFloat64()
			if sp.Error == Additive {
				ybuf[0] = one[0] + e
			} else {
				ybuf[0] = one[0] * (1 + e)
			}
			filter(ybuf, sp, m, p, x0, sc, nil, nil, xn)
			copy(x0, xn)
			dst[i*paths+r] = ybuf[0]
		}
	}
}
