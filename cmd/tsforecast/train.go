package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

func trainCommand() *cli.Command {
	return &cli.Command{
		Name:      "train",
		Usage:     "train an LSTM/RNN (one global network on a multi-series file) and save it for 'tsforecast predict'",
		UsageText: "tsforecast train --input FILE --save MODEL [--model " + strings.Join(savableNames(), "|") + "] [--horizon H] [--window W] [--epochs N] [--seed S]",
		Description: "A loaded model forecasts exactly as the run that saved it.\n\n" +
			"Example:\n   tsforecast train --input examples/data/airline-passengers.csv --save airline.model",
		Flags: concat(inputFlags(), []cli.Flag{
			modelFlag(savableNames()[0], "model to train", savableNames()),
			&cli.StringFlag{Name: "save", EnvVars: env("SAVE"), TakesFile: true,
				Usage: "file to save the trained model to (required)"},
			intFlag("horizon", "steps the network forecasts at once (give the horizon you will forecast); 0 means two seasons (predict builds longer forecasts block by block)", 0, true),
			seasonFlag(),
		}, netFlags(), []cli.Flag{jsonFlag(), quietFlag()}),
		Action: runTrain,
	}
}

func runTrain(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "save"); err != nil {
		return err
	}
	e, err := lookupModel(cCtx, "--model", cCtx.String("model"))
	if err != nil {
		return err
	}
	ds, err := loadInput(cCtx, 0)
	if err != nil {
		return err
	}
	prog := newProgress(cCtx)
	season := seasonFor(cCtx, ds, prog)
	s := settingsFrom(cCtx, season.Period)
	// The direct head of a global network covers --horizon steps (default
	// two seasons); predict builds longer forecasts block by block.
	s.Horizon = cCtx.Int("horizon")
	f, err := fitModel(cCtx, e, s, ds.Series, prog)
	if err != nil {
		return err
	}
	path := cCtx.String("save")
	if err := f.save(cCtx, path); err != nil {
		return err
	}
	what := "model"
	if n := len(ds.Series); n > 1 {
		what = fmt.Sprintf("%s model of %d series", f.label, n)
	}
	prog.Notef("%s saved to %s", what, path)
	if cCtx.Bool("json") {
		return writeTrainJSON(cCtx.App.Writer, f, path)
	}
	return nil
}

// writeTrainJSON writes what train did as JSON: the model, the series, the
// file, and each network's epochs and kept epoch with its losses.
func writeTrainJSON(w io.Writer, f *fitted, path string) error {
	type member struct {
		Epochs    int      `json:"epochs"`
		Kept      int      `json:"kept_epoch"`
		TrainLoss *float64 `json:"train_loss"`
		ValLoss   *float64 `json:"validation_loss"`
	}
	out := struct {
		Model    string   `json:"model"`
		Series   int      `json:"series"`
		Saved    string   `json:"saved"`
		Networks []member `json:"networks"`
	}{Model: f.label, Series: len(f.series), Saved: path, Networks: []member{}}
	if h, ok := f.model.(historian); ok {
		for _, m := range members(h.History()) {
			if len(m) == 0 {
				continue
			}
			k := keptEpoch(m)
			mb := member{Epochs: m[len(m)-1].Epoch, Kept: k.Epoch}
			if k.TrainLoss == k.TrainLoss { // null for NaN, which JSON lacks
				mb.TrainLoss = &k.TrainLoss
			}
			if k.ValLoss == k.ValLoss {
				mb.ValLoss = &k.ValLoss
			}
			out.Networks = append(out.Networks, mb)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
