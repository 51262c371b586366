package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// seriesForecast is the forecast of one series as the CLI prints it.
type seriesForecast struct {
	ID         string              `json:"id"`
	TimeLayout string              `json:"-"` // layout of Times, see timeLayoutFor
	Times      []time.Time         `json:"-"` // nil when the input had no timestamps
	Point      []float64           `json:"forecast"`
	Bands      []forecast.Interval `json:"intervals,omitempty"`
	Fitted     string              `json:"-"` // what the model became (forecast.Describer)
}

// outputLayout is the layout of a forecast CSV; it mirrors the input's.
type outputLayout int

const (
	outSingle outputLayout = iota // timestamp,forecast[,lo_80,hi_80,...]
	outLong                       // id,timestamp,forecast[,lo_80,hi_80,...]
	outWide                       // id,1..H
)

// formatValue formats a forecast value: 10 significant digits, no
// exponent below 1e21 (so spreadsheets and M4 tools read it), no trailing
// zeros. From 1e21 up it uses an exponent, as encoding/json does, rather
// than print up to 309 digits.
func formatValue(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if math.Abs(v) >= 1e21 {
		// Not through ParseFloat: rounding values near MaxFloat64 to 10
		// digits overflows to Inf.
		return strconv.FormatFloat(v, 'g', 10, 64)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// timeLayoutFor returns the layout that prints the timestamps ts of a
// series of frequency f without losing information: dates alone when
// every timestamp is at midnight (year-month when they are also all on the
// 1st of the month for monthly and coarser data), date and time otherwise,
// and RFC 3339 when they carry a zone other than UTC.
func timeLayoutFor(f forecast.Freq, ts []time.Time) string {
	midnight, firsts := true, true
	for _, t := range ts {
		if t.Location() != time.UTC {
			return time.RFC3339
		}
		if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
			midnight = false
		}
		if t.Day() != 1 {
			firsts = false
		}
	}
	switch {
	case !midnight:
		return "2006-01-02 15:04:05"
	case firsts && (f == forecast.Monthly || f == forecast.Quarterly || f == forecast.Yearly):
		return "2006-01"
	}
	return "2006-01-02"
}

func levelName(prefix string, l float64) string {
	return prefix + "_" + strconv.FormatFloat(l, 'f', -1, 64)
}

// writeForecastCSV writes fcs in the given layout. Single and long files
// label each step with its timestamp, or with the step number 1..H (column
// "step") when the input had no timestamps. Wide files hold one row per
// series, the id then H values, under the header id,1..H, as M4 files do;
// intervals cannot be shown in that layout, so it rejects them.
func writeForecastCSV(w io.Writer, layout outputLayout, fcs []seriesForecast) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if len(fcs) == 0 {
		return fmt.Errorf("no forecasts to write")
	}
	h := len(fcs[0].Point)
	timed := fcs[0].Times != nil
	var rec []string
	switch layout {
	case outWide:
		if len(fcs[0].Bands) > 0 {
			return fmt.Errorf("prediction intervals cannot be written in the wide layout: drop --level, or use --json")
		}
		rec = append(rec, "id")
		for i := 1; i <= h; i++ {
			rec = append(rec, strconv.Itoa(i))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
		for _, fc := range fcs {
			rec = append(rec[:0], fc.ID)
			for _, v := range fc.Point {
				rec = append(rec, formatValue(v))
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	default:
		if layout == outLong {
			rec = append(rec, "id")
		}
		if timed {
			rec = append(rec, "timestamp")
		} else {
			rec = append(rec, "step")
		}
		rec = append(rec, "forecast")
		for _, b := range fcs[0].Bands {
			rec = append(rec, levelName("lo", b.Level), levelName("hi", b.Level))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
		for _, fc := range fcs {
			for i, v := range fc.Point {
				rec = rec[:0]
				if layout == outLong {
					rec = append(rec, fc.ID)
				}
				if fc.Times != nil {
					rec = append(rec, fc.Times[i].Format(fc.TimeLayout))
				} else {
					rec = append(rec, strconv.Itoa(i+1))
				}
				rec = append(rec, formatValue(v))
				for _, b := range fc.Bands {
					rec = append(rec, formatValue(b.Lo[i]), formatValue(b.Hi[i]))
				}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// jsonForecast is the JSON form of one series' forecast.
type jsonForecast struct {
	ID        string              `json:"id"`
	Fitted    string              `json:"fitted,omitempty"`
	Times     []string            `json:"timestamps,omitempty"`
	Forecast  []float64           `json:"forecast"`
	Intervals []forecast.Interval `json:"intervals,omitempty"`
}

// writeForecastJSON writes {"model":..., "horizon":..., "series":[...]}.
func writeForecastJSON(w io.Writer, model string, h int, fcs []seriesForecast) error {
	out := struct {
		Model   string         `json:"model"`
		Horizon int            `json:"horizon"`
		Series  []jsonForecast `json:"series"`
	}{Model: model, Horizon: h}
	for _, fc := range fcs {
		jf := jsonForecast{ID: fc.ID, Fitted: fc.Fitted, Forecast: fc.Point, Intervals: fc.Bands}
		for _, t := range fc.Times {
			jf.Times = append(jf.Times, t.Format(fc.TimeLayout))
		}
		out.Series = append(out.Series, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
