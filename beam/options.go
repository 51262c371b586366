package tsfbeam

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/models"
)

// Options are the settings of a forecasting pipeline, the flags of
// tsforecast-beam. The zero value of each optional field is its default.
type Options struct {
	// Input is a file or a glob of files (local paths, or any filesystem
	// Beam has registered: gs://, s3://), all in one layout with one
	// header. A glob that matches nothing is an error.
	Input string
	// Output is the prefix of the output shards,
	// Output-SSSSS-of-NNNNN.csv.
	Output string
	// Horizon is the number of steps to forecast (at least 1).
	Horizon int
	// Model names a per-series model of the catalogue ([models.Lookup]).
	// Models that are one network over all series (auto, lstm, rnn) need
	// a saved network instead: ModelFile.
	Model string
	// ModelFile is a global network saved by `tsforecast forecast --save`
	// or `tsforecast train`; it forecasts instead of Model.
	ModelFile string
	// Season is the seasonal period of every series; 0 chooses it as the
	// command line does, for the whole input (forecast.CommonSeason).
	Season int
	// Shards is the number of output files; 0 means 1.
	Shards int
	// Layout is "wide", "long" or "" (detected from the header of the
	// first file).
	Layout string
	// Freq names the frequency of the series (as csvio.LoadOptions.Freq):
	// the season of a wide file ("hourly" for M4 Hourly), or the
	// frequency of a long one, which is otherwise inferred from the
	// whole input.
	Freq string
	// Missing is the missing-value policy: "error" (default),
	// "interpolate" or "ffill".
	Missing string
	// Seed seeds the models that draw random numbers; 0 means 1, the
	// command line's default.
	Seed uint64
	// AllowNegative keeps negative forecasts of series whose history has
	// no negative value; by default they are raised to 0, as the command
	// line does.
	AllowNegative bool
}

// loadOptions returns the csvio options of o.
func (o *Options) loadOptions() (*csvio.LoadOptions, error) {
	layout, err := csvio.ParseLayout(o.Layout)
	if err != nil {
		return nil, err
	}
	if layout == csvio.LayoutSingle {
		return nil, errors.New("tsfbeam: layout single holds one series; use tsforecast forecast")
	}
	missing, err := csvio.ParseMissingPolicy(o.Missing)
	if err != nil {
		return nil, err
	}
	return &csvio.LoadOptions{Layout: layout, Freq: o.Freq, Missing: missing}, nil
}

// check validates o and returns the catalogue entry of its model (nil
// with a model file).
func (o *Options) check() (*models.Entry, error) {
	e, err := o.checkFields()
	if err != nil {
		return nil, optionsError{err}
	}
	return e, nil
}

func (o *Options) checkFields() (*models.Entry, error) {
	switch {
	case o.Input == "":
		return nil, errors.New("tsfbeam: no input (set --input)")
	case o.Output == "":
		return nil, errors.New("tsfbeam: no output prefix (set --output)")
	case o.Horizon < 1:
		return nil, fmt.Errorf("tsfbeam: horizon %d, want at least 1", o.Horizon)
	case o.Season < 0:
		return nil, fmt.Errorf("tsfbeam: season %d, want 0 (detect) or more", o.Season)
	case o.Shards < 0:
		return nil, fmt.Errorf("tsfbeam: %d shards, want at least 1", o.Shards)
	case o.ModelFile != "" && o.Model != "":
		return nil, errors.New("tsfbeam: set --model or --model-file, not both")
	case o.ModelFile != "":
		return nil, nil
	case o.Model == "":
		return nil, fmt.Errorf("tsfbeam: no model (set --model to one of %s, or --model-file to a saved global network)", strings.Join(PerSeriesModels(), ", "))
	}
	e, err := models.Lookup(o.Model)
	if err != nil {
		return nil, fmt.Errorf("tsfbeam: %w", err)
	}
	if e.NewMulti != nil {
		return nil, fmt.Errorf("tsfbeam: model %s is fitted on all series at once; train it with tsforecast forecast --save (on a sample of series) and pass the file as --model-file, or use one of %s",
			e.Name, strings.Join(PerSeriesModels(), ", "))
	}
	return e, nil
}

// PerSeriesModels returns the names of the catalogue's models that a
// pipeline fits series by series: those without a multi-series form.
func PerSeriesModels() []string {
	var out []string
	for _, e := range models.Catalogue() {
		if e.NewMulti == nil {
			out = append(out, e.Name)
		}
	}
	return out
}

// ErrOptions is wrapped by the errors of [Build] for options that are
// wrong in themselves (a missing input, a horizon below 1, an unknown
// model), before any file is read.
var ErrOptions = errors.New("tsfbeam: bad options")

// optionsError is an error in the options; errors.Is finds ErrOptions in
// it.
type optionsError struct{ error }

func (e optionsError) Unwrap() error        { return e.error }
func (e optionsError) Is(target error) bool { return target == ErrOptions }

// ErrNoMatch is returned when the input glob matches no file.
var ErrNoMatch = errors.New("tsfbeam: the input matches no file")

// listFiles returns the files that glob matches, sorted as the
// filesystem lists them, or an error wrapping ErrNoMatch.
func listFiles(ctx context.Context, glob string) ([]string, error) {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return nil, fmt.Errorf("tsfbeam: %s: %w", glob, err)
	}
	defer fs.Close()
	files, err := fs.List(ctx, glob)
	if err != nil {
		return nil, fmt.Errorf("tsfbeam: %s: %w", glob, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoMatch, glob)
	}
	return files, nil
}

// peekFormat reads the header (and, for a long file, the first row) of
// file.
func peekFormat(ctx context.Context, file string, opt *csvio.LoadOptions) (csvio.Format, error) {
	fs, err := filesystem.New(ctx, file)
	if err != nil {
		return csvio.Format{}, fmt.Errorf("tsfbeam: %s: %w", file, err)
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, file)
	if err != nil {
		return csvio.Format{}, fmt.Errorf("tsfbeam: %w", err)
	}
	defer r.Close()
	rr, err := csvio.NewRecordReaderContext(ctx, r, file, opt)
	if err != nil {
		return csvio.Format{}, err
	}
	return rr.Format(), nil
}
