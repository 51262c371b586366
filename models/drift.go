package models

import (
	"context"

	"github.com/tsforecast/tsforecast/forecast"
)

// Drift extrapolates the line through the first and last observations:
// ŷ_{n+h} = y_n + h·(y_n − y_1)/(n − 1). It implements
// [forecast.Forecaster], [forecast.Updater] and
// [forecast.IntervalPredictor] (R's forecast::rwf with drift: se_h =
// √(h·mse + (h·se_b)²), with se_b the standard error of the slope).
type Drift struct {
	last, slope float64
	lw          lagwalk
	fitted      bool
}

// Fit records the last value and the mean step of s. It fails on a
// non-finite value or fewer than two values.
func (m *Drift) Fit(_ context.Context, s *forecast.Series) error {
	m.fitted = false
	if err := checkFinite(s, "drift"); err != nil {
		return err
	}
	if err := needLen(s, 2, "drift"); err != nil {
		return err
	}
	n := s.Len()
	m.last = s.Values[n-1]
	m.slope = (s.Values[n-1] - s.Values[0]) / float64(n-1)
	m.lw = fitLagwalk(s.Values, 1, true)
	m.fitted = true
	return nil
}

// Update is Fit with the new history.
func (m *Drift) Update(s *forecast.Series) error { return m.Fit(context.Background(), s) }

// Predict writes the h forecasts into dst.
func (m *Drift) Predict(dst []float64, h int) ([]float64, error) {
	if !m.fitted {
		return nil, forecast.ErrNotFitted
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	for i := range dst {
		dst[i] = m.last + float64(i+1)*m.slope
	}
	return dst, nil
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast. It fails with forecast.ErrNoIntervals for fewer than three
// values.
func (m *Drift) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	point, err := m.Predict(nil, h)
	if err != nil {
		return nil, err
	}
	return normalIntervals(point, m.lw.se(h), levels, 0)
}
