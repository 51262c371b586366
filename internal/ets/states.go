package ets

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// refineStates improves the initial states in par (the entries after the
// smoothing parameters) for fixed smoothing parameters by Gauss–Newton
// steps on the sum of squared errors Σe_t², with a forward-difference
// Jacobian. The errors are affine in the states for models with additive
// components and an additive error, so there one step reaches the
// conditional least-squares optimum (the exact conditional maximum of the
// likelihood); for the other models the steps are accepted only while they
// lower the objective. It returns the objective at par and the number of
// likelihood evaluations used. R's ets has no such step: it is part of this
// package's optimiser (see Settings.Restarts).
func (w *work) refineStates(par []float64, fcur float64, iters int) (float64, int) {
	ns := w.sp.nSmoothing()
	p := len(par) - ns
	n := len(w.y)
	w.res = resize(w.res, n*(p+1))
	r0 := w.res[:n]
	jac := w.res[n:]
	used := 0
	linear := w.sp.Error == Additive && w.sp.Season != Multiplicative
	if linear {
		iters = 1
	}
	trial := resize(w.trial, len(par))
	w.trial = trial
	for it := 0; it < iters; it++ {
		if !w.errors(par, r0) {
			return fcur, used
		}
		used++
		for j := range p {
			copy(trial, par)
			h := 1.0
			if !linear {
				h = 1e-6 * (math.Abs(par[ns+j]) + 1e-3)
			}
			trial[ns+j] += h
			col := jac[j*n : (j+1)*n]
			if !w.errors(trial, col) {
				return fcur, used
			}
			used++
			for t := range col {
				col[t] = (col[t] - r0[t]) / h
			}
		}
		// Normal equations JᵀJ δ = −Jᵀr.
		a, g := &w.gn.a, &w.gn.g
		a.Reset()
		a.ReuseAsSym(p)
		g.Reset()
		g.ReuseAsVec(p)
		for i := range p {
			ci := jac[i*n : (i+1)*n]
			for j := i; j < p; j++ {
				cj := jac[j*n : (j+1)*n]
				s := 0.0
				for t := range ci {
					s += ci[t] * cj[t]
				}
				a.SetSym(i, j, s)
			}
			s := 0.0
			for t := range ci {
				s += ci[t] * r0[t]
			}
			g.SetVec(i, -s)
		}
		ch := &w.gn.ch
		if !ch.Factorize(a) {
			return fcur, used
		}
		d := &w.gn.d
		d.Reset()
		if err := ch.SolveVecTo(d, g); err != nil {
			return fcur, used
		}
		copy(trial, par)
		for j := range p {
			trial[ns+j] += d.AtVec(j)
		}
		f := w.objective(trial)
		used++
		if !(f < fcur) {
			return fcur, used
		}
		copy(par, trial)
		fcur = f
	}
	return fcur, used
}

// errors writes the one-step errors of the model decoded from par into e
// and reports whether par is in the parameter region.
func (w *work) errors(par, e []float64) bool {
	p, ok := w.unpack(par)
	if !ok {
		return false
	}
	lik := filter(w.y, w.sp, w.m, p, w.x0, w.sc, e, nil, nil)
	return !math.IsNaN(lik)
}

// gnWork holds the gonum matrices of refineStates, reused across calls so
// a refinement does not allocate them anew.
type gnWork struct {
	a  mat.SymDense
	g  mat.VecDense
	d  mat.VecDense
	ch mat.Cholesky
}
