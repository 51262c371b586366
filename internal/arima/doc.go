// Package arima fits, selects and forecasts seasonal ARIMA models with
// optional regressors, following R's stats::arima and
// forecast::auto.arima.
//
// # Model
//
// A regression with seasonal ARIMA(p,d,q)(P,D,Q)[m] errors:
//
//	y_t = c + δ·t + Σ_j β_j x_{j,t} + z_t,
//	φ(B) Φ(B^m) (1-B)^d (1-B^m)^D z_t = θ(B) Θ(B^m) ε_t,  ε_t ~ N(0, σ²),
//
// with φ(B) = 1 - φ₁B - … - φ_pB^p, θ(B) = 1 + θ₁B + … + θ_qB^q, and Φ, Θ
// the seasonal polynomials of orders P and Q. The intercept c is used
// only without differences (it is then the mean), the drift δ only with
// d + D = 1 (forecast::Arima's include.constant), the user regressors x_j
// always. See [Order], [Coef] and [Fit].
//
// # Differencing and the likelihood
//
// R's arima keeps the differencing in the state vector and gives those
// states a diffuse prior of variance κ = 1e6 (in units of σ²), dropping
// from the likelihood the observations whose prediction variance exceeds
// 1e4. This package instead differences y and the regressors first,
// w_t = (1-B)^d (1-B^m)^D (y_t - x_t'β), and evaluates the exact Gaussian
// likelihood of the stationary ARMA process w with the state started from
// its stationary distribution. That is the limit κ → ∞ of R's likelihood
// (Ansley & Kohn 1985), and equals statsmodels' likelihood with
// simple_differencing=True and its exact diffuse initialisation. For the
// log airline model it differs from R's by about 3e-3 in the
// log-likelihood, R's error from the finite κ. Forecasts put the
// differencing back into the state (R's KalmanForecast), so point
// forecasts and standard errors are those of the full ARIMA model.
//
// # State space form and Kalman filter
//
// The ARMA part uses Harvey's representation with r = max(p', q'+1)
// states, p' = p + mP and q' = q + mQ the orders of the expanded
// polynomials (Gardner, Harvey & Phillips 1980; Durbin & Koopman 2012,
// §3.4). The stationary initial covariance P₀ solves P₀ = T P₀ T' + R R';
// its first column follows from the autocovariances of the ARMA process,
// found by solving p'+1 linear equations, and the rest from that column.
// The likelihood is evaluated by the Chandrasekhar recursions (Morf,
// Sidhu & Kailath 1974), which update the rank-one difference
// P_{t+1} - P_t instead of P_t: O(r) work per observation instead of the
// O(r²) of R's ARIMA_Like, no allocation, and the same values up to
// rounding. Once the difference vanishes the filter continues with the
// steady-state gain. The final pass that produces residuals and the state
// for forecasting is the ordinary Kalman filter of R's ARIMA_Like.
//
// # Estimation
//
// [Estimate] follows stats::arima's "CSS-ML": starting values for the
// regression coefficients by least squares on the differenced data (the
// regressors rotated by their right singular vectors when there are
// several), minimisation of the conditional sum of squares, a check that
// the CSS AR parts are stationary, then maximisation of the exact
// likelihood with σ² concentrated out. Both minimisations use a
// translation of R's optim "BFGS" (vmmin) with its central-difference
// gradient (step 1e-3 on parameters scaled by optim's parscale) and
// tolerances (reltol 1.49e-8, 100 iterations). During ML the AR and
// seasonal AR coefficients are transformed to partial autocorrelations
// through tanh (R's partrans), which keeps them stationary; MA parts that
// end non-invertible are inverted by reflecting their roots. The
// coefficient variances come from optim's numerical Hessian.
//
// # Automatic selection
//
// [Auto] implements Hyndman & Khandakar (2008) as the current sources of
// forecast::auto.arima do: the seasonal difference from the strength of
// seasonality of an STL decomposition ([SeasonalStrength], [NSDiffs];
// Wang, Smith & Hyndman 2006, threshold 0.64), the first differences
// from repeated KPSS tests ([KPSS], [NDiffs]; Kwiatkowski et al. 1992),
// then the stepwise search over p ≤ 5, q ≤ 5, P ≤ 2, Q ≤ 2 with the
// neighbour moves of auto.arima and selection by AICc, optionally
// approximated by CSS fits for long series (more than 150 values) or long
// periods (above 12). The STL decomposition is a translation of the
// Fortran behind R's stl (Cleveland et al. 1990) with forecast::mstl's
// settings. The OCSB, HEGY and Canova–Hansen seasonal tests and the ADF
// and PP unit-root tests of auto.arima are not implemented.
//
// # Errors
//
// Data problems return errors wrapping the sentinels [ErrTooShort],
// [ErrNonFinite], [ErrOrder], [ErrNonStationary], [ErrFit] and
// [ErrNoModel]. Mismatched lengths of regressors and an unknown [Method]
// are programmer errors and panic. Results are deterministic: the same
// input gives bit-identical output.
//
// # References
//
//   - Ansley, C.F. & Kohn, R. (1985). Estimation, filtering and smoothing
//     in state space models with incompletely specified initial
//     conditions. Annals of Statistics 13(4), 1286–1316.
//   - Cleveland, R.B., Cleveland, W.S., McRae, J.E. & Terpenning, I.
//     (1990). STL: a seasonal-trend decomposition procedure based on
//     loess. Journal of Official Statistics 6(1), 3–73.
//   - Durbin, J. & Koopman, S.J. (2012). Time Series Analysis by State
//     Space Methods, 2nd ed. Oxford University Press.
//   - Gardner, G., Harvey, A.C. & Phillips, G.D.A. (1980). Algorithm AS
//     154. Applied Statistics 29, 311–322.
//   - Hyndman, R.J. & Khandakar, Y. (2008). Automatic time series
//     forecasting: the forecast package for R. Journal of Statistical
//     Software 27(3).
//   - Kwiatkowski, D., Phillips, P.C.B., Schmidt, P. & Shin, Y. (1992).
//     Testing the null hypothesis of stationarity against the alternative
//     of a unit root. Journal of Econometrics 54, 159–178.
//   - Morf, M., Sidhu, G.S. & Kailath, T. (1974). Some new algorithms for
//     recursive estimation in constant, linear, discrete-time systems.
//     IEEE Transactions on Automatic Control 19(4), 315–323.
//   - Nash, J.C. (1990). Compact Numerical Methods for Computers, 2nd ed.
//     Adam Hilger (the BFGS variant of R's optim).
//   - Wang, X., Smith, K.A. & Hyndman, R.J. (2006). Characteristic-based
//     clustering for time series data. Data Mining and Knowledge
//     Discovery 13(3), 335–364.
package arima
