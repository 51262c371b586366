package ets

import "math"

// The Levenberg–Marquardt search works on an unconstrained vector u: logits of
// the smoothing parameters' positions within R's bounds,
//
//	α = lo + (hi − lo)·σ(u_α)           lo = 1e-4, hi = 0.9999
//	β = lo + (α − lo)·σ(u_β)            so β ∈ [lo, α]
//	γ = lo + (1 − α − lo)·σ(u_γ)        so γ ∈ [lo, 1 − α]
//	φ = 0.8 + 0.18·σ(u_φ)
//
// with σ the logistic function, followed by the scaled initial states of
// the Nelder–Mead vector. The admissible region and non-negative
// multiplicative seasonal states are not a box in u: outside them the
// objective is +Inf, and levMar rejects the step.

// fracClamp keeps a parameter's position strictly inside its bounds when a
// point of the Nelder–Mead vector is converted to u, so the logit is
// finite and the gradient not vanishing.
const fracClamp = 1e-3

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func logit(u float64) float64 { return math.Log(u / (1 - u)) }

// toU converts the Nelder–Mead vector par (α, β, γ, φ raw, then the scaled
// states) into u.
func (w *work) toU(par, u []float64) {
	sp := w.sp
	frac := func(v, lo, hi float64) float64 {
		f := (v - lo) / (hi - lo)
		return logit(math.Min(math.Max(f, fracClamp), 1-fracClamp))
	}
	alpha := par[0]
	u[0] = frac(alpha, lowerSmooth, upperSmooth)
	i := 1
	if sp.Trend != None {
		u[i] = frac(par[i], lowerSmooth, alpha)
		i++
	}
	if sp.Season != None {
		u[i] = frac(par[i], lowerSmooth, 1-alpha)
		i++
	}
	if sp.Damped {
		u[i] = frac(par[i], lowerPhi, upperPhi)
		i++
	}
	copy(u[i:], par[i:])
}

// fromU converts u into the Nelder–Mead vector par.
func (w *work) fromU(u, par []float64) {
	sp := w.sp
	alpha := lowerSmooth + (upperSmooth-lowerSmooth)*logistic(u[0])
	par[0] = alpha
	i := 1
	if sp.Trend != None {
		par[i] = lowerSmooth + (alpha-lowerSmooth)*logistic(u[i])
		i++
	}
	if sp.Season != None {
		par[i] = lowerSmooth + (1-alpha-lowerSmooth)*logistic(u[i])
		i++
	}
	if sp.Damped {
		par[i] = lowerPhi + (upperPhi-lowerPhi)*logistic(u[i])
		i++
	}
	copy(par[i:], u[i:])
}
