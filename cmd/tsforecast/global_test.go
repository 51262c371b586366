package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/seq2one"
)

// writePanel writes a wide (M4-layout) file of k series that share a
// seasonal shape of period m at scales from 1 to 10⁴, each with its own
// phase and multiplicative noise of σ 3 %, of n values minus the last h,
// and returns the held-out values.
func writePanel(t *testing.T, path string, k, n, h, m int) (train, test [][]float64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(9, 9))
	var b strings.Builder
	for j := 1; j <= n-h+1; j++ { // V1 is the id column
		if j > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "V%d", j)
	}
	b.WriteByte('\n')
	for i := range k {
		scale := math.Pow(10, 4*float64(i)/float64(k-1))
		phase := rng.IntN(m)
		v := make([]float64, n)
		for t := range v {
			x := 2 * math.Pi * float64(t+phase) / float64(m)
			v[t] = scale * math.Exp(0.4*math.Sin(x)+0.2*math.Cos(2*x)+0.001*float64(t)+0.03*rng.NormFloat64())
		}
		fmt.Fprintf(&b, "P%d", i)
		for _, x := range v[:n-h] {
			b.WriteString("," + strconv.FormatFloat(x, 'g', 8, 64))
		}
		b.WriteByte('\n')
		train = append(train, v[:n-h])
		test = append(test, v[n-h:])
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return train, test
}

// TestForecastGlobalOtherSeason runs the default forecast command, the one
// bench/m4hourly.sh scores on M4 Hourly (season 24), unchanged on a wide
// file with season 12: the default model (auto, over the global network)
// is used, the season is detected, and the forecasts beat seasonal naive
// on the held-out year.
func TestForecastGlobalOtherSeason(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "panel.csv")
	train, test := writePanel(t, in, 12, 204, 12, 12)
	out := filepath.Join(dir, "fc.csv")
	r := mustRun(t, "", "forecast", "--input", in, "--horizon", "12", "--output", out)
	if !strings.Contains(r.stderr, "season: 12 (detected)") || !strings.Contains(r.stderr, "auto: lstm") {
		t.Errorf("stderr does not report the detected season and the global model:\n%s", r.stderr)
	}
	rows := readCSV(t, readFile(t, out))
	if len(rows) != 13 || len(rows[0]) != 13 {
		t.Fatalf("forecast file has %d rows of %d columns, want 13 of 13", len(rows), len(rows[0]))
	}
	var model, naive float64
	for i, row := range rows[1:] {
		if row[0] != fmt.Sprint("P", i) {
			t.Fatalf("row %d is series %q, want P%d", i+1, row[0], i)
		}
		fc := make([]float64, 12)
		for k := range fc {
			v, err := strconv.ParseFloat(row[k+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			fc[k] = v
		}
		model += eval.SMAPE(test[i], fc) / 12
		naive += eval.SMAPE(test[i], train[i][len(train[i])-12:]) / 12
	}
	t.Logf("sMAPE: global %.3f, seasonal naive %.3f", model, naive)
	if !(model < naive) {
		t.Errorf("global sMAPE %.3f, want below seasonal naive %.3f", model, naive)
	}
}

// TestBacktestGlobal backtests the global network on a multi-series file
// with a report: one global fit per origin, summary over all series.
func TestBacktestGlobal(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "panel.csv")
	writePanel(t, in, 8, 204, 0, 12)
	rep := filepath.Join(dir, "rep")
	r := mustRun(t, "", "backtest", "--input", in, "--horizon", "12", "--origins", "2", "--models", "lstm,snaive", "--epochs", "10", "--hidden", "16", "--report", rep)
	if !strings.Contains(r.stdout, "lstm") || !strings.Contains(r.stdout, "8 series") {
		t.Errorf("backtest table:\n%s", r.stdout)
	}
	for _, f := range []string{"index.md", "metrics.csv", "summary.json", "grid.png"} {
		if _, err := os.Stat(filepath.Join(rep, f)); err != nil {
			t.Errorf("backtest --report: %v", err)
		}
	}
}

// TestGlobalSavePredict checks that forecast --save on a multi-series file
// saves the global network and that predict with it on the same file
// forecasts exactly as the run that saved it.
func TestGlobalSavePredict(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "panel.csv")
	writePanel(t, in, 6, 150, 0, 12)
	model := filepath.Join(dir, "g.model")
	args := []string{"--model", "lstm", "--input", in, "--horizon", "12", "--epochs", "4", "--hidden", "8"}
	fc := mustRun(t, "", append([]string{"forecast", "--save", model}, args...)...)
	pr := mustRun(t, "", "predict", "--model", model, "--input", in, "--horizon", "12")
	if pr.stdout != fc.stdout {
		t.Errorf("predict with the saved global network:\n%s\nforecast:\n%s", pr.stdout, fc.stdout)
	}
	if rows := readCSV(t, pr.stdout); len(rows) != 7 {
		t.Errorf("predict: %d rows, want a header and 6 series", len(rows))
	}
	// Series the network was not trained on (ids it has not seen) are
	// forecast from their own histories: for the same histories, the
	// forecasts of the trained series under the new names.
	other := filepath.Join(dir, "other.csv")
	b, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, []byte(strings.ReplaceAll(string(b), "\nP", "\nQ")), 0o644); err != nil {
		t.Fatal(err)
	}
	un := mustRun(t, "", "predict", "--model", model, "--input", other, "--horizon", "12")
	if want := strings.ReplaceAll(fc.stdout, "\nP", "\nQ"); un.stdout != want {
		t.Errorf("predict on unseen ids:\n%s\nwant the forecasts of the trained series renamed:\n%s", un.stdout, want)
	}
	// The file holds the weights, not the training series' states, which
	// would make it grow with their number: predict computes them.
	if g, err := seq2one.LoadGlobalFile(model); err != nil || g.Len() != 0 {
		t.Errorf("the saved global network: error %v; want it loaded with no series' states", err)
	}
	r := run(t, "", append([]string{"forecast", "--save", model, "--local"}, args...)...)
	if r.code != exitUsage {
		t.Errorf("forecast --save --local on a multi-series file: exit %d, want a usage error", r.code)
	}
}
