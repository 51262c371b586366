package arima

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// randomModel returns expanded polynomials of a random stationary (and,
// unless nonInvertible, invertible) seasonal ARMA model.
func randomModel(rng *rand.Rand, o Order, nonInvertible bool) (phi, theta []float64) {
	par := make([]float64, o.narma())
	for i := range par {
		par[i] = rng.NormFloat64()
	}
	work := make([]float64, len(par))
	// partrans keeps AR blocks stationary; applying it to the MA blocks
	// too makes them invertible.
	blocks := [][2]int{{0, o.P}, {o.P, o.Q}, {o.P + o.Q, o.SP}, {o.P + o.Q + o.SP, o.SQ}}
	for i, b := range blocks {
		if b[1] == 0 {
			continue
		}
		s := par[b[0] : b[0]+b[1]]
		partrans(s, s, work)
		if nonInvertible && (i == 1 || i == 3) {
			for j := range s {
				s[j] *= 1.5
			}
		}
	}
	phi = make([]float64, o.arLen())
	theta = make([]float64, o.maLen())
	expand(phi, theta, par, o)
	return phi, theta
}

var testOrders = []Order{
	{P: 1},
	{Q: 1},
	{P: 2, Q: 1},
	{P: 1, Q: 3},
	{P: 3, Q: 2},
	{P: 2, Q: 2, SP: 1, SQ: 1, Period: 12},
	{P: 1, SP: 2, Period: 12},
	{Q: 1, SQ: 1, Period: 12},
	{P: 5, Q: 5},
	{P: 2, Q: 1, SP: 2, SQ: 2, Period: 4},
}

// TestStationaryCovariance checks that the P₀ built by setup and fullP0
// solves the Lyapunov equation P₀ = T P₀ T' + R R' of the state space
// form (the definition of R's getQ0).
func TestStationaryCovariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, o := range testOrders {
		for rep := 0; rep < 5; rep++ {
			phi, theta := randomModel(rng, o, rep%2 == 1)
			var s arma
			if !s.setup(phi, theta) {
				t.Fatalf("setup(%v) failed", o)
			}
			r := s.r
			p0 := make([]float64, r*r)
			s.fullP0(p0)
			scale := 0.0
			for _, v := range p0 {
				scale = math.Max(scale, math.Abs(v))
			}
			for i := 0; i < r; i++ {
				for j := 0; j < r; j++ {
					// (T P T')_ij with T = [phi | shift].
					v := s.theta[i] * s.theta[j]
					for a := 0; a < r; a++ {
						ti := s.phi[i] * b2f(a == 0)
						if a == i+1 {
							ti += 1
						}
						if ti == 0 {
							continue
						}
						for b := 0; b < r; b++ {
							tj := s.phi[j] * b2f(b == 0)
							if b == j+1 {
								tj += 1
							}
							v += ti * p0[a*r+b] * tj
						}
					}
					if !scalar.EqualWithinAbs(v, p0[i*r+j], 1e-10*scale) {
						t.Fatalf("%v rep %d: (T P0 T' + RR')[%d][%d] = %g, P0 = %g", o, rep, i, j, v, p0[i*r+j])
					}
				}
			}
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// simulateARMA returns n values of the ARMA process with the expanded
// polynomials, after a burn-in.
func simulateARMA(rng *rand.Rand, phi, theta []float64, n int) []float64 {
	burn := 200 + 10*(len(phi)+len(theta))
	x := make([]float64, n+burn)
	e := make([]float64, n+burn)
	for t := range x {
		e[t] = rng.NormFloat64()
		v := e[t]
		for i, p := range phi {
			if t-i-1 >= 0 {
				v += p * x[t-i-1]
			}
		}
		for i, q := range theta {
			if t-i-1 >= 0 {
				v += q * e[t-i-1]
			}
		}
		x[t] = v
	}
	return x[burn:]
}

// TestChandrasekharKalman checks that the Chandrasekhar recursions of
// loglik give the likelihood sums of the ordinary Kalman filter (R's
// ARIMA_Like), including non-invertible MA parts, which the optimiser
// visits.
func TestChandrasekharKalman(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, o := range testOrders {
		for rep := 0; rep < 4; rep++ {
			phi, theta := randomModel(rng, o, rep%2 == 1)
			y := simulateARMA(rng, phi, theta, 200)
			var s arma
			if !s.setup(phi, theta) {
				t.Fatalf("setup(%v) failed", o)
			}
			ssq, sumlog, nu, ok := s.loglik(y)
			if !ok {
				t.Fatalf("loglik(%v) failed", o)
			}
			resid := make([]float64, len(y))
			ssq2, sumlog2, nu2 := s.filter(y, resid)
			if nu != nu2 || !scalar.EqualWithinAbsOrRel(ssq, ssq2, 1e-12, 1e-10) ||
				!scalar.EqualWithinAbsOrRel(sumlog, sumlog2, 1e-10, 1e-10) {
				t.Errorf("%v rep %d: Chandrasekhar (%.15g, %.15g, %d), Kalman (%.15g, %.15g, %d)",
					o, rep, ssq, sumlog, nu, ssq2, sumlog2, nu2)
			}
		}
	}
}

// TestTransforms checks partrans against invpartrans, and the step-down
// stationarity test against the moduli of polynomial roots.
func TestTransforms(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for p := 1; p <= 8; p++ {
		raw := make([]float64, p)
		for i := range raw {
			raw[i] = rng.NormFloat64()
		}
		phi := make([]float64, p)
		back := make([]float64, p)
		work := make([]float64, 2*p)
		partrans(phi, raw, work)
		if !stationary(phi, 1, 1, 0, work) {
			t.Errorf("partrans(%v) = %v is not stationary", raw, phi)
		}
		invpartrans(back, phi, work)
		for i := range raw {
			if !scalar.EqualWithinAbsOrRel(back[i], raw[i], 1e-8, 1e-8) {
				t.Errorf("invpartrans(partrans(%v)) = %v", raw, back)
				break
			}
		}
	}
	for rep := 0; rep < 500; rep++ {
		p := 1 + rep%6
		phi := make([]float64, p)
		for i := range phi {
			phi[i] = rng.NormFloat64() * 0.8
		}
		c := make([]float64, p+1)
		c[0] = 1
		for i, v := range phi {
			c[i+1] = -v
		}
		lo := math.Inf(1)
		for _, r := range polyRoots(c) {
			lo = math.Min(lo, cmplx.Abs(r))
		}
		work := make([]float64, 2*p)
		for _, scale := range []float64{1, 1.01} {
			got := stationary(phi, 1, scale, 0, work)
			want := lo > scale
			if math.Abs(lo-scale) > 1e-9 && got != want {
				t.Errorf("stationary(%v, scale %v) = %v, min root modulus %v", phi, scale, got, lo)
			}
			// The MA form 1 + Σθz^i with θ = -φ has the same roots.
			neg := make([]float64, p)
			for i, v := range phi {
				neg[i] = -v
			}
			if g := stationary(neg, -1, scale, 0, work); g != got {
				t.Errorf("stationary(%v, sign -1) = %v, want %v", neg, g, got)
			}
		}
	}
}

// TestMAInvert checks that maInvert makes MA polynomials invertible and
// keeps their autocorrelations.
func TestMAInvert(t *testing.T) {
	for _, ma := range [][]float64{{2}, {-1.5}, {1.2, 1.5}, {0.5, 2}, {-0.3, 0.1, 1.8}} {
		inv := append([]float64(nil), ma...)
		if !maInvert(inv) {
			t.Errorf("maInvert(%v) changed nothing", ma)
			continue
		}
		c := append([]float64{1}, inv...)
		for _, r := range polyRoots(c) {
			if cmplx.Abs(r) < 1-1e-12 {
				t.Errorf("maInvert(%v) = %v has root %v", ma, inv, r)
			}
		}
		acf := func(m []float64) []float64 {
			th := append([]float64{1}, m...)
			out := make([]float64, len(th))
			for k := range out {
				for j := 0; j+k < len(th); j++ {
					out[k] += th[j] * th[j+k]
				}
			}
			norm := out[0]
			for k := range out {
				out[k] /= norm
			}
			return out
		}
		a, b := acf(ma), acf(inv)
		for k := range a {
			if !scalar.EqualWithinAbsOrRel(a[k], b[k], 1e-12, 1e-10) {
				t.Errorf("maInvert(%v) = %v: autocorrelation %d is %v, want %v", ma, inv, k, b[k], a[k])
			}
		}
	}
}

// TestExpand checks the expanded seasonal polynomials against a direct
// product of the polynomials.
func TestExpand(t *testing.T) {
	o := Order{P: 2, Q: 1, SP: 2, SQ: 1, Period: 4}
	par := []float64{0.5, -0.2, 0.3, 0.4, 0.1, -0.6}
	phi := make([]float64, o.arLen())
	theta := make([]float64, o.maLen())
	expand(phi, theta, par, o)
	mul := func(a, b []float64) []float64 {
		out := make([]float64, len(a)+len(b)-1)
		for i, x := range a {
			for j, y := range b {
				out[i+j] += x * y
			}
		}
		return out
	}
	ar := mul([]float64{1, -0.5, 0.2}, []float64{1, 0, 0, 0, -0.4, 0, 0, 0, -0.1})
	ma := mul([]float64{1, 0.3}, []float64{1, 0, 0, 0, -0.6})
	for i, v := range phi {
		if !scalar.EqualWithinAbs(v, -ar[i+1], 1e-15) {
			t.Errorf("phi[%d] = %v, want %v", i, v, -ar[i+1])
		}
	}
	for i, v := range theta {
		if !scalar.EqualWithinAbs(v, ma[i+1], 1e-15) {
			t.Errorf("theta[%d] = %v, want %v", i, v, ma[i+1])
		}
	}
}

// TestCSSDense compares css with a direct translation of the dense loop
// of R's ARIMA_CSS (arima.c), which visits every lag.
func TestCSSDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, o := range testOrders {
		phi, theta := randomModel(rng, o, false)
		w := simulateARMA(rng, phi, theta, 150)
		resid := make([]float64, len(w))
		var cw cssWork
		got, nu := css(w, phi, theta, lags(o.P, o.SP, o.period()), lags(o.Q, o.SQ, o.period()), resid, &cw)
		// ARIMA_CSS with ncond = len(phi) on already differenced data.
		ncond := len(phi)
		r := make([]float64, len(w))
		want := 0.0
		for l := ncond; l < len(w); l++ {
			v := w[l]
			for j := 0; j < len(phi); j++ {
				v -= phi[j] * w[l-j-1]
			}
			for j := 0; j < min(l-ncond, len(theta)); j++ {
				v -= theta[j] * r[l-j-1]
			}
			r[l] = v
			want += v * v
		}
		if nu != len(w)-ncond || !scalar.EqualWithinAbsOrRel(got, want, 0, 1e-12) {
			t.Errorf("css(%v) = %.15g (%d terms), want %.15g", o, got, nu, want)
		}
	}
}

// TestDifference checks difference against the polynomial of deltaPoly.
func TestDifference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, 60)
	for i := range x {
		x[i] = rng.NormFloat64() + float64(i)
	}
	for _, o := range []Order{{D: 1}, {D: 2}, {SD: 1, Period: 12}, {D: 1, SD: 1, Period: 4}, {D: 2, SD: 1, Period: 7}} {
		w := difference(nil, x, o.D, o.SD, o.period(), make([]float64, len(x)))
		delta := deltaPoly(o)
		nd := len(delta)
		if len(w) != len(x)-nd {
			t.Fatalf("difference(%v) has %d values, want %d", o, len(w), len(x)-nd)
		}
		for i := range w {
			tt := i + nd
			v := x[tt]
			for j, dj := range delta {
				v -= dj * x[tt-j-1]
			}
			if !scalar.EqualWithinAbs(w[i], v, 1e-9) {
				t.Errorf("difference(%v)[%d] = %v, want %v", o, i, w[i], v)
			}
		}
	}
}
