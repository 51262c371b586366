package arima

import "errors"

// Sentinel errors. Functions of this package wrap them with details, so
// callers test them with [errors.Is].
var (
	// ErrTooShort reports a series too short for the requested model: no
	// observation is left after differencing, or fewer than the conditional
	// sum of squares needs.
	ErrTooShort = errors.New("arima: series too short")

	// ErrNonFinite reports a NaN or an infinity in a series or a regressor.
	ErrNonFinite = errors.New("arima: non-finite value")

	// ErrOrder reports an invalid model specification: a negative order,
	// seasonal orders without a period, or a constant with two or more
	// differences.
	ErrOrder = errors.New("arima: invalid order")

	// ErrNonStationary reports an autoregressive part outside the
	// stationarity region where one is required (R: "non-stationary AR part
	// from CSS").
	ErrNonStationary = errors.New("arima: non-stationary AR part")

	// ErrFit reports a failed estimation: the optimiser met a non-finite
	// objective or gradient, the Hessian is singular, or the regression on
	// the differenced regressors is rank deficient.
	ErrFit = errors.New("arima: estimation failed")

	// ErrNoModel reports that the automatic search could not fit any model.
	ErrNoModel = errors.New("arima: no suitable model found")
)

// Panic messages for programmer errors.
const (
	errXregLen   = "arima: regressor length differs from series length"
	errNewXreg   = "arima: wrong number of future regressor columns"
	errHorizon   = "arima: negative horizon"
	errLevel     = "arima: interval level must be in (0, 100) percent"
	errIntervalN = "arima: interval destination length mismatch"
	errMethod    = "arima: unknown method"
	errCoefLen   = "arima: coefficient lengths do not match the order"
)
