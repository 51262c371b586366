package main

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/seq2one"
)

func TestWriteForecastJSON(t *testing.T) {
	t0 := time.Date(1961, 1, 1, 0, 0, 0, 0, time.UTC)
	fc := seriesForecast{Forecast: csvio.Forecast{ID: "Passengers", TimeLayout: "2006-01", Times: []time.Time{t0}, Point: []float64{450.5},
		Intervals: []forecast.Interval{{Level: 80, Lo: []float64{440}, Hi: []float64{461}}}}}
	var buf bytes.Buffer
	if err := writeForecastJSON(&buf, "snaive", 1, []seriesForecast{fc}); err != nil {
		t.Fatal(err)
	}
	want := `{
  "model": "snaive",
  "horizon": 1,
  "series": [
    {
      "id": "Passengers",
      "timestamps": [
        "1961-01"
      ],
      "forecast": [
        450.5
      ],
      "intervals": [
        {
          "level": 80,
          "lo": [
            440
          ],
          "hi": [
            461
          ]
        }
      ]
    }
  ]
}
`
	if got := buf.String(); got != want {
		t.Errorf("writeForecastJSON wrote\n%s\nwant\n%s", got, want)
	}
}

// TestNonFiniteForecasts: one rule for CSV and JSON: a forecast that
// overflows is refused with an error naming the series and the model
// (issue 15, item 16a). The drift of 1e308, 1.7e308, 1.75e308 reaches
// +Inf at the first step.
func TestNonFiniteForecasts(t *testing.T) {
	in := writeTemp(t, "huge.csv", "ds,y\n2020-01-01,1e308\n2020-01-02,1.7e308\n2020-01-03,1.75e308\n")
	for _, extra := range [][]string{nil, {"--json"}} {
		r := run(t, "", append([]string{"forecast", "--input", in, "--horizon", "2", "--model", "drift", "--quiet"}, extra...)...)
		want := `tsforecast: series "y": drift forecast at step 1 is +Inf; no forecast is written`
		if r.code != exitFailure || !strings.HasPrefix(r.stderr, want) || r.stdout != "" {
			t.Errorf("forecast %v of an overflowing drift: exit %d, stdout %q, stderr %q; want %q", extra, r.code, r.stdout, r.stderr, want)
		}
	}
	fc := &csvio.Forecast{ID: "a", Point: []float64{1, 2}, Intervals: []forecast.Interval{{Level: 80, Lo: []float64{0, math.NaN()}, Hi: []float64{2, 3}}}}
	if err := checkFinite("m", fc); err == nil || err.Error() != `series "a": m lower 80% bound at step 2 is NaN; no forecast is written (the values may be too large for the model)` {
		t.Errorf("checkFinite with a NaN bound: %v", err)
	}
}

// TestDivergenceAdvice: the divergence error advises flags that exist
// rather than settings the command line does not have (issue 15, item
// 16b).
func TestDivergenceAdvice(t *testing.T) {
	err := fmt.Errorf("models: lstm: %w", &seq2one.DivergenceError{Epoch: 3})
	msg := message(err)
	if !strings.Contains(msg, "training diverged in epoch 3") || !strings.Contains(msg, "--seed") || strings.Contains(msg, "learning rate") || strings.Contains(msg, "clipping") {
		t.Errorf("message(%v) = %q, want the epoch and advice naming flags", err, msg)
	}
}

// TestOutputInjectionAndTimes: ids that a spreadsheet would run are
// written as text in every CSV (issue 15, item 16e); timestamps keep the
// offset of the last observation and fractional seconds (item 14).
func TestOutputInjectionAndTimes(t *testing.T) {
	long := writeTemp(t, "long.csv", "unique_id,ds,y\n=2+3,2020-01-01,1\n=2+3,2020-01-02,2\n=2+3,2020-01-03,3\n=2+3,2020-01-04,4\n-1,2020-01-01,1\n-1,2020-01-02,2\n-1,2020-01-03,3\n-1,2020-01-04,4\n")
	r := mustRun(t, "", "forecast", "--input", long, "--horizon", "1", "--model", "naive", "--quiet")
	if want := "unique_id,ds,forecast\n\"'=2+3\",2020-01-05,4\n-1,2020-01-05,4\n"; r.stdout != want {
		t.Errorf("forecast of a formula id wrote %q, want %q", r.stdout, want)
	}
	cv := writeTemp(t, "cv.csv", "")
	mustRun(t, "", "backtest", "--input", long, "--horizon", "1", "--origins", "1", "--models", "naive", "--cv-output", cv, "--quiet")
	if got := readFile(t, cv); !strings.Contains(got, "\n\"'=2+3\",2020-01-04,2020-01-03,1,naive,") {
		t.Errorf("backtest --cv-output of a formula id wrote %q", got)
	}
	dst := writeTemp(t, "dst.csv", "ds,y\n2020-03-27T00:00:00+01:00,1\n2020-03-28T00:00:00+01:00,2\n2020-03-29T00:00:00+01:00,3\n2020-03-30T00:00:00+02:00,4\n2020-03-31T00:00:00+02:00,5\n")
	r = mustRun(t, "", "forecast", "--input", dst, "--horizon", "2", "--model", "naive", "--quiet")
	if want := "timestamp,forecast\n2020-04-01T00:00:00+02:00,5\n2020-04-02T00:00:00+02:00,5\n"; r.stdout != want {
		t.Errorf("forecast after a change of offset wrote %q, want %q", r.stdout, want)
	}
	frac := writeTemp(t, "frac.csv", "ds,y\n2020-01-01 00:00:00.250,1\n2020-01-01 00:01:00.250,2\n2020-01-01 00:02:00.250,3\n")
	r = mustRun(t, "", "forecast", "--input", frac, "--horizon", "1", "--model", "naive", "--quiet")
	if want := "timestamp,forecast\n2020-01-01 00:03:00.25,3\n"; r.stdout != want {
		t.Errorf("forecast of timestamps with fractional seconds wrote %q, want %q", r.stdout, want)
	}
}
