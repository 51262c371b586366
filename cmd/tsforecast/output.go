package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// seriesForecast is the forecast of one series as the CLI prints it: the
// CSV part and what the model became (forecast.Describer).
type seriesForecast struct {
	csvio.Forecast
	Fitted string
}

// writeForecastCSV writes fcs in format with csvio.Format.WriteForecasts.
func writeForecastCSV(w io.Writer, format *csvio.Format, fcs []seriesForecast) error {
	out := make([]csvio.Forecast, len(fcs))
	for i, fc := range fcs {
		out[i] = fc.Forecast
	}
	err := format.WriteForecasts(w, out)
	if errors.Is(err, csvio.ErrWideIntervals) {
		return fmt.Errorf("%w: drop --level, or use --json", err)
	}
	return err
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
		jf := jsonForecast{ID: fc.ID, Fitted: fc.Fitted, Forecast: fc.Point, Intervals: fc.Intervals}
		for _, t := range fc.Times {
			jf.Times = append(jf.Times, t.Format(fc.TimeLayout))
		}
		out.Series = append(out.Series, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
