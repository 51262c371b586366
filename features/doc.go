// Package features turns series into model inputs and describes their
// seasonality: sliding windows, scalers, differencing, autocorrelation,
// seasonal period detection, classical decomposition, and calendar and
// Fourier features.
//
// Every function works on plain []float64 series and follows the dst-first convention of gonum:
// the output is the first argument, a nil dst means "allocate", a non-nil
// dst must have the documented length, and inputs are never modified
// unless the doc comment says dst may alias them.
//
// # Contents
//
//   - Seasonality: [ACF], the M4 [SeasonalityTest], [DetectPeriods],
//     the classical [Decompose], [STL] and the multiple-season [MSTL];
//     [SmoothIndices] filters the noise out of long seasons' indices.
//   - Scaling and differencing: [Standard], [MinMax], [Log],
//     [NormalizeColumn], [Diff] and [Undiff].
//   - Inputs known in advance: [Calendar] (sine/cosine of calendar cycles)
//     and [Fourier] terms of any period.
//   - Windows for models that learn from them: [WindowIndex],
//     [NewWindows], [FillWindow] and [Windows.Fill] copy windows into
//     reused buffers without allocating and never let a window straddle a
//     gap or a filled-in value.
//
// The package depends only on gonum.
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
