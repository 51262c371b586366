package ets

import "math"

// Constants of R's etscalc: tol guards divisions by a seasonal index or a
// level near zero, which are then replaced by hugeN.
const (
	tol   = 1e-10
	hugeN = 1e10
)

// filter runs the ETS recursion of R's etscalc over y starting from the state
// x0 = (l, b, s[0], …, s[m-1]) (b only with a trend, s only with a season;
// s[0] is the most recent seasonal state and s[m-1] the one used for the
// next forecast) and returns R's lik:
//
//	n·log(Σ e_t²)                     additive error
//	n·log(Σ e_t²) + 2·Σ log|ŷ_t|      multiplicative error
//
// where ŷ_t is the one-step forecast and e_t = y_t − ŷ_t (additive) or
// (y_t − ŷ_t)/ŷ_t (multiplicative). If e, fit or xn are not nil they receive
// the errors, the one-step forecasts and the final state (layout of x0). sc
// is a workspace of length at least m (m is ignored without a season).
// filter does not allocate.
func filter(y []float64, sp Spec, m int, p Params, x0, sc, e, fit, xn []float64) float64 {
	// A missing trend is run as b = 0, φ = β = 0 and a missing season as
	// one additive seasonal state fixed at 0 with γ = 0: every operation
	// they add is an exact x+0 or 0·x, so the results are those of the
	// reduced recursion.
	phi, beta, b := 0.0, 0.0, 0.0
	k := 1
	if sp.Trend != None {
		phi, beta, b = 1, p.Beta, x0[1]
		if sp.Damped {
			phi = p.Phi
		}
		k = 2
	}
	gamma := 0.0
	if sp.Season != None {
		gamma = p.Gamma
		sc = sc[:m]
		// sc is a ring: sc[j] holds the oldest seasonal state, the one
		// used for the next forecast (s[m-1] in x0's layout); the next
		// oldest follows it.
		for i := range m {
			sc[i] = x0[k+m-1-i]
		}
	} else {
		m = 1
		sc = sc[:1]
		sc[0] = 0
	}
	st := state{l: x0[0], b: b, j: 0}
	var sse, logSum float64
	multErr := sp.Error == Multiplicative
	if sp.Season == Multiplicative {
		sse, logSum = runMul(y, &st, sc, p.Alpha, beta, gamma, phi, multErr, e, fit)
	} else {
		sse, logSum = runAdd(y, &st, sc, p.Alpha, beta, gamma, phi, multErr, e, fit)
	}
	if xn != nil {
		xn[0] = st.l
		if sp.Trend != None {
			xn[1] = st.b
		}
		if sp.Season != None {
			for i := range m {
				// x[k+i] is the i-th most recent: sc[j-1-i] (mod m).
				idx := st.j - 1 - i
				if idx < 0 {
					idx += m
				}
				xn[k+i] = sc[idx]
			}
		}
	}
	n := float64(len(y))
	lik := n * math.Log(sse)
	if multErr {
		lik += 2 * logSum
	}
	return lik
}

// state is the level, trend and ring position of a running recursion.
type state struct {
	l, b float64
	j    int
}

// runAdd runs the recursion with an additive (or absent) season; see
// filter. It returns Σe² and Σlog|ŷ| (the latter only if multErr).
//
// Each step is R's update() with its algebra rearranged to shorten the
// dependency chain from one step to the next: with q = l + φb the level
// forecast and a the seasonally adjusted observation, R's l' = q + α(a−q)
// and b' = φb + (β/α)(l' − l − φb) are the linear recurrence
//
//	l' = (1−α)·l + (1−α)φ·b + α·a
//	b' = −β·l + φ(1−β)·b + β·a
//
// whose terms in l and b are computed in parallel. The results agree with
// R's form to rounding.
func runAdd(y []float64, st *state, sc []float64, alpha, beta, gamma, phi float64, multErr bool, e, fit []float64) (sse, logSum float64) {
	l, b, j := st.l, st.b, st.j
	m := len(sc)
	prod := 1.0
	c11, c12 := 1-alpha, (1-alpha)*phi
	c21, c22 := -beta, phi*(1-beta)
	for t, yt := range y {
		q := l + phi*b
		sOld := sc[j]
		f := q + sOld
		var et float64
		if multErr {
			et = (yt - f) / f
			prod *= math.Abs(f)
			if prod > 1e200 || prod < 1e-200 {
				logSum += math.Log(prod)
				prod = 1
			}
		} else {
			et = yt - f
		}
		sse += et * et
		if e != nil {
			e[t] = et
		}
		if fit != nil {
			fit[t] = f
		}
		a := yt - sOld
		l, b = (c11*l+c12*b)+alpha*a, (c21*l+c22*b)+beta*a
		tt := yt - q
		sc[j] = sOld + gamma*(tt-sOld)
		j++
		if j == m {
			j = 0
		}
	}
	st.l, st.b, st.j = l, b, j
	if multErr {
		logSum += math.Log(prod)
	}
	return sse, logSum
}

// runMul runs the recursion with a multiplicative season; see runAdd.
// Divisions by a seasonal index or level forecast below tol in magnitude
// give hugeN, as in R.
func runMul(y []float64, st *state, sc []float64, alpha, beta, gamma, phi float64, multErr bool, e, fit []float64) (sse, logSum float64) {
	l, b, j := st.l, st.b, st.j
	m := len(sc)
	prod := 1.0
	c11, c12 := 1-alpha, (1-alpha)*phi
	c21, c22 := -beta, phi*(1-beta)
	for t, yt := range y {
		q := l + phi*b
		sOld := sc[j]
		f := q * sOld
		var et float64
		if multErr {
			et = (yt - f) / f
			prod *= math.Abs(f)
			if prod > 1e200 || prod < 1e-200 {
				logSum += math.Log(prod)
				prod = 1
			}
		} else {
			et = yt - f
		}
		sse += et * et
		if e != nil {
			e[t] = et
		}
		if fit != nil {
			fit[t] = f
		}
		pl := hugeN
		if math.Abs(sOld) >= tol {
			pl = yt / sOld
		}
		l, b = (c11*l+c12*b)+alpha*pl, (c21*l+c22*b)+beta*pl
		tt := hugeN
		if math.Abs(q) >= tol {
			tt = yt / q
		}
		sc[j] = sOld + gamma*(tt-sOld)
		j++
		if j == m {
			j = 0
		}
	}
	st.l, st.b, st.j = l, b, j
	if multErr {
		logSum += math.Log(prod)
	}
	return sse, logSum
}

// infoCriteria returns AIC, AICc and BIC from R's lik, the number of
// observations n and k = free parameters + 1 (the error variance), as R's
// ets computes them: AIC = lik + 2k, AICc = AIC + 2k(k+1)/(n−k−1),
// BIC = lik + log(n)·k. AICc is +Inf when n−k−1 <= 0.
func infoCriteria(lik float64, n, k int) (aic, aicc, bic float64) {
	aic = lik + 2*float64(k)
	bic = lik + math.Log(float64(n))*float64(k)
	d := float64(n - k - 1)
	if d <= 0 {
		return aic, math.Inf(1), bic
	}
	aicc = aic + 2*float64(k)*float64(k+1)/d
	return aic, aicc, bic
}
