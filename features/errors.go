package features

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors. Functions that fail because of the data return an error
// that wraps one of these, so callers can test with [errors.Is] and still
// print a message that says where the problem is.
var (
	// ErrTooShort reports a series too short for the requested operation
	// (a decomposition needs two full periods, a window needs Window+Horizon
	// observations).
	ErrTooShort = errors.New("features: series too short")
	// ErrNonFinite reports a NaN or ±Inf value in the input.
	ErrNonFinite = errors.New("features: non-finite value")
	// ErrNonPositive reports a zero or negative value where only positive
	// values are allowed (multiplicative decomposition, log transform).
	ErrNonPositive = errors.New("features: non-positive value")
	// ErrEmpty reports an empty input to a Fit method.
	ErrEmpty = errors.New("features: empty input")
	// ErrPeriod reports a seasonal period below 2.
	ErrPeriod = errors.New("features: seasonal period must be at least 2")
)

// Panic messages for programmer errors.
const (
	errLength    = "features: length mismatch"
	errDstLength = "features: dst has the wrong length"
	errNegLag    = "features: lag must be positive"
	errMaxLag    = "features: negative maximum lag"
	errKind      = "features: unknown decomposition kind"
	errCalendar  = "features: unknown calendar feature"
	errFourier   = "features: Fourier period must be positive and k non-negative"
	errWindow    = "features: window must be positive, horizon and stride non-negative"
	errBreak     = "features: break index out of range"
	errMask      = "features: mask length differs from series length"
	errStart     = "features: window start out of range"
)

// checkFinite returns an error wrapping ErrNonFinite naming the first
// non-finite value of x, or nil.
func checkFinite(what string, x []float64) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s: value %v at index %d", ErrNonFinite, what, v, i)
		}
	}
	return nil
}

// checkPositive returns an error wrapping ErrNonPositive naming the first
// value of x not above zero, or nil.
func checkPositive(what string, x []float64, shift float64) error {
	for i, v := range x {
		if !(v+shift > 0) {
			return fmt.Errorf("%w: %s: value %v at index %d", ErrNonPositive, what, v, i)
		}
	}
	return nil
}

// useDst returns dst if it has length n, a new slice if dst is nil, and
// panics otherwise.
func useDst(dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic(errDstLength)
	}
	return dst
}
