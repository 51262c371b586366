// Package seq2one implements recurrent forecasters: an LSTM (and the plain
// RNN cell it improves on) reads a window of a series and a direct
// multi-horizon head forecasts the next Horizon values at once; longer
// horizons come from feeding forecasts back, a block at a time. [Model]
// fits one series, [Global] one network over many. Models satisfy
// [forecast.Forecaster] and [forecast.Updater], and can be saved and
// loaded again.
//
//	m := seq2one.New(&seq2one.Config{Seed: 1})  // nil: all defaults
//	err := m.Fit(ctx, series)                   // *forecast.Series
//	fc, err := m.Predict(nil, 12)               // next 12 values, original units
//
// # Model
//
// Every step t of a window of length L gets an input vector x_t (see
// Pipeline). A stack of 1 to 3 recurrent layers maps it to hidden states;
// layer l > 0 reads the hidden states of layer l−1. The LSTM cell (the
// default) computes, with σ the logistic function and ⊙ the elementwise
// product,
//
//	[i f o g] = [x_t, h_{t−1}]·W + b          (one (in+H)×4H matrix)
//	i, f, o   = σ(i), σ(f), σ(o);  g = tanh(g)
//	c_t = f ⊙ c_{t−1} + i ⊙ g
//	h_t = o ⊙ tanh(c_t)
//
// with h_{−1} = c_{−1} = 0, and the plain RNN cell h_t = tanh([x_t, h_{t−1}]·W + b).
// A dense head maps the top layer's last hidden state to the Horizon
// outputs, ŷ = h_{L−1}·w_y + b_y (w_y is H×Horizon). Weights are drawn
// from U(−1/√H, 1/√H) by a PCG source seeded with Config.Seed, biases
// start at 0 and the LSTM forget-gate bias at 1, so early training keeps
// the cell state. A [Model] then sets its head to zero: its outputs are
// corrections of a baseline forecast (see Pipeline), and the untrained
// network forecasts the baseline.
//
// The hot path is batch-major and runs on the kernels of internal/kern.
// Each step of a layer is one matrix product over the whole shard,
// [X_t, H_{t−1}, 1]·[W_x; W_h; b] (the bias is the last row of the weight
// matrix, as it follows W in the flat parameter vector), followed by one
// fused call for the gate activations and the cell update (LSTMCell). The
// weights are packed once per mini-batch into the panel layout of
// kern.GemmPacked, so every step streams them contiguously. Backward runs
// the fused LSTMCellBackward per step, the recurrent gradient dZ_t·W_hᵀ
// as a product with the packed transpose, and the gradient of all of a
// layer's weights and its bias as one product [X, H, 1]ᵀ·dZ per chunk of
// 256 rows of steps, so dZ never outgrows the cache. Every
// buffer lives in a preallocated workspace: a training step and Predict do
// not allocate.
//
// # Training
//
// Backpropagation through time over the whole window gives the gradient of
// the mean loss over a mini-batch (MSE by default; MAE and Huber with
// threshold 1 on the scaled target are options). A step clips the gradient
// to global norm Config.ClipNorm (1 by default) and applies Adam (β₁ 0.9,
// β₂ 0.999, ε 1e-8; moments in float64; optional decoupled weight decay).
// Mini-batches are shuffled by the seeded source every epoch. Training
// stops after Config.Patience epochs without a better validation loss (the
// training loss when nothing is held out) and the best weights are
// restored; the learning rate is halved after Patience/2 epochs without
// improvement. With Config.Average (by default for [Global]) a moving
// average of the weights, updated after every step, competes with the
// weights at each epoch's validation, and the better of the two is the
// epoch's candidate (EpochStats.Averaged).
//
// A [Model] holds out the end of the series for validation (by default
// its last Horizon values, Config.ValFraction): no training window has a
// target there, and the validation loss is the mean loss of the forecasts
// of those values from every origin before them, up to Horizon steps
// ahead, which is how the model is used. Before the first epoch it scores
// the untrained network, which forecasts the baseline, as epoch 0; when no
// epoch beats it, the model keeps the baseline. On small data one
// network's forecast depends much on its seed, so Fit trains
// Config.Ensemble networks (by default 3 below 300 training windows, else
// 1) with seeds Seed, Seed+1, ... and Predict averages their outputs.
// Config.Callback receives an [EpochStats] after every epoch (train and
// validation loss, gradient norm, learning rate, elapsed time);
// [Model.History] returns them after Fit, with the kept epoch marked Best.
//
// A NaN or Inf loss or gradient ends the epoch: the best weights are
// restored, Adam's moments reset, the learning rate halved and the epoch
// marked Diverged. After three such epochs training stops. If it happens
// before any epoch succeeded (epoch 0 does not count), Fit returns a
// [*DivergenceError] naming the epoch. Cancelling Fit's context stops
// training between mini-batches; Fit then returns ctx.Err() and the model
// keeps the best weights so far.
//
// Training runs in float32 (Config.Float64 switches to float64); losses
// and gradient norms are accumulated in float64. The finite-difference
// gradient check of the tests runs the same generic code in float64.
//
// # Determinism
//
// The same series, Config and Seed give bit-identical weights and
// forecasts. A mini-batch is split into shards of at most 16 windows; the
// shard count depends on the batch size only. Config.Workers goroutines
// (default GOMAXPROCS) take shards round-robin, each with a private
// workspace and gradient buffer, and the shard gradients are summed in
// shard order. So results do not depend on the number of workers.
//
// # Pipeline
//
// Before the network sees a series of values y_t, Fit fits a small pipeline
// on the training history and stores it with the weights:
//
//   - Season m: Config.Season, or the conventional period of the series'
//     frequency (12 monthly, 24 hourly, ...), or for series without
//     timestamps the strongest period found by features.DetectPeriods.
//   - Log: z_t = log y_t when every value is positive and a multiplicative
//     classical decomposition fits better than an additive one (the
//     seasonal swing grows with the level, as for airline passengers).
//   - Seasonal normalisation: z_t −= s_{t mod m}, the seasonal indices of a
//     classical decomposition (features.Decompose) of the most recent
//     Config.SeasonalSpan seasons, when the M4 seasonality test passes;
//     for seasons longer than 24 (a year of days, a week of hours) the
//     indices are smoothed (features.SmoothIndices), since each averages
//     a few noisy values.
//   - Level: each window is taken relative to its level ℓ, the mean of its
//     last k = Config.LevelSpan values (default one season) plus d·(k−1)/2,
//     d the mean one-step change of z in the training data (the mean lags
//     the window's end by (k−1)/2 steps), and divided by the scale, the
//     standard deviation of the one-step changes of z. The same network
//     thus serves every level of a trending series.
//   - Baseline: the window's level carried forward,
//     b_j = mean of the last k values of the window extended by b_0..b_{j−1},
//     plus d·(k−1)/2, so b_0 = ℓ and the trend the level carries fades as
//     the extended window fills with the baseline's own values. It is the
//     forecast of the one-step recursion of a network that outputs zero.
//     The targets are (z_{T+j} − b_j)/scale, j = 0 … Horizon−1: the network
//     learns corrections of the baseline, and early stopping keeps the
//     baseline (epoch 0) unless training improves on it.
//   - Inputs per step: the scaled value, the standardised covariates
//     (standardised by the history), sine and cosine of the seasonal
//     phase of the next step (Config.Fourier pairs) and, for series with
//     timestamps, the calendar features of the next step
//     (features.Calendar: e.g. day of week for hourly data), so the last
//     step carries the phases of the first forecast.
//
// # Covariates
//
// Past covariates ([forecast.Covariate] with Known false) are read as
// inputs of the window's steps, up to the forecast origin: nothing is
// carried forward. The direct head forecasts Horizon steps from the
// window alone, so a model with past covariates forecasts at most Horizon
// steps; Predict refuses more ([ErrPastCovariates]) rather than guess
// their future. Known covariates (a promotion plan, prices, calendar and
// holiday indicators from forecast.AddCalendar) are inputs of the window's
// steps too, and their values at the Horizon target steps enter the head
// directly: output j gains Σ_c w_{c,j}·k_{c,T+j}, one weight per
// covariate and step (a linear effect of the covariate at the step it
// affects, which is what promotions and calendars have, at the cost of
// Horizon weights per covariate, not Horizon² as a dense head would
// need). A single-series model starts these weights at the ridge
// regression of the training targets on them (up to 8 known
// covariates), so its epoch 0 is the baseline plus the covariates' linear
// effect. Forecasts beyond the horizon continue block by block with the
// known covariates' future values in the window. Their future values come
// from the series given to Fit or Update (values beyond its last
// observation); Predict of more steps than they cover returns an error
// wrapping forecast.ErrFutureMissing. Update requires the covariates of
// the fit, by name and kind.
//
// Predict inverts every output: ŷ_{T+j} = exp(b_j + scale·out_j +
// s_{(T+j) mod m}) with the outputs averaged over the ensemble. Forecasts
// are in the units of the series and never NaN; Predict returns an error
// instead.
//
// The network takes its training windows from a small internal source
// interface, so the global model below draws windows from many series,
// each with its own normalisation. Both train their ensembles with one
// rule: a member whose training diverges fails the fit (the model is left
// unfitted), and on cancellation the members that finished an epoch are
// kept.
//
// # Global model
//
// [Global] is one network for many related series (stores, sensors,
// servers): the route by which the M4 competition's winners beat every
// statistical method, since one short series cannot teach a network much
// while hundreds of them share seasonal shapes. [NewGlobal] takes the same
// [Config]; [Global.Fit] takes a []*forecast.Series and [Global.Predict]
// returns one forecast per series. Per series, estimated from its own
// history:
//
//   - z_t = log y_t when every value is positive, else y_t over its mean
//     absolute value;
//   - seasonal indices s_{t mod m} of z (the mean deviation of each phase
//     from its season's mean over the last 4 seasons), when the series
//     passes the M4 seasonality test; by default (Config.SeasonalNorm
//     Auto) even ensemble members read windows with them removed and odd
//     members windows that keep the seasonal pattern;
//   - the window level ℓ, the mean of the deseasonalised window's last
//     season.
//
// The network reads the window (default 7 seasons: a week of hourly data)
// one season per step, m inputs a step (for m ≤ 64; else one value a
// step), so an LSTM of 7 steps sees the weekly pattern; a direct head of
// Config.Horizon outputs (default 2m) forecasts the whole horizon at once
// as z − s − ℓ, with no recursion to drift. Forecasts beyond the horizon
// are built block by block. The loss is MAE on this scale, which is close
// to half the sMAPE. Windows are drawn on the fly from the histories (never
// materialised): at most Config.MaxWindows per epoch (default 24000),
// spread evenly over series and time on a seeded grid. The last horizon of
// every series is held out as the validation set for early stopping
// (Patience 3, Epochs 30 at most, a moving average of the weights with
// decay 0.995 per step competing with the weights), and the seasonal
// indices used in training are estimated without it. Mini-batches are sharded over both
// cores exactly as for [Model], so a seed gives bit-identical forecasts.
// Global models are saved by [Global.Save] in the file format below under
// the magic "TSFGLOB\n" and version 3, with the per-series normalisation,
// last windows and the training data's frequency in the header's "Pipe";
// version 2 files read as version 3 ones, version 1 files (without the
// frequency) give a [*VersionError].
//
// Nothing a series' forecast needs besides the weights is learned: its
// state ([SeriesState]: transform, seasonal indices, last window, error
// scale, covariates) is computed from its own history by one rule, the
// one above, which Fit, [Global.Update] and [Global.State] share. So the
// model forecasts series it was never fitted on (Update adds them; State
// computes the state of any series), and a file of the weights alone
// ([Global.WeightsOnly], version 3 with no series; a few KB per series
// less) serves any number of series. A [Predictor] ([Global.NewPredictor])
// forecasts from a SeriesState with its own work buffers and only reads
// the weights: one Predictor per goroutine, all sharing one model, run at
// once, which is how a worker of a distributed pipeline (module beam)
// forecasts millions of series with one copy of the weights. Training
// stays on one machine, on the series given to Fit (a sample of them).
//
// Covariates (the same names and kinds in every series, else Fit fails)
// enter as in [Model]: each network step carries, after its Chunk
// values, Chunk values of each covariate at the same times (standardised
// with each covariate's mean and deviation over all series), and the head
// reads the known ones at the Horizon target steps; past covariates limit
// forecasts to Horizon steps. Calendar and holiday inputs reach the
// global network this way (forecast.AddCalendar).
//
// [Global] implements forecast.MultiForecaster, MultiUpdater,
// Intervaler and Saver; eval.Panel runs it in walk-forward validation, one
// fit per origin. Its accuracy on M4 Hourly, measured by bench/m4hourly.sh,
// is in BENCHMARKS.md and the README.
//
// # File format
//
// [Model.Save] writes, all integers little-endian:
//
//	magic     8 bytes  "TSF2ONE\n"
//	version   uint32   3
//	hlen      uint32   length of the header
//	header    hlen bytes of JSON: {"Config": ..., "Precision": "float32"|"float64",
//	                               "Params": count per member, "Members": k,
//	                               "Pipe": {season, log flag, seasonal indices,
//	                               scale, drift, covariate scalers, Fourier and
//	                               calendar features, window, level span,
//	                               horizon, last window, history length,
//	                               first timestamp, frequency}}
//	weights   k·Params IEEE-754 values of the header's precision, member
//	          after member, each in the order: per layer W ((in+H)×G·H,
//	          row-major, gates i f o g) and b (G·H), then w_y (H×Horizon,
//	          row-major) and b_y (Horizon), then w_k (known covariates ×
//	          Horizon, row-major)
//	crc       uint32   CRC-32 (IEEE) of every preceding byte
//
// Version 2 files (before known covariates) are read as version 3 files
// without them. Version 1 files (the one-step model before the direct
// head and the baseline) cannot be read: [Load] returns a [*VersionError] for them,
// and such a model must be fitted again.
// Floats in the JSON header round-trip exactly, so a loaded model forecasts
// exactly as the saved one.
//
// A model file is data: the loaders check every field of the header
// against caps (hidden size 4096, window and horizon 16384 values, season
// 16384, 64 Fourier pairs, 1024 covariates and ensemble members, 1 GiB of
// weights) and against each other (the parameter count of the
// architecture, in overflow-safe arithmetic; the lengths of the last
// windows; calendar features that the frequency has) before allocating
// anything sized by them, read the weights as the bytes arrive and verify
// the checksum before building the networks, which hold their weights and
// one step of forecast state only. A crafted or damaged file is an error,
// never a panic, and costs memory in proportion to its size. [Load] returns an error wrapping [ErrNotModel],
// [ErrTruncated] or [ErrCorrupt], or a [*VersionError] for another version.
// [Model.SaveFile] writes atomically (temporary file in the same
// directory, fsync, rename). The training history and callback are not
// saved.
package seq2one
