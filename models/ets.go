package models

import (
	"context"
	"errors"
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
		return etsErr(s, err)
	}
	m.fit = f
	return nil
}

// etsErr words an error of package ets for the series s, wrapping
// forecast.ErrTooShort for a series too short.
func etsErr(s *forecast.Series, err error) error {
	if errors.Is(err, ets.ErrTooShort) {
		return fmt.Errorf("models: ets: %w: series %q: %v", forecast.ErrTooShort, s.ID, err)
	}
	return fmt.Errorf("models: ets: series %q: %w", s.ID, err)
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
		return etsErr(s, err)
	}
	return nil
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast.
func (m *ETS) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	if m.fit == nil {
		return nil, forecast.ErrNotFitted
	}
	if h < 0 {
		return nil, fmt.Errorf("models: negative horizon %d", h)
	}
	out := make([]forecast.Interval, len(levels))
	for k, l := range levels {
		if !forecast.ValidLevel(l) {
			return nil, fmt.Errorf("models: interval level %v not in (0, 100)", l)
		}
		lo, hi := m.fit.Interval(nil, nil, h, l)
		out[k] = forecast.Interval{Level: l, Lo: lo, Hi: hi}
	}
	return out, nil
}

// Describe returns the fitted spec, e.g. "ETS(M,Ad,M)", or "" before Fit.
func (m *ETS) Describe() string {
	if m.fit == nil {
		return ""
	}
	return m.fit.Spec().String()
}
