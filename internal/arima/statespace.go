package arima

import "math"

// arma is the state-space form of a stationary ARMA(p, q) model with unit
// innovation variance, in Harvey's representation used by R's arima:
//
//	x_t = Z α_t,            Z = (1, 0, …, 0)
//	α_{t+1} = T α_t + R ε_{t+1},
//
// with r = max(p, q+1) states, T the companion matrix with phi in its
// first column and ones on the superdiagonal, and R = (1, θ₁, …, θ_{r-1})'.
// The state starts at zero with the stationary covariance P₀, the solution
// of P₀ = T P₀ T' + R R' (R's getQ0).
//
// setup computes only the first column of P₀, from the autocovariances of
// the process: that is all the Chandrasekhar recursions of loglik need.
// The full matrix, needed by filter, follows from the first column by the
// Lyapunov recursion in fullP0. All buffers live in the struct and are
// reused, so evaluating a likelihood does not allocate.
type arma struct {
	r     int
	p, q  int
	phi   []float64 // len r, zero padded
	theta []float64 // len r: theta[0] = 1, then θ₁…θ_{r-1}, zero padded
	psi   []float64 // ψ weights 0…r-1
	gam   []float64 // autocovariances 0…r
	c     []float64 // right-hand side of the autocovariance equations
	sys   []float64 // (p+1)² system matrix
	pcol  []float64 // first column of P₀

	// Chandrasekhar recursions.
	k, w, tw, a []float64

	// Full filter.
	pm, pn, anew []float64
}

// resize returns s with length n, reallocating only when needed.
func resize(s []float64, n int) []float64 {
	if n > cap(s) {
		return make([]float64, n)
	}
	return s[:n]
}

// setup prepares the model for the expanded polynomials phi and theta. It
// reports false if the autocovariance equations are singular or give a
// non-positive or non-finite variance (a non-stationary AR part).
func (s *arma) setup(phi, theta []float64) bool {
	p, q := len(phi), len(theta)
	r := max(p, q+1)
	s.r, s.p, s.q = r, p, q
	s.phi = resize(s.phi, r)
	s.theta = resize(s.theta, r)
	s.psi = resize(s.psi, r)
	s.gam = resize(s.gam, r+1)
	s.c = resize(s.c, r+1)
	s.pcol = resize(s.pcol, r)
	s.k = resize(s.k, r)
	s.w = resize(s.w, r)
	s.tw = resize(s.tw, r)
	s.a = resize(s.a, r)
	copy(s.phi, phi)
	for i := p; i < r; i++ {
		s.phi[i] = 0
	}
	s.theta[0] = 1
	copy(s.theta[1:], theta)
	for i := q + 1; i < r; i++ {
		s.theta[i] = 0
	}

	// ψ weights: ψ₀ = 1, ψ_j = θ_j + Σ_{i=1}^{min(j,p)} φ_i ψ_{j-i}.
	psi := s.psi
	for j := 0; j < r; j++ {
		v := s.theta[j]
		for i := 1; i <= min(j, p); i++ {
			v += phi[i-1] * psi[j-i]
		}
		psi[j] = v
	}
	// c_k = Σ_{j=k}^{q} θ_j ψ_{j-k}, the covariance of the MA side with x.
	for k := 0; k <= r; k++ {
		v := 0.0
		for j := k; j <= q; j++ {
			v += s.theta[j] * psi[j-k]
		}
		s.c[k] = v
	}
	// γ(k) - Σ φ_i γ(|k-i|) = c_k for k = 0…p, then the recursion.
	gam := s.gam
	if p == 0 {
		copy(gam, s.c)
	} else {
		n := p + 1
		s.sys = resize(s.sys, n*n)
		a := s.sys
		for i := range a {
			a[i] = 0
		}
		for k := 0; k < n; k++ {
			a[k*n+k] += 1
			for i := 1; i <= p; i++ {
				l := k - i
				if l < 0 {
					l = -l
				}
				a[k*n+l] -= phi[i-1]
			}
			gam[k] = s.c[k]
		}
		if !solve(a, gam[:n], n) {
			return false
		}
		for k := n; k <= r; k++ {
			v := s.c[k]
			for i := 1; i <= p; i++ {
				v += phi[i-1] * gam[k-i]
			}
			gam[k] = v
		}
	}
	// P₀[l][0] = Cov(α_t[l], x_t) with
	// α_t[l] = Σ_{j=0}^{r-1-l} (φ_{l+j+1} x_{t-1-j} + θ_{l+j} ε_{t-j}).
	for l := 0; l < r; l++ {
		v := 0.0
		for j := 0; j <= r-1-l; j++ {
			v += s.phi[l+j]*gam[j+1] + s.theta[l+j]*psi[j]
		}
		s.pcol[l] = v
	}
	v0 := s.pcol[0]
	return v0 > 0 && !math.IsInf(v0, 0) && !math.IsNaN(v0)
}

// fullP0 writes the stationary covariance P₀ (r×r, row-major) to dst from
// the first column computed by setup, using
//
//	P[i][l] = φ_{i+1}φ_{l+1}P[0][0] + φ_{i+1}P[0][l+1] + φ_{l+1}P[i+1][0]
//	          + P[i+1][l+1] + θ_iθ_l,
//
// which is the (i, l) entry of P₀ = T P₀ T' + R R' (indices r and beyond
// are zero).
func (s *arma) fullP0(dst []float64) {
	r := s.r
	at := func(i, l int) float64 {
		if i >= r || l >= r {
			return 0
		}
		return dst[i*r+l]
	}
	p0 := func(l int) float64 {
		if l >= r {
			return 0
		}
		return s.pcol[l]
	}
	for i := r - 1; i >= 1; i-- {
		for l := r - 1; l >= i; l-- {
			v := s.phi[i]*s.phi[l]*s.pcol[0] + s.phi[i]*p0(l+1) + s.phi[l]*p0(i+1) +
				at(i+1, l+1) + s.theta[i]*s.theta[l]
			dst[i*r+l] = v
			dst[l*r+i] = v
		}
	}
	for l := 0; l < r; l++ {
		dst[l] = s.pcol[l]
		dst[l*r] = s.pcol[l]
	}
}

// solve solves the n×n row-major system a·x = b in place by Gaussian
// elimination with partial pivoting; b receives x and a is destroyed. It
// reports false if a is singular or the solution is not finite.
func solve(a, b []float64, n int) bool {
	for col := 0; col < n; col++ {
		piv, best := col, math.Abs(a[col*n+col])
		for i := col + 1; i < n; i++ {
			if v := math.Abs(a[i*n+col]); v > best {
				piv, best = i, v
			}
		}
		if best == 0 || math.IsNaN(best) {
			return false
		}
		if piv != col {
			for j := col; j < n; j++ {
				a[col*n+j], a[piv*n+j] = a[piv*n+j], a[col*n+j]
			}
			b[col], b[piv] = b[piv], b[col]
		}
		d := a[col*n+col]
		for i := col + 1; i < n; i++ {
			f := a[i*n+col] / d
			if f == 0 {
				continue
			}
			for j := col + 1; j < n; j++ {
				a[i*n+j] -= f * a[col*n+j]
			}
			b[i] -= f * b[col]
		}
	}
	for i := n - 1; i >= 0; i-- {
		v := b[i]
		for j := i + 1; j < n; j++ {
			v -= a[i*n+j] * b[j]
		}
		v /= a[i*n+i]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
		b[i] = v
	}
	return true
}
