package theta

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors. Functions that fail because of the data return an error
// wrapping one of these, so callers can test with [errors.Is].
var (
	// ErrTooShort reports a series with fewer than [MinLength] values, or
	// too short for the seasonal decomposition that Settings.Season
	// demands (two full periods).
	ErrTooShort = errors.New("theta: series too short")
	// ErrNonFinite reports a NaN or ±Inf in the series, or values so large
	// that the fit overflows.
	ErrNonFinite = errors.New("theta: non-finite value")
)

// Panic messages for programmer errors.
const (
	errMethod  = "theta: unknown method"
	errSeason  = "theta: unknown season mode"
	errAlpha   = "theta: Settings.Alpha outside [0, 1]"
	errTheta   = "theta: Settings.Theta must be 0 or at least 1"
	errPeriod  = "theta: negative period"
	errHorizon = "theta: negative horizon"
	errDst     = "theta: dst has the wrong length"
	errLevel   = "theta: interval level must be in (0, 100) percent"
)

// checkSeries returns an error wrapping ErrTooShort or ErrNonFinite if y
// cannot be fitted.
func checkSeries(what string, y []float64) error {
	if len(y) < MinLength {
		return fmt.Errorf("%w: %s: %d values, need at least %d", ErrTooShort, what, len(y), MinLength)
	}
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s: y[%d] = %v", ErrNonFinite, what, i, v)
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
		panic(errDst)
	}
	return dst
}
