// Package features turns series into model inputs: sliding windows, scalers,
// differencing, seasonal period detection and decomposition, calendar and
// Fourier features.
package features
