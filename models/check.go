package models

import (
	"errors"
	"fmt"
	"math"

	"github.com/tsforecast/tsforecast/forecast"
)

// checkFinite returns an error naming the first non-finite value of s.
func checkFinite(s *forecast.Series, model string) error {
	if s == nil {
		return fmt.Errorf("models: %s: nil series", model)
	}
	for i, v := range s.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("models: %s: series %q value %d is %v", model, s.ID, i, v)
		}
	}
	return nil
}

// needLen returns an error wrapping forecast.ErrTooShort when s has
// fewer than n values.
func needLen(s *forecast.Series, n int, model string) error {
	if s.Len() < n {
		return fmt.Errorf("models: %s: %w: series %q has %d values, need at least %d", model, forecast.ErrTooShort, s.ID, s.Len(), n)
	}
	return nil
}

// fitErr words the error err of model on the series s, wrapping
// forecast.ErrTooShort when err is tooShort, the fitting package's own
// error for a series too short, so that the fallbacks ([Fallback]) see it.
func fitErr(model string, s *forecast.Series, err, tooShort error) error {
	if errors.Is(err, tooShort) {
		return fmt.Errorf("models: %s: %w: series %q: %v", model, forecast.ErrTooShort, s.ID, err)
	}
	return fmt.Errorf("models: %s: series %q: %w", model, s.ID, err)
}

// predictDst returns dst resized to h for Predict, or an error for a
// negative horizon (as seq2one's Predict does).
func predictDst(dst []float64, h int) ([]float64, error) {
	if h < 0 {
		return nil, fmt.Errorf("models: negative horizon %d", h)
	}
	return resize(dst, h), nil
}

// constant writes h copies of v into dst, for the models whose forecast is
// flat; it fails with forecast.ErrNotFitted when fitted is false.
func constant(dst []float64, h int, v float64, fitted bool) ([]float64, error) {
	if !fitted {
		return nil, forecast.ErrNotFitted
	}
	dst, err := predictDst(dst, h)
	if err != nil {
		return nil, err
	}
	for i := range dst {
		dst[i] = v
	}
	return dst, nil
}

func resize(s []float64, n int) []float64 {
	if n > cap(s) {
		return make([]float64, n)
	}
	return s[:n]
}

// Panic messages.
const (
	errPeriod     = "models: seasonal period must not be negative"
	errSeasonKind = "models: unknown season kind"
)
