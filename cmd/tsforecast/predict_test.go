package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// TestPredictModelFlags: an empty --model-file (or its old name --model)
// is a usage error naming the flag, not "open : no such file" (issue 15,
// item 16d).
func TestPredictModelFlags(t *testing.T) {
	for _, flag := range []string{"--model-file", "--model"} {
		r := run(t, "", "predict", flag, "", "--input", airline, "--horizon", "3")
		if want := flag + " is empty: give a file name"; r.code != exitUsage || !strings.Contains(r.stderr, want) {
			t.Errorf("predict %s '': exit %d, stderr %q; want a usage error %q", flag, r.code, r.stderr, want)
		}
	}
}

// TestPredictRollingStart: a saved model forecasts a file that starts
// later on its time grid (a rolling window of recent data), from the
// file's own last values.
func TestPredictRollingStart(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m")
	mustRun(t, "", append([]string{"train", "--input", airline, "--save", model, "--quiet"}, tinyNet...)...)
	lines := strings.SplitAfter(readFile(t, airline), "\n")
	later := filepath.Join(dir, "later.csv")
	if err := os.WriteFile(later, []byte(lines[0]+strings.Join(lines[6:], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, "", "predict", "--model-file", model, "--input", later, "--horizon", "3")
	if !strings.Contains(r.stdout, "1961-01") {
		t.Errorf("predict from 1949-06 with a model of 1949-01: stdout %q; want the forecast from 1961-01", r.stdout)
	}
}

// TestPredictMessagesInDataLayout: a file off the model's time grid (an
// hourly model trained on the hour, data on the half hour) is refused with
// the timestamps as the data writes them, not in Go's raw format (issue
// 15, item 12).
func TestPredictMessagesInDataLayout(t *testing.T) {
	dir := t.TempDir()
	hourly := func(name string, offset time.Duration) string {
		var b strings.Builder
		b.WriteString("timestamp,value\n")
		t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Add(offset)
		for i := range 240 {
			fmt.Fprintf(&b, "%s,%.3f\n", t0.Add(time.Duration(i)*time.Hour).Format("2006-01-02 15:04"), 10+3*math.Sin(2*math.Pi*float64(i)/24))
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	model := filepath.Join(dir, "m")
	mustRun(t, "", append([]string{"train", "--input", hourly("on.csv", 0), "--horizon", "3", "--save", model, "--quiet"}, tinyNet...)...)
	r := run(t, "", "predict", "--model-file", model, "--input", hourly("half.csv", 30*time.Minute), "--horizon", "3")
	if r.code != exitFailure || !strings.Contains(r.stderr, "2024-03-01 00:30") || !strings.Contains(r.stderr, "2024-03-01 00:00") || strings.Contains(r.stderr, "UTC") {
		t.Errorf("predict on the half hour with a model of the hour: exit %d, stderr %q; want an error naming 2024-03-01 00:30 and 00:00 as the data writes them", r.code, r.stderr)
	}
}

// TestCheckFreq: predict refuses data of another calendar frequency than
// the model's (issue 15, item 12).
func TestCheckFreq(t *testing.T) {
	ds := func(fs ...forecast.Freq) *csvio.Dataset {
		d := &csvio.Dataset{Name: "f.csv"}
		for i, f := range fs {
			d.Series = append(d.Series, &forecast.Series{ID: string(rune('a' + i)), Freq: f})
		}
		return d
	}
	for _, test := range []struct {
		model forecast.Freq
		data  *csvio.Dataset
		want  string // "" for no error
	}{
		{forecast.Monthly, ds(forecast.Monthly), ""},
		{forecast.Monthly, ds(forecast.Step), ""},
		{forecast.Step, ds(forecast.Daily), ""},
		{forecast.Monthly, ds(forecast.Daily), "the model was trained on monthly data but f.csv is daily: predict needs data of the model's frequency"},
		{forecast.Hourly, ds(forecast.Hourly, forecast.Daily), `the model was trained on hourly data but series "b" of f.csv is daily`},
	} {
		err := checkFreq(test.model, test.data)
		if (err == nil) != (test.want == "") || err != nil && !strings.Contains(err.Error(), test.want) {
			t.Errorf("checkFreq(%v, %d series) = %v, want %q", test.model, len(test.data.Series), err, test.want)
		}
	}
}

// TestPredictLevels: predict --level gives intervals around the forecast:
// conformal from the saved single-series model's errors over the file's
// last origins, and the long layout for a wide file.
func TestPredictLevels(t *testing.T) {
	model := filepath.Join(t.TempDir(), "air.model")
	mustRun(t, "", append([]string{"train", "--input", airline, "--horizon", "12", "--save", model}, tinyNet...)...)
	r := mustRun(t, "", "predict", "--model-file", model, "--input", airline, "--horizon", "12", "--level", "80", "--level", "95")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 13 || strings.Join(rows[0], ",") != "timestamp,forecast,lo_80,hi_80,lo_95,hi_95" {
		t.Fatalf("predict --level: %q, %v", r.stdout, err)
	}
	for _, row := range rows[1:] {
		var v [5]float64
		for j := range v {
			v[j], _ = strconv.ParseFloat(row[j+1], 64)
		}
		if !(v[3] <= v[1] && v[1] <= v[0] && v[0] <= v[2] && v[2] <= v[4]) {
			t.Errorf("row %v: bounds not nested around the forecast", row)
		}
	}
	// A file too short for the calibration folds says what they need.
	short := filepath.Join(t.TempDir(), "short.csv")
	lines := strings.SplitAfter(readFile(t, airline), "\n")
	if err := os.WriteFile(short, []byte(strings.Join(lines[:30], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, "", "predict", "--model-file", model, "--input", short, "--horizon", "12", "--level", "95")
	if r.code != exitFailure || !strings.Contains(r.stderr, "95% intervals need 20 walk-forward folds of 12 steps") {
		t.Errorf("predict --level 95 on 29 values: exit %d, stderr %q", r.code, r.stderr)
	}
}
