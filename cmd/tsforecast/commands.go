package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// errNotAvailable is returned by commands whose library part has not
// landed yet: a clear runtime failure rather than a fake result.
type errNotAvailable struct{ what string }

func (e errNotAvailable) Error() string {
	return fmt.Sprintf("%s is not available yet in this build", e.what)
}

func inspectCommand() *cli.Command {
	return &cli.Command{
		Name:      "inspect",
		Usage:     "describe a CSV file: layout, series, frequency, gaps, missing values, seasonality, statistics",
		UsageText: "tsforecast inspect --input FILE [--plot OUT.png] [--json]",
		Description: "Gaps and missing values are reported, not fatal: inspect is how you find them.\n\n" +
			"Example:\n   tsforecast inspect --input examples/data/airline-passengers.csv --plot series.png",
		Flags: concat(inputFlags(), []cli.Flag{
			&cli.StringFlag{Name: "plot", EnvVars: env("PLOT"), TakesFile: true,
				Usage: "write a PNG with the series and its autocorrelation function (the first series of a multi-series file)"},
			&cli.IntFlag{Name: "max-period", EnvVars: env("MAX_PERIOD"), Action: nonNegative("max-period"),
				Usage: "longest seasonal period to look for; 0 uses a third of the series length, at most 400"},
			jsonFlag(), quietFlag(),
		}),
		Action: runInspect,
	}
}

func forecastCommand() *cli.Command {
	return &cli.Command{
		Name:  "forecast",
		Usage: "fit a model on the whole file and forecast the next H steps of every series",
		UsageText: "tsforecast forecast --input FILE --horizon H [--model " + strings.Join(modelNames, "|") +
			"] [--level 80 --level 95] [--output OUT.csv] [--plot OUT.png] [--save MODEL]",
		Description: "The output CSV mirrors the input layout: single -> timestamp,forecast[,lo_80,hi_80,...];\n" +
			"long -> id,timestamp,forecast,...; wide -> id,1..H (one row per series, as M4 files).\n" +
			"Without --output the CSV goes to stdout. Files are written atomically.\n\n" +
			"Example:\n   tsforecast forecast --input examples/data/airline-passengers.csv --horizon 12 --plot forecast.png",
		Flags: concat(inputFlags(), []cli.Flag{
			horizonFlag(),
			&cli.StringFlag{Name: "model", Aliases: []string{"m"}, Value: "lstm", EnvVars: env("MODEL"),
				Usage: "model: " + strings.Join(modelNames, ", ") + " (snaive = seasonal naive, hw = Holt-Winters)", Action: oneOf("model", modelNames...)},
			seasonFlag(),
		}, netFlags(), []cli.Flag{
			localFlag(),
			levelFlag(),
			outputFlag(),
			&cli.StringFlag{Name: "plot", EnvVars: env("PLOT"), TakesFile: true,
				Usage: "write a forecast-vs-history PNG (small multiples of the first 9 series of a multi-series file)"},
			&cli.StringFlag{Name: "save", EnvVars: env("SAVE"), TakesFile: true,
				Usage: "save the fitted LSTM/RNN to this file for 'tsforecast predict'"},
			jsonFlag(), quietFlag(),
		}),
		Action: runForecast,
	}
}

func backtestCommand() *cli.Command {
	return &cli.Command{
		Name:      "backtest",
		Usage:     "walk-forward validation of several models; prints MAE, RMSE, sMAPE and MASE, best first",
		UsageText: "tsforecast backtest --input FILE --horizon H --origins K [--step S] [--models lstm,snaive,hw] [--report DIR]",
		Description: "The K origins are counted back from the end: the last fold's horizon ends at the last value.\n" +
			"Models are ranked best first by mean MASE over folds; on a multi-series file the scores\n" +
			"are averaged over series and, when naive2 is among the models, ranked by OWA against it.\n\n" +
			"Example:\n   tsforecast backtest --input examples/data/airline-passengers.csv --horizon 12 --origins 3 --models lstm,snaive,hw",
		Flags: concat(inputFlags(), []cli.Flag{
			horizonFlag(),
		}, walkForwardFlags("lstm", "snaive", "naive", "hw"), []cli.Flag{
			seasonFlag(),
		}, netFlags(), []cli.Flag{
			localFlag(),
			&cli.StringFlag{Name: "report", EnvVars: env("REPORT"), TakesFile: true,
				Usage: "write the PNG report folder (charts, metrics.csv, summary.json, index.md) to DIR"},
			jsonFlag(), quietFlag(),
		}),
		Action: runBacktest,
	}
}

func trainCommand() *cli.Command {
	return &cli.Command{
		Name:      "train",
		Usage:     "train an LSTM/RNN (one global network on a multi-series file) and save it for 'tsforecast predict'",
		UsageText: "tsforecast train --input FILE --save MODEL [--model lstm|rnn] [--horizon H] [--window W] [--epochs N] [--seed S]",
		Description: "A loaded model forecasts exactly as the run that saved it.\n\n" +
			"Example:\n   tsforecast train --input examples/data/airline-passengers.csv --save airline.model",
		Flags: concat(inputFlags(), []cli.Flag{
			&cli.StringFlag{Name: "model", Aliases: []string{"m"}, Value: "lstm", EnvVars: env("MODEL"),
				Usage: "network: lstm or rnn", Action: oneOf("model", "lstm", "rnn")},
			&cli.StringFlag{Name: "save", EnvVars: env("SAVE"), TakesFile: true,
				Usage: "file to save the trained model to (required)"},
			&cli.IntFlag{Name: "horizon", EnvVars: env("HORIZON"), Action: nonNegative("horizon"),
				Usage: "steps the global network of a multi-series file forecasts at once; 0 means two seasons (predict builds longer forecasts block by block)"},
			seasonFlag(),
		}, netFlags(), []cli.Flag{quietFlag()}),
		Action: runTrain,
	}
}

func predictCommand() *cli.Command {
	return &cli.Command{
		Name:      "predict",
		Usage:     "forecast with a model saved by 'tsforecast train' or 'forecast --save'",
		UsageText: "tsforecast predict --model MODEL --input FILE --horizon H [--output OUT.csv] [--json]",
		Description: "The model is conditioned on the history in FILE (its weights are not changed), so a\n" +
			"model trained last month forecasts from this month's data.\n\n" +
			"Example:\n   tsforecast predict --model airline.model --input examples/data/airline-passengers.csv --horizon 12",
		Flags: concat([]cli.Flag{
			&cli.StringFlag{Name: "model", Aliases: []string{"m"}, EnvVars: env("MODEL_FILE"), TakesFile: true,
				Usage: "model file written by train or forecast --save (required)"},
		}, inputFlags(), []cli.Flag{
			horizonFlag(),
			outputFlag(),
			&cli.StringFlag{Name: "plot", EnvVars: env("PLOT"), TakesFile: true,
				Usage: "write a forecast-vs-history PNG"},
			jsonFlag(), quietFlag(),
		}),
		Action: runPredict,
	}
}

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "one-command report: backtest of the LSTM and baselines, forecast and all charts",
		UsageText: "tsforecast report --input FILE --horizon H --out DIR [--origins K]",
		Description: "Writes DIR/index.md with the charts, metrics.csv and summary.json.\n\n" +
			"Example:\n   tsforecast report --input examples/data/airline-passengers.csv --horizon 12 --out airline-report",
		Flags: concat(inputFlags(), []cli.Flag{
			horizonFlag(),
			&cli.StringFlag{Name: "out", EnvVars: env("OUT"), TakesFile: true, Usage: "report directory (required)"},
		}, walkForwardFlags("lstm", "snaive", "naive", "naive2", "hw"), []cli.Flag{
			seasonFlag(),
		}, netFlags(), []cli.Flag{localFlag(), levelFlag(), quietFlag()}),
		Action: runReport,
	}
}

// outputFlag names the forecast file of forecast and predict.
func outputFlag() cli.Flag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, EnvVars: env("OUTPUT"), TakesFile: true,
		Usage: "write the forecast CSV (or JSON with --json) to this file instead of stdout"}
}

// walkForwardFlags are the backtest settings shared by backtest and report.
func walkForwardFlags(defaultModels ...string) []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "origins", EnvVars: env("ORIGINS"), Value: 3, Action: positive("origins"),
			Usage: "number of forecast origins, counted back from the end"},
		&cli.IntFlag{Name: "step", EnvVars: env("STEP"), Action: nonNegative("step"),
			Usage: "steps between origins; 0 means the horizon"},
		&cli.StringSliceFlag{Name: "models", EnvVars: env("MODELS"), Value: cli.NewStringSlice(defaultModels...),
			Usage: "comma-separated models to compare: " + strings.Join(modelNames, ", ")},
		&cli.StringFlag{Name: "window-type", Value: "expanding", EnvVars: env("WINDOW_TYPE"),
			Usage: "training window: expanding or sliding", Action: oneOf("window-type", "expanding", "sliding")},
		&cli.IntFlag{Name: "refit", Value: 1, EnvVars: env("REFIT"), Action: nonNegative("refit"),
			Usage: "refit every N origins; 0 fits once at the first origin and then only moves the input window"},
	}
}
