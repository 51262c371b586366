package models

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Kind classifies the models of the catalogue.
type Kind int

const (
	// Baseline models are the simple references every forecast is
	// compared with.
	Baseline Kind = iota
	// Statistical models are fitted by likelihood or least squares.
	Statistical
	// Network models are trained recurrent networks (package seq2one).
	Network
	// Combination models combine other models.
	Combination
)

var kindNames = [...]string{"baseline", "statistical", "network", "combination"}

// String returns the lowercase name of k.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Covariates says which covariates of a series a model reads.
type Covariates int

const (
	// NoCovariates: the model forecasts from the target alone and
	// ignores covariates.
	NoCovariates Covariates = iota
	// KnownCovariates: the model reads future-known covariates over the
	// horizon (forecast.Covariate.Known) and ignores past ones.
	KnownCovariates
	// AllCovariates: the model reads past covariates up to the forecast
	// origin and future-known ones over the horizon.
	AllCovariates
)

var covariateNames = [...]string{"none", "known", "past and known"}

// String returns "none", "known" or "past and known".
func (c Covariates) String() string {
	if c < 0 || int(c) >= len(covariateNames) {
		return fmt.Sprintf("Covariates(%d)", int(c))
	}
	return covariateNames[c]
}

// Entry describes one model of the catalogue.
type Entry struct {
	// Name is the model's name on the command line and in every table.
	Name string
	// Aliases are other names that select the model.
	Aliases []string
	// Kind classifies the model.
	Kind Kind
	// Summary is a one-line description for help texts and the README.
	Summary string
	// MinLength returns the least number of values a series needs for
	// the model with seasonal period m (resolved by forecast.Season).
	MinLength func(m int) int
	// Update reports whether the fitted model implements forecast.Updater
	// (a walk-forward run without refitting moves its input window).
	Update bool
	// Save reports whether the fitted model can be saved and loaded again
	// ([Load]).
	Save bool
	// Intervals reports whether the model's own prediction intervals
	// (forecast.IntervalPredictor) are used rather than conformal ones.
	Intervals bool
	// Covariates says which covariates the model reads.
	Covariates Covariates
	// Fallback names the models, in order, that forecast a series too
	// short for this one (or one it cannot fit); see [Fallback].
	Fallback []string
	// New returns an unfitted per-series forecaster built from s, without
	// its fallbacks; [Entry.Forecaster] adds them.
	New func(s *Settings) forecast.Forecaster
	// NewMulti, when not nil, returns the model's own multi-series form,
	// one model fitted on all series at once (a global network). Without
	// it, many series are fitted one by one ([Local]).
	NewMulti func(s *Settings) forecast.MultiForecaster
}

// catalogue lists every model, in the order of help texts. Adding a
// model is one file with its forecaster and one entry here.
var catalogue = []Entry{
	{
		Name: "auto", Kind: Combination, Intervals: true, Covariates: AllCovariates,
		Summary:   "the LSTM combined with the linear model and Theta, weighted by a prior (0.8 for the network) and their errors on the last horizon of each series",
		MinLength: func(int) int { return 1 },
		New:       func(s *Settings) forecast.Forecaster { return &autoSeries{a: &Auto{Settings: *s}} },
		NewMulti:  func(s *Settings) forecast.MultiForecaster { return &Auto{Settings: *s} },
	},
	{
		Name: "lstm", Kind: Network, Update: true, Save: true, Covariates: AllCovariates, Fallback: []string{"naive"},
		Summary:   "seq2one LSTM; one global network over the series of a multi-series file",
		MinLength: networkMinLength,
		New:       func(s *Settings) forecast.Forecaster { return seq2one.New(s.netConfig(seq2one.LSTM)) },
		NewMulti:  func(s *Settings) forecast.MultiForecaster { return seq2one.NewGlobal(s.netConfig(seq2one.LSTM)) },
	},
	{
		Name: "rnn", Kind: Network, Update: true, Save: true, Covariates: AllCovariates, Fallback: []string{"naive"},
		Summary:   "seq2one plain RNN (the cell the LSTM improves on)",
		MinLength: networkMinLength,
		New:       func(s *Settings) forecast.Forecaster { return seq2one.New(s.netConfig(seq2one.RNN)) },
		NewMulti:  func(s *Settings) forecast.MultiForecaster { return seq2one.NewGlobal(s.netConfig(seq2one.RNN)) },
	},
	{
		Name: "naive", Kind: Baseline, Update: true, Intervals: true,
		Summary:   "the last value",
		MinLength: func(int) int { return 1 },
		New:       func(*Settings) forecast.Forecaster { return &Naive{} },
	},
	{
		Name: "snaive", Kind: Baseline, Update: true, Intervals: true, Fallback: []string{"naive"},
		Summary:   "seasonal naive: the value one season earlier",
		MinLength: func(m int) int { return max(1, m) },
		New:       func(s *Settings) forecast.Forecaster { return &SeasonalNaive{Period: s.Season} },
	},
	{
		Name: "drift", Kind: Baseline, Update: true, Intervals: true, Fallback: []string{"naive"},
		Summary:   "the line through the first and last values",
		MinLength: func(int) int { return 2 },
		New:       func(*Settings) forecast.Forecaster { return &Drift{} },
	},
	{
		Name: "mean", Kind: Baseline, Update: true, Intervals: true,
		Summary:   "the mean of the history",
		MinLength: func(int) int { return 1 },
		New:       func(*Settings) forecast.Forecaster { return &Mean{} },
	},
	{
		Name: Reference, Kind: Baseline, Intervals: true,
		Summary:   "the M4 competition's seasonally adjusted naive forecast, the reference of OWA",
		MinLength: func(int) int { return 1 },
		New:       func(s *Settings) forecast.Forecaster { return &Naive2{Period: s.Season} },
	},
	{
		Name: "hw", Aliases: []string{"holt-winters"}, Kind: Baseline, Update: true, Fallback: []string{"ets", "ses", "naive"},
		Summary:   "Holt-Winters: additive season, damped additive trend",
		MinLength: hwMinLength,
		New: func(s *Settings) forecast.Forecaster {
			return &HoltWinters{Period: s.Season, Trend: true, Damped: true}
		},
	},
	{
		Name: "ets", Kind: Statistical, Update: true, Intervals: true, Fallback: []string{"ses", "naive"},
		Summary:   "exponential smoothing state space model (error, trend, season), chosen by AICc as R's forecast::ets",
		MinLength: func(int) int { return 7 },
		New:       func(s *Settings) forecast.Forecaster { return &ETS{Season: s.Season, Seed: s.Seed} },
	},
	{
		Name: "theta", Kind: Statistical, Update: true, Intervals: true, Fallback: []string{"naive"},
		Summary:   "Theta method: standard, optimised and dynamic Theta models (Fiorucci et al. 2016), chosen by in-sample MSE",
		MinLength: func(int) int { return 4 },
		New:       func(s *Settings) forecast.Forecaster { return &Theta{Season: s.Season} },
	},
	{
		Name: "arima", Kind: Statistical, Update: true, Intervals: true, Covariates: KnownCovariates, Fallback: []string{"naive"},
		Summary:   "seasonal ARIMA by exact likelihood, orders chosen as R's forecast::auto.arima",
		MinLength: func(int) int { return 1 },
		New:       func(s *Settings) forecast.Forecaster { return &ARIMA{Season: s.Season} },
	},
	{
		Name: "mstl", Kind: Statistical, Intervals: true, Fallback: []string{"ets", "ses", "naive"},
		Summary:   "MSTL decomposition by every seasonal cycle of the data, the adjusted series forecast by ETS (R's stlf)",
		MinLength: func(m int) int { return max(7, 2*m+1) },
		New:       func(s *Settings) forecast.Forecaster { return &MSTL{Season: s.Season, Seed: s.Seed} },
	},
	{
		Name: "linear", Kind: Statistical, Update: true, Covariates: AllCovariates, Fallback: []string{"theta", "naive"},
		Summary:   "each step ahead a linear function of the last values and covariates, ridge regression in closed form on the values and on a log scale, averaged; one global model over the series of a multi-series file",
		MinLength: func(m int) int { return 2*max(m, 4) + 8 },
		New: func(s *Settings) forecast.Forecaster {
			return &Linear{Season: s.Season, Horizon: s.Horizon, Window: s.Window}
		},
		NewMulti: func(s *Settings) forecast.MultiForecaster {
			return &LinearGlobal{Season: s.Season, Horizon: s.Horizon, Window: s.Window, Levels: s.Levels}
		},
	},
	{
		Name: "ses", Kind: Statistical, Update: true, Intervals: true, Fallback: []string{"naive"},
		Summary:   "simple exponential smoothing, ETS(A,N,N)",
		MinLength: func(int) int { return 4 },
		New:       func(s *Settings) forecast.Forecaster { return &ETS{Spec: "ANN", Seed: s.Seed} },
	},
}

// networkMinLength is the shortest series a network fits with season m:
// its window (two seasons, or 12 steps without one, cut to a third of the
// series but at least 2) and two values to train and validate on.
func networkMinLength(int) int { return 4 }

// Catalogue returns the entries of every model, in help order. The
// slice is a copy.
func Catalogue() []Entry { return slices.Clone(catalogue) }

// Names returns the names of every model, in help order.
func Names() []string {
	out := make([]string, len(catalogue))
	for i, e := range catalogue {
		out[i] = e.Name
	}
	return out
}

// Lookup returns the entry of the model called name (or one of its
// aliases), or an error listing the names.
func Lookup(name string) (*Entry, error) {
	for i := range catalogue {
		e := &catalogue[i]
		if e.Name == name || slices.Contains(e.Aliases, name) {
			return e, nil
		}
	}
	return nil, fmt.Errorf("models: unknown model %q (want one of %s)", name, strings.Join(Names(), ", "))
}

// IsBaseline reports whether the model called name is a baseline.
func IsBaseline(name string) bool {
	e, err := Lookup(name)
	return err == nil && e.Kind == Baseline
}

// Reference is the name of the model that OWA is relative to, the M4
// competition's Naive2.
const Reference = "naive2"

// Default is the model forecasts use unless told otherwise.
const Default = "auto"

// Comparison lists the models a backtest compares unless told otherwise:
// the default model beside its usual members and the reference.
func Comparison() []string { return []string{Default, "lstm", "theta", "snaive", Reference} }

// Forecaster returns an unfitted per-series forecaster of the entry
// built from s: the model, with its fallbacks when it has some
// ([Fallback]).
func (e *Entry) Forecaster(s *Settings) forecast.Forecaster {
	if len(e.Fallback) == 0 {
		return e.New(s)
	}
	fb := &Fallback{Chain: []Stage{e.stage(s)}}
	for _, name := range e.Fallback {
		f, err := Lookup(name)
		if err != nil {
			panic("models: catalogue: " + err.Error())
		}
		fb.Chain = append(fb.Chain, f.stage(s))
	}
	return fb
}

// stage is the entry as one stage of a fallback chain.
func (e *Entry) stage(s *Settings) Stage {
	return Stage{Name: e.Name, Season: s.Season, MinLength: e.MinLength, New: func() forecast.Forecaster { return e.New(s) }}
}

// Model returns the model named as the entry for a walk-forward run on
// series with settings s: fresh forecasters from New, each on one core
// unless s.Workers says otherwise (the folds run in parallel), or, for a
// model with a multi-series form fitted on several series (unless
// s.Local), one such model per origin shared by the series
// ([eval.Panel]). s must not change while the model is in use.
func (e *Entry) Model(s *Settings, series []*forecast.Series) eval.Model {
	if s == nil {
		s = &Settings{}
	}
	if e.Global(s, len(series)) {
		p := eval.NewPanel(func() forecast.MultiForecaster { return e.NewMulti(s) }, series)
		return eval.Model{Name: e.Name, New: p.Forecaster}
	}
	s = s.serial()
	return eval.Model{Name: e.Name, New: func() forecast.Forecaster { return e.Forecaster(s) }}
}

// serial returns s, or a copy with Workers 1 when it is 0: where many
// per-series fits run side by side (folds, series), each uses one core.
func (s *Settings) serial() *Settings {
	if s.Workers != 0 {
		return s
	}
	c := *s
	c.Workers = 1
	return &c
}

// Global reports whether [Entry.Multi] gives the model's own multi-series
// form (one model fitted on all n series) rather than [Local].
func (e *Entry) Global(s *Settings, n int) bool {
	return e.NewMulti != nil && (s == nil || !s.Local) && n > 1
}

// Multi returns an unfitted multi-series model of the entry for n series
// with settings s: its own multi-series form when it has one and n > 1
// (unless s.Local), else [Local] over New (each fit on one core when
// n > 1, unless s.Workers says otherwise), with conformal intervals
// calibrated for s.Levels at s.Horizon.
func (e *Entry) Multi(s *Settings, n int) forecast.MultiForecaster {
	if s == nil {
		s = &Settings{}
	}
	if e.Global(s, n) {
		return e.NewMulti(s)
	}
	if n > 1 {
		s = s.serial()
	}
	l := &Local{Model: eval.Model{Name: e.Name, New: func() forecast.Forecaster { return e.Forecaster(s) }}, OnSeries: s.OnSeries}
	if len(s.Levels) > 0 {
		l.Intervals = &LocalIntervals{Horizon: s.Horizon, Levels: s.Levels, Season: s.Season, Own: e.Intervals}
	}
	return l
}
