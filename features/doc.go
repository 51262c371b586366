// Package features turns series into model inputs and describes their
// seasonality: sliding windows, scalers, differencing, autocorrelation,
// seasonal period detection, classical decomposition, and calendar and
// Fourier features.
//
// Every function works on plain []float64 series, as held by
// [forecast.Series].Values, and follows the dst-first convention of gonum:
// the output is the first argument, a nil dst means "allocate", a non-nil
// dst must have the documented length, and inputs are never modified
// unless the doc comment says dst may alias them.
//
// # How the other packages use it
//
// Package seq2one trains LSTM and RNN models on windows. It fits a [Scaler]
// ([Standard], [MinMax], or [Log] for positive data) on the training part
// only, transforms the series, and indexes its windows with [WindowIndex]
// or [NewWindows]. During training it draws window indices in a seeded
// random order and copies each window into reused buffers with
// [FillWindow] or [Windows.Fill], which do not allocate, so many series can
// be trained on without materialising every window. [NormalizeColumn]
// applies per-window (instance) normalisation. Calendar features
// ([Calendar], with defaults from [CalendarFor]) and [Fourier] terms are
// extra input columns; they are known for future times too. The fitted
// scalers have exported fields so that the model file can store them, and
// [Standard.InverseTo] and friends map predictions back.
//
// Package eval uses [SeasonalityTest] and [Decompose] (multiplicative) for
// the M4 Naive2 benchmark: when the M4 90 % autocorrelation test finds the
// series seasonal at its period, the forecast is the last deseasonalised
// value times [Decomposition.SeasonalAt] of the future time.
//
// The command tsforecast uses [DetectPeriods] to propose a seasonal period
// when the user gives none, and [Diff]/[Undiff] for differenced models.
//
// # Windows
//
// A window starting at s holds inputs s..s+Window-1 (target plus
// covariates, step-major) and labels s+Window..s+Window+Horizon-1. Windows
// never straddle a gap: breaks (indices where the next observation does not
// follow the previous one) and masked values (observations filled in by
// interpolation or forward fill) split the series into segments, and each
// segment of length L ≥ Window+Horizon holds (L−Window−Horizon)/Stride+1
// windows, placed from the segment's end so that the newest data is always
// used.
//
// # Errors and panics
//
// Problems that come from data (too short, NaN or ±Inf, non-positive
// values for a log or multiplicative model) are returned as errors that
// wrap [ErrTooShort], [ErrNonFinite], [ErrNonPositive], [ErrEmpty] or
// [ErrPeriod] and say where the problem is. Wrong buffer lengths, negative
// sizes and unknown enum values are programmer errors and panic with a
// message starting "features:".
//
// # References
//
// The ACF and classical decomposition match statsmodels (acf with
// adjusted=False; seasonal_decompose with a two-sided filter) to 1e-12 on
// the airline passengers series; the seasonality test is the one of the M4
// competition's benchmark code (M4-methods, "Benchmarks and Evaluation.R").
package features
