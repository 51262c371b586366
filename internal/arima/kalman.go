package arima

import "math"

// gainLimit is R's ARIMA_Like threshold: observations whose one-step
// prediction variance (in units of the innovation variance) is 1e4 or more
// do not enter the likelihood. With the differencing removed from the
// state this only happens for an AR part extremely close to a unit root.
const gainLimit = 1e4

// steadyTol ends the Chandrasekhar updates: once the Euclidean norm of the
// rank-one factor w of P_{t+1} - P_t = -F w w' is below it, the gain and
// the prediction variance no longer change to double precision and the
// filter continues with the steady-state gain.
const steadyTol = 1e-13

// loglik returns the sum of squared standardised one-step prediction
// errors ssq = Σ v_t²/F_t, the sum of log F_t and the number nu of terms,
// for the series y under the model prepared by setup. The concentrated
// Gaussian log-likelihood is then
//
//	-0.5·(nu·log(2π) + nu·log(ssq/nu) + sumlog + nu).
//
// It uses the Chandrasekhar recursions (Morf, Sidhu & Kailath 1974) in
// place of the Riccati equation of the Kalman filter. With the stationary
// initial covariance, P₁ - P₀ = -F₀K₀K₀' has rank one, and so does every
// later difference: P_{t+1} - P_t = -F_t w_t w_t' with
//
//	F_{t+1} = F_t (1 - w_t[0]²)
//	K_{t+1} = (K_t - w_t[0]·T w_t) / (1 - w_t[0]²)
//	w_{t+1} = T w_t - K_{t+1} w_t[0],     w₀ = K₀ = T P₀ Z'/F₀,
//
// where K_t = T P_t Z'/F_t is the gain of the predicted state
// a_{t+1} = T a_t + K_t (y_t - a_t[0]). Each step costs O(r) instead of
// the O(r²) of R's ARIMA_Like, and gives the same values up to rounding.
// ok is false if a prediction variance becomes non-positive or non-finite.
func (s *arma) loglik(y []float64) (ssq, sumlog float64, nu int, ok bool) {
	r, p := s.r, s.p
	phi := s.phi[:p]
	k, w, tw, a := s.k[:r], s.w[:r], s.tw[:r], s.a[:r]
	pc := s.pcol[:r]
	f := pc[0]
	for i := 0; i < r; i++ {
		v := pc[0] * s.phi[i]
		if i+1 < r {
			v += pc[i+1]
		}
		k[i] = v / f
		w[i] = k[i]
		a[i] = 0
	}
	// Σ log F_t is accumulated as a product, renormalised before it can
	// overflow: one logarithm per hundred or so observations instead of
	// one per observation (F_t ≥ 1 in units of σ², below gainLimit).
	prod := 1.0
	t := 0
	for ; t < len(y); t++ {
		v := y[t] - a[0]
		if f < gainLimit {
			nu++
			ssq += v * v / f
			prod *= f
			if prod > 1e280 {
				sumlog += math.Log(prod)
				prod = 1
			}
		}
		// a = T a + K v.
		a0 := a[0]
		for i := 0; i < r-1; i++ {
			a[i] = a[i+1] + k[i]*v
		}
		a[r-1] = k[r-1] * v
		for i, ph := range phi {
			a[i] += ph * a0
		}
		// Chandrasekhar step for F, K and w.
		zw := w[0]
		for i := 0; i < r-1; i++ {
			tw[i] = w[i+1]
		}
		tw[r-1] = 0
		for i, ph := range phi {
			tw[i] += ph * zw
		}
		den := 1 - zw*zw
		f *= den
		if !(f > 0) || math.IsInf(f, 0) {
			return ssq, sumlog, nu, false
		}
		inv := 1 / den
		ww := 0.0
		for i := 0; i < r; i++ {
			ki := (k[i] - zw*tw[i]) * inv
			k[i] = ki
			wi := tw[i] - ki*zw
			w[i] = wi
			ww += wi * wi
		}
		if ww < steadyTol*steadyTol {
			t++
			break
		}
	}
	sumlog += math.Log(prod)
	// Steady state: F and K are constant.
	if rest := len(y) - t; rest > 0 {
		ss := 0.0
		for ; t < len(y); t++ {
			v := y[t] - a[0]
			ss += v * v
			a0 := a[0]
			for i := 0; i < r-1; i++ {
				a[i] = a[i+1] + k[i]*v
			}
			a[r-1] = k[r-1] * v
			for i, ph := range phi {
				a[i] += ph * a0
			}
		}
		if f < gainLimit {
			nu += rest
			ssq += ss / f
			sumlog += float64(rest) * math.Log(f)
		}
	}
	return ssq, sumlog, nu, true
}

// filter runs the Kalman filter of R's ARIMA_Like (its branch without
// differencing) over y and writes the standardised residuals
// v_t/sqrt(F_t) to resid. It returns the same sums as loglik. On return
// s.a holds the filtered state a_{n|n} and s.pm the filtered covariance
// P_{n|n} (r×r, row-major), from which forecasts start.
func (s *arma) filter(y, resid []float64) (ssq, sumlog float64, nu int) {
	r := s.r
	s.pm = resize(s.pm, r*r)
	s.pn = resize(s.pn, r*r)
	s.anew = resize(s.anew, r)
	P, Pn, anew, a := s.pm, s.pn, s.anew, s.a[:r]
	phi, theta := s.phi[:r], s.theta[:r]
	s.fullP0(Pn)
	for i := range a {
		a[i] = 0
	}
	for l, yl := range y {
		for i := 0; i < r; i++ {
			v := phi[i] * a[0]
			if i < r-1 {
				v += a[i+1]
			}
			anew[i] = v
		}
		if l > 0 {
			// Pn = T P T' + R R'.
			p00 := P[0]
			for i := 0; i < r; i++ {
				for j := 0; j < r; j++ {
					v := theta[i]*theta[j] + phi[i]*phi[j]*p00
					if i < r-1 && j < r-1 {
						v += P[(i+1)*r+j+1]
					}
					if j < r-1 {
						v += phi[i] * P[j+1]
					}
					if i < r-1 {
						v += phi[j] * P[i+1]
					}
					Pn[i*r+j] = v
				}
			}
		}
		v := yl - anew[0]
		gain := Pn[0]
		if gain < gainLimit {
			nu++
			ssq += v * v / gain
			sumlog += math.Log(gain)
		}
		resid[l] = v / math.Sqrt(gain)
		for i := 0; i < r; i++ {
			a[i] = anew[i] + Pn[i*r]*v/gain
		}
		for i := 0; i < r; i++ {
			mi := Pn[i*r]
			for j := 0; j < r; j++ {
				P[i*r+j] = Pn[i*r+j] - mi*Pn[j*r]/gain
			}
		}
	}
	if len(y) == 0 {
		copy(P, Pn)
	}
	return ssq, sumlog, nu
}
