package arima

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Forecast holds point forecasts and their standard errors, one per step
// ahead.
type Forecast struct {
	Mean []float64
	SE   []float64
}

// Forecast returns the forecasts 1…h steps after the last observation and
// their standard errors, as R's predict.Arima: the Kalman forecast
// recursion of the state-space form with the differencing in the state
// (R's KalmanForecast), started from the filtered state at the end of the
// series, plus the regression on the future regressors. Standard errors
// are sqrt(F_h·Sigma2), with F_h the forecast error variance in units of
// the innovation variance.
//
// xreg holds the future values of the user regressors, one column of h
// values per regressor the model was fitted with; the drift regressor is
// generated (n+1…n+h). It returns an error wrapping ErrNonFinite if xreg
// has a NaN or an infinity. It panics if h < 0, or xreg does not have one
// column of h values per fitted regressor.
func (f *Fit) Forecast(h int, xreg [][]float64) (Forecast, error) {
	if h < 0 {
		panic(errHorizon)
	}
	if len(xreg) != f.nuser {
		panic(errNewXreg)
	}
	for j, c := range xreg {
		if len(c) != h {
			panic(errNewXreg)
		}
		for i, v := range c {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Forecast{}, fmt.Errorf("%w: future xreg[%d][%d] = %v", ErrNonFinite, j, i, v)
			}
		}
	}
	fc := Forecast{Mean: make([]float64, h), SE: make([]float64, h)}
	if h == 0 {
		return fc, nil
	}
	mean, vars := f.kalmanForecast(h)
	n := len(f.y)
	for l := 0; l < h; l++ {
		m := mean[l]
		j := 0
		switch f.kind {
		case interceptConst:
			m += f.beta[0]
			j = 1
		case driftConst:
			m += f.beta[0] * float64(n+l+1)
			j = 1
		}
		for u, c := range xreg {
			m += f.beta[j+u] * c[l]
		}
		fc.Mean[l] = m
		fc.SE[l] = math.Sqrt(vars[l] * f.Sigma2)
	}
	return fc, nil
}

// kalmanForecast returns the forecasts of the ARIMA part z and their
// variances in units of σ², from the augmented state
// (α_n, z_{n-1}, …, z_{n-nd}) with covariance diag(P_α, 0).
func (f *Fit) kalmanForecast(h int) (mean, vars []float64) {
	r := len(f.a)
	nd := len(f.delta)
	rd := r + nd
	phi := make([]float64, r)
	copy(phi, f.phi)
	theta := make([]float64, r)
	theta[0] = 1
	copy(theta[1:], f.theta)

	// T, V = RRᵀ and Z of R's makeARIMA.
	t := make([]float64, rd*rd)
	for i := 0; i < r; i++ {
		t[i*rd] = phi[i]
		if i+1 < r {
			t[i*rd+i+1] = 1
		}
	}
	if nd > 0 {
		t[r*rd] = 1
		for j := 0; j < nd; j++ {
			t[r*rd+r+j] = f.delta[j]
		}
		for j := 1; j < nd; j++ {
			t[(r+j)*rd+r+j-1] = 1
		}
	}
	z := make([]float64, rd)
	z[0] = 1
	copy(z[r:], f.delta)

	a := make([]float64, rd)
	copy(a, f.a)
	copy(a[r:], f.zhist)
	p := make([]float64, rd*rd)
	for i := 0; i < r; i++ {
		copy(p[i*rd:i*rd+r], f.p[i*r:(i+1)*r])
	}
	anew := make([]float64, rd)
	mm := make([]float64, rd*rd)
	mean = make([]float64, h)
	vars = make([]float64, h)
	for l := 0; l < h; l++ {
		fc := 0.0
		for i := 0; i < rd; i++ {
			v := 0.0
			for k := 0; k < rd; k++ {
				v += t[i*rd+k] * a[k]
			}
			anew[i] = v
			fc += v * z[i]
		}
		copy(a, anew)
		mean[l] = fc
		for i := 0; i < rd; i++ {
			for j := 0; j < rd; j++ {
				v := 0.0
				for k := 0; k < rd; k++ {
					v += t[i*rd+k] * p[k*rd+j]
				}
				mm[i*rd+j] = v
			}
		}
		for i := 0; i < rd; i++ {
			for j := 0; j < rd; j++ {
				v := 0.0
				if i < r && j < r {
					v = theta[i] * theta[j]
				}
				for k := 0; k < rd; k++ {
					v += mm[i*rd+k] * t[j*rd+k]
				}
				p[i*rd+j] = v
			}
		}
		v := 0.0
		for i := 0; i < rd; i++ {
			for j := 0; j < rd; j++ {
				v += z[i] * z[j] * p[i*rd+j]
			}
		}
		vars[l] = v
	}
	return mean, vars
}

// Interval writes to lower and upper the bounds of the level% prediction
// interval Mean ∓ q·SE, q the (0.5 + level/200) quantile of the standard
// normal, as forecast.Arima does, and returns them. level is in percent
// (80, 95). Nil destinations are allocated. It panics if level is not in
// (0, 100) or a destination has the wrong length.
func (fc Forecast) Interval(lower, upper []float64, level float64) ([]float64, []float64) {
	if !(level > 0 && level < 100) {
		panic(errLevel)
	}
	h := len(fc.Mean)
	if lower == nil {
		lower = make([]float64, h)
	}
	if upper == nil {
		upper = make([]float64, h)
	}
	if len(lower) != h || len(upper) != h {
		panic(errIntervalN)
	}
	q := distuv.UnitNormal.Quantile(0.5 * (1 + level/100))
	for i, m := range fc.Mean {
		lower[i] = m - q*fc.SE[i]
		upper[i] = m + q*fc.SE[i]
	}
	return lower, upper
}
