//go:build shared

package tsfbeam

import (
	"os"
	"path/filepath"
	"testing"
)

// hourlyTrain returns the M4 Hourly training file (414 series of 700-960
// values, wide) in the shared data folder beside the checkout, or in
// $TSFORECAST_SHARED.
func hourlyTrain() string {
	dir := os.Getenv("TSFORECAST_SHARED")
	if dir == "" {
		dir = "../../shared"
	}
	return filepath.Join(dir, "data", "Hourly-train.csv")
}

// TestM4HourlyMatchesCLI compares the pipeline with tsforecast on the
// whole M4 Hourly training file: snaive and hw, each with the season
// chosen for the whole file (a side input), and a global network trained
// by tsforecast forecast --save (two epochs, to keep the test short).
// Opt-in: go test -tags shared -run M4 ./...
func TestM4HourlyMatchesCLI(t *testing.T) {
	hourlyTrain := hourlyTrain()
	if _, err := os.Stat(hourlyTrain); err != nil {
		t.Fatalf("the shared data is needed with -tags shared: %v", err)
	}
	dir := t.TempDir()
	for _, m := range []string{"snaive", "hw"} {
		want := filepath.Join(dir, m+".csv")
		runCLI(t, "forecast", "--quiet", "--input", hourlyTrain, "--horizon", "48", "--model", m, "--output", want)
		prefix := filepath.Join(dir, m)
		if err := runPipeline(Options{Input: hourlyTrain, Output: prefix, Horizon: 48, Model: m, Shards: 4}); err != nil {
			t.Fatalf("%s: pipeline: %v", m, err)
		}
		compareShards(t, prefix, 4, want)
	}
	model := filepath.Join(dir, "global.tsf")
	fcWant := filepath.Join(dir, "lstm.csv")
	runCLI(t, "forecast", "--quiet", "--input", hourlyTrain, "--horizon", "48", "--model", "lstm",
		"--epochs", "2", "--save", model, "--output", fcWant)
	prefix := filepath.Join(dir, "global")
	if err := runPipeline(Options{Input: hourlyTrain, Output: prefix, Horizon: 48, ModelFile: model, Shards: 4}); err != nil {
		t.Fatalf("global: pipeline: %v", err)
	}
	compareShards(t, prefix, 4, fcWant)
}
