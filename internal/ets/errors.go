package ets

import "errors"

var (
	// ErrTooShort is returned (wrapped) when a series has too few values for
	// the requested model, or for any candidate model of Select. Callers can
	// test for it with errors.Is and fall back to a simpler method.
	ErrTooShort = errors.New("ets: series too short")

	// ErrNonFinite is returned (wrapped) when a series holds NaN or ±Inf.
	ErrNonFinite = errors.New("ets: non-finite value in series")

	// ErrNonPositive is returned (wrapped) when a model with a multiplicative
	// component is asked for on a series with a zero or negative value.
	ErrNonPositive = errors.New("ets: multiplicative model needs strictly positive data")

	// ErrPeriod is returned (wrapped) for a seasonal spec with a period
	// outside 2..24.
	ErrPeriod = errors.New("ets: seasonal period must be in 2..24")

	// ErrNoFit is returned (wrapped) when the optimiser cannot evaluate the
	// likelihood at the starting values of any candidate.
	ErrNoFit = errors.New("ets: likelihood not finite at the starting values")
)

const (
	panicLevel     = "ets: level must be in (0, 100)"
	panicLen       = "ets: slice length mismatch"
	panicH         = "ets: negative horizon"
	panicSpec      = "ets: invalid spec"
	panicOptimizer = "ets: unknown optimizer"
)
