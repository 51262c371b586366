package models

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Fallback forecasts a series with the first model of a chain that fits
// it: the model asked for when the series is long enough for it, else a
// simpler one. Every model of the catalogue states its shortest series
// and the chain that stands in for it below that (see [Entry].Fallback),
// so a file with one short series is still forecast whole.
//
// Fit tries the models in turn: a model is skipped when the series is
// shorter than its MinLength, or when its Fit fails with an error that is
// not the context's (too short in a way MinLength could not tell, or a fit
// that did not converge); the last model's error is returned when none
// fits. Predict, Update, PredictIntervals and Save are those of the model
// that fitted. Describe says which one stood in, and why.
type Fallback struct {
	// Chain lists the models, the one asked for first.
	Chain []Stage

	used   int
	f      forecast.Forecaster
	reason string
}

// Stage is one model of a [Fallback] chain.
type Stage struct {
	// Name names the model in descriptions.
	Name string
	// Season is the model's seasonal period setting (0: forecast.Season).
	Season int
	// MinLength returns the shortest series the model fits with seasonal
	// period m; nil means any non-empty series.
	MinLength func(m int) int
	// New returns a fresh, unfitted model.
	New func() forecast.Forecaster
}

// minLength returns the shortest series st fits among series like s.
func (st *Stage) minLength(s *forecast.Series) int {
	if st.MinLength == nil {
		return 1
	}
	return st.MinLength(forecast.Season(st.Season, s))
}

// Fit fits the first model of the chain that fits s.
func (fb *Fallback) Fit(ctx context.Context, s *forecast.Series) error {
	fb.f, fb.used, fb.reason = nil, 0, ""
	if len(fb.Chain) == 0 {
		return errors.New("models: fallback chain is empty")
	}
	var last error
	for k, st := range fb.Chain {
		if need := st.minLength(s); s != nil && s.Len() < need {
			last = fmt.Errorf("models: %s: %w: series %q has %d values, need at least %d", st.Name, forecast.ErrTooShort, s.ID, s.Len(), need)
		} else {
			m := st.New()
			err := m.Fit(ctx, s)
			if err == nil {
				fb.f, fb.used = m, k
				return nil
			}
			if ctx.Err() != nil {
				return err
			}
			last = err
		}
		if k == 0 {
			fb.reason = "too short"
			if !errors.Is(last, forecast.ErrTooShort) {
				fb.reason = "no fit: " + last.Error()
			}
		}
	}
	return last
}

// Predict writes the h-step forecast of the model that fitted to dst.
func (fb *Fallback) Predict(dst []float64, h int) ([]float64, error) {
	if fb.f == nil {
		return nil, forecast.ErrNotFitted
	}
	return fb.f.Predict(dst, h)
}

// Update conditions the model that fitted on a new history, when it is a
// forecast.Updater, and refits the chain otherwise.
func (fb *Fallback) Update(s *forecast.Series) error {
	if fb.f == nil {
		return forecast.ErrNotFitted
	}
	if u, ok := fb.f.(forecast.Updater); ok {
		return u.Update(s)
	}
	return fb.Fit(context.Background(), s)
}

// PredictIntervals returns the intervals of the model that fitted, or an
// error wrapping forecast.ErrNoIntervals when it has none of its own.
func (fb *Fallback) PredictIntervals(h int, levels []float64) ([]forecast.Interval, error) {
	if fb.f == nil {
		return nil, forecast.ErrNotFitted
	}
	ip, ok := fb.f.(forecast.IntervalPredictor)
	if !ok {
		return nil, fmt.Errorf("models: %s: %w of its own", fb.Chain[fb.used].Name, forecast.ErrNoIntervals)
	}
	return ip.PredictIntervals(h, levels)
}

// Save saves the model that fitted, when it is a forecast.Saver.
func (fb *Fallback) Save(w io.Writer) error {
	if fb.f == nil {
		return forecast.ErrNotFitted
	}
	sv, ok := fb.f.(forecast.Saver)
	if !ok {
		return fmt.Errorf("models: a fitted %s model cannot be saved", fb.Chain[fb.used].Name)
	}
	return sv.Save(w)
}

// Describe says what forecast the series: the fitted model's own
// description when it has one ("ETS(M,Ad,M)"), else, when another model
// stood in, its name ("naive"); "" for the model asked for without a
// description. [Fallback.Reason] says why another model stood in.
func (fb *Fallback) Describe() string {
	if fb.f == nil {
		return ""
	}
	if ds, ok := fb.f.(forecast.Describer); ok {
		if d := ds.Describe(); d != "" {
			return d
		}
	}
	if fb.used == 0 {
		return ""
	}
	return fb.Chain[fb.used].Name
}

// Reason says why the model asked for did not forecast the series ("too
// short", or "no fit: " and the error), or "" when it did.
func (fb *Fallback) Reason() string {
	if fb.f == nil || fb.used == 0 {
		return ""
	}
	return fb.reason
}

// FellBack reports whether a model other than the one asked for fitted.
func (fb *Fallback) FellBack() bool { return fb.f != nil && fb.used > 0 }

// History returns the training history of a network that fitted, or nil.
func (fb *Fallback) History() []seq2one.EpochStats {
	if h, ok := fb.f.(interface{ History() []seq2one.EpochStats }); ok {
		return h.History()
	}
	return nil
}
