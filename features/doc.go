// Package features turns series into model inputs: sliding windows, scalers,
// differencing, seasonal period detection and decomposition, calendar and
// Fourier features.
//
// Every function works on plain []float64 series (see [forecast.Series] for
// where they come from) and follows the dst-first convention: the output is
// the first argument, nil means "allocate", and inputs are never modified.
package features
