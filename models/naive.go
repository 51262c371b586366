package models

import (
	"context"

	"github.com/tsforecast/tsforecast/forecast"
)

// Naive forecasts every step with the last observed value:
// ŷ_{n+h} = y_n. It implements [forecast.Forecaster] and
// [forecast.Updater] (Update is Fit: the model has no parameters) and
// [forecast.IntervalPredictor]: the intervals of R's forecast::naive, a
// random walk whose one-step errors have the mean square of the history's
// one-step changes, se_h = √(h·mse).
type Naive struct {
	last   float64
	lw     lagwalk
	fitted bool
}

// Fit records the last value of s. It fails on an empty series or a
// non-finite value; after a failed Fit (or Update), Predict returns
// [forecast.ErrNotFitted] rather than the previous forecast. The same holds for every
// baseline in this package.
func (m *Naive) Fit(_ context.Context, s *forecast.Series) error {
	m.fitted = false
	if err := checkFinite(s, "naive"); err != nil {
		return err
	}
	if err := needLen(s, 1, "naive"); err != nil {
		return err
	}
	m.last, m.fitted = s.Values[s.Len()-1], true
	m.lw = fitLagwalk(s.Values, 1, false)
	return nil
}

// Update is Fit with the new history.
func (m *Naive) Update(s *forecast.Series) error { return m.Fit(context.Background(), s) }

// Predict writes h copies of the last value into dst.
func (m *Naive) Predict(dst []float64, h int) ([]float64, error) {
	return constant(dst, h, m.last, m.fitted)
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast. It fails with forecast.ErrNoIntervals for a history of one
// value.
func (m *Naive) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	point, err := m.Predict(nil, h)
	if err != nil {
		return nil, err
	}
	return normalIntervals(point, m.lw.se(h), levels, 0)
}
