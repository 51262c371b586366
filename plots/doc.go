// Package plots draws the charts a forecaster looks at and gathers them into
// a report folder. It renders with gonum/plot into PNG images.
//
// # Charts
//
// Each chart is a plain struct of slices that implements [Chart]; the
// package depends on no model code, so anything that produces numbers can be
// drawn:
//
//   - [ForecastChart]: the tail of the history, the actual values over the
//     horizon when known, the point forecast, prediction-interval bands
//     (wider levels lighter) and a dashed line at the forecast origin. The x
//     axis carries calendar labels suited to the data (hours with the date
//     where it changes, days, months with the year, years) or step numbers
//     when the series has no timestamps; the title carries the series id, the
//     model and the headline metrics.
//   - [WalkForwardChart]: the whole series with every walk-forward fold's
//     forecast drawn from its origin and the worst fold highlighted.
//   - [HorizonChart]: error against horizon step per model, baselines dashed.
//   - [ResidualChart]: residuals over time, their histogram with a matching
//     normal curve, and their autocorrelation with ±1.96/√n bounds.
//   - [TrainingChart]: training and validation loss per epoch, on a log scale
//     when they span two decades or more, with the early-stopping epoch
//     marked.
//   - [GridChart]: small multiples of forecasts, e.g. the nine worst series
//     of a multi-series file (eval.MultiResult.WorstSeries chooses them).
//
// [Write] renders a chart as PNG or SVG to a writer and [Save] to a file in
// the format of its extension, atomically (through
// [forecast.WriteFileAtomic]). Every chart validates its data before
// drawing anything: NaN or infinite values, mismatched lengths and similar
// problems come back as a [*DataError] naming the field and index (wrapping
// [ErrNotFinite] for non-finite values), and nothing is written. Awkward but
// valid data (a horizon of one, a flat or constant series, values near
// ±1e300, a single epoch) draw without panicking.
//
// # Style
//
// All charts share one style: the Okabe–Ito colour-blind-safe palette
// ([Palette]; observed data in black, forecasts in vermillion, intervals in
// tints of blue), Liberation Sans text at 14 pt for titles and 11–12 pt for
// labels and ticks, legends placed to the right of the data area, and a
// default size of 10×5 in at 96 dpi ([DefaultSize]) so that charts stay
// legible on a slide. Multi-panel charts default to larger sizes.
//
// # Reports
//
// [WriteReport] turns a [Report] — eval's walk-forward [eval.Result] or
// [eval.MultiResult], a forecast with conformal intervals ([eval.Forecast]),
// and a training history — into a folder: the PNG charts, metrics.csv,
// summary.json and an index.md that shows each chart with a one-line caption
// and the metric table. File names are fixed, every file is written
// atomically, charts are rendered before anything is written, and a re-run
// overwrites the folder cleanly (charts the new run does not produce are
// removed). The tsforecast CLI's report command and backtest --report call
// it.
//
// # Testing
//
// Golden images live in testdata/*_golden.png and are compared with
// gonum/plot's cmpimg at a tolerance of 0.01; regenerate them with
//
//	go test ./plots -regen
//
// and look at the result before committing. Charts from the shared real data
// sets are written for inspection with
//
//	go test ./plots -run 'Real|Edge' -plots.out /tmp/plots
package plots
