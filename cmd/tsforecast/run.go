package main

import (
	"github.com/urfave/cli/v2"
)

func runBacktest(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "horizon"); err != nil {
		return err
	}
	return errNotAvailable{"backtest"}
}

func runTrain(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "save"); err != nil {
		return err
	}
	return errNotAvailable{"train"}
}

func runPredict(cCtx *cli.Context) error {
	if err := require(cCtx, "model", "input", "horizon"); err != nil {
		return err
	}
	return errNotAvailable{"predict"}
}

func runReport(cCtx *cli.Context) error {
	if err := require(cCtx, "input", "horizon", "out"); err != nil {
		return err
	}
	return errNotAvailable{"report"}
}
