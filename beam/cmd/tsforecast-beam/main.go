// Command tsforecast-beam forecasts the series of many CSV files as an
// Apache Beam pipeline (package tsfbeam), in the output format of
// `tsforecast forecast`:
//
//	tsforecast-beam --input 'data/part-*.csv' --output out/forecast --horizon 48 --model hw [--shards 16]
//
// writes out/forecast-00000-of-00016.csv … , each sorted by series id.
// With no --runner the pipeline runs in this process on Beam's Prism
// runner; --runner flink, spark, universal (with --endpoint) or, in a
// binary built with -tags dataflow, dataflow submit it to a cluster (see
// beam/README.md). Beam's own flags (--runner, --endpoint,
// --environment_type, …) are accepted beside these.
//
// The flags are Go's standard ones rather than the urfave/cli flags of
// tsforecast, because Beam registers its options on the standard flag
// set, parses them on every worker and re-runs this binary as a worker.
//
// Exit codes: 0 success, 1 a failed job, 2 a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"

	// Filesystems for inputs, outputs and model files.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"

	// Runners, registered for --runner.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/flink"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/spark"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/universal"

	tsfbeam "github.com/tsforecast/tsforecast/beam"
)

var (
	input         = flag.String("input", "", "CSV file or glob of files, wide (M4) or long (id,timestamp,value) (required)")
	output        = flag.String("output", "", "prefix of the output shards PREFIX-SSSSS-of-NNNNN.csv (required)")
	horizon       = flag.Int("horizon", 0, "number of steps to forecast (required)")
	model         = flag.String("model", "", "per-series model of the catalogue: "+strings.Join(tsfbeam.PerSeriesModels(), ", "))
	modelFile     = flag.String("model-file", "", "global network saved by tsforecast forecast --save or tsforecast train, instead of --model")
	season        = flag.Int("season", 0, "seasonal period in steps; 0 chooses the period of the whole input as tsforecast does (a side input)")
	shards        = flag.Int("shards", 1, "number of output files; series go to shard hash(id) mod N")
	layout        = flag.String("layout", "", "input layout: wide or long (default: detected from the header of the first file)")
	freq          = flag.String("freq", "", "frequency of the series (hourly, daily, …; step for none): the season of a wide file, or the frequency of a long one (default: inferred from the whole input)")
	missing       = flag.String("missing", "", "missing values and gaps: error (default), interpolate or ffill")
	seed          = flag.Uint64("seed", 1, "random seed of the models that draw random numbers")
	allowNegative = flag.Bool("allow-negative", false, "keep negative forecasts of series whose history has no negative value (by default they are raised to 0)")
)

func main() {
	flag.Parse()
	// Init turns this process into a worker when a runner started it as
	// one, and never returns then.
	beam.Init()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "tsforecast-beam:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError is an error in the flags.
type usageError struct{ error }

func run() error {
	if flag.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q (flags are --name value)", flag.Arg(0))}
	}
	o := tsfbeam.Options{
		Input: *input, Output: *output, Horizon: *horizon, Model: *model, ModelFile: *modelFile,
		Season: *season, Shards: *shards, Layout: *layout, Freq: *freq, Missing: *missing,
		Seed: *seed, AllowNegative: *allowNegative,
	}
	if *shards < 1 {
		return usageError{fmt.Errorf("--shards %d, want at least 1", *shards)}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	p, s := beam.NewPipelineWithRoot()
	if err := tsfbeam.Build(ctx, s, o); err != nil {
		if errors.Is(err, tsfbeam.ErrNoMatch) || errors.Is(err, tsfbeam.ErrOptions) {
			return usageError{err}
		}
		return err
	}
	r := *runners.Runner
	if r == "" {
		r = "prism"
	}
	_, err := beam.Run(ctx, r, p)
	return err
}
