package models

import (
	"context"
	"fmt"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// Naive2 is the seasonally adjusted naive forecast, the reference model of
// the M4 competition (M4-methods "Benchmarks and Evaluation.R"): when the
// history passes the 90 % seasonality test at period m
// ([features.SeasonalityTest], which needs at least 3m values), it is
// divided by the seasonal indices of a classical multiplicative
// decomposition ([features.Decompose]), the last adjusted value is carried
// forward, and the forecasts are multiplied by the indices again:
//
//	ŷ_{n+h} = (y_n / I_{(n−1) mod m}) · I_{(n+h−1) mod m}
//
// with I the indices counted from the first value. Otherwise (m = 1, too
// short, not seasonal, or non-positive values, which a multiplicative
// decomposition cannot handle) it is the naive forecast.
//
// Period is m; 0 resolves as for [SeasonalNaive]. Naive2 implements
// [forecast.Forecaster] and [forecast.IntervalPredictor]; it has no Update because its seasonal indices are
// estimated from the history, so a walk-forward run refits it.
type Naive2 struct {
	Period int

	last    float64   // last seasonally adjusted value
	indices []float64 // seasonal indices aligned so indices[j] applies at n+j; nil when not seasonal
	lw      lagwalk   // of the seasonally adjusted history
	fitted  bool
}

// Fit decomposes s and records the adjusted last value. It fails on an
// empty series or a non-finite value, and panics if Period is negative.
func (m *Naive2) Fit(_ context.Context, s *forecast.Series) error {
	m.fitted = false
	if m.Period < 0 {
		panic(errPeriod)
	}
	if err := checkFinite(s, "naive2"); err != nil {
		return err
	}
	if err := needLen(s, 1, "naive2"); err != nil {
		return err
	}
	x := s.Values
	n := len(x)
	p := forecast.Season(m.Period, s)
	m.indices = m.indices[:0]
	m.last = x[n-1]
	adj := x
	if p > 1 && positive(x) && features.SeasonalityTest(x, p) {
		d, err := features.Decompose(x, p, features.Multiplicative)
		if err != nil {
			return fmt.Errorf("models: %s: series %q: %w", "naive2", s.ID, err)
		}
		m.last = x[n-1] / d.SeasonalAt(n-1)
		for j := range p {
			m.indices = append(m.indices, d.SeasonalAt(n+j))
		}
		adj = d.DeseasonalizeTo(nil, x, 0)
	}
	m.lw = fitLagwalk(adj, 1, false)
	m.fitted = true
	return nil
}

// Seasonal reports whether the last fit found the history seasonal and
// adjusted for it.
func (m *Naive2) Seasonal() bool { return len(m.indices) > 0 }

func positive(x []float64) bool {
	for _, v := range x {
		if v <= 0 {
			return false
		}
	}
	return true
}

// Predict writes the h forecasts into dst.
func (m *Naive2) Predict(dst []float64, h int) ([]float64, error) {
	if !m.fitted {
		return nil, forecast.ErrNotFitted
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	for i := range dst {
		dst[i] = m.last
		if p := len(m.indices); p > 0 {
			dst[i] *= m.indices[i%p]
		}
	}
	return dst, nil
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast: those of the naive forecast of the seasonally adjusted
// history (see [Naive]), multiplied by the seasonal indices. It fails with
// forecast.ErrNoIntervals for a history of one value.
func (m *Naive2) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	if !m.fitted {
		return nil, forecast.ErrNotFitted
	}
	flat := make([]float64, h)
	for i := range flat {
		flat[i] = m.last
	}
	ivs, err := normalIntervals(flat, m.lw.se(h), levels, 0)
	if err != nil {
		return nil, err
	}
	if p := len(m.indices); p > 0 {
		for _, iv := range ivs {
			for i := range iv.Lo {
				iv.Lo[i] *= m.indices[i%p]
				iv.Hi[i] *= m.indices[i%p]
			}
		}
	}
	return ivs, nil
}
