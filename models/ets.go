package models

import (
	"context"
	"fmt"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/ets"
)

// ETS is exponential smoothing in state space form (Hyndman, Koehler, Ord
// & Snyder, "Forecasting with Exponential Smoothing", Springer 2008):
// error A or M, trend N, A or Ad (damped), season N, A or M, fitted by
// maximum likelihood within the admissible parameter region, as R's
// forecast::ets. With Spec empty, Fit chooses the spec by AICc among those
// forecast::ets considers by default (no additive error with a
// multiplicative season, multiplicative components only for positive
// data, no season for m < 2, m > 24 or a series of at most m values).
//
// Season is the seasonal period m; 0 resolves it with forecast.Season.
// Spec fixes the model ("AAdA", "MNM" or "ETS(M,Ad,M)"); an invalid spec is
// an error of Fit. Fit needs 7 values for automatic selection and, for a
// fixed spec, two more than its free parameters; shorter series give an
// error wrapping [forecast.ErrTooShort].
//
// ETS implements [forecast.Forecaster], [forecast.Updater] (Update runs
// the fitted model over the new history, which must start where the
// fitted one did, without estimating it again), [forecast.IntervalPredictor]
// (analytic for the linear and the multiplicative-error models with
// additive components, simulated from Seed for multiplicative seasons) and
// [forecast.Describer] (the fitted spec, e.g. "ETS(M,Ad,M)").
type ETS struct {
	Season int
	Spec   string
	// Seed seeds the simulated intervals of multiplicative seasons.
	Seed uint64

	fit *ets.Fit
}

// Fit estimates the model on s.
func (m *ETS) Fit(_ context.Context, s *forecast.Series) error {
	m.fit = nil
	if err := checkFinite(s, "ets"); err != nil {
		return err
	}
	p := forecast.Season(m.Season, s)
	set := &ets.Settings{Seed: m.Seed}
	var f *ets.Fit
	var err error
	if m.Spec == "" {
		f, err = ets.Select(s.Values, p, set)
	} else {
		sp, perr := ets.ParseSpec(m.Spec)
		if perr != nil {
			return fmt.Errorf("models: ets: %w", perr)
		}
		f, err = ets.Estimate(s.Values, p, sp, set)
	}
	if err != nil {
		return fitErr("ets", s, err, ets.ErrTooShort)
	}
	m.fit = f
	return nil
}

// Predict writes the h-step forecast to dst.
func (m *ETS) Predict(dst []float64, h int) ([]float64, error) {
	if m.fit == nil {
		return nil, forecast.ErrNotFitted
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	return m.fit.Forecast(dst, h), nil
}

// Update runs the fitted model over s, which must start where the fitted
// history started, so that forecasts follow its last value.
func (m *ETS) Update(s *forecast.Series) error {
	if m.fit == nil {
		return forecast.ErrNotFitted
	}
	if err := m.fit.Refilter(s.Values); err != nil {
		return fitErr("ets", s, err, ets.ErrTooShort)
	}
	return nil
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast.
func (m *ETS) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	if m.fit == nil {
		return nil, forecast.ErrNotFitted
	}
	return boundIntervals(h, levels, func(l float64) (lo, hi []float64) { return m.fit.Interval(nil, nil, h, l) })
}

// Describe returns the fitted spec, e.g. "ETS(M,Ad,M)", or "" before Fit.
func (m *ETS) Describe() string {
	if m.fit == nil {
		return ""
	}
	return m.fit.Spec().String()
}
