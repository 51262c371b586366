package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
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
