package arima

import (
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// partrans maps unconstrained values raw to the coefficients dst of a
// stationary AR polynomial: tanh gives partial autocorrelations and the
// Durbin–Levinson recursion turns them into AR coefficients (R's partrans
// in arima.c). dst may alias raw; work needs len(raw) elements.
func partrans(dst, raw, work []float64) {
	p := len(raw)
	for j := 0; j < p; j++ {
		v := math.Tanh(raw[j])
		dst[j] = v
		work[j] = v
	}
	for j := 1; j < p; j++ {
		a := dst[j]
		for k := 0; k < j; k++ {
			work[k] -= a * dst[j-k-1]
		}
		copy(dst[:j], work[:j])
	}
}

// invpartrans is the inverse of partrans (R's invpartrans): the
// Durbin–Levinson recursion run backwards, then atanh. dst may alias phi;
// work needs len(phi) elements. Non-stationary phi give infinite or NaN
// values, as in R.
func invpartrans(dst, phi, work []float64) {
	p := len(phi)
	copy(dst, phi)
	copy(work, phi)
	for j := p - 1; j > 0; j-- {
		a := dst[j]
		for k := 0; k < j; k++ {
			work[k] = (dst[k] + a*dst[j-k-1]) / (1 - a*a)
		}
		copy(dst[:j], work[:j])
	}
	for j := 0; j < p; j++ {
		dst[j] = math.Atanh(dst[j])
	}
}

// stationary reports whether all roots of 1 - scale·φ₁z - scale²φ₂z² - …
// lie outside the unit circle, by the Schur–Cohn step-down (all partial
// autocorrelations of the AR polynomial strictly inside (-1, 1)). With
// sign = -1 the polynomial is 1 + scale·φ₁z + …, the moving-average form.
// Coefficients of absolute value at most trim beyond the last larger one
// are dropped, as forecast's myarima drops them (1e-8) before polyroot.
// work needs 2·len(phi) elements.
func stationary(phi []float64, sign, scale, trim float64, work []float64) bool {
	p := len(phi)
	for p > 0 && math.Abs(phi[p-1]) <= trim {
		p--
	}
	if p == 0 {
		return true
	}
	a, tmp := work[:p], work[p:2*p]
	s := scale
	for i := 0; i < p; i++ {
		a[i] = sign * phi[i] * s
		s *= scale
	}
	for j := p - 1; j >= 0; j-- {
		k := a[j]
		if !(math.Abs(k) < 1) {
			return false
		}
		if j == 0 {
			break
		}
		den := 1 - k*k
		for i := 0; i < j; i++ {
			tmp[i] = (a[i] + k*a[j-i-1]) / den
		}
		copy(a[:j], tmp[:j])
	}
	return true
}

// polyRoots returns the roots of c[0] + c[1]z + … + c[n]z^n, c[n] != 0, as
// the eigenvalues of the companion matrix.
func polyRoots(c []float64) []complex128 {
	n := len(c) - 1
	if n < 1 {
		return nil
	}
	if n == 1 {
		return []complex128{complex(-c[0]/c[1], 0)}
	}
	a := mat.NewDense(n, n, nil)
	for j := 0; j < n; j++ {
		a.Set(0, j, -c[n-1-j]/c[n])
	}
	for i := 1; i < n; i++ {
		a.Set(i, i-1, 1)
	}
	var e mat.Eigen
	if !e.Factorize(a, mat.EigenNone) {
		return nil
	}
	return e.Values(nil)
}

// maInvert reflects the roots of 1 + θ₁z + … + θ_qz^q inside the unit
// circle to their inverses, giving the invertible MA polynomial with the
// same autocovariances up to scale (R's maInvert in arima.R). ma is
// modified in place; it reports whether anything changed.
func maInvert(ma []float64) bool {
	q := len(ma)
	q0 := q
	for q0 > 0 && ma[q0-1] == 0 {
		q0--
	}
	if q0 == 0 {
		return false
	}
	c := make([]float64, q0+1)
	c[0] = 1
	copy(c[1:], ma[:q0])
	roots := polyRoots(c)
	if roots == nil {
		return false
	}
	inside := false
	for _, r := range roots {
		if cmplx.Abs(r) < 1 {
			inside = true
		}
	}
	if !inside {
		return false
	}
	if q0 == 1 {
		ma[0] = 1 / ma[0]
		return true
	}
	for i, r := range roots {
		if cmplx.Abs(r) < 1 {
			roots[i] = 1 / r
		}
	}
	// x <- 1; for r in roots: x <- c(x, 0) - c(0, x)/r
	x := []complex128{1}
	for _, r := range roots {
		nx := make([]complex128, len(x)+1)
		copy(nx, x)
		for i := range x {
			nx[i+1] -= x[i] / r
		}
		x = nx
	}
	for i := 0; i < q; i++ {
		if i < q0 {
			ma[i] = real(x[i+1])
		} else {
			ma[i] = 0
		}
	}
	return true
}

// expand writes the expanded AR polynomial phi (length p+m·P) and MA
// polynomial theta (length q+m·Q) of the multiplicative seasonal model
// with coefficients par = (ar, ma, sar, sma, …), as R's ARIMA_transPars
// with trans = FALSE:
//
//	(1 - φ(B))(1 - Φ(B^m)) = 1 - phi(B),  (1 + θ(B))(1 + Θ(B^m)) = 1 + theta(B).
func expand(phi, theta, par []float64, o Order) {
	p, q, sp, sq, m := o.P, o.Q, o.SP, o.SQ, o.period()
	ar, ma, sar, sma := par[:p], par[p:p+q], par[p+q:p+q+sp], par[p+q+sp:p+q+sp+sq]
	copy(phi, ar)
	for i := p; i < len(phi); i++ {
		phi[i] = 0
	}
	copy(theta, ma)
	for i := q; i < len(theta); i++ {
		theta[i] = 0
	}
	for j := 0; j < sp; j++ {
		phi[(j+1)*m-1] += sar[j]
		for i := 0; i < p; i++ {
			phi[(j+1)*m+i] -= ar[i] * sar[j]
		}
	}
	for j := 0; j < sq; j++ {
		theta[(j+1)*m-1] += sma[j]
		for i := 0; i < q; i++ {
			theta[(j+1)*m+i] += ma[i] * sma[j]
		}
	}
}

// transformPars writes to dst the coefficients par with the AR and
// seasonal AR blocks passed through partrans (R's transform.pars). work
// needs max(p, P) elements.
func transformPars(dst, par []float64, o Order, work []float64) {
	copy(dst, par)
	if o.P > 0 {
		partrans(dst[:o.P], par[:o.P], work)
	}
	if v := o.P + o.Q; o.SP > 0 {
		partrans(dst[v:v+o.SP], par[v:v+o.SP], work)
	}
}

// invTransformPars is the inverse of transformPars (R's ARIMA_Invtrans).
func invTransformPars(dst, par []float64, o Order, work []float64) {
	copy(dst, par)
	if o.P > 0 {
		invpartrans(dst[:o.P], par[:o.P], work)
	}
	if v := o.P + o.Q; o.SP > 0 {
		invpartrans(dst[v:v+o.SP], par[v:v+o.SP], work)
	}
}

// gradTrans returns the n×n Jacobian A[i][j] = ∂new_j/∂raw_i of
// transformPars at raw by forward differences with step 1e-3, identity
// outside the AR blocks (R's ARIMA_Gradtrans).
func gradTrans(raw []float64, o Order) *mat.Dense {
	const eps = 1e-3
	n := len(raw)
	a := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		a.Set(i, i, 1)
	}
	block := func(off, p int) {
		w1 := make([]float64, p)
		w2 := make([]float64, p)
		w3 := make([]float64, p)
		work := make([]float64, p)
		copy(w1, raw[off:off+p])
		partrans(w2, w1, work)
		for i := 0; i < p; i++ {
			w1[i] += eps
			partrans(w3, w1, work)
			for j := 0; j < p; j++ {
				a.Set(off+i, off+j, (w3[j]-w2[j])/eps)
			}
			w1[i] -= eps
		}
	}
	if o.P > 0 {
		block(0, o.P)
	}
	if o.SP > 0 {
		block(o.P+o.Q, o.SP)
	}
	return a
}

// lags returns the structurally non-zero lags (1-based, ascending) of an
// expanded polynomial with non-seasonal order p and seasonal order sp at
// period m.
func lags(p, sp, m int) []int {
	if m < 1 {
		m = 1
	}
	n := p + m*sp
	on := make([]bool, n+1)
	for i := 1; i <= p; i++ {
		on[i] = true
	}
	for j := 1; j <= sp; j++ {
		on[j*m] = true
		for i := 1; i <= p; i++ {
			on[j*m+i] = true
		}
	}
	var out []int
	for l := 1; l <= n; l++ {
		if on[l] {
			out = append(out, l)
		}
	}
	return out
}
