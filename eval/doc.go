// Package eval measures forecasts: accuracy metrics (MAE, RMSE, MAPE, sMAPE,
// MASE, OWA), walk-forward (rolling-origin) validation and conformal
// prediction intervals.
//
// A forecast is only as good as the evidence for it. Every model satisfies
// [forecast.Forecaster], so the same walk-forward run scores a network and
// the baselines side by side on the same folds and says whether the
// network earns its cost.
//
// # Metrics
//
// [MAE], [RMSE], [Bias], [MAPE], [SMAPE], [MASE] and [OWA] follow the
// definitions of the M4 competition (Makridakis, Spiliotis and
// Assimakopoulos, IJF 36(1), 2020) where it has one. Each is a scalar
// function of equal-length slices: it returns NaN for empty input, panics
// on a length mismatch, and documents its behaviour at zeros. Interval
// metrics are [Coverage], [MeanWidth], [Pinball] and [IntervalPinball].
//
// # Walk-forward validation
//
// [WalkForward] evaluates a list of [Model] values (a name and a
// constructor) on one series as a [Backtest] says: horizon, step between
// origins, number of origins counted back from the end (or a first
// training size), an expanding or sliding window, and how often to refit.
// [WalkForwardMany] does the same over many series and summarises the
// models as M4 does (mean sMAPE and MASE over series, OWA against the
// reference model, M4's Naive2). Folds run in parallel and results are
// deterministic. MASE uses the seasonal period of forecast.Season unless
// [Backtest].Season fixes it. [Panel] lets a model fitted on many series at
// once (a [forecast.MultiForecaster]) take part, one fit per origin.
// A model that fails a fold returns a [*FoldError].
//
// # No leakage
//
// A fold hands each model only the values before its origin, as a
// [forecast.Series.Slice] whose capacity ends at the origin; models fit
// their scalers, features and seasonality estimates inside Fit, so nothing
// after the origin can reach them. Conformal intervals of a fold are
// calibrated only on earlier folds whose horizons ended by its origin. The
// package tests prove this by poisoning the future with NaN.
//
// # Intervals
//
// [Calibrate] collects the absolute errors of a walk-forward run at each
// horizon step; [Calibration.Intervals] puts split-conformal intervals
// (the per-step quantiles of [ConformalRadius], with the rank of
// forecast.ConformalQuantile) around a point forecast, and
// [ConformalForecast] does both for any model.
// Inside a walk-forward run with [Backtest.Levels], each fold gets
// intervals calibrated on the earlier folds only, so coverage on later
// folds is an honest out-of-sample check; [Backtest.ScaledIntervals]
// calibrates on errors relative to each fold's MASE scale instead.
//
// # Output
//
// [Result] and [MultiResult] are plain structs with exported fields: per
// fold, per horizon step, per model and a summary. They write themselves
// as CSV ([Result.WriteCSV]), JSON ([Result.WriteJSON], where non-finite
// numbers become null) and as a text table ranked best first
// ([Result.WriteSummary]).
package eval
