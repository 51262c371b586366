// Package theta fits and forecasts Theta models on plain []float64 series:
// the standard Theta method of Assimakopoulos & Nikolopoulos (2000) in the
// form of statsmodels ThetaModel, and the state-space Theta models STM,
// OTM, DSTM and DOTM of Fiorucci et al. (2016) with automatic selection
// among them, as R's forecTheta and Nixtla statsforecast's AutoTheta
// provide.
//
// # Models
//
// Every model works on the seasonally adjusted series y (see below) and
// forecasts it as an SES level plus a share w = 1 − 1/θ of a linear trend.
//
// [Standard] (Hyndman & Billah 2003; statsmodels 0.13.5 ThetaModel with
// fit(use_mle=False)): b0 is the OLS slope of y on time, the level ℓ_t is
// SES with parameter α from ℓ = y[0], and the h-step forecast from n values
// is
//
//	ℓ_n + w·b0·(h − 1 + (1 − (1−α)^n)/α),   θ = 2 by default.
//
// [STM], [OTM], [DSTM], [DOTM] (Fiorucci, Pellegrini, Louzada, Petropoulos
// & Koehler 2016, "Models for optimising the theta method and their
// relationship to state space models", IJF 32(4), 1151–1161; forecTheta's
// twoTL): with t = 1, 2, … and the trend line A_t + B_t·t,
//
//	y_t = μ_t + ε_t
//	μ_t = ℓ_{t−1} + w·[(1−α)^(t−1)·A_{t−1} + B_{t−1}·(1 − (1−α)^t)/α]
//	ℓ_t = α·y_t + (1−α)·ℓ_{t−1}
//
// The static models STM (θ = 2) and OTM (θ estimated) fix A and B to the
// OLS line of the whole series; the dynamic models DSTM and DOTM update it
// with each observation (Ȳ_t the running mean):
//
//	B_t = ((t−2)·B_{t−1} + 6·(y_t − Ȳ_{t−1})/t) / (t+1),  A_t = Ȳ_t − B_t·(t+1)/2
//
// which is the OLS line of y_1..y_t, starting from A_1 = y_1, B_1 = 0,
// μ_1 = y_1. Forecasts run the recursion on, feeding each forecast back as
// the observation. STM reproduces the original two-theta-line method
// exactly (theta line Z = 2y − L extrapolated by SES from 2ℓ0, averaged
// with the line L); Standard differs from it only in the initialisation
// (ℓ = y[0] instead of an estimated ℓ0, hence (1−α)^n in place of
// (1−α)^(n+1) and no A term).
//
// # Seasonal adjustment
//
// With Settings.Period m ≥ 2, the series is adjusted when the M4
// competition's 90 % autocorrelation test [features.SeasonalityTest] finds
// it seasonal (it needs n ≥ 3m), or always or never per Settings.Season.
// The adjustment divides by the indices of the classical multiplicative
// decomposition [features.Decompose] (additive when asked for, or when the
// series has a value ≤ 0); forecasts, fitted values and interval bounds
// are multiplied back by the index of their time.
//
// # Estimation and selection
//
// Standard: α ∈ [1e-4, 1 − 1e-4] minimises the sum of squared SES errors,
// which is what statsmodels' ExponentialSmoothing likelihood maximises.
// STM…DOTM: ℓ0, α ∈ [0.1, 0.99] and (OTM, DOTM) θ ∈ [1, 1e10] minimise the
// sum of squared one-step errors, over all times for the static models and
// from the third for the dynamic ones (forecTheta's loss and bounds). As
// the forecasts are linear in ℓ0 and w for a given α, both are solved for
// exactly and only α is searched: Brent's method refines the best point
// of a 21-point grid to about 1e-9, with no random starts. (A better local
// minimum hiding between two grid points would be missed; on the reference
// series the loss was never worse than scipy's restarted searches.)
//
// [Auto] fits STM, OTM, DSTM and DOTM and keeps the one with the smallest
// mean squared one-step error from the fourth observation on ([Model.MSE]),
// the criterion of statsforecast's AutoTheta.
//
// # Prediction intervals
//
// [Model.Interval] gives central intervals at a level in percent. They are
// analytic: the models are linear in the errors, so the h-step error
// variance σ²·Σ c_j² follows from propagating the effect of each future
// error through the recursion (σ²·(1 + (h−1)·α²) for Standard and the
// static models); σ² is [Model.MSE]. No random numbers are involved.
//
// # Refiltering
//
// [Model.Refilter] runs a fitted model over a longer (or another) history
// with the same parameters, seasonal indices and trend line, for rolling
// forecasts without re-estimation.
//
// # Differences from the reference implementations
//
// statsmodels ThetaModel tests seasonality with the statistic
// n·r_m²/(1 + Σ_{k<m} r_k²) against 1.645², without the factor 2 of the
// M4 test and without n ≥ 3m, so it adjusts more series; its SES α comes
// from L-BFGS and is precise to about 1e-5 (it can also stop at a local
// minimum). forecTheta keeps θ of stm/dstm in [1.99999, 2.00001] rather
// than at 2, searches by Nelder-Mead and tests seasonality with 1.64 only
// for frequencies 4 and 12 (or ≥ 3 in later versions); statsforecast
// (theta.py) keeps its states in float32, scores the errors from the
// fourth observation on for every model in estimation too, switches to an
// additive decomposition when an index is below 0.01, and tests
// seasonality only for m ≥ 4. Both simulate 200 paths for the intervals,
// with the dynamic trend update even for the static models.
//
// # Errors and panics
//
// Fit, Auto and Refilter return errors wrapping [ErrTooShort] (fewer than
// [MinLength] values, or fewer than two periods when SeasonAlways asks for
// an adjustment) and [ErrNonFinite] (NaN or ±Inf values, or an overflowing
// fit). Invalid settings, unknown methods, negative horizons, interval
// levels outside (0, 100) and destination slices of the wrong length are
// programmer errors and panic with a message starting "theta:".
package theta
