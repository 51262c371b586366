package main

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/models"
	"github.com/urfave/cli/v2"
)

// Flags are built fresh for every app by these constructors: urfave/cli
// flags keep parse state (slice values, HasBeenSet) inside the flag value,
// so sharing one flag value between apps or commands would leak state.

// requiredDefault matches the default urfave/cli shows after a required
// flag's usage, "(required) (default: 0)", where it means nothing.
var requiredDefault = regexp.MustCompile(`\(required\) \(default: [^)]*\)`)

func init() {
	stringer := cli.FlagStringer
	cli.FlagStringer = func(f cli.Flag) string {
		return requiredDefault.ReplaceAllLiteralString(stringer(f), "(required)")
	}
}

func env(name string) []string { return []string{"TSFORECAST_" + name} }

// Input flags, shared by every command that reads a CSV file.
func inputFlags() []cli.Flag {
	return concat([]cli.Flag{
		&cli.StringFlag{
			Name: "input", Aliases: []string{"i"}, EnvVars: env("INPUT"),
			Usage: "CSV file to read, or - for stdin (required)", TakesFile: true,
		},
		&cli.StringFlag{
			Name: "layout", Value: csvio.LayoutAuto.String(), EnvVars: env("LAYOUT"),
			Usage:  "input layout: auto, single (time + columns), long (id,timestamp,value) or wide (M4: id then values)",
			Action: oneOf("layout", layoutNames()...),
		},
		&cli.StringFlag{
			Name: "target", EnvVars: env("TARGET"),
			Usage: "target column of a single-series file (default: the only numeric column, or the one named y, value or target)",
		},
		&cli.StringFlag{
			Name: "time-format", EnvVars: env("TIME_FORMAT"),
			Usage: "Go time layout of the timestamps, e.g. 02/01/2006 (default: detected)",
		},
		&cli.StringFlag{
			Name: "freq", EnvVars: env("FREQ"),
			Usage: "frequency of the timestamps: " + strings.Join(freqNames, ", ") +
				" (default: inferred; step keeps irregular timestamps, and a wide file, which has none, is step unless set)",
			Action: oneOf("freq", freqNames...),
		},
		&cli.StringFlag{
			Name: "missing", Value: csvio.MissingError.String(), EnvVars: env("MISSING"),
			Usage:  "what to do with gaps and missing values: error, interpolate (linear) or ffill",
			Action: oneOf("missing", missingNames()...),
		},
		&cli.StringFlag{
			Name: "delimiter", EnvVars: env("DELIMITER"),
			Usage: "field separator of the input, one character: ';', '|', or tab (also written \\t) (default: ',', or ';' with --decimal-comma)",
			Action: func(cCtx *cli.Context, v string) error {
				_, err := parseDelimiter(cCtx, v)
				return err
			},
		},
		&cli.BoolFlag{
			Name: "decimal-comma", EnvVars: env("DECIMAL_COMMA"),
			Usage: "numbers are written with a decimal comma (1,5 for 1.5), as spreadsheets export them in many locales; the delimiter must then not be ','",
		},
	}, selectionFlags())
}

// parseDelimiter returns the rune --delimiter names: one character other
// than a quote or a line end, or "tab" or "\t" for a tab.
func parseDelimiter(cCtx *cli.Context, v string) (rune, error) {
	if v == "tab" || v == `\t` {
		return '\t', nil
	}
	r, n := utf8.DecodeRuneInString(v)
	if n == 0 || n != len(v) || r == utf8.RuneError || r == '"' || r == '\r' || r == '\n' {
		return 0, usagef(cCtx, "invalid --delimiter %q: want one character other than a quote or a line end, or tab", v)
	}
	return r, nil
}

func quietFlag() cli.Flag {
	return &cli.BoolFlag{
		Name: "quiet", Aliases: []string{"q"}, EnvVars: env("QUIET"),
		Usage: "no progress output on stderr (errors are still printed)",
	}
}

func jsonFlag() cli.Flag {
	return &cli.BoolFlag{
		Name: "json", EnvVars: env("JSON"),
		Usage: "print machine-readable JSON on stdout instead of a table or CSV",
	}
}

func horizonFlag() cli.Flag {
	return intFlag("horizon", "number of steps to forecast (required)", 0, false)
}

func seasonFlag() cli.Flag {
	return intFlag("season", "seasonal period in steps; 0 detects it from the data (falling back to the frequency's usual period)", 0, true)
}

// freqNames are the frequencies --freq accepts, as forecast names them.
var freqNames = func() (out []string) {
	for f := forecast.Step; f <= forecast.Yearly; f++ {
		out = append(out, f.String())
	}
	return out
}()

// layoutNames are the layouts --layout accepts, as csvio names them.
func layoutNames() (out []string) {
	for l := csvio.LayoutAuto; l <= csvio.LayoutWide; l++ {
		out = append(out, l.String())
	}
	return out
}

// missingNames are the policies --missing accepts, as csvio names them.
func missingNames() (out []string) {
	for p := csvio.MissingError; p <= csvio.MissingFFill; p++ {
		out = append(out, p.String())
	}
	return out
}

// modelFlag is --model (-m): one of names, from the model catalogue,
// default def.
func modelFlag(def, what string, names []string) cli.Flag {
	return &cli.StringFlag{Name: "model", Aliases: []string{"m"}, Value: def, EnvVars: env("MODEL"),
		Usage: what + ": " + strings.Join(names, ", ") + " (the README lists what each is)",
		Action: func(cCtx *cli.Context, v string) error {
			if e, err := models.Lookup(v); err != nil || !slices.Contains(names, e.Name) {
				return usagef(cCtx, "invalid --model %q: want one of %s", v, strings.Join(names, ", "))
			}
			return nil
		}}
}

// Network flags, shared by forecast, train, backtest and report.
func netFlags() []cli.Flag {
	return []cli.Flag{
		intFlag("window", "input window of the LSTM/RNN in steps; 0 chooses a multiple of the season", 0, true),
		intFlag("epochs", "maximum training epochs of the LSTM/RNN (early stopping may end sooner); 0 uses the model default", 0, true),
		intFlag("hidden", "hidden units per LSTM/RNN layer; 0 uses the model default", 0, true),
		seedFlag(),
	}
}

func localFlag() cli.Flag {
	return &cli.BoolFlag{
		Name: "local", EnvVars: env("LOCAL"),
		Usage: "on a multi-series file, fit one LSTM/RNN per series (in parallel) instead of one global network trained on all series",
	}
}

func levelFlag() cli.Flag {
	return &cli.Float64SliceFlag{
		Name: "level", EnvVars: env("LEVEL"),
		Usage: "prediction-interval level in percent, repeatable (--level 80 --level 95): the model's own intervals, or conformal ones from its errors on the end of the history",
		Action: func(cCtx *cli.Context, v []float64) error {
			seen := map[float64]bool{}
			for _, l := range v {
				switch {
				case l > 0 && l < levelMin:
					return usagef(cCtx, "invalid --level %v: levels are percentages; did you mean %v?", l, 100*l)
				case !(l >= levelMin && l < levelMax):
					return usagef(cCtx, "invalid --level %v: want a percentage from %d to below %d", l, levelMin, levelMax)
				case seen[l]:
					return usagef(cCtx, "--level %v given twice", l)
				}
				seen[l] = true
			}
			return nil
		},
	}
}

func oneOf(flag string, allowed ...string) func(*cli.Context, string) error {
	return func(cCtx *cli.Context, v string) error {
		if !slices.Contains(allowed, v) {
			return usagef(cCtx, "invalid --%s %q: want one of %s", flag, v, strings.Join(allowed, ", "))
		}
		return nil
	}
}

// require returns a usage error naming the first of the given flags that
// was not set (on the command line or through its environment variable).
func require(cCtx *cli.Context, names ...string) error {
	for _, n := range names {
		if !cCtx.IsSet(n) {
			return usagef(cCtx, "missing required flag --%s", n)
		}
	}
	return nil
}

func concat(groups ...[]cli.Flag) []cli.Flag {
	var out []cli.Flag
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// outputFlag names the forecast file of forecast and predict.
func outputFlag() cli.Flag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, EnvVars: env("OUTPUT"), TakesFile: true,
		Usage: "write the forecast CSV (or JSON with --json) to this file instead of stdout"}
}

// allowNegativeFlag turns off the clipping at 0 of the forecasts of series
// without negative values.
func allowNegativeFlag() cli.Flag {
	return &cli.BoolFlag{Name: "allow-negative", EnvVars: env("ALLOW_NEGATIVE"),
		Usage: "keep negative forecasts and interval bounds of series whose history has no negative value (by default they are raised to 0)"}
}

// forceFlag lets a report be written into a folder that holds other files
// (plots.Report.Force).
func forceFlag() cli.Flag {
	return &cli.BoolFlag{Name: "force", EnvVars: env("FORCE"),
		Usage: "write the report into a folder that is not empty and holds no earlier report, overwriting files of the report's names (index.md, metrics.csv, forecast.png, ...) there; other files are never removed"}
}

// plotFlag is --plot, writing the chart what describes.
func plotFlag(what string) cli.Flag {
	return &cli.StringFlag{Name: "plot", EnvVars: env("PLOT"), TakesFile: true,
		Usage: "write " + what + " to this file: PNG, or SVG for a name ending in .svg (- for a PNG on stdout)"}
}
