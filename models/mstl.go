package models

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/ets"
)

// MSTL forecasts a series with several seasonal cycles (hours in a day and
// days in a week, days in a week and in a year) as R's forecast::stlf and
// statsforecast's MSTL do: the series is decomposed by MSTL (Bandara,
// Hyndman & Bergmeir 2021; features.MSTL), the seasonally adjusted series
// (trend plus remainder) is forecast by a non-seasonal ETS chosen by AICc
// ([ETS]), and each seasonal component by its last cycle (seasonal naive).
// The intervals are the ETS ones, shifted by the seasonal forecast.
//
// Periods lists the cycles; nil means the conventional ones of the
// series' frequency ([forecast.Freq.Periods]: 24 and 168 for hourly data,
// 7 and 365.25 for daily data) together with Season when it is another
// one, or for data without a calendar the periods forecast.DetectedPeriods
// finds (the two strongest) or Season. Season 0 resolves with
// forecast.Season. Cycles longer than half the series are left out (as
// MSTL does); Fit fails with an error wrapping [forecast.ErrTooShort]
// when none is left or the adjusted series is too short for ETS.
//
// MSTL implements [forecast.Forecaster], [forecast.IntervalPredictor] and
// [forecast.Describer] ("MSTL(24,168)+ETS(A,N,N)").
type MSTL struct {
	Season  int
	Periods []float64
	// Seed seeds the simulated intervals of the ETS, when it has them.
	Seed uint64

	periods []int
	last    [][]float64 // last cycle of each seasonal component
	fit     *ets.Fit
}

// mstlPeriods returns the cycles MSTL decomposes s by.
func (m *MSTL) mstlPeriods(s *forecast.Series) []float64 {
	if m.Periods != nil {
		return m.Periods
	}
	season := forecast.Season(m.Season, s)
	var ps []float64
	if s.Freq != forecast.Step {
		ps = s.Freq.Periods()
	} else {
		for i, p := range forecast.DetectedPeriods(s.Values, 0) {
			if i < 2 {
				ps = append(ps, float64(p))
			}
		}
	}
	if season > 1 && !slices.ContainsFunc(ps, func(p float64) bool { return math.Round(p) == float64(season) }) {
		ps = append(ps, float64(season))
	}
	slices.Sort(ps)
	return ps
}

// Fit decomposes s and fits the ETS of its seasonally adjusted values.
func (m *MSTL) Fit(_ context.Context, s *forecast.Series) error {
	m.fit, m.periods, m.last = nil, nil, nil
	if err := checkFinite(s, "mstl"); err != nil {
		return err
	}
	ps := m.mstlPeriods(s)
	if len(ps) == 0 {
		return fmt.Errorf("models: mstl: %w: series %q has no seasonal period", forecast.ErrTooShort, s.ID)
	}
	d, err := features.MSTL(nil, s.Values, ps, nil)
	if err != nil {
		return fitErr("mstl", s, err, features.ErrTooShort)
	}
	n := s.Len()
	adj := make([]float64, n)
	for t := range adj {
		adj[t] = d.Trend[t] + d.Remainder[t]
	}
	f, err := ets.Select(adj, 1, &ets.Settings{Seed: m.Seed})
	if err != nil {
		return fitErr("mstl", s, err, ets.ErrTooShort)
	}
	m.fit, m.periods = f, d.Periods
	for i, p := range d.Periods {
		m.last = append(m.last, slices.Clone(d.Seasonal[i][n-p:]))
	}
	return nil
}

// seasonal returns the seasonal forecast h steps ahead (h from 1).
func (m *MSTL) seasonal(h int) float64 {
	var v float64
	for i, p := range m.periods {
		v += m.last[i][(h-1)%p]
	}
	return v
}

// Predict writes the h-step forecast to dst.
func (m *MSTL) Predict(dst []float64, h int) ([]float64, error) {
	if m.fit == nil {
		return nil, forecast.ErrNotFitted
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	m.fit.Forecast(dst, h)
	for i := range dst {
		dst[i] += m.seasonal(i + 1)
	}
	return dst, nil
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast: those of the ETS of the adjusted series, shifted by the
// seasonal forecast.
func (m *MSTL) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	if m.fit == nil {
		return nil, forecast.ErrNotFitted
	}
	return boundIntervals(h, levels, func(l float64) (lo, hi []float64) {
		lo, hi = m.fit.Interval(nil, nil, h, l)
		for i := range lo {
			s := m.seasonal(i + 1)
			lo[i] += s
			hi[i] += s
		}
		return lo, hi
	})
}

// Describe returns the cycles and the ETS, e.g. "MSTL(24,168)+ETS(A,N,N)".
func (m *MSTL) Describe() string {
	if m.fit == nil {
		return ""
	}
	ps := make([]string, len(m.periods))
	for i, p := range m.periods {
		ps[i] = strconv.Itoa(p)
	}
	return "MSTL(" + strings.Join(ps, ",") + ")+" + m.fit.Spec().String()
}
