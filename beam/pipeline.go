package tsfbeam

import (
	"context"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/seq2one"
)

// Build adds the forecasting pipeline of o to the scope s (see the
// package documentation). It lists the input glob and reads the header of
// its first file, so that a glob without a match or a file in no known
// layout fails before the job starts; the files are listed again, and
// every file's header checked, when the job runs. A saved network is
// read once here to check it.
func Build(ctx context.Context, s beam.Scope, o Options) error {
	entry, err := o.check()
	if err != nil {
		return err
	}
	opt, err := o.loadOptions()
	if err != nil {
		return err
	}
	files, err := listFiles(ctx, o.Input)
	if err != nil {
		return err
	}
	format, err := peekFormat(ctx, files[0], opt)
	if err != nil {
		return err
	}
	if o.ModelFile != "" {
		if _, err := readGlobal(ctx, o.ModelFile); err != nil {
			return err
		}
	}
	shards := max(o.Shards, 1)
	seed := o.Seed
	if seed == 0 {
		seed = 1
	}
	lo := toLoadOptions(opt)
	lo.Layout = int(format.Layout)

	s = s.Scope("tsforecast")
	paths := beam.ParDo(s.Scope("Expand"), &expandFn{}, beam.Create(s, o.Input))
	paths = beam.Reshuffle(s, paths)
	var series beam.PCollection
	if format.Layout == csvio.LayoutWide {
		series = beam.ParDo(s.Scope("ReadWide"), &readWideFn{Load: lo, Format: format}, paths)
	} else {
		rows := beam.ParDo(s.Scope("ReadLong"), &readLongFn{Load: lo, Format: format}, paths)
		grouped := beam.GroupByKey(s, rows)
		if o.Freq != "" || format.TimeColumn == "" {
			series = beam.ParDo(s.Scope("Series"), &longSeriesFn{Load: lo, Format: format}, grouped)
		} else {
			sp := beam.ParDo(s.Scope("Spacing"), &spacingFn{}, grouped)
			minSp := beam.Combine(s.Scope("Frequency"), &minSpacingFn{}, sp)
			series = beam.ParDo(s.Scope("Series"), &longSeriesSideFn{Load: lo, Format: format}, grouped, beam.SideInput{Input: minSp})
		}
	}
	// Fitting costs far more than reading: spread the series evenly.
	series = beam.Reshuffle(s, series)

	var fcs beam.PCollection
	switch {
	case o.ModelFile != "":
		fcs = beam.ParDo(s.Scope("Global"), &globalFn{ModelFile: o.ModelFile, Horizon: o.Horizon, AllowNegative: o.AllowNegative}, series)
	case o.Season > 0:
		fcs = beam.ParDo(s.Scope("Forecast"), &forecastFn{Model: entry.Name, Horizon: o.Horizon, Season: o.Season, Seed: seed, AllowNegative: o.AllowNegative}, series)
	default:
		season := beam.Combine(s.Scope("Season"), &seasonCombineFn{}, series)
		fcs = beam.ParDo(s.Scope("Forecast"), &forecastSideFn{Model: entry.Name, Horizon: o.Horizon, Seed: seed, AllowNegative: o.AllowNegative}, series, beam.SideInput{Input: season})
	}
	keyed := beam.ParDo(s.Scope("Shard"), &shardFn{Shards: shards}, fcs)
	w := &writeFn{Prefix: o.Output, Shards: shards, Layout: int(format.Layout)}
	if format.Layout == csvio.LayoutLong {
		// As csvio.FormatOf: long forecasts keep the input's column names.
		w.IDColumn, w.TimeColumn = format.IDColumn, format.TimeColumn
	}
	beam.ParDo0(s.Scope("Write"), w, beam.GroupByKey(s, keyed))
	return nil
}

// readGlobal reads the global network saved in file, through Beam's
// filesystems.
func readGlobal(ctx context.Context, file string) (*seq2one.Global, error) {
	fs, err := filesystem.New(ctx, file)
	if err != nil {
		return nil, fmt.Errorf("tsfbeam: %s: %w", file, err)
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, file)
	if err != nil {
		return nil, fmt.Errorf("tsfbeam: %w", err)
	}
	defer r.Close()
	g, err := seq2one.LoadGlobal(r)
	if err != nil {
		return nil, fmt.Errorf("tsfbeam: %s: %w", file, err)
	}
	return g, nil
}
