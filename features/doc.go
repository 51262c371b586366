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
// Package seq2one builds its own windows (level-relative, with seasonal
// views) but takes its seasonal machinery from here: [SeasonalityTest] and
// [Decompose] decide and remove the season, [Diff] with [DetectPeriods]
// proposes a period when none is given, [Standard] scales covariates (its
// exported fields go into the model file), and [Calendar] (defaults from
// [CalendarFor]) and [Fourier] add input columns that are known for future
// times too.
//
// Package eval uses [SeasonalityTest] and [Decompose] (multiplicative) for
// the M4 Naive2 benchmark: when the M4 90 % autocorrelation test finds the
// series seasonal at its period, the forecast is the last deseasonalised
// value times [Decomposition.SeasonalAt] of the future time. Holt-Winters
// takes its initial seasonal states from [Decompose], and the baselines
// resolve an unset period with [DetectPeriods].
//
// The command tsforecast uses [DetectPeriods] (on the series or its first
// differences) to propose a seasonal period when the user gives none, and
// [ACF] for its autocorrelation chart; package plots uses [ACF] for the
// residual diagnostics.
//
// The window functions ([WindowIndex], [NewWindows], [FillWindow],
// [Windows.Fill]), the other scalers ([MinMax], [Log]), [NormalizeColumn]
// and [Undiff] are for library users who build their own models: the
// window functions copy windows into reused buffers without allocating and
// never let a window straddle a gap or a filled-in value.
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
