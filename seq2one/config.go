package seq2one

import (
	"fmt"
	"runtime"
	"time"
)

// Cell selects the recurrent cell of a [Model].
type Cell int

const (
	// LSTM is the long short-term memory cell (the default).
	LSTM Cell = iota
	// RNN is the plain Elman cell h = tanh(W·[x,h] + b).
	RNN
)

// String returns "lstm" or "rnn".
func (c Cell) String() string {
	switch c {
	case LSTM:
		return "lstm"
	case RNN:
		return "rnn"
	}
	return fmt.Sprintf("Cell(%d)", int(c))
}

// gates returns the number of fused gate blocks of the cell.
func (c Cell) gates() int {
	switch c {
	case LSTM:
		return 4
	case RNN:
		return 1
	}
	panic(errUnknownCell)
}

// Loss selects the training loss of a [Model].
type Loss int

const (
	// MSE is the mean squared error (the default).
	MSE Loss = iota
	// MAE is the mean absolute error.
	MAE
	// Huber is the Huber loss with threshold 1 on the scaled target:
	// ½e² for |e| ≤ 1 and |e| − ½ beyond.
	Huber
)

// String returns "mse", "mae" or "huber".
func (l Loss) String() string {
	switch l {
	case MSE:
		return "mse"
	case MAE:
		return "mae"
	case Huber:
		return "huber"
	}
	return fmt.Sprintf("Loss(%d)", int(l))
}

// Toggle is a three-way switch whose zero value lets the model decide.
type Toggle int

const (
	// Auto lets the model decide from the data.
	Auto Toggle = iota
	// On forces the option on.
	On
	// Off forces the option off.
	Off
)

// Config holds the settings of a [Model]. Its zero value works: each field
// documents its default. A nil *Config passed to [New] means all defaults.
// [New] copies the Config; later changes to it do not affect the model.
type Config struct {
	// Cell is the recurrent cell. Default LSTM.
	Cell Cell
	// Hidden is the hidden size of every layer, at most 4096. Default 32.
	Hidden int
	// Layers is the number of stacked recurrent layers, 1 to 3. Default 1.
	Layers int
	// Window is the number of past steps the network reads, at most
	// 16384. Default 2·Season (12 without a season), shortened to a third
	// of the series when the series is short.
	Window int
	// Season is the seasonal period in steps. 0 detects it: the
	// conventional period of the series' frequency (12 for monthly, 24 for
	// hourly, ...) or, for series without timestamps, the strongest period
	// features.DetectPeriods finds in the series. 1 means no
	// season. At most 16384.
	Season int
	// Log applies a log transform to positive series. Auto (default) uses
	// it when every value is positive and a multiplicative classical
	// decomposition fits the series better than an additive one (the
	// seasonal swing grows with the level); On requires positive values.
	Log Toggle
	// SeasonalNorm removes seasonal indices, estimated by a classical
	// decomposition of the training data, before the network sees the
	// series, and adds them back to the forecasts. Auto (default) uses it
	// when the season is above 1, the series covers at least two seasons
	// and passes the M4 seasonality test (features.SeasonalityTest).
	SeasonalNorm Toggle
	// SeasonalSpan is the number of most recent seasons the seasonal
	// indices are estimated from (at least 2): seasonal shapes drift, and
	// forecasts need the current one. Default 4. Negative uses the whole
	// series.
	SeasonalSpan int
	// LevelSpan is the number of last window values whose mean, moved
	// forward by the training data's mean one-step change times the
	// (LevelSpan−1)/2 steps it lags, is the window's level: inputs and
	// target are taken relative to it. Default Season (1 without a season):
	// a level less noisy than the last value and unbiased under a linear
	// trend. 1 uses the last value.
	LevelSpan int
	// Fourier is the number of sine/cosine pairs of the seasonal phase fed
	// as inputs at every step (0 means the default of 1 pair when there is
	// a season; negative means none), at most 64.
	Fourier int
	// Calendar feeds sine/cosine calendar features ([forecast.Freq.Calendar] of the
	// series' frequency: hour of day, day of week, day of year, month of
	// year) of the step that follows each input step. Auto (default) uses
	// them for series with timestamps, leaving out the cycle the Fourier
	// terms already encode (hour of day for hourly data with season 24).
	Calendar Toggle
	// NoCovariates ignores the covariates of the series. By default every
	// covariate is read: past ones over the input window, known ones over
	// the window and the forecast steps (see the package documentation,
	// "Covariates").
	NoCovariates bool

	// Epochs is the maximum number of passes over the training windows.
	// Default 200.
	Epochs int
	// Batch is the mini-batch size. Default 32.
	Batch int
	// LearningRate is Adam's step size. Default 0.001.
	LearningRate float64
	// WeightDecay is the decoupled weight decay of AdamW (Loshchilov &
	// Hutter): every step shrinks each parameter by LearningRate·WeightDecay
	// of itself. Default 0.
	WeightDecay float64
	// Average is the decay per training step of an exponential moving
	// average of the weights (Polyak averaging): after each step the
	// average moves by 1−Average towards the weights, validation scores the
	// averaged weights and early stopping keeps the best average. 0 means
	// the model's default: 0.995 for [Global], no averaging for [Model].
	// Negative turns averaging off.
	Average float64
	// ClipNorm clips the global gradient norm. Default 1; negative turns
	// clipping off.
	ClipNorm float64
	// Patience is the number of epochs without validation improvement after
	// which training stops and the best weights are restored. Default 20.
	// The learning rate is halved after Patience/2 epochs without
	// improvement.
	Patience int
	// ValFraction is the fraction of the history, at its end, that a
	// [Model] holds out for early stopping: no training target lies in
	// it, and the validation loss scores the forecasts of its values from
	// every origin before it up to Horizon steps ahead. Default: the last
	// Horizon values, when at least 8 training windows remain, else none.
	// Negative means none; without validation the training loss selects
	// the best epoch. [Global] holds out the last Horizon values of every
	// series and ignores it.
	ValFraction float64
	// Loss is the training loss of a [Model]. Default MSE. [Global] always
	// trains with MAE.
	Loss Loss
	// Seed seeds weight initialisation and shuffling (math/rand/v2 PCG).
	// The same data, Config and Seed give bit-identical weights and
	// forecasts, whatever Workers is.
	Seed uint64
	// Ensemble is the number of networks trained with seeds Seed,
	// Seed+1, ...; their outputs are averaged (for a [Global], on the
	// normalised scale). Default 3 when the series gives fewer than 300 training
	// windows (where a single network's forecast varies much with the seed
	// and training is cheap), else 1. At most 1024.
	Ensemble int
	// Horizon is the number of steps the network forecasts at once: the
	// outputs of its direct multi-horizon head. Forecasts beyond it feed
	// earlier ones back, a block at a time. Default 2·Season (at least 8);
	// a [Model] shortens the default on short series so that holding out
	// Horizon values for validation leaves 8 training windows, and any
	// Horizon so that the series gives at least two windows. At most
	// 16384.
	Horizon int
	// MaxWindows caps the training windows of one epoch of the [Global]
	// model. Default 24000. The single-series [Model] ignores it.
	MaxWindows int
	// Workers is the number of goroutines a mini-batch is sharded across.
	// Default runtime.GOMAXPROCS(0).
	Workers int
	// Float64 trains in float64 instead of float32.
	Float64 bool
	// Callback, when not nil, is called after every epoch.
	Callback func(EpochStats) `json:"-"`
}

// EpochStats describes one training epoch.
type EpochStats struct {
	// Member is the ensemble member (from 0) the epoch trained.
	Member int
	// Epoch counts from 1. A [Model] reports the untrained network, which
	// forecasts the baseline, as epoch 0 (validation loss only) before
	// training.
	Epoch int
	// TrainLoss is the mean training loss over the epoch's mini-batches, on
	// the scaled target (NaN for epoch 0).
	TrainLoss float64
	// ValLoss is the loss on the validation windows, NaN when there are none.
	ValLoss float64
	// GradNorm is the mean global gradient norm before clipping.
	GradNorm float64
	// LearningRate is the step size used in the epoch.
	LearningRate float64
	// Elapsed is the wall time since Fit started.
	Elapsed time.Duration
	// Best reports whether the epoch gave the best weights so far.
	Best bool
	// Averaged reports whether the epoch's candidate was the moving
	// average of the weights (Config.Average) rather than the weights,
	// because it scored better on validation; ValLoss is its loss.
	Averaged bool
	// Diverged reports whether the epoch was stopped by a NaN or Inf loss
	// or gradient; the best weights were then restored and the learning
	// rate halved.
	Diverged bool
}

const (
	defHidden        = 32
	defLayers        = 1
	defEpochs        = 200
	defBatch         = 32
	defLR            = 0.001
	defClip          = 1.0
	defPatience      = 20
	defVal           = 0.1
	minAutoVal       = 8
	minAutoTrain     = 8
	smallData        = 300
	defSmallEnsemble = 3
	defSeasonalSpan  = 4
	maxLayers        = 3
)

// withDefaults returns a copy of c with zero fields set to their defaults.
func (c *Config) withDefaults() Config {
	var out Config
	if c != nil {
		out = *c
	}
	if out.Hidden == 0 {
		out.Hidden = defHidden
	}
	if out.Layers == 0 {
		out.Layers = defLayers
	}
	if out.Epochs == 0 {
		out.Epochs = defEpochs
	}
	if out.Batch == 0 {
		out.Batch = defBatch
	}
	if out.LearningRate == 0 {
		out.LearningRate = defLR
	}
	if out.ClipNorm == 0 {
		out.ClipNorm = defClip
	}
	if out.Patience == 0 {
		out.Patience = defPatience
	}
	if out.Workers == 0 {
		out.Workers = runtime.GOMAXPROCS(0)
	}
	return out
}

// validate reports a configuration error.
func (c *Config) validate() error {
	switch {
	case c.Cell != LSTM && c.Cell != RNN:
		return fmt.Errorf("seq2one: unknown cell %d", int(c.Cell))
	case c.Loss != MSE && c.Loss != MAE && c.Loss != Huber:
		return fmt.Errorf("seq2one: unknown loss %d", int(c.Loss))
	case c.Hidden < 1 || c.Hidden > MaxHidden:
		return fmt.Errorf("seq2one: hidden size %d, want 1 to %d", c.Hidden, MaxHidden)
	case c.Layers < 1 || c.Layers > maxLayers:
		return fmt.Errorf("seq2one: %d layers, want 1 to %d", c.Layers, maxLayers)
	case c.Window < 0 || c.Window > MaxWindow:
		return fmt.Errorf("seq2one: window %d, want 0 to %d", c.Window, MaxWindow)
	case c.Season < 0 || c.Season > maxSeason:
		return fmt.Errorf("seq2one: season %d, want 0 to %d", c.Season, maxSeason)
	case c.Fourier > maxFourier:
		return fmt.Errorf("seq2one: %d Fourier pairs, want at most %d", c.Fourier, maxFourier)
	case c.Epochs < 1:
		return fmt.Errorf("seq2one: %d epochs, want ≥ 1", c.Epochs)
	case c.Batch < 1:
		return fmt.Errorf("seq2one: batch %d, want ≥ 1", c.Batch)
	case !(c.WeightDecay >= 0):
		return fmt.Errorf("seq2one: weight decay %g, want ≥ 0", c.WeightDecay)
	case !(c.Average < 1):
		return fmt.Errorf("seq2one: weight average decay %g, want < 1", c.Average)
	case !(c.LearningRate > 0):
		return fmt.Errorf("seq2one: learning rate %g, want > 0", c.LearningRate)
	case c.Patience < 1:
		return fmt.Errorf("seq2one: patience %d, want ≥ 1", c.Patience)
	case c.ValFraction >= 0.9:
		return fmt.Errorf("seq2one: validation fraction %g, want < 0.9", c.ValFraction)
	case c.Ensemble < 0 || c.Ensemble > maxMembers:
		return fmt.Errorf("seq2one: ensemble of %d, want 0 to %d", c.Ensemble, maxMembers)
	case c.Horizon < 0 || c.Horizon > maxHorizon:
		return fmt.Errorf("seq2one: horizon %d, want 0 to %d", c.Horizon, maxHorizon)
	case c.MaxWindows < 0:
		return fmt.Errorf("seq2one: %d windows per epoch, want ≥ 0", c.MaxWindows)
	case c.Workers < 1:
		return fmt.Errorf("seq2one: %d workers, want ≥ 1", c.Workers)
	case c.Log < Auto || c.Log > Off:
		return fmt.Errorf("seq2one: unknown Log toggle %d", int(c.Log))
	case c.Calendar < Auto || c.Calendar > Off:
		return fmt.Errorf("seq2one: unknown Calendar toggle %d", int(c.Calendar))
	case c.SeasonalNorm < Auto || c.SeasonalNorm > Off:
		return fmt.Errorf("seq2one: unknown SeasonalNorm toggle %d", int(c.SeasonalNorm))
	}
	return nil
}

const errUnknownCell = "seq2one: unknown cell"
