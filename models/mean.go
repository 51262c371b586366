package models

import (
	"context"
	"math"

	"github.com/tsforecast/tsforecast/forecast"
)

// Mean forecasts every step with the mean of the history. It implements
// [forecast.Forecaster], [forecast.Updater] and
// [forecast.IntervalPredictor] (R's forecast::meanf: mean ± t·s·√(1+1/n),
// s the sample standard deviation and t Student's quantile with n−1
// degrees of freedom).
type Mean struct {
	mean, sd float64
	n        int
	fitted   bool
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
	m.n, m.sd = s.Len(), math.NaN()
	if m.n > 1 {
		var ss float64
		for _, v := range s.Values {
			ss += (v - m.mean) * (v - m.mean)
		}
		m.sd = math.Sqrt(ss / float64(m.n-1))
	}
	return nil
}

// Update is Fit with the new history.
func (m *Mean) Update(s *forecast.Series) error { return m.Fit(context.Background(), s) }

// Predict writes h copies of the mean into dst.
func (m *Mean) Predict(dst []float64, h int) ([]float64, error) {
	return constant(dst, h, m.mean, m.fitted)
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast. It fails with forecast.ErrNoIntervals for a history of one
// value.
func (m *Mean) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	point, err := m.Predict(nil, h)
	if err != nil {
		return nil, err
	}
	se := make([]float64, h)
	for i := range se {
		se[i] = m.sd * math.Sqrt(1+1/float64(m.n))
	}
	return normalIntervals(point, se, levels, float64(m.n-1))
}
