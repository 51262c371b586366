package ets

import "math"

// Default parameter bounds of R's ets (lower, upper): alpha, beta, gamma in
// [1e-4, 0.9999] and phi in [0.8, 0.98].
const (
	lowerSmooth = 1e-4
	upperSmooth = 0.9999
	lowerPhi    = 0.8
	upperPhi    = 0.98
)

// checkParams reports whether p lies in R's "both" region for spec sp and
// period m: the usual bounds (alpha in [1e-4, 0.9999], beta in [1e-4,
// alpha], gamma in [1e-4, 1-alpha], phi in [0.8, 0.98], each only if the
// spec has it) intersected with the admissible region (see [admissible]).
// It is R's EtsTargetFunction::check_params with bounds = "both".
func checkParams(sp Spec, m int, p Params) bool {
	if p.Alpha < lowerSmooth || p.Alpha > upperSmooth {
		return false
	}
	if sp.Trend != None && (p.Beta < lowerSmooth || p.Beta > p.Alpha || p.Beta > upperSmooth) {
		return false
	}
	if sp.Damped && (p.Phi < lowerPhi || p.Phi > upperPhi) {
		return false
	}
	if sp.Season != None && (p.Gamma < lowerSmooth || p.Gamma > 1-p.Alpha || p.Gamma > upperSmooth) {
		return false
	}
	return admissible(sp, m, p)
}

// admissible reports whether p lies in the admissible (forecastable) region
// of Hyndman, Akram & Archibald (2008) as R's forecast package tests it:
// closed-form inequalities for non-seasonal models; for seasonal models a few
// necessary inequalities and then the requirement that all roots of the
// characteristic polynomial
//
//	z^(m+1) + (α+β−φ)z^m + (α+β−αφ)(z^(m−1) + … + z²) + (α+β−αφ+γ−1)z + φ(1−α−γ)
//
// lie within the circle of radius 1+1e-10. R finds the roots with polyroot;
// admissible decides the same question without finding them, with the
// Schur–Cohn recursion applied to the polynomial rescaled to that radius.
// Without a trend β = 0, and without damping φ = 1.
func admissible(sp Spec, m int, p Params) bool {
	phi := 1.0
	if sp.Damped {
		phi = p.Phi
	}
	if phi < 0 || phi > 1+1e-8 {
		return false
	}
	alpha := p.Alpha
	beta := 0.0
	if sp.Trend != None {
		beta = p.Beta
	}
	if sp.Season == None || m < 2 {
		if alpha < 1-1/phi || alpha > 1+1/phi {
			return false
		}
		if sp.Trend != None && (beta < alpha*(phi-1) || beta > (1+phi)*(2-alpha)) {
			return false
		}
		return true
	}
	gamma := p.Gamma
	fm := float64(m)
	if gamma < math.Max(1-1/phi-alpha, 0) || gamma > 1+1/phi-alpha {
		return false
	}
	if alpha < 1-1/phi-gamma*(1-fm+phi+phi*fm)/(2*phi*fm) {
		return false
	}
	if beta < -(1-phi)*(gamma/fm+alpha) {
		return false
	}

	// Characteristic polynomial, ascending powers.
	var c [maxPeriod + 2]float64
	d := m + 1
	c[0] = phi * (1 - alpha - gamma)
	c[1] = alpha + beta - alpha*phi + gamma - 1
	for i := 2; i < m; i++ {
		c[i] = alpha + beta - alpha*phi
	}
	c[m] = alpha + beta - phi
	c[m+1] = 1
	if sp.Trend == None && !sp.Damped {
		// With β = 0 and φ = 1 the coefficients sum to zero: z = 1 is an
		// exact root (the level/season redundancy). Divide it out so the
		// test is not decided by rounding on the circle.
		var q [maxPeriod + 2]float64
		q[d-1] = c[d]
		for i := d - 1; i >= 1; i-- {
			q[i-1] = c[i] + q[i]
		}
		c = q
		d--
	}
	return rootsWithin(c[:d+1], 1+1e-10)
}

// maxPeriod is the largest seasonal period supported, as in R's ets.
const maxPeriod = 24

// rootsWithin reports whether every root of the polynomial with ascending
// coefficients c (c[len(c)-1] != 0) has modulus below r. It rescales to
// c_k·r^k and runs the Schur–Cohn recursion: a polynomial p of degree d has
// all roots strictly inside the unit circle iff |p_0| < |p_d| and the
// degree d−1 polynomial (p_d·p(z) − p_0·z^d·p(1/z))/z has too. c is
// overwritten. len(c) must not exceed maxPeriod+2.
func rootsWithin(c []float64, r float64) bool {
	rk := 1.0
	for k := range c {
		c[k] *= rk
		rk *= r
	}
	var buf [maxPeriod + 2]float64
	a := c
	for d := len(a) - 1; d > 0; d-- {
		a0, ad := a[0], a[d]
		if math.Abs(a0) >= math.Abs(ad) {
			return false
		}
		q := buf[:d]
		for j := 0; j < d; j++ {
			q[j] = ad*a[j+1] - a0*a[d-1-j]
		}
		// q[d-1] = ad² − a0² > 0: normalise to a monic polynomial.
		inv := 1 / q[d-1]
		for j := range q {
			q[j] *= inv
		}
		copy(a, q)
		a = a[:d]
	}
	return true
}
