package models

import (
	"context"

	"github.com/tsforecast/tsforecast/forecast"
)

// SeasonalNaive forecasts each step with the value one season earlier:
// ŷ_{n+h} = y_{n+h−m·k} with k = ⌈h/m⌉. Period is m; 0 means the series'
// frequency default ([forecast.Freq.Season]: 12 for monthly, 24 for
// hourly), and for Step data (no timestamps) the period detected in the
// training data by [features.DetectPeriods], or 1 (the naive forecast)
// when none is found. It implements [forecast.Forecaster],
// [forecast.Updater] and [forecast.IntervalPredictor] (R's
// forecast::snaive: se_h = √(⌈h/m⌉·mse) with mse the mean square of the
// history's seasonal differences).
type SeasonalNaive struct {
	Period int

	season []float64 // the last m values
	lw     lagwalk
}

// Fit records the last season of s. It fails on a non-finite value or a
// series shorter than one season, and panics if Period is negative.
func (m *SeasonalNaive) Fit(_ context.Context, s *forecast.Series) error {
	if m.Period < 0 {
		panic(errPeriod)
	}
	m.season = m.season[:0]
	if err := checkFinite(s, "snaive"); err != nil {
		return err
	}
	p := forecast.Season(m.Period, s)
	if err := needLen(s, p, "snaive"); err != nil {
		return err
	}
	m.season = append(m.season[:0], s.Values[s.Len()-p:]...)
	m.lw = fitLagwalk(s.Values, p, false)
	return nil
}

// Update is Fit with the new history.
func (m *SeasonalNaive) Update(s *forecast.Series) error { return m.Fit(context.Background(), s) }

// Predict writes the h forecasts into dst.
func (m *SeasonalNaive) Predict(dst []float64, h int) ([]float64, error) {
	if len(m.season) == 0 {
		return nil, forecast.ErrNotFitted
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	p := len(m.season)
	for i := range dst {
		dst[i] = m.season[i%p]
	}
	return dst, nil
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast. It fails with forecast.ErrNoIntervals for a history of less
// than one season and a value.
func (m *SeasonalNaive) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	point, err := m.Predict(nil, h)
	if err != nil {
		return nil, err
	}
	return normalIntervals(point, m.lw.se(h), levels, 0)
}
