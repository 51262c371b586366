// Command tsforecast forecasts time series stored in CSV files: it is a thin
// layer over the tsforecast library (packages forecast, features, seq2one,
// eval and plots).
//
// Usage:
//
//	tsforecast inspect  --input FILE [--plot OUT.png] [--json]
//	tsforecast forecast --input FILE --horizon H [--model auto|lstm|ets|theta|arima|…] [--level 80] [--output OUT.csv] [--plot OUT.png] [--save MODEL]
//	tsforecast backtest --input FILE --horizon H --origins K [--models auto,lstm,theta,snaive] [--level 80] [--cv-output CV.csv] [--report DIR]
//	tsforecast train    --input FILE --save MODEL
//	tsforecast predict  --model-file MODEL --input FILE --horizon H
//	tsforecast report   --input FILE --horizon H --out DIR [--model M]
//
// Run "tsforecast COMMAND --help" for every flag and an example.
//
// # Flags and arguments
//
// Every input is a flag; "--input -" reads stdin (and "predict
// --model-file -" a model from a pipe). Files separated by ';', '|' or
// tabs are read with --delimiter, numbers written "1,5" with
// --decimal-comma. Each flag can also be set with an environment variable
// named TSFORECAST_ and the flag name in upper case with dashes as
// underscores (TSFORECAST_HORIZON=12); a flag on the command line wins
// over the variable. urfave/cli stops reading flags at
// the first positional argument, so "forecast data.csv --horizon 12" would
// drop --horizon without a word: tsforecast rejects any leftover argument
// instead, telling the user to put flags before arguments.
//
// Integer flags are read in base 10 only ("012" is 12; "0x10" and "1_0"
// are usage errors) and each has bounds (--horizon 1 to 100,000, --hidden
// 0 to 4,096, ...), checked before any work.
//
// # Models
//
// --model (forecast, report) and --models (backtest, report) name models of
// the catalogue of package models, which also lists them in the help and
// the README; the default is auto. On a multi-series file a network is one
// global model trained on every series (seq2one.Global; in backtests
// eval.Panel fits one per origin), unless --local asks for one network per
// series. The seasonal period is the --season flag, else
// forecast.CommonSeason of the series (the frequency's usual period, or
// for data without a calendar the period detected most often); every
// model of a run uses the same.
//
// # Output
//
// Data (CSV, JSON, tables) goes to stdout or to the --output file; progress,
// notes and errors go to stderr. The progress display (epochs, loss, ETA;
// backtest folds) is drawn only when stderr is a terminal and is silenced by
// --quiet, which every command accepts. Files are written atomically (a
// temporary file in the same directory renamed into place), so an
// interrupted run (Ctrl-C) leaves no partial output; a second Ctrl-C ends
// the process at once. A symbolic link is followed and its target
// written; devices and pipes (/dev/null, a FIFO) are written in place; "-"
// and /dev/stdout are stdout. Charts (--plot) are PNG, or SVG for a name
// ending in .svg. Forecasts that are not finite are never written.
//
// Before any work, every command checks the paths it reads and writes: an
// output that is the same file as an input or as another output (through
// links and hard links, two outputs on stdout included) is a usage error
// naming both flags, and an output that cannot be created fails at once.
// A report (--out, --report) goes into a new or empty folder or an earlier
// report; --force writes it into a folder holding other files, whose files
// are never removed.
//
// # Exit codes
//
//	0  success
//	1  runtime failure: unreadable or bad data, training diverged, interrupted
//	2  usage error: unknown or misplaced flag, bad flag value, missing flag,
//	   an output that would overwrite an input or another output
//
// Errors are one line on stderr, naming the file, line and column where
// they apply.
package main
