package ets

import "math"

// Settings of the Levenberg–Marquardt search.
const (
	lmLambda0 = 1e-3 // initial damping, relative to the diagonal
	lmMaxTry  = 12   // rejected steps before giving up
)

// lmWork holds the buffers of levMar.
type lmWork struct {
	u, ut []float64 // point and trial in u
	g, gu []float64 // gradient in natural units and in u
	h, hu []float64 // Gauss–Newton matrix in natural units and in u
	a     []float64 // damped matrix, factorised in place
	delta []float64
	par   []float64
	jac   []float64 // dθ/du: diagonal, plus the α column
	jacA  []float64
}

// resize sizes the buffers for P parameters.
func (lw *lmWork) resize(P int) {
	lw.u = resize(lw.u, P)
	lw.ut = resize(lw.ut, P)
	lw.g = resize(lw.g, P)
	lw.gu = resize(lw.gu, P)
	lw.h = resize(lw.h, P*P)
	lw.hu = resize(lw.hu, P*P)
	lw.a = resize(lw.a, P*P)
	lw.delta = resize(lw.delta, P)
	lw.par = resize(lw.par, P)
	lw.jac = resize(lw.jac, P)
	lw.jacA = resize(lw.jacA, P)
}

// levMar minimises the objective of w over the free parameters from par
// (the Nelder–Mead vector, objective fcur there) by Levenberg–Marquardt
// steps in u (see toU): the exact Gauss–Newton matrix and gradient of
// likJac, Marquardt's diagonal scaling and Nielsen's damping update. par
// receives the best point. It stops after maxIter Jacobians, when two
// accepted steps in a row lower lik by less than ftol, or when lmMaxTry
// damped steps in a row fail. It returns the objective at par.
func (w *work) levMar(par []float64, fcur float64, maxIter int, ftol float64) float64 {
	P := len(par)
	lw := &w.lm
	lw.resize(P)
	u, ut := lw.u, lw.ut
	w.toU(par, u)
	w.fromU(u, lw.par)
	f0 := w.objective(lw.par)
	if !(f0 < math.Inf(1)) {
		return fcur
	}
	lambda, nu := lmLambda0, 2.0
	small := 0
	for it := 0; it < maxIter; it++ {
		if !w.uJacobian(u) {
			break
		}
		gu, hu, a, delta := lw.gu, lw.hu, lw.a, lw.delta
		maxd := 0.0
		for i := range P {
			maxd = math.Max(maxd, hu[i*P+i])
		}
		if !(maxd > 0) {
			break
		}
		accepted := false
		for try := 0; try < lmMaxTry; try++ {
			copy(a, hu)
			for i := range P {
				a[i*P+i] += lambda * math.Max(hu[i*P+i], 1e-10*maxd)
			}
			for i := range delta {
				delta[i] = -gu[i]
			}
			if !cholSolve(a, P, delta) {
				lambda *= nu
				nu *= 2
				continue
			}
			// Decrease predicted by the quadratic model.
			pred := 0.0
			for i := range P {
				hd := 0.0
				for j := range P {
					hd += hu[i*P+j] * delta[j]
				}
				pred -= delta[i] * (gu[i] + 0.5*hd)
			}
			for i := range u {
				ut[i] = u[i] + delta[i]
			}
			w.fromU(ut, lw.par)
			ft := w.objective(lw.par)
			if ft < f0 {
				rho := (f0 - ft) / math.Max(pred, 1e-300)
				lambda *= math.Max(1.0/3, 1-math.Pow(2*rho-1, 3))
				nu = 2
				dec := f0 - ft
				copy(u, ut)
				f0 = ft
				accepted = true
				if dec < ftol {
					small++
				} else {
					small = 0
				}
				break
			}
			lambda *= nu
			nu *= 2
		}
		if !accepted || small >= 2 {
			break
		}
	}
	if f0 < fcur {
		w.fromU(u, par)
		return w.objective(par)
	}
	return fcur
}

// uJacobian computes at u the gradient (lm.gu) and the Gauss–Newton matrix
// (lm.hu) of the objective with respect to u; the lm buffers must be sized
// (lmWork.resize). It reports false if the point is outside the region, the
// values are not finite or lik is below R's −1e10 guard.
func (w *work) uJacobian(u []float64) bool {
	lw := &w.lm
	P := len(u)
	w.fromU(u, lw.par)
	prm, ok := w.unpack(lw.par)
	if !ok {
		return false
	}
	lik := w.likJac(prm, lw.g, lw.h)
	if math.IsNaN(lik) || math.IsInf(lik, 0) || lik < -1e10 {
		return false
	}
	// dθ/du: diagonal entries jac, and the α column jacA (entries of β
	// and γ, which depend on α).
	sp := w.sp
	jac, jacA := lw.jac, lw.jacA
	clear(jacA)
	sa := logistic(u[0])
	ja := (upperSmooth - lowerSmooth) * sa * (1 - sa)
	jac[0] = ja
	i := 1
	if sp.Trend != None {
		sb := logistic(u[i])
		jac[i] = (prm.Alpha - lowerSmooth) * sb * (1 - sb)
		jacA[i] = sb * ja
		i++
	}
	if sp.Season != None {
		sg := logistic(u[i])
		jac[i] = (1 - prm.Alpha - lowerSmooth) * sg * (1 - sg)
		jacA[i] = -sg * ja
		i++
	}
	if sp.Damped {
		sf := logistic(u[i])
		jac[i] = (upperPhi - lowerPhi) * sf * (1 - sf)
		i++
	}
	for j := i; j < P; j++ {
		jac[j] = w.stateScale(j - i)
	}
	// gu = Tᵀg and hu = TᵀHT with T = diag(jac) + jacA·e_0ᵀ.
	g, h, gu, hu := lw.g, lw.h, lw.gu, lw.hu
	for r := range P {
		gu[r] = jac[r] * g[r]
	}
	gu[0] += dot(jacA, g)
	for r := range P {
		for c := range P {
			hu[r*P+c] = jac[r] * h[r*P+c] * jac[c]
		}
	}
	// T = D + a·e_0ᵀ (D = diag(jac), a = jacA), so TᵀHT = DHD + (DHa)e_0ᵀ
	// + e_0(aᵀHD) + (aᵀHa)e_0e_0ᵀ.
	aha := 0.0
	for r := range P {
		s := 0.0
		for k := range P {
			s += h[r*P+k] * jacA[k]
		}
		hu[r*P] += jac[r] * s
		hu[r] += jac[r] * s
		aha += jacA[r] * s
	}
	hu[0] += aha
	return true
}

// cholSolve solves a·x = b in place (x overwrites b) for the symmetric
// positive definite n×n row-major a, which it overwrites with its Cholesky
// factor. It reports false if a is not positive definite.
func cholSolve(a []float64, n int, b []float64) bool {
	for j := range n {
		d := a[j*n+j]
		for k := range j {
			d -= a[j*n+k] * a[j*n+k]
		}
		if !(d > 0) {
			return false
		}
		d = math.Sqrt(d)
		a[j*n+j] = d
		for i := j + 1; i < n; i++ {
			s := a[i*n+j]
			for k := range j {
				s -= a[i*n+k] * a[j*n+k]
			}
			a[i*n+j] = s / d
		}
	}
	for i := range n {
		s := b[i]
		for k := range i {
			s -= a[i*n+k] * b[k]
		}
		b[i] = s / a[i*n+i]
	}
	for i := n - 1; i >= 0; i-- {
		s := b[i]
		for k := i + 1; k < n; k++ {
			s -= a[k*n+i] * b[k]
		}
		b[i] = s / a[i*n+i]
	}
	return true
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}
