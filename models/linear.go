package models

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/linear"
)

// Linear forecasts each of the next Horizon steps directly as a linear
// function of the last values of the series, the last values of its past
// covariates and the values of its future-known covariates, fitted by
// ridge regression in closed form with the window length and the penalty
// chosen on the last windows of the series (package internal/linear has
// the details). It is NLinear of Zeng et al. (2023) without gradient
// descent, and a regression on the known covariates in the manner of a
// regression with ARIMA errors.
//
// Season is the seasonal period (0: forecast.Season), whose multiples are
// the candidate windows; Window fixes the window (0 chooses it). Horizon
// is the number of steps forecast directly (0: 2·Season, at least 8);
// longer forecasts of a series without past covariates are recursive.
// Fit fails with an error wrapping [forecast.ErrTooShort] when no window
// leaves enough of the series to fit and validate on.
//
// Linear implements [forecast.Forecaster], [forecast.Updater] (the
// fitted weights read the new history, which must have the same
// covariates) and [forecast.Describer] ("Linear(window 48, λ 0.01)").
type Linear struct {
	Season, Horizon, Window int

	fit   *linear.Model
	s     *forecast.Series
	past  []string
	known []string
}

// Fit fits the model on s.
func (m *Linear) Fit(_ context.Context, s *forecast.Series) error {
	m.fit, m.s = nil, nil
	if err := checkFinite(s, "linear"); err != nil {
		return err
	}
	season := forecast.Season(m.Season, s)
	h := m.Horizon
	if h <= 0 {
		h = max(2*season, 8)
	}
	ls, past, known := linearSeries(s)
	f, err := linear.Fit([]linear.Series{ls}, linear.Settings{Horizon: h, Season: season, Window: m.Window})
	if err != nil {
		return fitErr("linear", s, err, linear.ErrTooShort)
	}
	m.fit, m.s, m.past, m.known = f, s, past, known
	return nil
}

// linearSeries returns s for package linear, with the names of its past
// and known covariates.
func linearSeries(s *forecast.Series) (ls linear.Series, past, known []string) {
	ls.Y = s.Values
	for _, c := range s.Covariates {
		if c.Known {
			ls.Known = append(ls.Known, c.Values)
			known = append(known, c.Name)
		} else {
			ls.Past = append(ls.Past, c.Values)
			past = append(past, c.Name)
		}
	}
	return ls, past, known
}

// Predict writes the h-step forecast to dst.
func (m *Linear) Predict(dst []float64, h int) ([]float64, error) {
	if m.fit == nil {
		return nil, forecast.ErrNotFitted
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	if err := m.s.CheckKnown(h); err != nil {
		return nil, fmt.Errorf("models: linear: %w", err)
	}
	ls, _, _ := linearSeries(m.s)
	if err := m.fit.Forecast(dst, ls, h); err != nil {
		return nil, fmt.Errorf("models: linear: series %q: %w", m.s.ID, err)
	}
	return dst, nil
}

// Update conditions the fitted model on s, which must have the
// covariates it was fitted with.
func (m *Linear) Update(s *forecast.Series) error {
	if m.fit == nil {
		return forecast.ErrNotFitted
	}
	if err := checkFinite(s, "linear"); err != nil {
		return err
	}
	_, past, known := linearSeries(s)
	if !slices.Equal(past, m.past) || !slices.Equal(known, m.known) {
		return fmt.Errorf("models: linear: Update: series %q has covariates %q and known %q, the model was fitted with %q and %q", s.ID, past, known, m.past, m.known)
	}
	m.s = s
	return nil
}

// Describe returns the fitted windows and penalties, and the covariates
// read, e.g. "Linear(window 48, λ 0.01; log: window 96, λ 0.1; 2 known
// covariates)"; "" before Fit.
func (m *Linear) Describe() string {
	return describeLinear(m.fit, m.past, m.known)
}

func describeLinear(f *linear.Model, past, known []string) string {
	if f == nil {
		return ""
	}
	var parts []string
	for _, sc := range f.Scales {
		p := fmt.Sprintf("window %d, λ %.3g", sc.L, sc.Lambda)
		if sc.Log {
			p = "log: " + p
		}
		parts = append(parts, p)
	}
	if n := len(past); n > 0 {
		parts = append(parts, fmt.Sprintf("%d past covariate%s × %d lags", n, plural(n), f.Scales[0].Lp))
	}
	if n := len(known); n > 0 {
		parts = append(parts, fmt.Sprintf("%d known covariate%s", n, plural(n)))
	}
	return "Linear(" + strings.Join(parts, "; ") + ")"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// LinearGlobal is [Linear] fitted once on the windows of many series
// (each scaled by its own mean absolute difference), as a global model:
// the same weights forecast every series, which lets short series borrow
// the dynamics of the others (Montero-Manso & Hyndman, "Principles and
// algorithms for forecasting groups of time series: locality and
// globality", IJF 2021). The series must have the same covariates.
//
// With Levels set, Fit also calibrates split-conformal intervals for each
// series: the model is fitted again without the last Horizon+19 values of
// every series and forecasts Horizon steps from each of the 20 origins
// that follow (more for high levels, [forecast.MinCalibration]).
//
// LinearGlobal implements [forecast.MultiForecaster],
// [forecast.MultiUpdater] and, with Levels, [forecast.Intervaler].
type LinearGlobal struct {
	Season, Horizon, Window int
	Levels                  []float64

	fit    *linear.Model
	series []*forecast.Series
	byID   map[string]int
	calib  []*eval.Calibration
	past   []string
	known  []string
}

// Fit fits the model on every series.
func (m *LinearGlobal) Fit(ctx context.Context, series []*forecast.Series) error {
	m.fit, m.series, m.byID, m.calib = nil, nil, nil, nil
	if len(series) == 0 {
		return errors.New("models: linear: no series")
	}
	ls := make([]linear.Series, len(series))
	for i, s := range series {
		if err := checkFinite(s, "linear"); err != nil {
			return err
		}
		var past, known []string
		ls[i], past, known = linearSeries(s)
		if i == 0 {
			m.past, m.known = past, known
		} else if !slices.Equal(past, m.past) || !slices.Equal(known, m.known) {
			return fmt.Errorf("models: linear: series %q has covariates %q and known %q, series %q %q and %q", s.ID, past, known, series[0].ID, m.past, m.known)
		}
	}
	season := forecast.CommonSeason(m.Season, series)
	h := m.Horizon
	if h <= 0 {
		h = max(2*season, 8)
	}
	set := linear.Settings{Horizon: h, Season: season, Window: m.Window}
	f, err := linear.Fit(ls, set)
	if err != nil {
		if errors.Is(err, linear.ErrTooShort) {
			return fmt.Errorf("models: linear: %w: %v", forecast.ErrTooShort, err)
		}
		return fmt.Errorf("models: linear: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var calib []*eval.Calibration
	if len(m.Levels) > 0 {
		if calib, err = linearCalibration(ls, f, m.Levels); err != nil {
			return err
		}
	}
	m.fit, m.series, m.calib = f, series, calib
	m.byID = make(map[string]int, len(series))
	for i, s := range series {
		m.byID[s.ID] = i
	}
	return nil
}

// linearCalibration returns the conformal calibration of each series: the
// absolute errors of forecasts from its last origins by the model f
// (its scales, windows and penalties) fitted without them.
func linearCalibration(ls []linear.Series, fit *linear.Model, levels []float64) ([]*eval.Calibration, error) {
	folds := 20
	for _, l := range levels {
		folds = max(folds, forecast.MinCalibration(l))
	}
	H := fit.H
	cut := H + folds - 1
	short := make([]linear.Series, len(ls))
	for i, s := range ls {
		n := len(s.Y) - cut
		if n < 2 {
			return nil, fmt.Errorf("models: linear: %w: %d%% intervals need %d values more than the %d of a series", forecast.ErrTooShort, int(slices.Max(levels)), cut+2, len(s.Y))
		}
		short[i] = truncate(s, n, len(s.Y))
	}
	f, err := fit.Refit(short)
	if err != nil {
		return nil, fmt.Errorf("models: linear: calibration: %w", err)
	}
	out := make([]*eval.Calibration, len(ls))
	fc := make([]float64, H)
	for i, s := range ls {
		c := &eval.Calibration{Errors: make([][]float64, folds), Scale: 1}
		for k := range folds {
			o := len(s.Y) - cut + k
			if err := f.Forecast(fc, truncate(s, o, o+H), H); err != nil {
				return nil, fmt.Errorf("models: linear: calibration: %w", err)
			}
			row := make([]float64, H)
			for j := range row {
				row[j] = math.Abs(s.Y[o+j] - fc[j])
			}
			c.Errors[k] = row
		}
		out[i] = c
	}
	return out, nil
}

// truncate returns the first n values of s, with the known covariates'
// values up to index known.
func truncate(s linear.Series, n, known int) linear.Series {
	t := linear.Series{Y: s.Y[:n]}
	for _, p := range s.Past {
		t.Past = append(t.Past, p[:n])
	}
	for _, k := range s.Known {
		t.Known = append(t.Known, k[:min(known, len(k))])
	}
	return t
}

// PredictSeries writes the h-step forecast of series i to dst.
func (m *LinearGlobal) PredictSeries(dst []float64, i, h int) ([]float64, error) {
	if m.fit == nil {
		return nil, forecast.ErrNotFitted
	}
	if i < 0 || i >= len(m.series) {
		return nil, fmt.Errorf("models: linear: series index %d out of range [0, %d)", i, len(m.series))
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	s := m.series[i]
	if err := s.CheckKnown(h); err != nil {
		return nil, fmt.Errorf("models: linear: %w", err)
	}
	ls, _, _ := linearSeries(s)
	if err := m.fit.Forecast(dst, ls, h); err != nil {
		return nil, fmt.Errorf("models: linear: series %q: %w", s.ID, err)
	}
	return dst, nil
}

// PredictIntervals returns the conformal intervals of series i at levels
// around its h-step forecast; h must be the fitted horizon or less.
func (m *LinearGlobal) PredictIntervals(i, h int, levels []float64) ([]forecast.Interval, error) {
	if m.calib == nil {
		return nil, forecast.ErrNoIntervals
	}
	point, err := m.PredictSeries(nil, i, h)
	if err != nil {
		return nil, err
	}
	c := m.calib[i]
	if h > len(c.Errors[0]) {
		return nil, fmt.Errorf("models: linear: intervals calibrated for %d steps, not %d", len(c.Errors[0]), h)
	}
	cut := &eval.Calibration{Errors: make([][]float64, len(c.Errors)), Scale: c.Scale}
	for k, row := range c.Errors {
		cut.Errors[k] = row[:h]
	}
	return cut.Intervals(point, levels), nil
}

// Update replaces the histories of the fitted series, matched by id.
func (m *LinearGlobal) Update(series []*forecast.Series) error {
	if m.fit == nil {
		return forecast.ErrNotFitted
	}
	next := slices.Clone(m.series)
	for _, s := range series {
		i, ok := m.byID[s.ID]
		if !ok {
			return fmt.Errorf("models: linear: Update: series %q was not fitted", s.ID)
		}
		if err := checkFinite(s, "linear"); err != nil {
			return err
		}
		if _, past, known := linearSeries(s); !slices.Equal(past, m.past) || !slices.Equal(known, m.known) {
			return fmt.Errorf("models: linear: Update: series %q has covariates %q and known %q, the model was fitted with %q and %q", s.ID, past, known, m.past, m.known)
		}
		next[i] = s
	}
	m.series = next
	return nil
}

// Index returns the position of the fitted series id.
func (m *LinearGlobal) Index(id string) (int, bool) {
	i, ok := m.byID[id]
	return i, ok
}

// DescribeSeries says what forecast series i: the one global model.
func (m *LinearGlobal) DescribeSeries(int) (desc, fallback string) {
	return "global " + describeLinear(m.fit, m.past, m.known), ""
}
