package models

import (
	"context"
	"fmt"
	"strings"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/theta"
)

// Theta is the Theta method (Assimakopoulos & Nikolopoulos 2000), the
// winner of the M3 competition, in the forms of Hyndman & Billah (2003,
// "Unmasking the Theta method": SES with drift equal to half the slope of
// the fitted line, on the series deseasonalised by a classical
// multiplicative decomposition when the M4 90 % seasonality test passes)
// and of Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler (2016): the
// standard (STM), optimised (OTM), dynamic standard (DSTM) and dynamic
// optimised (DOTM) Theta models.
//
// Method selects one: "standard" (statsmodels' ThetaModel), "stm", "otm",
// "dstm" or "dotm"; empty selects among STM, OTM, DSTM and DOTM by their
// in-sample mean squared one-step error, as statsforecast's AutoTheta.
// Season is the seasonal period m (0: forecast.Season). Fit needs 4
// values; shorter series give an error wrapping [forecast.ErrTooShort].
//
// Theta implements [forecast.Forecaster], [forecast.Updater] (the fitted
// parameters run over the new history, which must start where the fitted
// one did), [forecast.IntervalPredictor] (analytic) and
// [forecast.Describer] ("Theta(DOTM)").
type Theta struct {
	Season int
	Method string

	fit *theta.Model
}

var thetaMethods = map[string]theta.Method{
	"standard": theta.Standard, "stm": theta.STM, "otm": theta.OTM, "dstm": theta.DSTM, "dotm": theta.DOTM,
}

// Fit estimates the model on s.
func (m *Theta) Fit(_ context.Context, s *forecast.Series) error {
	m.fit = nil
	if err := checkFinite(s, "theta"); err != nil {
		return err
	}
	set := &theta.Settings{Period: forecast.Season(m.Season, s)}
	var f *theta.Model
	var err error
	if m.Method == "" {
		f, err = theta.Auto(s.Values, set)
	} else {
		meth, ok := thetaMethods[strings.ToLower(m.Method)]
		if !ok {
			return fmt.Errorf("models: theta: unknown method %q (want standard, stm, otm, dstm or dotm)", m.Method)
		}
		f, err = theta.Fit(s.Values, meth, set)
	}
	if err != nil {
		return fitErr("theta", s, err, theta.ErrTooShort)
	}
	m.fit = f
	return nil
}

// Predict writes the h-step forecast to dst.
func (m *Theta) Predict(dst []float64, h int) ([]float64, error) {
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
// history started.
func (m *Theta) Update(s *forecast.Series) error {
	if m.fit == nil {
		return forecast.ErrNotFitted
	}
	f, err := m.fit.Refilter(s.Values)
	if err != nil {
		return fitErr("theta", s, err, theta.ErrTooShort)
	}
	m.fit = f
	return nil
}

// PredictIntervals returns the analytic intervals at levels around the
// h-step forecast.
func (m *Theta) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	if m.fit == nil {
		return nil, forecast.ErrNotFitted
	}
	return boundIntervals(h, levels, func(l float64) (lo, hi []float64) { return m.fit.Interval(nil, nil, h, l) })
}

// Describe returns the fitted model, e.g. "Theta(DOTM)", or "" before Fit.
func (m *Theta) Describe() string {
	if m.fit == nil {
		return ""
	}
	return "Theta(" + m.fit.Method().String() + ")"
}
