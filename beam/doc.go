// Package tsfbeam forecasts many series as an Apache Beam pipeline: the
// series of wide (M4) or long (id,timestamp,value) CSV files matched by
// a glob are read row by row with the toolkit's own parser
// ([csvio.RecordReader]), spread over the workers, forecast one by one
// by a per-series model of the catalogue ([models.Lookup]) or by a saved
// global network ([seq2one.Global]), and written to sharded files in
// exactly the format of `tsforecast forecast` ([csvio.WriteForecasts]):
// the forecasts of each series go to shard hash(id) mod N, and each
// shard is sorted by id.
//
// # Steps
//
// [Build] adds these steps to a pipeline:
//
//  1. expand the glob (no match is an error) and read each file, one
//     file per worker at a time; a wide row is a series at once, the rows
//     of a long file are grouped by id (from any files) into series;
//  2. without a seasonal period given (Options.Season), the period the
//     command line would choose for the whole input
//     ([forecast.CommonSeason]: the most common detected period) is
//     computed by a combiner ([forecast.SeasonCounts]) and read by the
//     forecasting step as a side input; likewise the frequency of a long
//     input without Options.Freq (the smallest spacing of its
//     timestamps);
//  3. forecast each series;
//  4. group the forecasts by shard and write each shard sorted by id.
//
// A record that cannot be parsed, a series that cannot be fitted and a
// series id found twice fail the job with an error that names the file
// and line, as the command line does.
//
// # Global networks
//
// With Options.ModelFile the series are forecast by a saved global
// network ([seq2one.LoadGlobal]): each worker process loads the file once
// and keeps its weights only ([seq2one.Global.WeightsOnly]), so its memory
// does not depend on how many series the network was trained on. Each
// series' state is computed from its own history
// ([seq2one.Global.State], the rule training applied to each series), so
// series the network never saw are forecast too, and each DoFn instance
// forecasts with its own [seq2one.Predictor], without a lock. The
// forecasts are those of `tsforecast predict --model-file` on the same
// series. Training stays on one machine, on a sample of the series (see
// README.md, "Global networks").
//
// # Types
//
// The elements between the steps are the small structs of this package
// (Series, Row, Forecast), registered with Beam so that any runner's
// workers can decode them. Timestamps travel as Unix seconds,
// nanoseconds and UTC offsets.
package tsfbeam
