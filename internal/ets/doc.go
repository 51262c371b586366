// Package ets fits exponential smoothing state space (ETS) models of
// Hyndman, Koehler, Ord & Snyder and selects among them automatically, as
// R's forecast::ets does with its defaults.
//
// # Models
//
// A model is named by a [Spec]: error A or M, trend N, A or Ad (damped),
// season N, A or M (multiplicative trends are not supported). With level
// l, trend b, seasonal states s, damping φ (1 without damping), one-step
// forecast ŷ_t = (l + φb) ⊕ s_{t−m} (⊕ adds or multiplies) and innovation
// ε_t, the observation is y_t = ŷ_t + ε_t (additive error) or
// ŷ_t(1 + ε_t) (multiplicative error), and the states follow R's etscalc:
//
//	q   = l_{t−1} + φb_{t−1}
//	a   = y_t − s_{t−m}   or  y_t / s_{t−m}   (season A or M; y_t without)
//	l_t = q + α(a − q)
//	b_t = φb_{t−1} + β(a − q)
//	s_t = s_{t−m} + γ(y_t − q − s_{t−m})  or  s_{t−m} + γ(y_t/q − s_{t−m})
//
// which is the error-correction form of Hyndman et al. (2008, Table 2.3)
// for both error types.
//
// # Likelihood and estimation
//
// [Estimate] maximises the likelihood over α, β, γ, φ and the initial
// states l_0, b_0, s_0, …, s_{m−2}; the last seasonal state is implied by
// normalisation (additive states sum to 0, multiplicative ones to m). The
// objective is R's lik = n·log(Σe_t²) + 2·Σlog|ŷ_t| (the last term for
// multiplicative errors only), with e_t = y_t − ŷ_t or (y_t − ŷ_t)/ŷ_t;
// the log-likelihood is −lik/2 and, with k the number of estimated
// parameters plus one for the variance, AIC = lik + 2k,
// AICc = AIC + 2k(k+1)/(n−k−1), BIC = lik + log(n)·k.
//
// Parameters are restricted as R's bounds = "both": α ∈ [1e-4, 0.9999],
// β ∈ [1e-4, α], γ ∈ [1e-4, 1−α], φ ∈ [0.8, 0.98], and the admissible region
// of Hyndman, Akram & Archibald (2008), which for seasonal models requires
// the roots of the characteristic polynomial to lie in the unit circle
// (decided here with the Schur–Cohn recursion instead of root finding).
// Multiplicative seasonal states must be non-negative.
//
// The default optimiser, [MultiStart], searches from several starts:
//
//   - It scores a grid of smoothing parameters (α ∈ {0.01, 0.1, 0.3, 0.5,
//     0.8}, β/α ∈ {0.01, 0.2}, γ/(1−α) ∈ {0.01, 0.3, 0.8}, φ ∈ {0.98,
//     0.9}, as the spec has them) with heuristic initial states: R's
//     initstate (a classical decomposition of the whole series for
//     n >= 3m, a Fourier regression below; a mean or a line through the
//     first max(10, 2m) adjusted values for l_0 and b_0) and, for seasonal
//     specs of series longer than five seasons, the same computed on the
//     first five seasons only, which suits series whose seasonal amplitude
//     grows.
//   - From R's starting values (initparam and initstate) for seasonal
//     specs, and from the two best grid points (five without a season), it
//     refines the initial states by Gauss–Newton steps on Σe² (exact for
//     linear models), runs a short Nelder–Mead search (64 evaluations in
//     all) and then Levenberg–Marquardt steps on all parameters.
//   - The best optimum wins.
//
// The Levenberg–Marquardt steps work on logits of each smoothing
// parameter's position within its bounds (α between the bounds, β between
// 1e-4 and α, γ between 1e-4 and 1−α, φ between 0.8 and 0.98) and the
// states divided by the series' mean absolute value (multiplicative
// indexes unscaled); outside the admissible region or with a negative
// multiplicative index the objective is +Inf, so such a step is rejected
// and the damping raised.
// They use the exact gradient and Gauss–Newton matrix: the concentrated
// likelihood is lik = n·log Σr_t² with r_t = e_t·G, G the geometric mean
// of |ŷ_t| (1 for additive errors), and the derivatives of the errors and
// one-step forecasts with respect to every parameter and initial state
// come from forward-mode differentiation of the recursion (tangents
// propagated with the states). Marquardt's diagonal scaling and Nielsen's
// damping update are used; a search ends when two accepted steps in a row
// lower lik by less than 1e-3, after 100 Jacobians, or when no damped step
// lowers it.
//
// [NelderMead], this package's earlier optimiser, is R's Nelder–Mead
// (nmmin, reflection 1, contraction 0.5, expansion 2, relative tolerance
// √ε) from R's starting values on the same vector without the logits, with
// three additions: Gauss–Newton refinements of the initial states,
// restarts from the best point, and a second start at α = 0.5 sharing the
// budget of Settings.MaxEval (2000) likelihood evaluations per model.
//
// Both optimisers are deterministic.
//
// # Selection
//
// [Select] fits the specs of [Candidates] and keeps the lowest AICc (or
// AIC, BIC): error A and M, trend N, A, Ad, season N, A, M, without
// additive errors with a multiplicative season (R's restrict = TRUE),
// without multiplicative components for data with a value <= 0, without
// seasons for m < 2, m > 24 or n <= m, and without specs whose p free
// parameters leave n < p+3 (infinite AICc). Series shorter than [MinLen]
// (7) get an error wrapping [ErrTooShort], as does a spec of [Estimate]
// with n < p+2, so callers can fall back to simpler methods. A constant
// series gets ETS(A,N,N) with α = 0.9999, as in R.
//
// # Forecasts and intervals
//
// [Fit.Forecast] gives the recursion's point forecasts, which are the
// forecast means for classes 1 and 2 of Hyndman et al. (2008, ch. 6) and for
// h <= m in class 3. [Fit.Interval] gives level% intervals (level in
// percent): analytic for classes 1 and 2 (R's class1 and class2 variances,
// normal limits), simulated for multiplicative seasons (Settings.Paths
// Gaussian sample paths from a seeded PCG, type-7 quantiles).
// [Fit.Refilter] runs a fitted model over a longer series without
// re-estimation.
//
// # Differences from R
//
//   - The optimiser: R's plain Nelder–Mead from one start often stops far
//     from the optimum on seasonal models, so R's ets can choose a
//     different spec than the likelihood at its optimum would (on
//     AirPassengers ETS(M,Ad,M), where ETS(M,A,M) has the higher
//     likelihood and the lower AICc at both this package's and statsmodels'
//     optimum).
//   - R's etsforecast accumulates φ^h instead of φ^(h+1) in damped
//     multi-step forecasts; R's forecast.ets does not use it for these
//     models, and neither does this package.
//   - R's class1 variance places γ on the second seasonal state of models
//     without a trend (ANA, MNA); here it updates the newest one, as in
//     Hyndman et al. (2008, Table 6.1).
//   - Class-3 intervals are simulated (R's default computes analytic
//     moments), and class-3 point forecasts omit R's O(σ²) mean correction
//     for h > m.
//   - Series shorter than 7 values are an error, not R's HoltWinters
//     fallback; missing values are not supported.
//
// # References
//
// Hyndman, R.J., Koehler, A.B., Snyder, R.D. & Grose, S. (2002) A state
// space framework for automatic forecasting using exponential smoothing
// methods. International Journal of Forecasting 18(3), 439–454.
//
// Hyndman, R.J., Koehler, A.B., Ord, J.K. & Snyder, R.D. (2008) Forecasting
// with Exponential Smoothing: The State Space Approach. Springer.
//
// Hyndman, R.J., Akram, Md. & Archibald, B. (2008) The admissible parameter
// space for exponential smoothing models. Annals of the Institute of
// Statistical Mathematics 60(2), 407–426.
//
// Marquardt, D.W. (1963) An algorithm for least-squares estimation of
// nonlinear parameters. Journal of the Society for Industrial and Applied
// Mathematics 11(2), 431–441.
//
// Madsen, K., Nielsen, H.B. & Tingleff, O. (2004) Methods for Non-Linear
// Least Squares Problems, 2nd ed. Technical University of Denmark
// (Nielsen's damping update, Algorithm 3.16).
//
// R package forecast, functions ets, etsmodel, initstate, admissible,
// forecast.ets, class1, class2 and C code etscalc.c.
package ets
