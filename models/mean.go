package models

import (
	"context"

	"github.com/tsforecast/tsforecast/forecast"
)

// Mean forecasts every step with the mean of the history. It implements
// [forecast.Forecaster] and [forecast.Updater].
type Mean struct {
	mean   float64
	fitted bool
}

// Fit records the mean of s. It fails on an empty series or a non-finite
// value.
func (m *Mean) Fit(_ context.Context, s *forecast.Series) error {
	m.fitted = false
	if err := checkFinite(s, "mean"); err != nil {
		return err
	}
	if err := needLen(s, 1, "mean"); err != nil {
		return err
	}
	var sum float64
	for _, v := range s.Values {
		sum += v
	}
	m.mean, m.fitted = sum/float64(s.Len()), true
	return nil
}

// Update is Fit with the new history.
func (m *Mean) Update(s *forecast.Series) error { return m.Fit(context.Background(), s) }

// Predict writes h copies of the mean into dst.
func (m *Mean) Predict(dst []float64, h int) ([]float64, error) {
	return constant(dst, h, m.mean, m.fitted)
}
