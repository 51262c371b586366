package models

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Local is a [forecast.MultiForecaster] made of one per-series model per
// series: Fit fits Model on each series, several at once, and each series
// is forecast by its own fitted model. It is how every model without a
// multi-series form of its own forecasts a file of many series.
//
// Local implements [forecast.Intervaler] when Intervals is set,
// [forecast.MultiUpdater] when the fitted models are [forecast.Updater]s,
// and [forecast.Saver] for one series whose model is a Saver.
type Local struct {
	// Model names the per-series model and makes fresh ones.
	Model eval.Model
	// Workers bounds the number of series fitted at once; 0 means
	// runtime.GOMAXPROCS(0). Results do not depend on it.
	Workers int
	// Intervals, when not nil, calibrates split-conformal intervals during
	// Fit (see [LocalIntervals]).
	Intervals *LocalIntervals
	// OnSeries, when not nil, is called after each series is fitted with
	// the number done so far and the total, from any goroutine.
	OnSeries func(done, total int)

	ids    []string
	byID   map[string]int
	fitted []forecast.Forecaster
	calib  []*eval.Calibration
	mu     sync.Mutex // Predict of one fitted model at a time
}

// LocalIntervals configures the intervals of [Local] at Levels, Horizon
// steps ahead. With Own, each series gets the intervals of its fitted
// model (forecast.IntervalPredictor: analytic or simulated). Otherwise
// they are conformal: before a series' model is fitted on all of it, a
// walk-forward run over its last Calibration origins, one step apart,
// forecasts Horizon steps from each (the model fitted once at the first
// origin and then conditioned on the growing history when it is a
// forecast.Updater, else refitted), and the absolute errors at each
// horizon step calibrate the intervals ([eval.Calibrate]). A series too
// short for those origins gets its model's own intervals when it has
// them (the fallback of a short series has), and fails the fit otherwise.
type LocalIntervals struct {
	Horizon int
	Levels  []float64
	Own     bool
	// Season is the period of the walk-forward's MASE; 0 resolves it per
	// series.
	Season int
	// Calibration is the number of origins: 0 means 20, or more when the
	// highest level needs more ([forecast.MinCalibration]).
	Calibration int
}

// Folds returns the number of calibration origins.
func (c *LocalIntervals) Folds() int {
	n := c.Calibration
	if n == 0 {
		n = 20
	}
	for _, l := range c.Levels {
		n = max(n, forecast.MinCalibration(l))
	}
	return n
}

// Fit fits a fresh model on each series (and calibrates its intervals),
// several series at once. It returns the error of the first series, in
// input order, that failed, naming it when there are several series.
func (l *Local) Fit(ctx context.Context, series []*forecast.Series) error {
	l.fitted, l.calib, l.ids, l.byID = nil, nil, nil, nil
	if l.Model.New == nil {
		return fmt.Errorf("models: local model %q has no constructor", l.Model.Name)
	}
	fitted := make([]forecast.Forecaster, len(series))
	var calib []*eval.Calibration
	if in := l.Intervals; in != nil && len(in.Levels) > 0 && !in.Own {
		calib = make([]*eval.Calibration, len(series))
	}
	var done atomic.Int64
	err := parallel(ctx, len(series), l.Workers, func(i int) error {
		s := series[i]
		var calErr error
		if calib != nil {
			calib[i], calErr = l.calibrate(ctx, s)
			if calErr != nil && !errors.Is(calErr, forecast.ErrTooShort) {
				return l.seriesErr(s, len(series), calErr)
			}
		}
		f := l.Model.New()
		if err := f.Fit(ctx, s); err != nil {
			return l.seriesErr(s, len(series), err)
		}
		if calErr != nil {
			// Too short to calibrate: the model's own intervals, or none.
			if _, err := ownIntervals(f, l.Intervals.Horizon, l.Intervals.Levels); err != nil {
				return l.seriesErr(s, len(series), calErr)
			}
		}
		fitted[i] = f
		if l.OnSeries != nil {
			l.OnSeries(int(done.Add(1)), len(series))
		}
		return nil
	})
	if err != nil {
		return err
	}
	l.fitted, l.calib = fitted, calib
	l.setIDs(series)
	return nil
}

func (l *Local) seriesErr(s *forecast.Series, n int, err error) error {
	if n == 1 {
		return err
	}
	return fmt.Errorf("series %q: %w", s.ID, err)
}

// calibrate runs the walk-forward of [LocalIntervals] on s.
func (l *Local) calibrate(ctx context.Context, s *forecast.Series) (*eval.Calibration, error) {
	in := l.Intervals
	folds := in.Folds()
	c, err := eval.Calibrate(ctx, s, l.Model, &eval.Backtest{
		Horizon: in.Horizon, Step: 1, Origins: folds, Refit: 0, Season: in.Season, Workers: 1,
		Levels: in.Levels, Calibration: folds,
	})
	if err != nil {
		return nil, fmt.Errorf("prediction intervals need %d walk-forward folds of %d steps: %w", folds, in.Horizon, err)
	}
	return c, nil
}

func (l *Local) setIDs(series []*forecast.Series) {
	l.ids = make([]string, len(series))
	l.byID = make(map[string]int, len(series))
	for i, s := range series {
		l.ids[i] = s.ID
		if _, dup := l.byID[s.ID]; !dup {
			l.byID[s.ID] = i
		}
	}
}

// PredictSeries writes the h-step forecast of series i to dst. It panics
// if i is out of range.
func (l *Local) PredictSeries(dst []float64, i, h int) ([]float64, error) {
	if l.fitted == nil {
		return dst, fmt.Errorf("models: %w", forecast.ErrNotFitted)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.fitted[i].Predict(dst, h)
}

// PredictIntervals returns the intervals at levels around the h-step
// forecast of series i, as [LocalIntervals] says: conformal ones need h to
// be the calibrated horizon.
func (l *Local) PredictIntervals(i, h int, levels []float64) ([]forecast.Interval, error) {
	if l.fitted == nil {
		return nil, fmt.Errorf("models: %w", forecast.ErrNotFitted)
	}
	if l.calib == nil || l.calib[i] == nil {
		l.mu.Lock()
		defer l.mu.Unlock()
		return ownIntervals(l.fitted[i], h, levels)
	}
	if h != l.Intervals.Horizon {
		return nil, fmt.Errorf("models: intervals were calibrated for %d steps, not %d", l.Intervals.Horizon, h)
	}
	point, err := l.PredictSeries(nil, i, h)
	if err != nil {
		return nil, err
	}
	return l.calib[i].Intervals(slices.Clone(point), levels), nil
}

// ownIntervals returns the intervals of the fitted model f, or an error
// wrapping forecast.ErrNoIntervals when it has none.
func ownIntervals(f forecast.Forecaster, h int, levels []float64) ([]forecast.Interval, error) {
	ip, ok := f.(forecast.IntervalPredictor)
	if !ok {
		return nil, fmt.Errorf("models: %w: the model gives none of its own", forecast.ErrNoIntervals)
	}
	return ip.PredictIntervals(h, levels)
}

// DescribeSeries says what forecast series i: the fitted model's
// description (forecast.Describer) or "", and, when a simpler model stood
// in for the one asked for ([Fallback]), why ("too short"), else "".
func (l *Local) DescribeSeries(i int) (desc, fallback string) {
	if d, ok := l.fitted[i].(forecast.Describer); ok {
		desc = d.Describe()
	}
	if fb, ok := l.fitted[i].(*Fallback); ok {
		fallback = fb.Reason()
	}
	return desc, fallback
}

// Update conditions the fitted models on new histories of their series,
// matched by ID (a model fitted on one series takes the one history given
// whatever its ID), without refitting; every fitted model must be a
// forecast.Updater. On error no series is changed.
func (l *Local) Update(series []*forecast.Series) error {
	if l.fitted == nil {
		return fmt.Errorf("models: %w", forecast.ErrNotFitted)
	}
	idx := make([]int, len(series))
	for k, s := range series {
		i, ok := l.byID[s.ID]
		if len(l.fitted) == 1 && len(series) == 1 {
			i, ok = 0, true
		}
		if !ok {
			return fmt.Errorf("models: series %q is not one the model was fitted on", s.ID)
		}
		if _, ok := l.fitted[i].(forecast.Updater); !ok {
			return fmt.Errorf("models: %s cannot be updated with a new history", l.Model.Name)
		}
		idx[k] = i
	}
	if len(l.fitted) == 1 && len(series) > 1 {
		return fmt.Errorf("models: the model was fitted on one series, not %d", len(series))
	}
	for k, s := range series {
		if err := l.fitted[idx[k]].(forecast.Updater).Update(s); err != nil {
			return err
		}
	}
	if len(l.fitted) == 1 && len(series) == 1 {
		l.setIDs(series)
	}
	return nil
}

// Index returns the position of the fitted series id and whether there is
// one.
func (l *Local) Index(id string) (int, bool) {
	i, ok := l.byID[id]
	return i, ok
}

// Save writes the fitted model of a single series; models of several
// series, or a model that is not a forecast.Saver, cannot be saved.
func (l *Local) Save(w io.Writer) error {
	if l.fitted == nil {
		return fmt.Errorf("models: %w", forecast.ErrNotFitted)
	}
	if len(l.fitted) != 1 {
		return fmt.Errorf("models: %d fitted %s models cannot be saved to one file (only one series' model or a global network can)", len(l.fitted), l.Model.Name)
	}
	sv, ok := l.fitted[0].(forecast.Saver)
	if !ok {
		return fmt.Errorf("models: a fitted %s model cannot be saved", l.Model.Name)
	}
	return sv.Save(w)
}

// History returns the training history of the network fitted on a single
// series, or nil.
func (l *Local) History() []seq2one.EpochStats {
	if len(l.fitted) != 1 {
		return nil
	}
	if h, ok := l.fitted[0].(interface{ History() []seq2one.EpochStats }); ok {
		return h.History()
	}
	return nil
}

// parallel runs fn(0..n-1) on up to workers goroutines (0: GOMAXPROCS)
// and returns the error of the lowest index that failed, so that errors
// are deterministic, or ctx.Err().
func parallel(ctx context.Context, n, workers int, fn func(i int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				errs[i] = fn(i)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}
