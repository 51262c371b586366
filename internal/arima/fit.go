package arima

import (
	"fmt"
	"math"
)

// Method selects how Estimate estimates the coefficients.
type Method int

const (
	// CSSML minimises the conditional sum of squares for starting values,
	// then maximises the exact likelihood (R's default "CSS-ML").
	CSSML Method = iota
	// ML maximises the exact likelihood from zero starting values.
	ML
	// CSS minimises the conditional sum of squares only; LogLik is then R's
	// "part log likelihood" and AIC, AICc and BIC are NaN.
	CSS
)

// String returns R's name of the method.
func (m Method) String() string {
	switch m {
	case CSSML:
		return "CSS-ML"
	case ML:
		return "ML"
	case CSS:
		return "CSS"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Coef holds the coefficients of a fitted model.
//
// The model is y_t = Intercept + Drift·t + Σ_j Xreg_j·x_{j,t} + z_t with
// t = 1…n and z_t a seasonal ARIMA process
//
//	(1 - Σφ_iB^i)(1 - ΣΦ_iB^{im}) (1-B)^d (1-B^m)^D z_t
//	    = (1 + Σθ_iB^i)(1 + ΣΘ_iB^{im}) ε_t,   ε_t ~ N(0, σ²),
//
// with φ = AR, θ = MA, Φ = SAR and Θ = SMA. Intercept is used when the
// order has a constant and no differences, Drift when it has a constant
// and one difference; the other is zero.
type Coef struct {
	AR, MA, SAR, SMA []float64
	Intercept        float64
	Drift            float64
	Xreg             []float64
}

// Fit is a fitted regression with seasonal ARIMA errors, ready to
// forecast.
type Fit struct {
	Order Order
	Coef  Coef

	// Sigma2 is the innovation variance used for forecast intervals:
	// forecast::Arima's bias-adjusted Σe_t²/(NObs - NParams + 1) over the
	// residuals e_t. Sigma2ML is stats::arima's estimate: the exact
	// likelihood's ssq/NObs (for CSS fits the CSS mean square).
	Sigma2, Sigma2ML float64

	// LogLik is the maximised Gaussian log-likelihood of the differenced
	// series (σ² concentrated out); AIC = -2·LogLik + 2·NParams, AICc and
	// BIC as in forecast::Arima, computed with NObs. AICc is +Inf when
	// NObs - NParams - 1 ≤ 0.
	LogLik, AIC, AICc, BIC float64

	// NObs is the number of observations after differencing, n - d - D·m.
	// NParams counts the estimated coefficients plus one for σ².
	NObs, NParams int

	// Method is the estimator; Converged is false when the optimiser
	// stopped at its iteration limit (R's code 1).
	Method    Method
	Converged bool

	// Residuals has one element per observation: the standardised one-step
	// prediction errors v_t/sqrt(F_t) of the Kalman filter, as R's arima
	// returns; zero for the first d + D·m observations, whose likelihood
	// contribution is diffuse. CSS fits hold the CSS residuals instead.
	Residuals []float64

	y     []float64 // the series (a copy)
	nuser int       // number of user regressors
	kind  constKind // constant column of the design
	phi   []float64 // expanded AR polynomial
	theta []float64 // expanded MA polynomial
	delta []float64 // differencing polynomial: z_t = w_t + Σ δ_i z_{t-i}
	a     []float64 // filtered ARMA state at the last observation
	p     []float64 // its covariance (r×r)
	zhist []float64 // z_{n-2}, …, z_{n-1-nd}: the differencing state
	beta  []float64 // regression coefficients in design order
}

// String describes the model as forecast's arima.string does, e.g.
// "ARIMA(0,1,1)(0,1,1)[12]" or "Regression with ARIMA(1,0,0) errors".
func (f *Fit) String() string {
	if f.nuser > 0 {
		return "Regression with " + f.Order.core() + " errors"
	}
	o := f.Order
	o.Constant = f.kind != noConst
	return o.String()
}

// Fitted writes the one-step in-sample fitted values y_t - e_t to dst,
// as forecast's fitted.Arima does, and returns it. A nil dst is allocated.
func (f *Fit) Fitted(dst []float64) []float64 {
	dst = resize(dst, len(f.y))
	for i, v := range f.y {
		dst[i] = v - f.Residuals[i]
	}
	return dst
}

// constKind is the constant column of the regression design.
type constKind int

const (
	noConst constKind = iota
	interceptConst
	driftConst
)

// problem is one model to fit: the series, the order and the regression
// design (the constant column, if any, then the user's regressors).
type problem struct {
	y      []float64
	order  Order
	m      int
	nd     int
	kind   constKind
	nuser  int
	cols   [][]float64
	arLags []int
	maLags []int
}

// newProblem builds the design for y, the user regressors xreg and o.
func newProblem(y []float64, xreg [][]float64, o Order) *problem {
	pr := &problem{y: y, order: o, m: o.period(), nd: o.ndiff(), nuser: len(xreg)}
	if o.Constant {
		n := len(y)
		c := make([]float64, n)
		if o.D+o.SD == 0 {
			pr.kind = interceptConst
			for i := range c {
				c[i] = 1
			}
		} else {
			pr.kind = driftConst
			for i := range c {
				c[i] = float64(i + 1)
			}
		}
		pr.cols = append(pr.cols, c)
	}
	pr.cols = append(pr.cols, xreg...)
	pr.arLags = lags(o.P, o.SP, pr.m)
	pr.maLags = lags(o.Q, o.SQ, pr.m)
	return pr
}

// deltaPoly returns R's Delta: the coefficients δ of
// (1-B)^d (1-B^m)^D = 1 - Σ δ_i B^i.
func deltaPoly(o Order) []float64 {
	poly := []float64{1}
	mul := func(lag int) {
		next := make([]float64, len(poly)+lag)
		for i, v := range poly {
			next[i] += v
			next[i+lag] -= v
		}
		poly = next
	}
	for i := 0; i < o.D; i++ {
		mul(1)
	}
	for i := 0; i < o.SD; i++ {
		mul(o.period())
	}
	out := make([]float64, len(poly)-1)
	for i := range out {
		out[i] = -poly[i+1]
	}
	return out
}

// checkData panics if a regressor's length differs from len(y) and returns
// an error wrapping ErrNonFinite if any value is NaN or infinite.
func checkData(y []float64, xreg [][]float64) error {
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: y[%d] = %v", ErrNonFinite, i, v)
		}
	}
	for j, c := range xreg {
		if len(c) != len(y) {
			panic(errXregLen)
		}
		for i, v := range c {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: xreg[%d][%d] = %v", ErrNonFinite, j, i, v)
			}
		}
	}
	return nil
}
