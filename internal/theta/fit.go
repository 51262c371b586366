package theta

import (
	"fmt"
	"math"
)

// scoreStart returns the first time whose one-step error enters MSE and
// Sigma: the fourth observation (statsforecast's e[3:]) for the models of
// Fiorucci et al., the second for Standard.
func scoreStart(m Method) int {
	if m == Standard {
		return 1
	}
	return 3
}

// prepared is a series ready for estimation: validated, seasonally
// adjusted, with its least-squares line.
type prepared struct {
	y, ya  []float64
	season season
	a, b   float64
	est    estimator
}

// prepare validates y and settings and adjusts y for seasonality.
func prepare(y []float64, s *Settings) (*prepared, error) {
	if err := checkSeries("theta", y); err != nil {
		return nil, err
	}
	sea, err := newSeason(y, s)
	if err != nil {
		return nil, err
	}
	n := len(y)
	p := &prepared{y: y, ya: make([]float64, n), season: sea}
	sea.adjust(p.ya, y)
	p.a, p.b = olsLine(p.ya)
	p.est = estimator{y: p.ya, a: p.a, b: p.b,
		r: make([]float64, 0, n), c: make([]float64, 0, n), d: make([]float64, 0, n)}
	return p, nil
}

// resolveSettings returns a copy of *s (the zero value for nil), checked.
func resolveSettings(s *Settings) Settings {
	var set Settings
	if s != nil {
		set = *s
	}
	set.check()
	return set
}

// Fit fits the Theta model method to y with settings s (nil for the
// defaults):
//
//  1. Seasonal adjustment (see [SeasonMode]): when Settings.Period ≥ 2 and
//     the series is found seasonal, it is divided by (or, for additive
//     decomposition, reduced by) the indices of the classical
//     decomposition [features.Decompose].
//  2. Estimation on the adjusted series. Standard: b0 is the OLS slope and
//     α ∈ [1e-4, 1−1e-4] minimises the squared one-step errors of SES from
//     the initial level y[0] (the likelihood statsmodels ThetaModel
//     maximises). STM, OTM, DSTM, DOTM: ℓ0, α ∈ [0.1, 0.99] and, for OTM
//     and DOTM, θ ∈ [1, 1e10] minimise the squared one-step errors of the
//     state-space recursion (all errors for STM and OTM, from the third
//     observation on for DSTM and DOTM), as forecTheta's otm/dotm do.
//  3. The recursion runs over the data once more to give the final state,
//     the fitted values and the residuals.
//
// Where forecTheta and statsforecast search (ℓ0, α, θ) by Nelder-Mead,
// Fit concentrates ℓ0 and θ out exactly (the forecasts are linear in ℓ0
// and 1 − 1/θ for fixed α) and searches α alone: Brent's method refines the
// best point of a 21-point grid to about 1e-9. The result is deterministic.
//
// Fit returns an error wrapping [ErrTooShort] if len(y) < [MinLength] or
// the seasonal adjustment required by SeasonAlways lacks two full periods,
// and [ErrNonFinite] if y holds NaN or ±Inf or the fit overflows. It panics
// if method is unknown or the settings are invalid (negative Period,
// unknown Season, Alpha outside [0, 1], Theta in (0, 1) or infinite). y is
// not modified.
func Fit(y []float64, method Method, s *Settings) (*Model, error) {
	checkMethod(method)
	set := resolveSettings(s)
	p, err := prepare(y, &set)
	if err != nil {
		return nil, err
	}
	return p.fit(method, &set)
}

// Auto fits STM, OTM, DSTM and DOTM to y (after one common seasonal
// adjustment) and returns the one with the smallest in-sample mean squared
// one-step error [Model.MSE], the selection rule of statsforecast's
// AutoTheta (which minimises the sum of the squared errors from the fourth
// observation on, scaled by the mean absolute value of the series, the
// same ranking). On a tie the earlier model in that order wins. Settings,
// errors and panics are those of [Fit]; Settings.Theta, if set, fixes θ of
// OTM and DOTM as well.
func Auto(y []float64, s *Settings) (*Model, error) {
	set := resolveSettings(s)
	p, err := prepare(y, &set)
	if err != nil {
		return nil, err
	}
	var best *Model
	for _, method := range []Method{STM, OTM, DSTM, DOTM} {
		m, err := p.fit(method, &set)
		if err != nil {
			return nil, err
		}
		if best == nil || m.mse < best.mse {
			best = m
		}
	}
	return best, nil
}

// fit estimates method on the prepared series and builds the model.
func (p *prepared) fit(method Method, s *Settings) (*Model, error) {
	mm := model{method: method, a: p.a, b: p.b, dynamic: method.dynamic()}
	var theta float64
	switch method {
	case Standard:
		theta = 2
		if s.Theta != 0 {
			theta = s.Theta
		}
		mm.w = 1 - 1/theta
		mm.alpha = s.Alpha
		if mm.alpha == 0 {
			mm.alpha, _ = minimize(func(a float64) float64 { return sesSSE(p.ya, a) }, sesLo, sesHi, alphaTol)
		}
		mm.level0 = p.ya[0]
	default:
		e := &p.est
		e.method = method
		e.wFixed = math.NaN()
		theta = 2
		switch {
		case !method.optimisesTheta():
			e.wFixed = 0.5
		case s.Theta != 0:
			theta = s.Theta
			e.wFixed = 1 - 1/theta
		}
		mm.alpha = s.Alpha
		if mm.alpha == 0 {
			mm.alpha, _ = minimize(func(a float64) float64 {
				sse, _, _ := e.profile(a)
				return sse
			}, alphaLo, alphaHi, alphaTol)
		}
		_, mm.level0, mm.w = e.profile(mm.alpha)
		if math.IsNaN(e.wFixed) {
			theta = 1 / (1 - mm.w)
		}
	}
	m := &Model{
		m:      mm,
		params: Params{Alpha: mm.alpha, Theta: theta, Level0: mm.level0, A: p.a, B: p.b},
		season: p.season,
	}
	mu := m.run(p.y, p.ya)
	var ss float64
	start := scoreStart(method)
	for k := start; k < len(p.ya); k++ {
		e := p.ya[k] - mu[k]
		ss += e * e
	}
	m.mse = ss / float64(len(p.ya)-start)
	m.sigma = math.Sqrt(m.mse)
	if !isFinite(m.mse, m.st.level, m.st.a, m.st.b, mm.level0) {
		return nil, fmt.Errorf("%w: theta: %v fit overflows (values too large)", ErrNonFinite, method)
	}
	return m, nil
}

// run filters the adjusted series ya (of the original y) through the
// model, sets the final state, fitted values and residuals, and returns
// the one-step forecasts on the adjusted scale.
func (m *Model) run(y, ya []float64) []float64 {
	n := len(y)
	mu := make([]float64, n)
	m.fitted = make([]float64, n)
	m.resid = make([]float64, n)
	m.st = m.m.filter(mu, ya)
	for k, v := range mu {
		m.fitted[k] = m.season.restore(v, k)
		m.resid[k] = y[k] - m.fitted[k]
	}
	if m.m.dynamic {
		m.params.A, m.params.B = m.st.a, m.st.b
	}
	return mu
}

// isFinite reports whether all values are finite.
func isFinite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
