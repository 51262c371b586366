// Package eval measures forecasts: accuracy metrics (MAE, RMSE, MAPE, sMAPE,
// MASE, OWA), the baseline models every report compares against, walk-forward
// (rolling-origin) validation and conformal prediction intervals.
package eval
