package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
)

const (
	airline   = "../../examples/data/airline-passengers.csv"
	smallLong = "testdata/small-long.csv"
	smallWide = "testdata/small-wide.csv"
)

// tinyNet are network flags that keep LSTM runs in tests to a fraction of
// a second.
var tinyNet = []string{"--epochs", "3", "--hidden", "4"}

func mustRun(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	r := run(t, stdin, args...)
	if r.code != exitOK {
		t.Fatalf("tsforecast %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

func TestInspectGolden(t *testing.T) {
	for _, test := range []struct {
		name string
		args []string
	}{
		{"inspect-airline", []string{"inspect", "--input", airline}},
		{"inspect-long-gaps", []string{"inspect", "--input", smallLong}},
		{"inspect-wide", []string{"inspect", "--input", smallWide}},
		{"inspect-long-json", []string{"inspect", "--input", smallLong, "--json"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			r := mustRun(t, "", test.args...)
			golden(t, test.name, r.stdout)
		})
	}
}

// fitTimes matches the wall-time column that ends every backtest table row.
var fitTimes = regexp.MustCompile(`(?m)  [0-9]+\.[0-9]{2}$`)

func TestBacktestGolden(t *testing.T) {
	for _, test := range []struct {
		name string
		args []string
	}{
		// Airline, the protocol of issues 3 and 4: 3 origins, 12 ahead.
		// Seasonal naive's RMSE 38.99 is the value computed independently
		// with /work/shared/bench/peer_classic.py.
		{"backtest-airline", []string{"backtest", "--input", airline, "--horizon", "12", "--origins", "3",
			"--models", "naive,snaive,drift,mean,naive2"}},
		{"backtest-wide", []string{"backtest", "--input", smallWide, "--horizon", "4", "--origins", "3",
			"--models", "naive,snaive,naive2,drift", "--step", "2"}},
		{"backtest-long-sliding", []string{"backtest", "--input", smallLong, "--missing", "interpolate", "--horizon", "3",
			"--origins", "4", "--models", "naive", "--models", "mean", "--window-type", "sliding", "--season", "12"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			r := mustRun(t, "", test.args...)
			golden(t, test.name, fitTimes.ReplaceAllString(r.stdout, "  t"))
		})
	}
}

func TestBacktestNetworks(t *testing.T) {
	args := append([]string{"backtest", "--input", airline, "--horizon", "12", "--origins", "2", "--models", "lstm,rnn,snaive", "--json"}, tinyNet...)
	r := mustRun(t, "", args...)
	var res struct {
		Models []struct {
			Model   string
			Summary struct{ Mean struct{ RMSE float64 } }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("backtest --json: %v\n%s", err, r.stdout)
	}
	if len(res.Models) != 3 {
		t.Fatalf("backtest --json has %d models, want 3", len(res.Models))
	}
	for _, m := range res.Models {
		if !(m.Summary.Mean.RMSE > 0) {
			t.Errorf("%s: mean RMSE %v, want a positive number", m.Model, m.Summary.Mean.RMSE)
		}
	}
	again := mustRun(t, "", args...)
	strip := regexp.MustCompile(`"(fit|wall)_seconds": [0-9.e+-]+`)
	if strip.ReplaceAllString(again.stdout, "") != strip.ReplaceAllString(r.stdout, "") {
		t.Errorf("two backtests with the same seed differ")
	}
}

// readCSV parses CSV output.
func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, s)
	}
	return recs
}

func TestForecastSeasonalNaive(t *testing.T) {
	r := mustRun(t, "", "forecast", "--input", airline, "--horizon", "12", "--model", "snaive")
	recs := readCSV(t, r.stdout)
	if len(recs) != 13 || strings.Join(recs[0], ",") != "timestamp,forecast" {
		t.Fatalf("forecast CSV has %d rows, header %v; want 13 and timestamp,forecast", len(recs), recs[0])
	}
	// The seasonal naive forecast repeats 1960: from the file.
	want := []string{"417", "391", "419", "461", "472", "535", "622", "606", "508", "461", "390", "432"}
	for i, rec := range recs[1:] {
		if ts := "1961-" + strconv.Itoa(100 + i + 1)[1:]; rec[0] != ts || rec[1] != want[i] {
			t.Errorf("row %d = %v, want [%s %s]", i+1, rec, ts, want[i])
		}
	}
	if !strings.Contains(r.stderr, "season: 12 (frequency)") {
		t.Errorf("stderr %q does not note the season of monthly data", r.stderr)
	}
	q := mustRun(t, "", "forecast", "--input", airline, "--horizon", "12", "--model", "snaive", "--quiet")
	if q.stderr != "" || q.stdout != r.stdout {
		t.Errorf("--quiet: stderr %q (want none), same stdout %v", q.stderr, q.stdout == r.stdout)
	}
}

func TestForecastStdinAndEnv(t *testing.T) {
	data, err := os.ReadFile(airline)
	if err != nil {
		t.Fatal(err)
	}
	want := mustRun(t, "", "forecast", "--input", airline, "--horizon", "5", "--model", "naive")
	t.Setenv("TSFORECAST_HORIZON", "5")
	t.Setenv("TSFORECAST_MODEL", "naive")
	got := mustRun(t, string(data), "forecast", "--input", "-")
	if got.stdout != want.stdout {
		t.Errorf("stdin with env flags gave\n%s\nwant\n%s", got.stdout, want.stdout)
	}
	// A flag wins over its environment variable.
	r := mustRun(t, string(data), "forecast", "--input", "-", "--horizon", "2")
	if n := len(readCSV(t, r.stdout)); n != 3 {
		t.Errorf("--horizon 2 with TSFORECAST_HORIZON=5 gave %d rows, want 3", n)
	}
}

func TestForecastWideRoundTrip(t *testing.T) {
	r := mustRun(t, "", "forecast", "--input", smallWide, "--horizon", "4", "--model", "snaive", "--season", "4")
	recs := readCSV(t, r.stdout)
	if strings.Join(recs[0], ",") != "id,1,2,3,4" || len(recs) != 4 {
		t.Fatalf("wide forecast header %v with %d rows, want id,1,2,3,4 and 4 rows", recs[0], len(recs))
	}
	in := readCSV(t, readFile(t, smallWide))
	for i, rec := range recs[1:] {
		row := in[i+1]
		n := len(row) - 1
		for n > 0 && row[n] == "" {
			n--
		}
		last := row[n-3 : n+1] // the last season of the series
		if rec[0] != row[0] {
			t.Errorf("row %d id %q, want %q", i+1, rec[0], row[0])
		}
		for k := range 4 {
			got, _ := strconv.ParseFloat(rec[k+1], 64)
			want, _ := strconv.ParseFloat(last[k], 64)
			if got != want {
				t.Errorf("%s step %d = %v, want %v (seasonal naive)", rec[0], k+1, got, want)
			}
		}
	}
	// The wide forecast reads back as a wide file.
	dir := t.TempDir()
	out := filepath.Join(dir, "fc.csv")
	mustRun(t, "", "forecast", "--input", smallWide, "--horizon", "4", "--model", "naive", "--output", out)
	back := mustRun(t, "", "inspect", "--input", out, "--layout", "wide")
	if !strings.Contains(back.stdout, "series     3") {
		t.Errorf("inspect of the wide forecast:\n%s", back.stdout)
	}
	// With intervals a wide file's forecasts are written in the long
	// layout, which has room for them.
	e := mustRun(t, "", "forecast", "--input", smallWide, "--horizon", "4", "--model", "naive", "--level", "80")
	recs = readCSV(t, e.stdout)
	if !strings.Contains(e.stderr, "no room for intervals") || strings.Join(recs[0], ",") != "id,step,forecast,lo_80,hi_80" || len(recs) != 1+3*4 {
		t.Errorf("wide forecast with --level: stderr %q, %d rows, header %v; want the long layout", e.stderr, len(recs), recs[0])
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestForecastLongAndIntervals(t *testing.T) {
	r := mustRun(t, "", "forecast", "--input", smallLong, "--missing", "interpolate", "--horizon", "3",
		"--model", "snaive", "--season", "12", "--level", "80", "--level", "95")
	recs := readCSV(t, r.stdout)
	// The input's own id and time column names, so the forecasts join it.
	if got := strings.Join(recs[0], ","); got != "unique_id,ds,forecast,lo_80,hi_80,lo_95,hi_95" {
		t.Fatalf("long header %q", got)
	}
	if len(recs) != 7 || recs[1][0] != "A" || recs[1][1] != "2022-01" || recs[4][0] != "B" {
		t.Errorf("long forecast rows: %v", recs)
	}
	for _, rec := range recs[1:] {
		v := make([]float64, 5)
		for i := range v {
			v[i], _ = strconv.ParseFloat(rec[2+i], 64)
		}
		f, lo80, hi80, lo95, hi95 := v[0], v[1], v[2], v[3], v[4]
		if !(lo95 <= lo80 && lo80 <= f && f <= hi80 && hi80 <= hi95) {
			t.Errorf("row %v: want lo_95 <= lo_80 <= forecast <= hi_80 <= hi_95", rec)
		}
	}
	// Gaps are an error by default, naming the file and line.
	e := run(t, "", "forecast", "--input", smallLong, "--horizon", "3")
	if e.code != exitFailure || !strings.Contains(e.stderr, "small-long.csv:") || !strings.Contains(e.stderr, "--missing interpolate") {
		t.Errorf("forecast on a file with gaps: exit %d, stderr %q; want 1 and the file named", e.code, e.stderr)
	}
}

func TestRuntimeErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("Month,Passengers\n1949-01,112\n1949-02,12x\n1949-03,132\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"empty.csv":   "",
		"header.csv":  "date,value\n",
		"one.csv":     "date,value\n2020-01-01,5\n",
		"format.csv":  "date,value\n01/02/2020,5\n",
		"missing.csv": "date,value\n2020-01-01,5\n2020-01-02,\n2020-01-03,6\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	for _, test := range []struct {
		name string
		args []string
		want string
	}{
		{"bad number", []string{"forecast", "--input", bad, "--horizon", "2"}, `bad.csv:3: column "Passengers"`},
		{"empty file", []string{"forecast", "--input", in("empty.csv"), "--horizon", "2"}, "empty.csv:1: empty file"},
		{"header only", []string{"backtest", "--input", in("header.csv"), "--horizon", "2"}, "header.csv:1: header without data rows"},
		// The loader's hints name LoadOptions fields; the CLI names its flags.
		{"one timestamp", []string{"inspect", "--input", in("one.csv")}, "use --freq"},
		{"time format", []string{"inspect", "--input", in("format.csv")}, "use --time-format"},
		{"missing value", []string{"forecast", "--input", in("missing.csv"), "--horizon", "2"}, "use --missing interpolate or --missing ffill"},
		{"no id column", []string{"inspect", "--input", airline, "--layout", "long"},
			"no id column for the long layout (want one of unique_id, id, series_id, series, item_id)"},
		{"no such file", []string{"inspect", "--input", filepath.Join(dir, "nope.csv")}, "nope.csv"},
		{"not a model", []string{"predict", "--model", bad, "--input", airline, "--horizon", "2"}, "not a seq2one model file"},
		{"unwritable output", []string{"forecast", "--input", airline, "--horizon", "2", "--model", "naive",
			"--output", filepath.Join(dir, "missing-dir", "out.csv")}, "missing-dir"},
		{"save a baseline", []string{"forecast", "--input", airline, "--horizon", "2", "--model", "naive", "--save", "m"},
			"--save needs a model whose fit can be saved"},
	} {
		t.Run(test.name, func(t *testing.T) {
			r := run(t, "", test.args...)
			want := exitFailure
			if test.name == "save a baseline" {
				want = exitUsage
			}
			if r.code != want {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, want, r.stderr)
			}
			// Notes (the detected season) may come first; the error is the
			// last line, and the only one starting with "tsforecast:".
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "tsforecast: ") || !strings.Contains(last, test.want) || strings.Count(r.stderr, "tsforecast:") != 1 {
				t.Errorf("stderr %q, want one error line containing %q", r.stderr, test.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
}

// TestFreqFlag: --freq names the frequency the loader cannot infer (one
// timestamp) or a wide file cannot carry, and the detected-season fallback
// then uses it.
func TestFreqFlag(t *testing.T) {
	for i, name := range freqNames {
		if f, err := forecast.ParseFreq(name); err != nil || int(f) != i {
			t.Errorf("freqNames[%d] = %q: forecast.ParseFreq gives %v, %v", i, name, f, err)
		}
	}
	if s := forecast.Freq(len(freqNames)).String(); !strings.HasPrefix(s, "Freq(") {
		t.Errorf("forecast has a frequency %q that --freq does not list", s)
	}
	one := filepath.Join(t.TempDir(), "one.csv")
	if err := os.WriteFile(one, []byte("date,value\n2020-01-01,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var in struct{ Frequency string }
	r := mustRun(t, "", "inspect", "--input", one, "--freq", "daily", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &in); err != nil || in.Frequency != "daily" {
		t.Errorf("inspect --freq daily of one row: frequency %q (%v), want daily", in.Frequency, err)
	}
	r = mustRun(t, "", "inspect", "--input", smallWide, "--freq", "hourly", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &in); err != nil || in.Frequency != "hourly" {
		t.Errorf("inspect --freq hourly of a wide file: frequency %q (%v), want hourly", in.Frequency, err)
	}
	r = mustRun(t, "", "inspect", "--input", one, "--freq", "daily")
	if want := "too short for two cycles of the usual period 7 of daily data"; !strings.Contains(r.stdout, want) {
		t.Errorf("inspect of one daily value does not say %q:\n%s", want, r.stdout)
	}
}

// TestFallbackNote: a series too short for the model is forecast by its
// fallback, and a note says so.
func TestFallbackNote(t *testing.T) {
	r := mustRun(t, "", "forecast", "--input", airline, "--horizon", "3", "--model", "snaive", "--season", "200")
	if !strings.Contains(r.stderr, "snaive: too short, forecast by naive instead") {
		t.Errorf("stderr %q does not note the fallback", r.stderr)
	}
	if want := "timestamp,forecast\n1961-01,432\n1961-02,432\n1961-03,432\n"; r.stdout != want {
		t.Errorf("stdout %q, want the naive forecast %q", r.stdout, want)
	}
}

func TestTrainPredictRoundTrip(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "air.model")
	fc := mustRun(t, "", append([]string{"forecast", "--model", "lstm", "--input", airline, "--horizon", "6", "--save", model}, tinyNet...)...)
	pr := mustRun(t, "", "predict", "--model-file", model, "--input", airline, "--horizon", "6")
	if fc.stdout != pr.stdout {
		t.Errorf("predict with the saved model gave\n%s\nforecast gave\n%s", pr.stdout, fc.stdout)
	}
	model2 := filepath.Join(dir, "air2.model")
	mustRun(t, "", append([]string{"train", "--input", airline, "--save", model2, "--horizon", "6"}, tinyNet...)...)
	pr2 := mustRun(t, "", "predict", "--model-file", model2, "--input", airline, "--horizon", "6")
	if pr2.stdout != fc.stdout {
		t.Errorf("train+predict gave\n%s\nforecast gave\n%s", pr2.stdout, fc.stdout)
	}
	// A wide file trains one global network, which predict then uses.
	wm := filepath.Join(dir, "w.model")
	mustRun(t, "", append([]string{"train", "--input", smallWide, "--save", wm, "--horizon", "4"}, tinyNet...)...)
	wfc := mustRun(t, "", append([]string{"forecast", "--model", "lstm", "--input", smallWide, "--horizon", "4"}, tinyNet...)...)
	wpr := mustRun(t, "", "predict", "--model", wm, "--input", smallWide, "--horizon", "4")
	if wpr.stdout != wfc.stdout {
		t.Errorf("train+predict on a wide file gave\n%s\nforecast gave\n%s", wpr.stdout, wfc.stdout)
	}
}

func TestInterruptWritesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "fc.csv")
	var stdout, stderr strings.Builder
	app := newApp(&stdout, &stderr)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as if Ctrl-C came before training finished
	err := app.RunContext(ctx, []string{"tsforecast", "forecast", "--input", airline, "--horizon", "3", "--output", out})
	code := reportError(&stderr, err)
	if code != exitFailure || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("cancelled forecast: exit %d, stderr %q; want 1 and 'interrupted'", code, stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("cancelled forecast left %s behind (stat error %v)", out, err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("cancelled forecast left files: %v", ents)
	}
}

func TestReport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	r := mustRun(t, "", append([]string{"report", "--input", airline, "--horizon", "12", "--out", dir, "--models", "lstm,snaive"}, tinyNet...)...)
	if !strings.Contains(r.stdout, "lstm") {
		t.Errorf("report table:\n%s", r.stdout)
	}
	for _, f := range []string{"index.md", "metrics.csv", "summary.json", "forecast.png", "training.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("report: %v", err)
		}
	}
}

func TestBacktestReportMany(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	mustRun(t, "", "backtest", "--input", smallWide, "--horizon", "4", "--origins", "3", "--models", "snaive,naive2", "--report", dir)
	for _, f := range []string{"index.md", "metrics.csv", "summary.json", "grid.png", "horizon.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("backtest --report on a wide file: %v", err)
		}
	}
	// Re-running overwrites the folder cleanly.
	mustRun(t, "", "backtest", "--input", smallWide, "--horizon", "4", "--origins", "3", "--models", "snaive,naive2", "--report", dir)
}

func TestGlobalAndLocalNetworks(t *testing.T) {
	// A multi-series file trains one global network by default and one
	// network per series with --local; both forecast every series.
	for _, extra := range [][]string{nil, {"--local"}} {
		args := append([]string{"forecast", "--model", "lstm", "--input", smallWide, "--horizon", "4"}, tinyNet...)
		r := mustRun(t, "", append(args, extra...)...)
		recs := readCSV(t, r.stdout)
		if len(recs) != 4 || len(recs[1]) != 5 {
			t.Errorf("forecast %v: %d rows of %d fields, want 4 of 5", extra, len(recs), len(recs[1]))
		}
		again := mustRun(t, "", append(args, extra...)...)
		if again.stdout != r.stdout {
			t.Errorf("forecast %v: two runs with the same seed differ", extra)
		}
		if global := strings.Contains(r.stderr, "global lstm"); global != (extra == nil) {
			t.Errorf("forecast %v: stderr %q; want a global network only without --local", extra, r.stderr)
		}
	}
	// The global network's intervals come from its held-out horizons.
	e := mustRun(t, "", append([]string{"forecast", "--model", "lstm", "--input", smallWide, "--horizon", "4", "--json", "--level", "80"}, tinyNet...)...)
	if !strings.Contains(e.stdout, `"intervals"`) {
		t.Errorf("global forecast with --level: no intervals in\n%s", e.stdout)
	}
	r := mustRun(t, "", append([]string{"backtest", "--input", smallWide, "--horizon", "4", "--origins", "2", "--models", "lstm,snaive"}, tinyNet...)...)
	if !strings.Contains(r.stdout, "lstm") || !strings.Contains(r.stdout, "snaive") {
		t.Errorf("backtest with the global network:\n%s", r.stdout)
	}
}

// TestOutputChecks: a file or folder that cannot be written fails the
// command at once, before loading or training, with one line naming the
// flag, not later with the name of the temporary file.
func TestOutputChecks(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	nodir := filepath.Join(dir, "nope", "x.png")
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"forecast", "--input", airline, "--horizon", "2", "--plot", nodir},
			"cannot write --plot " + nodir + ": directory " + filepath.Dir(nodir) + " does not exist"},
		{[]string{"forecast", "--input", airline, "--horizon", "2", "--output", dir}, "cannot write --output " + dir + ": it is a directory"},
		{[]string{"train", "--input", airline, "--save", dir}, "cannot write --save " + dir + ": it is a directory"},
		{[]string{"inspect", "--input", airline, "--plot", dir}, "cannot write --plot " + dir + ": it is a directory"},
		{[]string{"report", "--input", airline, "--horizon", "2", "--out", file}, "cannot write --out " + file + ": it is a file, not a directory"},
		{[]string{"backtest", "--input", airline, "--horizon", "2", "--report", file}, "cannot write --report " + file + ": it is a file, not a directory"},
	} {
		r := run(t, "", test.args...)
		if r.code != exitFailure || r.stderr != "tsforecast: "+test.want+"\n" || r.stdout != "" {
			t.Errorf("tsforecast %s: exit %d, stdout %q, stderr %q; want exit 1 and only %q",
				strings.Join(test.args, " "), r.code, r.stdout, r.stderr, test.want)
		}
	}
	// A report folder is created with its parents.
	mustRun(t, "", "backtest", "--input", airline, "--horizon", "12", "--models", "naive", "--report", filepath.Join(dir, "a", "b"), "--quiet")
	if _, err := os.Stat(filepath.Join(dir, "a", "b", "index.md")); err != nil {
		t.Errorf("backtest --report into a new nested folder: %v", err)
	}
}

// TestTrainReportJSON: train --json says what was trained and saved;
// report --json prints the backtest as backtest --json does.
func TestTrainReportJSON(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m")
	r := mustRun(t, "", append([]string{"train", "--input", airline, "--save", model, "--json"}, tinyNet...)...)
	var tr struct {
		Model, Saved string
		Series       int
		Networks     []struct{ Epochs, KeptEpoch int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &tr); err != nil || tr.Model != "lstm" || tr.Saved != model || tr.Series != 1 || len(tr.Networks) == 0 || tr.Networks[0].Epochs == 0 {
		t.Errorf("train --json = %s (%v)", r.stdout, err)
	}
	rep := mustRun(t, "", "report", "--input", airline, "--horizon", "12", "--out", filepath.Join(dir, "rep"), "--model", "snaive", "--models", "naive,snaive", "--json", "--quiet")
	var js struct{ Models []struct{ Model string } }
	if err := json.Unmarshal([]byte(rep.stdout), &js); err != nil || len(js.Models) != 2 {
		t.Errorf("report --json = %.200s… (%v)", rep.stdout, err)
	}
}

// TestNonNegative: a series without negative values gets forecasts and
// bounds at 0 or above unless --allow-negative; the drift forecast of
// 10, 9, …, 1 would go below 0 from the second step.
func TestNonNegative(t *testing.T) {
	in := filepath.Join(t.TempDir(), "down.csv")
	var b strings.Builder
	b.WriteString("ds,y\n")
	for i := range 10 {
		fmt.Fprintf(&b, "2020-01-%02d,%d\n", i+1, 10-i)
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"forecast", "--input", in, "--horizon", "4", "--model", "drift", "--level", "80", "--quiet"}
	for _, allow := range []bool{false, true} {
		a := args
		if allow {
			a = append(a, "--allow-negative")
		}
		recs := readCSV(t, mustRun(t, "", a...).stdout)
		neg := false
		for _, rec := range recs[1:] {
			for _, f := range rec[1:] {
				if v, _ := strconv.ParseFloat(f, 64); v < 0 {
					neg = true
				}
			}
		}
		if neg != allow {
			t.Errorf("--allow-negative %v: negative values %v in %v", allow, neg, recs)
		}
	}
}
