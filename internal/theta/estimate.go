package theta

import "math"

// Parameter bounds.
const (
	// alphaLo and alphaHi bound α for STM, OTM, DSTM and DOTM, as the
	// default lower and upper of forecTheta and statsforecast.
	alphaLo, alphaHi = 0.1, 0.99
	// sesLo and sesHi bound α for Standard, as the default bounds of
	// statsmodels' ExponentialSmoothing that ThetaModel uses.
	sesLo, sesHi = 1e-4, 1 - 1e-4
	// thetaMax is the upper bound of θ (forecTheta: 1e10); w = 1 − 1/θ
	// stays below 1.
	thetaMax = 1e10
	// alphaTol is the absolute tolerance of the α search.
	alphaTol = 1e-9
)

// estimator estimates the parameters of a model of Fiorucci et al. on the
// adjusted series y.
type estimator struct {
	y      []float64
	method Method
	a, b   float64 // OLS line of y at t = 1..n (static models)
	// wFixed is w = 1 − 1/θ when θ is not estimated, NaN otherwise.
	wFixed float64
	// r, c, d hold, for each scored time k, the one-step error with
	// ℓ0 = 0 and w = 0, and the coefficients of ℓ0 and w in μ_k.
	r, c, d []float64
}

// first returns the first time whose error enters the estimation loss:
// every time for the static models, from the third observation on for the
// dynamic ones, whose first two forecasts are degenerate (forecTheta's sse
// sums errors[3:n] for dynamic models and all errors otherwise).
func (e *estimator) first() int {
	if e.method.dynamic() {
		return 2
	}
	return 0
}

// profile returns the sum of squared one-step errors at α with ℓ0 and,
// when free, w = 1 − 1/θ at their least-squares values. Given α, every
// forecast μ_k is linear in ℓ0 and w (the level, mean and, for dynamic
// models, the trend line are driven by the observations alone), so
// μ_k = base_k + c_k·ℓ0 + d_k·w with c_k = (1−α)^k and d_k the bracket
// multiplying w in μ_k, and the loss is an exact quadratic in (ℓ0, w).
// A free w is kept in [0, 1 − 1/thetaMax] (θ ∈ [1, thetaMax]); when ℓ0
// and w cannot be told apart (c and d collinear, e.g. for a constant
// series) w is set to 1/2 (θ = 2).
func (e *estimator) profile(alpha float64) (sse, level0, w float64) {
	y := e.y
	n := len(y)
	m := model{method: e.method, alpha: alpha, a: e.a, b: e.b, dynamic: e.method.dynamic()}
	a1 := 1 - alpha
	s := state{k: 1, level: alpha * y[0], meanY: y[0], a: e.a, b: e.b, pk: a1}
	r, c, d := e.r[:0], e.c[:0], e.d[:0]
	if m.dynamic {
		s.a, s.b = y[0], 0
	} else {
		r, c, d = append(r, y[0]), append(c, 1), append(d, e.a+e.b)
	}
	first := e.first()
	for k := 1; k < n; k++ {
		if k >= first {
			r = append(r, y[k]-s.level)
			c = append(c, s.pk)
			d = append(d, s.a*s.pk+s.b*(1-s.pk*a1)/alpha)
		}
		m.update(&s, y[k])
	}
	var scc, scd, sdd, src, srd float64
	for i, ri := range r {
		ci, di := c[i], d[i]
		scc += ci * ci
		scd += ci * di
		sdd += di * di
		src += ri * ci
		srd += ri * di
	}
	w = e.wFixed
	if math.IsNaN(w) {
		w = 0.5
		if det := scc*sdd - scd*scd; det > 1e-12*scc*sdd {
			w = (scc*srd - scd*src) / det
			w = math.Max(0, math.Min(w, 1-1/thetaMax))
		}
	}
	level0 = (src - w*scd) / scc
	for i, ri := range r {
		ei := ri - c[i]*level0 - d[i]*w
		sse += ei * ei
	}
	e.r, e.c, e.d = r, c, d
	return sse, level0, w
}

// sesSSE returns the sum of squared one-step errors of simple exponential
// smoothing of y with parameter alpha and initial level y[0], the loss
// that statsmodels' ExponentialSmoothing (initialization "known") minimises
// for ThetaModel: its concentrated Gaussian likelihood depends on the
// errors only through this sum.
func sesSSE(y []float64, alpha float64) float64 {
	level := y[0]
	var sse float64
	for _, v := range y {
		e := v - level
		sse += e * e
		level += alpha * e
	}
	return sse
}
