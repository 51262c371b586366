// Package forecast is the entry point of tsforecast: the [Series] type, the
// CSV loaders and the [Forecaster] interface that every model satisfies.
package forecast
