package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

func TestWriteForecastCSV(t *testing.T) {
	t0 := time.Date(1961, 1, 1, 0, 0, 0, 0, time.UTC)
	monthly := seriesForecast{ID: "Passengers", TimeLayout: "2006-01",
		Times: []time.Time{t0, t0.AddDate(0, 1, 0)}, Point: []float64{450.5, 430.25},
		Bands: []forecast.Interval{{Level: 80, Lo: []float64{440, 420}, Hi: []float64{461, 441.5}}, {Level: 95, Lo: []float64{430, 410}, Hi: []float64{470, 450}}}}
	hourly := seriesForecast{ID: "s1", TimeLayout: "2006-01-02 15:04:05",
		Times: []time.Time{t0, t0.Add(time.Hour)}, Point: []float64{1, 2}}
	steps := []seriesForecast{{ID: "H1", Point: []float64{605, 586, 1e-7}}, {ID: "H2", Point: []float64{3, 4, 5}}}
	for _, test := range []struct {
		name   string
		layout outputLayout
		fcs    []seriesForecast
		want   string
	}{
		{"single with intervals", outSingle, []seriesForecast{monthly},
			"timestamp,forecast,lo_80,hi_80,lo_95,hi_95\n1961-01,450.5,440,461,430,470\n1961-02,430.25,420,441.5,410,450\n"},
		{"long hourly", outLong, []seriesForecast{hourly, hourly},
			"id,timestamp,forecast\ns1,1961-01-01 00:00:00,1\ns1,1961-01-01 01:00:00,2\ns1,1961-01-01 00:00:00,1\ns1,1961-01-01 01:00:00,2\n"},
		{"long without timestamps", outLong, steps,
			"id,step,forecast\nH1,1,605\nH1,2,586\nH1,3,0.0000001\nH2,1,3\nH2,2,4\nH2,3,5\n"},
		{"wide", outWide, steps, "id,1,2,3\nH1,605,586,0.0000001\nH2,3,4,5\n"},
	} {
		var buf bytes.Buffer
		if err := writeForecastCSV(&buf, test.layout, test.fcs); err != nil {
			t.Fatalf("%s: writeForecastCSV: %v", test.name, err)
		}
		if got := buf.String(); got != test.want {
			t.Errorf("%s: writeForecastCSV wrote\n%s\nwant\n%s", test.name, got, test.want)
		}
	}
	var buf bytes.Buffer
	err := writeForecastCSV(&buf, outWide, []seriesForecast{monthly})
	if err == nil || !strings.Contains(err.Error(), "wide layout") {
		t.Errorf("writeForecastCSV(wide, with intervals) error = %v, want one about the wide layout", err)
	}
}

func TestWriteForecastJSON(t *testing.T) {
	t0 := time.Date(1961, 1, 1, 0, 0, 0, 0, time.UTC)
	fc := seriesForecast{ID: "Passengers", TimeLayout: "2006-01", Times: []time.Time{t0}, Point: []float64{450.5},
		Bands: []forecast.Interval{{Level: 80, Lo: []float64{440}, Hi: []float64{461}}}}
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

func TestTimeLayoutFor(t *testing.T) {
	d := func(y int, m time.Month, day, h int) time.Time { return time.Date(y, m, day, h, 0, 0, 0, time.UTC) }
	for _, test := range []struct {
		name string
		freq forecast.Freq
		ts   []time.Time
		want string
	}{
		{"monthly on the 1st", forecast.Monthly, []time.Time{d(2020, 1, 1, 0), d(2020, 2, 1, 0)}, "2006-01"},
		{"monthly month ends", forecast.Monthly, []time.Time{d(2020, 1, 31, 0), d(2020, 2, 29, 0)}, "2006-01-02"},
		{"daily", forecast.Daily, []time.Time{d(2020, 1, 1, 0), d(2020, 1, 2, 0)}, "2006-01-02"},
		{"hourly", forecast.Hourly, []time.Time{d(2020, 1, 1, 0), d(2020, 1, 1, 1)}, "2006-01-02 15:04:05"},
		{"zone", forecast.Daily, []time.Time{time.Date(2020, 1, 1, 0, 0, 0, 0, time.FixedZone("X", 3600))}, time.RFC3339},
	} {
		if got := timeLayoutFor(test.freq, test.ts); got != test.want {
			t.Errorf("timeLayoutFor(%s) = %q, want %q", test.name, got, test.want)
		}
	}
}
