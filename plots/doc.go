// Package plots renders forecast-vs-actual charts and PNG reports with
// gonum/plot.
package plots
