package forecast

import (
	"context"
	"errors"
	"io"
)

// Errors shared by every model. Models wrap them with their own context
// ("seq2one: series too short: series \"v\" has 3 values, …"), so callers
// can test the kind of failure with errors.Is whatever the model.
var (
	// ErrNotFitted is returned by Predict (and Update, Save, …) of a model
	// that has not been fitted, or whose last fit failed.
	ErrNotFitted = errors.New("model not fitted")
	// ErrTooShort is returned when a series has too few values for a
	// model (or a loader's minimum length).
	ErrTooShort = errors.New("series too short")
)

// Forecaster is a model that is fitted on the history of one series and then
// forecasts the next h values. Every per-series model of tsforecast (the
// seq2one networks, the baselines and the statistical models) implements it.
//
// Fit must not keep a reference to a slice it then modifies, and must not
// modify s. Predict writes the h forecasts into dst (allocating when dst is
// nil or too short) and returns it; it fails with an error wrapping
// [ErrNotFitted] if the model has not been fitted.
type Forecaster interface {
	Fit(ctx context.Context, s *Series) error
	Predict(dst []float64, h int) ([]float64, error)
}

// Updater is implemented by fitted models that can condition on a new,
// longer history without refitting their parameters: a walk-forward run
// with refitting turned off moves the input window with Update.
type Updater interface {
	Update(s *Series) error
}

// MultiForecaster is a model fitted on many series at once that then
// forecasts each of them: one global network trained on windows of every
// series, or any per-series [Forecaster] fitted on each series in turn.
//
// PredictSeries writes the next h forecasts of series i, an index into
// the series given to Fit, into dst (allocating when dst is nil or too
// short) and returns it. It fails with an error wrapping [ErrNotFitted]
// before Fit.
type MultiForecaster interface {
	Fit(ctx context.Context, series []*Series) error
	PredictSeries(dst []float64, i, h int) ([]float64, error)
}

// MultiUpdater is implemented by fitted multi-series models that can
// condition on new histories of the series they were fitted on, matched
// by ID, without refitting: a model trained last month forecasts from this
// month's data. Index returns the position of the fitted series id for
// PredictSeries, and whether the model has one.
type MultiUpdater interface {
	Update(series []*Series) error
	Index(id string) (int, bool)
}

// Intervaler is implemented by multi-series models that put prediction
// intervals around their forecasts. PredictIntervals returns one central
// interval per level (in percent, see [Interval]) around the h-step
// forecast of series i.
type Intervaler interface {
	PredictIntervals(i, h int, levels []float64) ([]Interval, error)
}

// Saver is implemented by fitted models that can be written to a file and
// loaded again (by the loader of their package) to forecast exactly as
// before.
type Saver interface {
	Save(w io.Writer) error
}

// IntervalPredictor is implemented by fitted per-series models that have
// prediction intervals of their own (analytic or simulated, such as
// ETS's). PredictIntervals returns one central interval per level (in
// percent) around the forecast Predict gives for h steps.
type IntervalPredictor interface {
	PredictIntervals(h int, levels []float64) ([]Interval, error)
}

// Describer is implemented by fitted models that say what they became:
// the specification a model chose ("ETS(M,Ad,M)"), or the model that
// stood in for it on a series too short for it.
type Describer interface {
	Describe() string
}

// ErrNoIntervals is returned by PredictIntervals when a fitted model
// cannot give intervals: its history is too short to estimate the spread
// of its errors, or the kind of model it fell back to has none.
var ErrNoIntervals = errors.New("no prediction intervals")

// Fallbacker is implemented by models that forecast a series too short
// for them (or one they cannot fit) with a simpler model. FellBack reports
// whether the last fit did; a Describer then says which model stood in.
type Fallbacker interface {
	FellBack() bool
}
