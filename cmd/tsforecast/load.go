package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
	return &csvio.LoadOptions{
		Layout:     layout,
		Target:     cCtx.String("target"),
		TimeLayout: cCtx.String("time-format"),
		Freq:       cCtx.String("freq"),
		Missing:    missing,
	}, nil
}

// loadInput reads the --input file with the options of the input flags.
func loadInput(cCtx *cli.Context) (*csvio.Dataset, error) {
	opt, err := loadOptions(cCtx)
	if err != nil {
		return nil, err
	}
	return load(cCtx, opt)
}

// load reads the --input file ("-" is stdin) with opt.
func load(cCtx *cli.Context, opt *csvio.LoadOptions) (*csvio.Dataset, error) {
	path := cCtx.String("input")
	var ds *csvio.Dataset
	var err error
	if path == "-" {
		ds, err = csvio.Read(cCtx.App.Reader, "stdin", opt)
	} else {
		ds, err = csvio.ReadFile(path, opt)
	}
	if err == nil {
		return ds, nil
	}
	// Point at the flags rather than the library's option names.
	msg := err.Error()
	if errors.Is(err, csvio.ErrMissing) && !strings.Contains(msg, "set Missing") {
		msg += " (use --missing interpolate or --missing ffill)"
	}
	if r := optionHints.Replace(msg); r != msg {
		return nil, &cliError{msg: r, err: err}
	}
	return nil, err
}

// optionHints rewrites the loader's hints, which name LoadOptions fields,
// into the flags that set them.
var optionHints = strings.NewReplacer(
	"set Missing to interpolate or ffill", "use --missing interpolate or --missing ffill",
	"set Freq to name", "use --freq to name",
	"set Freq", "use --freq",
	"set TimeLayout", "use --time-format",
	", or set IDColumn)", ")", // no flag names the id column
)

// cliError rewords a library error for the command line, keeping it
// available to errors.Is and errors.As.
type cliError struct {
	msg string
	err error
}

func (e *cliError) Error() string { return e.msg }
func (e *cliError) Unwrap() error { return e.err }

// writeOutput writes with fn to path atomically, or to stdout when path is
// empty or "-".
func writeOutput(cCtx *cli.Context, path string, fn func(io.Writer) error) error {
	if path == "" || path == "-" {
		return fn(cCtx.App.Writer)
	}
	return writeError(path, forecast.WriteFileAtomic(path, fn))
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

// outputFlags are the flags naming a file a command writes, and dirFlags
// those naming a folder it creates.
var (
	outputFlags = []string{"output", "plot", "save", "cv-output"}
	dirFlags    = []string{"out", "report"}
)

// checkOutputs fails early, before any training, when a file or folder the
// command would write cannot be: a file's directory does not exist, or a
// file path names a directory (or a folder path a file).
func checkOutputs(cCtx *cli.Context) error {
	for _, name := range slices.Concat(outputFlags, dirFlags) {
		path := cCtx.String(name)
		if !slices.Contains(cCtx.FlagNames(), name) || path == "" || path == "-" {
			continue
		}
		wantDir := slices.Contains(dirFlags, name)
		if fi, err := os.Stat(path); err == nil {
			switch {
			case fi.IsDir() && !wantDir:
				return fmt.Errorf("cannot write --%s %s: it is a directory", name, path)
			case !fi.IsDir() && wantDir:
				return fmt.Errorf("cannot write --%s %s: it is a file, not a directory", name, path)
			}
			continue
		}
		if wantDir {
			continue // created with its parents
		}
		dir := filepath.Dir(path)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("cannot write --%s %s: directory %s does not exist", name, path, dir)
		}
	}
	return nil
}

// timeLayoutOf returns the layout for printing timestamps of s and of its
// forecasts (see csvio.TimeLayoutFor).
func timeLayoutOf(s *forecast.Series) string {
	return csvio.TimeLayoutFor(s.Freq, s.Times)
}
