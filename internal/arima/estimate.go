package arima

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Settings configure Estimate. A nil *Settings and the zero value give R's
// default, CSS-ML.
type Settings struct {
	Method Method
}

// fitter estimates models and owns every buffer the objective functions
// use, so that evaluating a likelihood or a sum of squares does not
// allocate. One fitter serves a whole automatic search.
type fitter struct {
	arma arma
	opt  optimizer

	phi, theta []float64
	w, resid   []float64
	work       []float64
	tpar       []float64
	twork      []float64
	cw         cssWork

	// Set by prepare for the problem being fitted.
	pr    *problem
	narma int
	k     int
	rot   []float64   // k×k rotation of the regressors, nil if none
	xr    [][]float64 // regressors on the estimation scale
	dy    []float64
	dx    [][]float64
}

// rawFit is the outcome of fitter.arima, before the final filter pass.
type rawFit struct {
	coef   []float64 // (ar, ma, sar, sma, β) in the design's basis
	value  float64   // minimised objective (R's res$value)
	nfree  int
	nused  int
	varOK  bool // forecast's checkarima: all coefficient variances ≥ 0
	fail   int
	method Method
	loglik float64
	aic    float64
	sigma2 float64 // CSS: ssq/nu; ML: ssq/nused
}

// prepare differences the series and the regressors of pr, rotating the
// regressors by their right singular vectors when rot is true.
func (f *fitter) prepare(pr *problem, rot bool) {
	o := pr.order
	f.pr = pr
	f.narma = o.narma()
	f.k = len(pr.cols)
	n := len(pr.y)
	f.phi = resize(f.phi, o.arLen())
	f.theta = resize(f.theta, o.maLen())
	f.work = resize(f.work, n)
	f.resid = resize(f.resid, n)
	f.w = resize(f.w, n)
	f.tpar = resize(f.tpar, f.narma+f.k)
	f.twork = resize(f.twork, max(o.P, o.SP, 1))
	f.rot = nil
	f.xr = pr.cols
	if rot && f.k > 1 {
		if v, ok := svdRotation(pr.cols); ok {
			f.rot = v
			f.xr = rotate(pr.cols, v)
		}
	}
	f.dy = difference(f.dy, pr.y, o.D, o.SD, pr.m, f.work)
	f.dx = f.dx[:0]
	for _, c := range f.xr {
		f.dx = append(f.dx, difference(nil, c, o.D, o.SD, pr.m, f.work))
	}
}

// series returns the differenced series minus the differenced regressors
// times the coefficients in par.
func (f *fitter) series(par []float64) []float64 {
	if f.k == 0 {
		return f.dy
	}
	w := f.w[:len(f.dy)]
	copy(w, f.dy)
	for j, c := range f.dx {
		b := par[f.narma+j]
		if b == 0 {
			continue
		}
		for i, x := range c {
			w[i] -= b * x
		}
	}
	return w
}

// cssValue is R's armaCSS: half the log of the conditional mean square.

func (f *fitter) cssValue(par []float64) float64 {
	expand(f.phi, f.theta, par, f.pr.order)
	w := f.series(par)
	ssq, nu := css(w, f.phi, f.theta, f.pr.arLags, f.pr.maLags, f.resid, &f.cw)
	return 0.5 * math.Log(ssq/float64(nu))
}

// mlValue is R's armafn: the exact negative log-likelihood with σ²
// concentrated out, 0.5·(log(ssq/nu) + sumlog/nu). With trans the AR
// blocks of par are first mapped by partrans. Parameters for which the
// stationary covariance does not exist give math.MaxFloat64, as R's
// .Machine$double.xmax.
func (f *fitter) mlValue(par []float64, trans bool) float64 {
	p := par
	if trans {
		transformPars(f.tpar, par, f.pr.order, f.twork)
		p = f.tpar
	}
	expand(f.phi, f.theta, p, f.pr.order)
	if !f.arma.setup(f.phi, f.theta) {
		return math.MaxFloat64
	}
	w := f.series(par)
	ssq, sumlog, nu, ok := f.arma.loglik(w)
	if !ok || nu == 0 {
		return math.MaxFloat64
	}
	s2 := ssq / float64(nu)
	return 0.5 * (math.Log(s2) + sumlog/float64(nu))
}

// arima estimates pr by method, following R's stats::arima step by step:
// least-squares starting values for the regression on the differenced
// data, CSS minimisation, the stationarity check of the CSS estimates,
// the transformation of the AR blocks, exact ML, the inversion of
// non-invertible MA parts and the Hessian-based variance check that
// forecast's myarima applies. fixed, if not nil, holds all coefficients
// and nothing is estimated.
func (f *fitter) arima(pr *problem, method Method, fixed []float64) (*rawFit, error) {
	o := pr.order
	n := len(pr.y)
	nused := n - pr.nd
	if nused <= 0 {
		return nil, fmt.Errorf("%w: %d observations for %d differences", ErrTooShort, n, pr.nd)
	}
	narma := o.narma()
	k := len(pr.cols)
	npar := narma + k
	noOptim := fixed != nil || npar == 0
	trans := !noOptim
	f.prepare(pr, !noOptim)
	if (method == CSS || (method == CSSML && !noOptim)) && len(f.dy)-o.arLen() <= 0 {
		return nil, fmt.Errorf("%w: %d observations, the conditional sum of squares of %s needs more than %d",
			ErrTooShort, n, o.core(), pr.nd+o.arLen())
	}

	init := make([]float64, npar)
	parscale := make([]float64, npar)
	for i := range parscale {
		parscale[i] = 1
	}
	if k > 0 && !noOptim {
		var coef, se []float64
		rank := 0
		if len(f.dy) > k {
			coef, se, rank = lsq(f.dy, f.dx)
		}
		if rank == 0 {
			coef, se, rank = lsq(pr.y, f.xr)
		}
		if rank < k {
			return nil, fmt.Errorf("%w: regressors are collinear", ErrFit)
		}
		for j := 0; j < k; j++ {
			if !(se[j] > 0) || math.IsInf(se[j], 0) {
				return nil, fmt.Errorf("%w: no standard error for the starting regression", ErrFit)
			}
			init[narma+j] = coef[j]
			parscale[narma+j] = 10 * se[j]
		}
	}
	coef := make([]float64, npar)
	if fixed != nil {
		copy(coef, fixed)
	} else {
		copy(coef, init)
	}
	res := &rawFit{method: method, nused: nused}
	cssObj := func(p []float64) float64 { return f.cssValue(p) }
	var vcov *mat.Dense // variance of the coefficients, on the estimation scale
	var err error
	switch method {
	case CSS:
		if noOptim {
			res.value = f.cssValue(coef)
			break
		}
		f.opt.init(npar, cssObj, parscale)
		res.value, res.fail, err = f.opt.minimize(coef, maxIter)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFit, err)
		}
		h, err := f.opt.hessian(coef)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFit, err)
		}
		vcov, err = invScaled(h, npar, float64(nused), nil)
		if err != nil {
			return nil, err
		}
	default:
		if method == CSSML && !noOptim {
			par := append([]float64(nil), init...)
			f.opt.init(npar, cssObj, parscale)
			_, fail, err := f.opt.minimize(par, maxIter)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", ErrFit, err)
			}
			if fail == 0 {
				copy(init, par)
			}
			work := make([]float64, 2*max(o.P, o.SP))
			if o.P > 0 && !stationary(init[:o.P], 1, 1, 0, work) {
				return nil, fmt.Errorf("%w: from CSS", ErrNonStationary)
			}
			if v := o.P + o.Q; o.SP > 0 && !stationary(init[v:v+o.SP], 1, 1, 0, work) {
				return nil, fmt.Errorf("%w: seasonal, from CSS", ErrNonStationary)
			}
		}
		if noOptim {
			res.value = f.mlValue(coef, false)
			if res.value == math.MaxFloat64 {
				return nil, fmt.Errorf("%w: no stationary covariance for the given coefficients", ErrNonStationary)
			}
			break
		}
		invTransformPars(init, init, o, f.twork)
		maInvert(init[o.P : o.P+o.Q])
		maInvert(init[o.P+o.Q+o.SP : narma])
		copy(coef, init)
		mlObj := func(p []float64) float64 { return f.mlValue(p, trans) }
		f.opt.init(npar, mlObj, parscale)
		res.value, res.fail, err = f.opt.minimize(coef, maxIter)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFit, err)
		}
		c1 := maInvert(coef[o.P : o.P+o.Q])
		c2 := maInvert(coef[o.P+o.Q+o.SP : narma])
		if c1 || c2 {
			res.value = mlObj(coef)
		}
		h, err := f.opt.hessian(coef)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFit, err)
		}
		vcov, err = invScaled(h, npar, float64(nused), gradTrans(coef, o))
		if err != nil {
			return nil, err
		}
		transformPars(coef, coef, o, f.twork)
	}
	if !noOptim {
		res.nfree = npar
	}
	if f.rot != nil {
		// Back to the original regressors: β = V β̃, var = A var Aᵀ.
		b := append([]float64(nil), coef[narma:]...)
		for i := 0; i < k; i++ {
			v := 0.0
			for j := 0; j < k; j++ {
				v += f.rot[i*k+j] * b[j]
			}
			coef[narma+i] = v
		}
		if vcov != nil {
			a := mat.NewDense(npar, npar, nil)
			for i := 0; i < narma; i++ {
				a.Set(i, i, 1)
			}
			for i := 0; i < k; i++ {
				for j := 0; j < k; j++ {
					a.Set(narma+i, narma+j, f.rot[i*k+j])
				}
			}
			var t mat.Dense
			t.Mul(a, vcov)
			vcov.Mul(&t, a.T())
		}
	}
	res.varOK = true
	if vcov != nil {
		for i := 0; i < npar; i++ {
			if v := vcov.At(i, i); !(v >= 0) {
				res.varOK = false
			}
		}
	}
	res.coef = coef
	value := 2*float64(nused)*res.value + float64(nused) + float64(nused)*math.Log(2*math.Pi)
	res.loglik = -0.5 * value
	res.aic = math.NaN()
	if method != CSS {
		res.aic = value + 2*float64(res.nfree) + 2
	}
	// σ² at the final coefficients, on the original regressors.
	f.prepare(pr, false)
	expand(f.phi, f.theta, coef, o)
	w := f.series(coef)
	if method == CSS {
		ssq, nu := css(w, f.phi, f.theta, pr.arLags, pr.maLags, f.resid, &f.cw)
		res.sigma2 = ssq / float64(nu)
	} else {
		if !f.arma.setup(f.phi, f.theta) {
			return nil, fmt.Errorf("%w: at the estimates", ErrNonStationary)
		}
		ssq, _, _, ok := f.arma.loglik(w)
		if !ok {
			return nil, fmt.Errorf("%w: Kalman filter breakdown at the estimates", ErrFit)
		}
		res.sigma2 = ssq / float64(nused)
	}
	return res, nil
}

// invScaled returns (h·scale)⁻¹, or Aᵀ(h·scale)⁻¹A when a is not nil, as
// R's solve(res$hessian * n.used) and crossprod(A, solve(…, A)). It
// returns an error wrapping ErrFit when the matrix is singular to machine
// precision (R: "system is computationally singular").
func invScaled(h []float64, n int, scale float64, a *mat.Dense) (*mat.Dense, error) {
	hm := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			hm.Set(i, j, h[i*n+j]*scale)
		}
	}
	var lu mat.LU
	lu.Factorize(hm)
	if c := lu.Cond(); math.IsNaN(c) || c > 1/2.220446049250313e-16 {
		return nil, fmt.Errorf("%w: singular Hessian", ErrFit)
	}
	b := a
	if b == nil {
		b = mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			b.Set(i, i, 1)
		}
	}
	var x mat.Dense
	if err := lu.SolveTo(&x, false, b); err != nil {
		return nil, fmt.Errorf("%w: singular Hessian", ErrFit)
	}
	if a == nil {
		return &x, nil
	}
	var v mat.Dense
	v.Mul(a.T(), &x)
	return &v, nil
}

// finalize runs the Kalman filter at the estimates of raw and assembles
// the Fit: residuals, information criteria, σ² and the state from which
// forecasts start.
func (f *fitter) finalize(pr *problem, raw *rawFit) (*Fit, error) {
	o := pr.order
	n := len(pr.y)
	narma := o.narma()
	coef := raw.coef
	fit := &Fit{
		Order:     o,
		Method:    raw.method,
		Converged: raw.fail == 0,
		NObs:      raw.nused,
		NParams:   raw.nfree + 1,
		LogLik:    raw.loglik,
		AIC:       raw.aic,
		Sigma2ML:  raw.sigma2,
		Residuals: make([]float64, n),
		y:         append([]float64(nil), pr.y...),
		nuser:     pr.nuser,
		kind:      pr.kind,
		phi:       make([]float64, o.arLen()),
		theta:     make([]float64, o.maLen()),
		delta:     deltaPoly(o),
		beta:      append([]float64(nil), coef[narma:]...),
	}
	fit.Order.Constant = pr.kind != noConst
	expand(fit.phi, fit.theta, coef, o)
	c := &fit.Coef
	c.AR = append([]float64(nil), coef[:o.P]...)
	c.MA = append([]float64(nil), coef[o.P:o.P+o.Q]...)
	c.SAR = append([]float64(nil), coef[o.P+o.Q:o.P+o.Q+o.SP]...)
	c.SMA = append([]float64(nil), coef[o.P+o.Q+o.SP:narma]...)
	j := narma
	switch pr.kind {
	case interceptConst:
		c.Intercept = coef[j]
		j++
	case driftConst:
		c.Drift = coef[j]
		j++
	}
	if pr.nuser > 0 {
		c.Xreg = append([]float64(nil), coef[j:]...)
	}

	// z = y - Xβ, w = its differences.
	z := append([]float64(nil), pr.y...)
	for jj, col := range pr.cols {
		b := coef[narma+jj]
		for i, x := range col {
			z[i] -= b * x
		}
	}
	work := make([]float64, n)
	w := difference(nil, z, o.D, o.SD, pr.m, work)
	if !f.arma.setup(fit.phi, fit.theta) {
		return nil, fmt.Errorf("%w: cannot filter %s", ErrNonStationary, o.core())
	}
	resid := fit.Residuals[pr.nd:]
	f.arma.filter(w, resid)
	if raw.method == CSS {
		css(w, fit.phi, fit.theta, pr.arLags, pr.maLags, resid, &f.cw)
	}
	r := f.arma.r
	fit.a = append([]float64(nil), f.arma.a[:r]...)
	fit.p = append([]float64(nil), f.arma.pm[:r*r]...)
	if pr.nd > 0 {
		fit.zhist = make([]float64, pr.nd)
		for i := 0; i < pr.nd; i++ {
			fit.zhist[i] = z[n-2-i]
		}
	}

	nstar := float64(fit.NObs)
	np := float64(fit.NParams)
	ss := 0.0
	for _, e := range fit.Residuals {
		ss += e * e
	}
	fit.Sigma2 = fit.Sigma2ML
	if d := nstar - np + 1; d > 0 {
		fit.Sigma2 = ss / d
	}
	fit.AICc, fit.BIC = math.NaN(), math.NaN()
	if raw.method != CSS {
		fit.AICc = math.Inf(1)
		if d := nstar - np - 1; d > 0 {
			fit.AICc = fit.AIC + 2*np*(np+1)/d
		}
		fit.BIC = fit.AIC + np*(math.Log(nstar)-2)
	}
	return fit, nil
}

// Estimate fits the regression with seasonal ARIMA errors of order o to y
// with the user regressors xreg (columns of len(y) values; nil for none),
// as R's forecast::Arima(y, order, seasonal, xreg, include.constant) with
// stats::arima's default method "CSS-ML".
//
// Differencing is applied to the data: y and the regressors are
// differenced d times at lag 1 and D times at lag m, and the exact
// likelihood of the differenced series is evaluated with a stationary
// initial state. This is the limit of R's diffuse prior (kappa → ∞) for
// the non-stationary part of the state; see the package documentation.
//
// Estimate returns an error wrapping ErrNonFinite for NaN or infinite data,
// ErrOrder for an invalid order, ErrTooShort if y is too short,
// ErrNonStationary if the CSS estimates have a non-stationary AR part and
// ErrFit if the optimisation fails. It panics if a regressor does not
// have len(y) values or s.Method is unknown. y and xreg are not modified.
func Estimate(y []float64, xreg [][]float64, o Order, s *Settings) (*Fit, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	if err := checkData(y, xreg); err != nil {
		return nil, err
	}
	method := CSSML
	if s != nil {
		method = s.Method
	}
	if method < CSSML || method > CSS {
		panic(errMethod)
	}
	var f fitter
	pr := newProblem(y, xreg, o)
	raw, err := f.arima(pr, method, nil)
	if err != nil {
		return nil, err
	}
	return f.finalize(pr, raw)
}

// Filter runs the model with order o and the given coefficients over y
// and xreg without estimating anything, as R's arima with every
// coefficient fixed. Sigma2 and Sigma2ML are then both Σv_t²/F_t / NObs,
// the concentrated estimate for these coefficients.
//
// It returns an error wrapping ErrNonStationary when the AR part has no
// stationary covariance, and the errors of Estimate otherwise. It panics
// if the lengths in c do not match o, or a regressor does not have len(y)
// values.
func Filter(y []float64, xreg [][]float64, o Order, c Coef) (*Fit, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	if err := checkData(y, xreg); err != nil {
		return nil, err
	}
	if len(c.AR) != o.P || len(c.MA) != o.Q || len(c.SAR) != o.SP || len(c.SMA) != o.SQ || len(c.Xreg) != len(xreg) {
		panic(errCoefLen)
	}
	pr := newProblem(y, xreg, o)
	par := make([]float64, 0, o.narma()+len(pr.cols))
	par = append(par, c.AR...)
	par = append(par, c.MA...)
	par = append(par, c.SAR...)
	par = append(par, c.SMA...)
	switch pr.kind {
	case interceptConst:
		par = append(par, c.Intercept)
	case driftConst:
		par = append(par, c.Drift)
	}
	par = append(par, c.Xreg...)
	var f fitter
	raw, err := f.arima(pr, ML, par)
	if err != nil {
		return nil, err
	}
	return f.finalize(pr, raw)
}

// Refilter runs the fitted model, with the same coefficients and Sigma2,
// over a new history y (with regressors xreg if the model has any), for
// forecasts conditioned on it without re-estimating, as forecast's
// Arima(y, model = fit). The new history must start at the same time point
// as the one fitted: the drift regressor is the time index 1…len(y).
// LogLik, the information criteria, Residuals and Sigma2ML refer to the new
// data; NParams is 1.
func (f *Fit) Refilter(y []float64, xreg [][]float64) (*Fit, error) {
	if len(xreg) != f.nuser {
		panic(errNewXreg)
	}
	c := f.Coef
	if f.kind == noConst {
		c.Intercept, c.Drift = 0, 0
	}
	if len(c.Xreg) != len(xreg) {
		c.Xreg = make([]float64, len(xreg))
	}
	nf, err := Filter(y, xreg, f.Order, c)
	if err != nil {
		return nil, err
	}
	nf.Sigma2 = f.Sigma2
	return nf, nil
}
