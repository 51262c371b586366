// Package models holds the forecasting models of tsforecast and their
// catalogue.
//
// # Models
//
// Baselines: [Naive], [SeasonalNaive], [Drift], [Mean], [Naive2] (the M4
// reference model, built on features.SeasonalityTest and
// features.Decompose) and [HoltWinters] (exponential smoothing fitted with
// gonum/optimize). The networks are package seq2one's. Every model is a
// [forecast.Forecaster] of one series; a Period (or Season) of 0 resolves
// the seasonal period with forecast.Season, the one rule of the project.
//
// # The catalogue
//
// [Catalogue] lists every model once: its name and aliases, its [Kind],
// a one-line summary, the shortest series it fits, what its fits support
// (Update, Save), and constructors from shared [Settings]: New for one
// series and, for models that have one, NewMulti for one model fitted on
// many series at once (a global network). Everything that names models
// derives from it: the command line's flags and help, the README's model
// list (checked by a test), the report's marking of baselines
// ([IsBaseline]) and the walk-forward models of a backtest
// ([Entry.Model]).
//
// [Entry.Multi] returns the [forecast.MultiForecaster] the command line
// fits on the series of a file: the model's own multi-series form, or
// [Local], which fits the per-series model on each series in parallel and
// calibrates split-conformal intervals from a walk-forward over the end of
// each series (eval.Calibrate). [Load] reads a saved model back.
//
// # Adding a model
//
// A model is one file with its forecaster and one entry in the catalogue.
// Drift is the smallest complete example. Its file, drift.go, holds the
// type, its Fit (which records what the forecast needs and fails with an
// error wrapping forecast.ErrTooShort on a series that is too short),
// Update (it is cheap to refit) and Predict (which fails with
// forecast.ErrNotFitted before Fit):
//
//	type Drift struct {
//		last, slope float64
//		fitted      bool
//	}
//
//	func (m *Drift) Fit(_ context.Context, s *forecast.Series) error { … }
//	func (m *Drift) Update(s *forecast.Series) error { … }
//	func (m *Drift) Predict(dst []float64, h int) ([]float64, error) { … }
//
// Its entry in catalogue.go names it and says what it needs and supports:
//
//	{
//		Name: "drift", Kind: Baseline, Update: true,
//		Summary:   "the line through the first and last values",
//		MinLength: func(int) int { return 2 },
//		New:       func(*Settings) forecast.Forecaster { return &Drift{} },
//	},
//
// Nothing else changes: `tsforecast forecast --model drift` and
// `--models drift` work, the report styles it by its Kind, and the README
// test asks for a row naming it. A model with a seasonal period reads
// Settings.Season (0: forecast.Season per series); a model fitted on all
// series at once also sets NewMulti.
package models
