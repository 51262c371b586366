package models

import (
	"context"
	"fmt"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/arima"
)

// ARIMA is a seasonal ARIMA(p,d,q)(P,D,Q)[m] model with a mean or drift
// where it applies, fitted by exact maximum likelihood (the Kalman filter
// of its state space form, after CSS starting values, as R's stats::arima
// "CSS-ML") and chosen automatically as R's forecast::auto.arima (Hyndman
// & Khandakar 2008): d by repeated KPSS tests, D by the seasonal strength
// of an STL decomposition, then a stepwise search over p, q, P, Q and the
// constant by AICc.
//
// Future-known covariates of the series ([forecast.Covariate].Known) are
// its regressors, as forecast::Arima's xreg: a regression with ARIMA
// errors, whose forecasts read the covariates' future values; those
// constant over the history are left out (their effect cannot be told
// from the mean). Past covariates are not used: their future is unknown.
//
// Season is m (0: forecast.Season). ARIMA implements
// [forecast.Forecaster], [forecast.Updater] (the fitted coefficients run
// over the new history, which must start where the fitted one did),
// [forecast.IntervalPredictor] (analytic, from the state space forecast
// variance) and [forecast.Describer] ("ARIMA(0,1,1)(0,1,1)[12]").
type ARIMA struct {
	Season int

	fit   *arima.Fit
	s     *forecast.Series
	xcols []int          // the known covariates used, indices into s.Known()
	fc    arima.Forecast // the last forecast, reused while h is the same
}

// Fit selects and estimates the model on s.
func (m *ARIMA) Fit(_ context.Context, s *forecast.Series) error {
	m.fit, m.s, m.xcols, m.fc = nil, nil, nil, arima.Forecast{}
	if err := checkFinite(s, "arima"); err != nil {
		return err
	}
	known := s.Known()
	var cols []int
	for j, c := range known {
		if !isConstant(c.Values[:s.Len()]) {
			cols = append(cols, j)
		}
	}
	f, err := arima.Auto(s.Values, xreg(s, cols, 0, s.Len()), forecast.Season(m.Season, s), nil)
	if err != nil {
		return fitErr("arima", s, err, arima.ErrTooShort)
	}
	m.fit, m.s, m.xcols = f, s, cols
	return nil
}

// isConstant reports whether x holds one value.
func isConstant(x []float64) bool {
	for _, v := range x {
		if v != x[0] {
			return false
		}
	}
	return true
}

// xreg returns values from..to-1 of the known covariates cols of s, or
// nil for none.
func xreg(s *forecast.Series, cols []int, from, to int) [][]float64 {
	if len(cols) == 0 {
		return nil
	}
	known := s.Known()
	out := make([][]float64, len(cols))
	for k, j := range cols {
		out[k] = known[j].Values[from:to]
	}
	return out
}

// forecast returns the h-step forecast and its standard errors.
func (m *ARIMA) forecast(h int) (arima.Forecast, error) {
	if m.fit == nil {
		return arima.Forecast{}, forecast.ErrNotFitted
	}
	if h < 0 {
		return arima.Forecast{}, fmt.Errorf("models: negative horizon %d", h)
	}
	if len(m.fc.Mean) != h {
		var future [][]float64
		if len(m.xcols) > 0 {
			if err := m.s.CheckKnown(h); err != nil {
				return arima.Forecast{}, fmt.Errorf("models: arima: %w", err)
			}
			future = xreg(m.s, m.xcols, m.s.Len(), m.s.Len()+h)
		}
		fc, err := m.fit.Forecast(h, future)
		if err != nil {
			return arima.Forecast{}, fmt.Errorf("models: arima: %w", err)
		}
		m.fc = fc
	}
	return m.fc, nil
}

// Predict writes the h-step forecast to dst.
func (m *ARIMA) Predict(dst []float64, h int) ([]float64, error) {
	fc, err := m.forecast(h)
	if err != nil {
		return nil, err
	}
	dst, err = predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	copy(dst, fc.Mean)
	return dst, nil
}

// Update runs the fitted model over s, which must start where the fitted
// history started and have the same known covariates.
func (m *ARIMA) Update(s *forecast.Series) error {
	if m.fit == nil {
		return forecast.ErrNotFitted
	}
	if a, b := len(s.Known()), len(m.s.Known()); a != b {
		return fmt.Errorf("models: arima: Update: series %q has %d known covariates, the model was fitted with %d", s.ID, a, b)
	}
	f, err := m.fit.Refilter(s.Values, xreg(s, m.xcols, 0, s.Len()))
	if err != nil {
		return fitErr("arima", s, err, arima.ErrTooShort)
	}
	m.fit, m.s, m.fc = f, s, arima.Forecast{}
	return nil
}

// PredictIntervals returns the analytic intervals at levels around the
// h-step forecast.
func (m *ARIMA) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	fc, err := m.forecast(h)
	if err != nil {
		return nil, err
	}
	return boundIntervals(h, levels, func(l float64) (lo, hi []float64) { return fc.Interval(nil, nil, l) })
}

// Describe returns the fitted model, e.g. "ARIMA(0,1,1)(0,1,1)[12]", or
// "" before Fit.
func (m *ARIMA) Describe() string {
	if m.fit == nil {
		return ""
	}
	return m.fit.String()
}
