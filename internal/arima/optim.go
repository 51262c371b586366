package arima

import (
	"errors"
	"math"
)

// Settings of R's optim(method = "BFGS") as stats::arima calls it.
const (
	ndeps    = 1e-3                  // finite-difference step on the scaled parameters
	reltol   = 1.4901161193847656e-8 // sqrt(.Machine$double.eps)
	maxIter  = 100                   // maxit
	stepredn = 0.2
	acctol   = 0.0001
	reltest  = 10.0
)

var (
	errOptimNonFinite = errors.New("non-finite value supplied by optim")
	errOptimInitial   = errors.New("initial value in 'vmmin' is not finite")
	errOptimGradient  = errors.New("non-finite finite-difference value")
)

// optimizer is R's variable-metric minimiser vmmin (optim's "BFGS", Nash
// 1990) with optim's central-difference gradient and optimhess Hessian,
// working on parameters scaled by parscale. Buffers are reused across
// calls.
type optimizer struct {
	f        func([]float64) float64
	parscale []float64
	n        int

	b, g, t, x, c, bm []float64
	xs, df1, df2      []float64
	fncount, grcount  int
}

func (o *optimizer) init(n int, f func([]float64) float64, parscale []float64) {
	o.f, o.parscale, o.n = f, parscale, n
	o.b = resize(o.b, n)
	o.g = resize(o.g, n)
	o.t = resize(o.t, n)
	o.x = resize(o.x, n)
	o.c = resize(o.c, n)
	o.bm = resize(o.bm, n*n)
	o.xs = resize(o.xs, n)
	o.df1 = resize(o.df1, n)
	o.df2 = resize(o.df2, n)
	o.fncount, o.grcount = 0, 0
}

// fminfn evaluates the objective at the scaled parameters b.
func (o *optimizer) fminfn(b []float64) (float64, error) {
	for i, v := range b {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, errOptimNonFinite
		}
		o.xs[i] = v * o.parscale[i]
	}
	return o.f(o.xs), nil
}

// fmingr writes to df the central-difference gradient at b (scaled).
func (o *optimizer) fmingr(b, df []float64) error {
	xs := o.xs
	for i, v := range b {
		xs[i] = v * o.parscale[i]
	}
	for i := range b {
		xs[i] = (b[i] + ndeps) * o.parscale[i]
		v1 := o.f(xs)
		xs[i] = (b[i] - ndeps) * o.parscale[i]
		v2 := o.f(xs)
		df[i] = (v1 - v2) / (2 * ndeps)
		if math.IsNaN(df[i]) || math.IsInf(df[i], 0) {
			return errOptimGradient
		}
		xs[i] = b[i] * o.parscale[i]
	}
	return nil
}

// minimize runs vmmin from par (unscaled), which receives the minimiser.
// It returns the minimum and fail = 1 if maxit iterations were reached (R's
// convergence code), 0 otherwise.
func (o *optimizer) minimize(par []float64, maxit int) (fmin float64, fail int, err error) {
	n := o.n
	b := o.b
	for i := range b {
		b[i] = par[i] / o.parscale[i]
	}
	defer func() {
		for i := range b {
			par[i] = b[i] * o.parscale[i]
		}
	}()
	if maxit <= 0 {
		fmin, err = o.fminfn(b)
		return fmin, 0, err
	}
	g, t, X, c, B := o.g, o.t, o.x, o.c, o.bm
	f, err := o.fminfn(b)
	if err != nil {
		return 0, 0, err
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, 0, errOptimInitial
	}
	fmin = f
	funcount, gradcount := 1, 1
	if err := o.fmingr(b, g); err != nil {
		return 0, 0, err
	}
	iter := 1
	ilast := gradcount
	count := 0
	for {
		if ilast == gradcount {
			for i := 0; i < n; i++ {
				for j := 0; j < i; j++ {
					B[i*n+j] = 0
				}
				B[i*n+i] = 1
			}
		}
		for i := 0; i < n; i++ {
			X[i] = b[i]
			c[i] = g[i]
		}
		gradproj := 0.0
		for i := 0; i < n; i++ {
			s := 0.0
			for j := 0; j <= i; j++ {
				s -= B[i*n+j] * g[j]
			}
			for j := i + 1; j < n; j++ {
				s -= B[j*n+i] * g[j]
			}
			t[i] = s
			gradproj += s * g[i]
		}
		if gradproj < 0 { // downhill
			steplength := 1.0
			accpoint := false
			for {
				count = 0
				for i := 0; i < n; i++ {
					b[i] = X[i] + steplength*t[i]
					if reltest+X[i] == reltest+b[i] {
						count++
					}
				}
				if count < n {
					f, err = o.fminfn(b)
					if err != nil {
						return 0, 0, err
					}
					funcount++
					accpoint = !math.IsNaN(f) && !math.IsInf(f, 0) &&
						f <= fmin+gradproj*steplength*acctol
					if !accpoint {
						steplength *= stepredn
					}
				}
				if count == n || accpoint {
					break
				}
			}
			// abstol is -Inf in optim's defaults, so f > abstol always holds.
			enough := math.Abs(f-fmin) > reltol*(math.Abs(fmin)+reltol)
			if !enough {
				count = n
				fmin = f
			}
			if count < n { // making progress
				fmin = f
				if err := o.fmingr(b, g); err != nil {
					return 0, 0, err
				}
				gradcount++
				iter++
				d1 := 0.0
				for i := 0; i < n; i++ {
					t[i] *= steplength
					c[i] = g[i] - c[i]
					d1 += t[i] * c[i]
				}
				if d1 > 0 {
					d2 := 0.0
					for i := 0; i < n; i++ {
						s := 0.0
						for j := 0; j <= i; j++ {
							s += B[i*n+j] * c[j]
						}
						for j := i + 1; j < n; j++ {
							s += B[j*n+i] * c[j]
						}
						X[i] = s
						d2 += s * c[i]
					}
					d2 = 1 + d2/d1
					for i := 0; i < n; i++ {
						for j := 0; j <= i; j++ {
							B[i*n+j] += (d2*t[i]*t[j] - X[i]*t[j] - t[i]*X[j]) / d1
						}
					}
				} else {
					ilast = gradcount
				}
			} else if ilast < gradcount { // no progress
				count = 0
				ilast = gradcount
			}
		} else { // uphill search
			count = 0
			if ilast == gradcount {
				count = n
			} else {
				ilast = gradcount
			}
		}
		if iter >= maxit {
			break
		}
		if gradcount-ilast > 2*n {
			ilast = gradcount // periodic restart
		}
		if count == n && ilast == gradcount {
			break
		}
	}
	o.fncount, o.grcount = funcount, gradcount
	if iter >= maxit {
		fail = 1
	}
	return fmin, fail, nil
}

// hessianKey identifies a parameter vector of up to 16 values by its bits.
type hessianKey [16]uint64

// hessian returns the n×n Hessian (row-major) at par (unscaled) by central
// differences of the numerical gradient, symmetrised, as optim's
// optimhess does. The gradients at par ± e_i·step evaluate the objective
// at par ± e_i·step ± e_j·step', and many of these points coincide
// bit for bit between i and j (when the parameter scales are one): the
// objective is evaluated once per distinct point, which halves the work
// without changing any value.
func (o *optimizer) hessian(par []float64) ([]float64, error) {
	n := o.n
	if n <= len(hessianKey{}) {
		f := o.f
		cache := make(map[hessianKey]float64, 4*n*n)
		o.f = func(x []float64) float64 {
			var k hessianKey
			for i, v := range x {
				k[i] = math.Float64bits(v)
			}
			if v, ok := cache[k]; ok {
				return v
			}
			v := f(x)
			cache[k] = v
			return v
		}
		defer func() { o.f = f }()
	}
	h := make([]float64, n*n)
	dpar := make([]float64, n)
	for i := range dpar {
		dpar[i] = par[i] / o.parscale[i]
	}
	for i := 0; i < n; i++ {
		eps := ndeps / o.parscale[i]
		dpar[i] += eps
		if err := o.fmingr(dpar, o.df1); err != nil {
			return nil, err
		}
		dpar[i] -= 2 * eps
		if err := o.fmingr(dpar, o.df2); err != nil {
			return nil, err
		}
		for j := 0; j < n; j++ {
			h[i*n+j] = (o.df1[j] - o.df2[j]) / (2 * eps * o.parscale[i] * o.parscale[j])
		}
		dpar[i] += eps
	}
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			v := 0.5 * (h[i*n+j] + h[j*n+i])
			h[i*n+j], h[j*n+i] = v, v
		}
	}
	return h, nil
}
