package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/tsforecast/tsforecast/seq2one"
	"github.com/urfave/cli/v2"
)

// Exit codes of the command.
const (
	exitOK      = 0
	exitFailure = 1 // runtime failure: bad data, training diverged, I/O
	exitUsage   = 2 // usage error: unknown flag, bad flag value, misplaced flag
)

// usageError is an error in how the command was called. It maps to exit
// code 2 and its message ends with a pointer to the command's help.
type usageError struct {
	cmd string // e.g. "tsforecast forecast"
	msg string
}

func (e *usageError) Error() string {
	if e.cmd == "" {
		return e.msg
	}
	return fmt.Sprintf("%s (see '%s --help')", e.msg, e.cmd)
}

// usagef returns a usage error for the command running in cCtx.
func usagef(cCtx *cli.Context, format string, args ...any) error {
	return &usageError{cmd: helpName(cCtx), msg: fmt.Sprintf(format, args...)}
}

func helpName(cCtx *cli.Context) string {
	if cCtx == nil {
		return ""
	}
	if cCtx.Command != nil && cCtx.Command.HelpName != "" {
		return cCtx.Command.HelpName
	}
	if cCtx.App != nil {
		return cCtx.App.HelpName
	}
	return ""
}

// exitCode maps an error returned by the app to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return exitFailure
}

// reportError writes err as one line on w and returns the exit code for it.
func reportError(w io.Writer, err error) int {
	code := exitCode(err)
	if err != nil {
		fmt.Fprintf(w, "tsforecast: %s\n", message(err))
	}
	return code
}

// message returns the one-line message of err as the command line shows
// it: advice of the library reworded into the flags that follow it.
func message(err error) string {
	msg := strings.TrimSpace(err.Error())
	if errors.Is(err, context.Canceled) {
		msg = "interrupted; no output was written"
	}
	var de *seq2one.DivergenceError
	if errors.As(err, &de) {
		// Its advice names settings without a flag (learning rate,
		// clipping).
		msg = strings.Replace(msg, de.Error(), fmt.Sprintf("training diverged in epoch %d (NaN or Inf loss or gradient) before any usable weights were learned; try another --seed, or fewer --hidden units or a shorter --window", de.Epoch), 1)
	}
	return strings.ReplaceAll(msg, "\n", "; ")
}

// newApp builds the tsforecast command-line application writing data to
// stdout and diagnostics (errors, progress) to stderr. It never exits the
// process: every failure is returned by RunContext and mapped to an exit
// code by main (see exitCode).
func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "tsforecast",
		Usage: "forecast time series stored in CSV files",
		Description: "tsforecast loads single, long or wide (M4) CSV series, forecasts them with a\n" +
			"seq2one LSTM or a baseline, evaluates models by walk-forward validation and\n" +
			"renders PNG reports. Flags go before arguments; every flag can also be set\n" +
			"with a TSFORECAST_* environment variable (shown in each command's help).",
		Version:   version,
		Reader:    os.Stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// Errors are printed and mapped to exit codes by main; the default
		// handler would call os.Exit from inside Run.
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		Commands: []*cli.Command{
			inspectCommand(),
			forecastCommand(),
			backtestCommand(),
			trainCommand(),
			predictCommand(),
			reportCommand(),
		},
		Action: func(cCtx *cli.Context) error {
			if cCtx.Args().Present() {
				a := cCtx.Args().First()
				if looksLikeFlag(a) {
					return usagef(cCtx, "flag %s given after the arguments: put flags before arguments", a)
				}
				if a == "help" { // "tsforecast help [COMMAND]", as git and go take it
					switch name := cCtx.Args().Get(1); {
					case name == "":
						return cli.ShowAppHelp(cCtx)
					case cCtx.App.Command(name) != nil:
						return cli.ShowCommandHelp(cCtx, name)
					default:
						return usagef(cCtx, "unknown command %q", name)
					}
				}
				return usagef(cCtx, "unknown command %q", a)
			}
			return cli.ShowAppHelp(cCtx)
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
		c.Before = chainBefore(checkArgs, c.Before)
		c.HideHelpCommand = true
		// After the flags' own checks (their actions run after Before),
		// before any work: the paths the command reads and writes.
		action := c.Action
		c.Action = func(cCtx *cli.Context) error {
			if err := checkPaths(cCtx); err != nil {
				return err
			}
			return action(cCtx)
		}
	}
	return app
}

// version is set at link time with -ldflags "-X main.version=...".
var version = "devel"

// badValue and needsArg match the flag package's messages for a value
// that does not parse and for a flag given last without its value, and
// badEnv urfave/cli's for an environment variable that does not parse.
var (
	badValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]+): (.*)$`)
	needsArg = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
	badEnv   = regexp.MustCompile(`^could not parse "(.*)" (?:as \w+ value )?from environment variable "([^"]+)" (?:as value )?for flag ([^:]+): (.*)$`)
)

// dashed returns the flag name as typed: -q for a one-letter name, else
// --name.
func dashed(name string) string {
	name = strings.TrimLeft(name, "-")
	if len(name) > 1 {
		return "--" + name
	}
	return "-" + name
}

func onUsageError(cCtx *cli.Context, err error, isSubcommand bool) error {
	const undefined = "flag provided but not defined: "
	msg := err.Error()
	if m := badValue.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("invalid %s %q: %s", dashed(m[2]), m[1], valueWant(cCtx, m[2], m[3]))
	} else if m := badEnv.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("invalid $%s %q (for %s): %s", m[2], m[1], dashed(m[3]), valueWant(cCtx, m[3], m[4]))
	} else if m := needsArg.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("flag %s needs a value", dashed(m[1]))
	}
	if name, ok := strings.CutPrefix(msg, undefined); ok {
		name = dashed(name)
		msg = "unknown flag " + name
		if !isSubcommand {
			// tsforecast --quiet forecast ...: every flag belongs to a command.
			msg += fmt.Sprintf(": flags go after the command name, e.g. 'tsforecast forecast %s ...'", name)
		}
	}
	return &usageError{cmd: helpName(cCtx), msg: msg}
}

// valueWant says what the flag name accepts, for a value that did not
// parse (reason is the parser's message).
func valueWant(cCtx *cli.Context, name, reason string) string {
	if strings.Contains(reason, "out of range") {
		return "out of range"
	}
	var flags []cli.Flag
	if cCtx != nil && cCtx.Command != nil {
		flags = cCtx.Command.Flags
	}
	for _, f := range flags {
		if !slices.Contains(f.Names(), name) {
			continue
		}
		switch f.(type) {
		case *cli.GenericFlag: // intFlag, seedFlag: the reason says what they want
			return reason
		case *cli.Float64Flag, *cli.Float64SliceFlag:
			return "want a number"
		case *cli.BoolFlag:
			return "want true or false"
		}
	}
	return "not a valid value"
}

func chainBefore(fs ...cli.BeforeFunc) cli.BeforeFunc {
	return func(cCtx *cli.Context) error {
		for _, f := range fs {
			if f == nil {
				continue
			}
			if err := f(cCtx); err != nil {
				return err
			}
		}
		return nil
	}
}

// looksLikeFlag reports whether a leftover argument looks like a flag.
// "-" alone means stdin and is not a flag.
func looksLikeFlag(a string) bool {
	return len(a) > 1 && a[0] == '-'
}

// checkArgs rejects leftover arguments. urfave/cli v2 stops reading flags
// at the first positional argument, so "forecast data.csv --horizon 12"
// would silently drop --horizon; tsforecast takes every input as a flag and
// turns any leftover argument into a usage error instead.
func checkArgs(cCtx *cli.Context) error {
	args := cCtx.Args().Slice()
	for i, a := range args {
		if looksLikeFlag(a) && a != "--" {
			if i == 0 {
				return usagef(cCtx, "flag %s was not read: put flags before arguments", a)
			}
			return usagef(cCtx, "flag %s given after the argument %q was not read: put flags before arguments", a, args[0])
		}
	}
	if len(args) > 0 {
		return usagef(cCtx, "unexpected argument %q: give the input file with --input FILE", args[0])
	}
	return nil
}
