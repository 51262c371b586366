package theta

import (
	"github.com/tsforecast/tsforecast/features"
)

// Params are the parameters of a fitted Theta model.
type Params struct {
	// Alpha is the smoothing parameter α of the SES level.
	Alpha float64
	// Theta is θ; the trend enters the forecasts with weight 1 − 1/θ.
	Theta float64
	// Level0 is the initial level ℓ0 before the first observation: the
	// estimated value for STM, OTM, DSTM and DOTM, the first (adjusted)
	// value for Standard.
	Level0 float64
	// A and B describe the trend line A + B·t, with t = 1 at the first
	// observation, on the seasonally adjusted scale. For Standard, STM and
	// OTM it is the least-squares line of the adjusted series, fixed at
	// estimation (B is the b0 of statsmodels ThetaModel); for DSTM and
	// DOTM it is the line of the dynamic state after the last observation.
	A, B float64
}

// Model is a fitted Theta model. It is created by [Fit], [Auto] or
// [Model.Refilter] and is safe for concurrent use by methods that only
// read it (all of them).
type Model struct {
	m      model
	params Params
	season season
	// st is the state after the last observation.
	st state
	// fitted are the one-step forecasts of the observations on the
	// original scale, resid the observations minus them.
	fitted, resid []float64
	// mse is the mean squared one-step error on the adjusted scale from
	// time scoreStart on; sigma its square root.
	mse, sigma float64
}

// Method returns the model's method.
func (m *Model) Method() Method { return m.m.method }

// Params returns the model's parameters.
func (m *Model) Params() Params { return m.params }

// Len returns the number of observations the model was fitted or
// refiltered on.
func (m *Model) Len() int { return len(m.fitted) }

// MSE returns the mean squared one-step-ahead error of the fit on the
// seasonally adjusted scale, over the observations from the fourth on
// (from the second on for Standard, whose first error is zero by
// construction). [Auto] selects by it. A refiltered model keeps the MSE
// of its fit.
func (m *Model) MSE() float64 { return m.mse }

// Sigma returns the standard deviation of the one-step errors used by
// [Model.Interval]: the square root of [Model.MSE].
func (m *Model) Sigma() float64 { return m.sigma }

// Period returns the seasonal period of the adjustment, or 0 if the series
// was not seasonally adjusted.
func (m *Model) Period() int { return m.season.period }

// DecompKind returns the kind of the seasonal decomposition; it is
// meaningful only when Period is not 0.
func (m *Model) DecompKind() features.DecompKind { return m.season.kind }

// SeasonalIndices copies the seasonal indices into dst and returns it:
// index i applies at the times t ≡ i (mod Period), counted from the first
// observation. It returns nil if the series was not seasonally adjusted.
// If dst is nil a new slice is allocated. It panics if dst is non-nil with
// a length other than Period.
func (m *Model) SeasonalIndices(dst []float64) []float64 {
	if m.season.indices == nil {
		return nil
	}
	dst = useDst(dst, m.season.period)
	copy(dst, m.season.indices)
	return dst
}

// Fitted copies the in-sample one-step-ahead forecasts, on the original
// scale, into dst and returns it. If dst is nil a new slice is allocated.
// It panics if dst is non-nil with a length other than Len.
func (m *Model) Fitted(dst []float64) []float64 {
	dst = useDst(dst, len(m.fitted))
	copy(dst, m.fitted)
	return dst
}

// Residuals copies the observations minus the fitted values into dst and
// returns it. If dst is nil a new slice is allocated. It panics if dst is
// non-nil with a length other than Len.
func (m *Model) Residuals(dst []float64) []float64 {
	dst = useDst(dst, len(m.resid))
	copy(dst, m.resid)
	return dst
}

// Forecast writes the point forecasts for 1..h steps after the last
// observation into dst and returns it, reseasonalised with the index of
// each future time. If dst is nil a new slice is allocated. It panics if h
// is negative or dst is non-nil with a length other than h.
func (m *Model) Forecast(dst []float64, h int) []float64 {
	if h < 0 {
		panic(errHorizon)
	}
	dst = useDst(dst, h)
	m.m.forecast(dst, m.st)
	n := len(m.fitted)
	for i, v := range dst {
		dst[i] = m.season.restore(v, n+i)
	}
	return dst
}
