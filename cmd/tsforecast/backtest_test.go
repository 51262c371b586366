package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
)

func TestFmtScore(t *testing.T) {
	for _, test := range []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{0.012345, "0.01235"},
		{38.9871, "38.99"},
		{9999.4, "9999"},
		{12345.6, "12346"},
		{-703008.25, "-703008"},
		{9999999.4, "9999999"},
		{1e7, "1e+07"},
		{-12345678, "-1.235e+07"},
		{4.8243e299, "4.824e+299"},
		{-math.MaxFloat64, "-1.798e+308"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "+Inf"},
		{math.Inf(-1), "-Inf"},
	} {
		if got := fmtScore(test.v); got != test.want {
			t.Errorf("fmtScore(%v) = %q, want %q", test.v, got, test.want)
		}
	}
}

// TestBacktestHugeValues backtests a series of values up to ±1e300: the
// table's scores stay short (they used to print with 300 digits) and its
// columns stay aligned.
func TestBacktestHugeValues(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var b strings.Builder
	b.WriteString("date,y\n")
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 60 {
		v := 1e300 * r.Float64()
		if r.IntN(2) == 0 {
			v = -v
		}
		fmt.Fprintf(&b, "%s,%g\n", day.AddDate(0, 0, i).Format(time.DateOnly), v)
	}
	path := filepath.Join(t.TempDir(), "huge.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res := mustRun(t, "", "backtest", "--input", path, "--horizon", "4", "--origins", "2", "--models", "naive,snaive,mean,drift")
	lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
	if len(lines) != 6 { // title, header, 4 models
		t.Fatalf("backtest printed %d lines, want 6:\n%s", len(lines), res.stdout)
	}
	table := lines[1:]
	for _, l := range table {
		if len(l) != len(table[0]) {
			t.Errorf("table rows of different widths (%d and %d):\n%s", len(l), len(table[0]), res.stdout)
			break
		}
		for _, cell := range strings.Fields(l) {
			if len(cell) > 11 {
				t.Errorf("cell %q longer than 11 characters:\n%s", cell, res.stdout)
			}
		}
	}
	if !strings.Contains(res.stdout, "e+299") {
		t.Errorf("no score printed with an exponent:\n%s", res.stdout)
	}
}

// TestBacktestCVOutput checks the tidy CSV of --cv-output on a long file:
// the input's column names, one row per series, origin, step and model,
// actual values that are the input's, and the forecasts of the --json
// folds.
func TestBacktestCVOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cv.csv")
	args := []string{"backtest", "--input", smallLong, "--missing", "interpolate", "--horizon", "3", "--origins", "2",
		"--models", "naive,snaive", "--season", "12", "--level", "80", "--quiet"}
	mustRun(t, "", append(args, "--cv-output", out)...)
	recs := readCSV(t, readFile(t, out))
	if got := strings.Join(recs[0], ","); got != "unique_id,ds,origin,horizon_step,model,actual,forecast,lo_80,hi_80" {
		t.Fatalf("cv header %q", got)
	}
	// 2 series × 2 models × 2 origins × 3 steps.
	if len(recs) != 1+2*2*2*3 {
		t.Fatalf("cv has %d rows, want %d", len(recs), 1+24)
	}
	var js struct {
		Series []struct {
			Series string
			Models []struct {
				Model string
				Folds []struct {
					Actual, Forecast []float64
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "", append(args, "--json")...).stdout), &js); err != nil {
		t.Fatal(err)
	}
	first := recs[1]
	want := js.Series[0].Models[0].Folds[0]
	if first[0] != js.Series[0].Series || first[3] != "1" || first[4] != js.Series[0].Models[0].Model ||
		first[5] != csvio.FormatValue(want.Actual[0]) || first[6] != csvio.FormatValue(want.Forecast[0]) || first[7] == "" {
		t.Errorf("first cv row %v, want series %s, step 1, model %s, actual %v, forecast %v and a lower bound",
			first, js.Series[0].Series, js.Series[0].Models[0].Model, want.Actual[0], want.Forecast[0])
	}
}
