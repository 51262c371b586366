// Package forecast holds the vocabulary every other package of tsforecast
// speaks: the [Series] type, the model interfaces, the errors models share,
// prediction intervals and the rule that picks a seasonal period.
//
// It depends only on the standard library and package features, so a
// program that builds series by hand and fits a model links no CSV code;
// package csvio loads series from files.
//
// # Series
//
// A [Series] is one target series with optional timestamps, optional named
// covariate columns and a [Freq] (minutely to yearly, or Step when the
// values carry no calendar). [Series.Validate] checks its invariants;
// [Series.Slice] cuts a history without copying; [Series.FutureTimes]
// continues the calendar grid of its timestamps ([Freq.GridIndex],
// [Freq.GridTime]).
//
// # Models
//
// A [Forecaster] is fitted on one series and forecasts it; an [Updater]
// also conditions a fitted model on a longer history without refitting. A
// [MultiForecaster] is fitted on many series at once and forecasts each of
// them (a global network, or a per-series model fitted on each); it may
// also be a [MultiUpdater], an [Intervaler] and a [Saver]. Models wrap
// [ErrNotFitted] and [ErrTooShort] so that callers can use errors.Is
// whatever the model.
//
// # Intervals
//
// An [Interval] is a central prediction interval at a level in percent
// (80, 95), the one unit of interval levels in tsforecast. Split-conformal
// intervals take the [ConformalQuantile] of calibration errors: the
// ⌈(n+1)·level/100⌉-th smallest of n ([ConformalRank]), which needs at least
// [MinCalibration] errors.
//
// # Seasons
//
// [Season] resolves the seasonal period of a series for every model and
// score, in one order: an explicit setting, then the conventional period of
// the series' frequency, then detection on data without a calendar.
// [CommonSeason] applies it to the series of one file.
//
// # Writing files
//
// [WriteFileAtomic] writes a file through a temporary file in the same
// directory and a rename, so readers never see half a file.
package forecast
