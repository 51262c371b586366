package models

import "github.com/tsforecast/tsforecast/seq2one"

// Settings are what the models of the catalogue are built from: the
// command line's flags, or a library user's choices. The zero value (and a
// nil *Settings) leaves every choice to the models.
type Settings struct {
	// Season is the seasonal period; 0 lets each model resolve it per
	// series with forecast.Season.
	Season int
	// Horizon is the number of steps that will be forecast: multi-series
	// networks size their direct head to it and interval calibration
	// forecasts it from every origin. 0 means the model's default.
	Horizon int
	// Levels are the interval levels (percent) the forecasts will need;
	// models without intervals of their own calibrate conformal ones for
	// them during Fit (see [Local]).
	Levels []float64
	// Local fits one network per series even when the model has a
	// multi-series form of its own (one global network).
	Local bool
	// Window, Epochs and Hidden set the networks' input window, maximum
	// epochs and hidden units; 0 means the network's default.
	Window, Epochs, Hidden int
	// Seed seeds every random choice; the same data, settings and seed
	// give the same forecasts.
	Seed uint64
	// Workers is the number of goroutines one fit may use; 0 means all
	// cores (runtime.GOMAXPROCS).
	Workers int
	// OnEpoch, when not nil, is called after every training epoch of a
	// network.
	OnEpoch func(seq2one.EpochStats)
	// OnSeries, when not nil, is called as the per-series models of a
	// multi-series fit ([Local]) finish, with the number done and the
	// total, from any goroutine.
	OnSeries func(done, total int)
	// OnStage, when not nil, is called as a model made of others ([Auto])
	// starts each of its fits, with a description such as "validating
	// theta (2 of 6)".
	OnStage func(stage string)
}

// netConfig returns the seq2one configuration of a network with cell c.
func (s *Settings) netConfig(c seq2one.Cell) *seq2one.Config {
	return &seq2one.Config{
		Cell:     c,
		Hidden:   s.Hidden,
		Window:   s.Window,
		Season:   s.Season,
		Epochs:   s.Epochs,
		Seed:     s.Seed,
		Workers:  s.Workers,
		Horizon:  s.Horizon,
		Callback: s.OnEpoch,
		// The networks read past covariates over their input window and
		// known ones over the window and the forecast steps (package
		// seq2one, "Covariates"); nothing is carried forward.
		NoCovariates: false,
	}
}
