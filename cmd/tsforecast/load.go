package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/urfave/cli/v2"
)

// loadOptions builds the loader options from the input flags. The flag
// values were validated by the flags' actions, so parse errors here are
// usage errors too.
func loadOptions(cCtx *cli.Context) (*csvio.LoadOptions, error) {
	layout, err := csvio.ParseLayout(cCtx.String("layout"))
	if err != nil {
		return nil, usagef(cCtx, "%v", err)
	}
	missing, err := csvio.ParseMissingPolicy(cCtx.String("missing"))
	if err != nil {
		return nil, usagef(cCtx, "%v", err)
	}
	opt := &csvio.LoadOptions{
		Layout:       layout,
		Target:       cCtx.String("target"),
		TimeLayout:   cCtx.String("time-format"),
		Freq:         cCtx.String("freq"),
		Missing:      missing,
		DecimalComma: cCtx.Bool("decimal-comma"),
	}
	if d := cCtx.String("delimiter"); d != "" {
		if opt.Comma, err = parseDelimiter(cCtx, d); err != nil {
			return nil, err
		}
	}
	if opt.DecimalComma && opt.Comma == ',' {
		return nil, usagef(cCtx, "--decimal-comma needs a --delimiter other than ','")
	}
	selectColumns(cCtx, opt)
	return opt, nil
}

// loadInput reads the --input file with the options of the input flags,
// and the covariates known in advance that the flags give (see
// knownCovariates) for h steps after each series.
func loadInput(cCtx *cli.Context, h int) (*csvio.Dataset, error) {
	opt, err := loadOptions(cCtx)
	if err != nil {
		return nil, err
	}
	future, err := readFuture(cCtx, opt)
	if err != nil {
		return nil, err
	}
	ds, err := load(cCtx, opt)
	if err != nil {
		return nil, err
	}
	if err := knownCovariates(cCtx, ds, future, h); err != nil {
		return nil, err
	}
	return ds, nil
}

// load reads the --input file ("-" is stdin) with opt.
func load(cCtx *cli.Context, opt *csvio.LoadOptions) (*csvio.Dataset, error) {
	path := cCtx.String("input")
	var ds *csvio.Dataset
	var err error
	if path == "-" {
		ds, err = csvio.ReadContext(cCtx.Context, cCtx.App.Reader, "stdin", opt)
	} else {
		ds, err = csvio.ReadFileContext(cCtx.Context, path, opt)
	}
	if err != nil {
		// Point at the flags rather than the library's option names.
		return nil, loadError(err)
	}
	return ds, nil
}

// optionHints rewrites the loader's hints, which name LoadOptions fields,
// into the flags that set them. The limits of the loader have no flags
// (a 1 MiB field or a 64 MiB row is no time series): their hints say what
// the limit is instead.
var optionHints = strings.NewReplacer(
	"set Missing to interpolate or ffill", "use --missing interpolate or --missing ffill",
	"set Freq to name", "use --freq to name",
	"set Freq", "use --freq",
	"set TimeLayout", "use --time-format",
	", or set IDColumn)", ")", // no flag names the id column
	"set Comma to ';'", "use --delimiter ';'",
	`set Comma to '\t'`, "use --delimiter tab",
	"set DecimalComma", "use --decimal-comma",
	"with DecimalComma", "with --decimal-comma",
	"; set MaxFieldBytes to read it", fmt.Sprintf(": tsforecast reads fields of at most %d MiB", csvio.DefaultMaxFieldBytes>>20),
	"; set MaxRecordBytes to read it", fmt.Sprintf(": tsforecast reads rows of at most %d MiB", csvio.DefaultMaxRecordBytes>>20),
	"; set MaxValues to read it", fmt.Sprintf(": tsforecast reads at most %d numbers and timestamps from one file; split it", csvio.DefaultMaxValues),
	"; set Target", "; use --target",
)

// cliError rewords a library error for the command line, keeping it
// available to errors.Is and errors.As.
type cliError struct {
	msg string
	err error
}

func (e *cliError) Error() string { return e.msg }
func (e *cliError) Unwrap() error { return e.err }

// writeOutput writes with fn to path atomically (through links, in place
// to devices and pipes: forecast.WriteFileAtomic), or to stdout when path
// is empty, "-" or names stdout (see stdWriter).
func writeOutput(cCtx *cli.Context, path string, fn func(io.Writer) error) error {
	if w := stdWriter(cCtx, path); w != nil {
		return fn(w)
	}
	return writeError(path, forecast.WriteFileAtomic(path, fn))
}

// stdWriter returns the app's stdout for an empty path, "-" and a path
// naming this process's descriptor 1 (/dev/stdout), its stderr for
// descriptor 2, or nil.
func stdWriter(cCtx *cli.Context, path string) io.Writer {
	if path == "" || path == "-" {
		return cCtx.App.Writer
	}
	switch ownFD(path) {
	case 1:
		return cCtx.App.Writer
	case 2:
		return cCtx.App.ErrWriter
	}
	return nil
}

// writeError words a failure to write path (atomically, through a
// temporary file whose name means nothing to the user) as "cannot write
// path: reason". It returns nil for a nil err.
func writeError(path string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}

// timeLayoutOf returns the layout for printing timestamps of s and of its
// forecasts (see csvio.TimeLayoutFor).
func timeLayoutOf(s *forecast.Series) string {
	return csvio.TimeLayoutFor(s.Freq, s.Times)
}
