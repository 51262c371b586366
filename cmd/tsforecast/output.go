package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// seriesForecast is the forecast of one series as the CLI prints it: the
// CSV part and what the model became (forecast.Describer).
type seriesForecast struct {
	csvio.Forecast
	Fitted string
}

// checkFinite returns an error naming the series and the model when a
// forecast or interval bound of fc is NaN or ±Inf, or nil. Neither CSV
// nor JSON output carries such a forecast: the one rule for every command
// that writes forecasts (forecast, predict, report, backtest --cv-output).
func checkFinite(model string, fc *csvio.Forecast) error {
	bad := func(what string, x []float64) error {
		for k, v := range x {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("series %q: %s %s at step %d is %v; no forecast is written (the values may be too large for the model)", fc.ID, model, what, k+1, v)
			}
		}
		return nil
	}
	if err := bad("forecast", fc.Point); err != nil {
		return err
	}
	for _, iv := range fc.Intervals {
		lvl := strconv.FormatFloat(iv.Level, 'f', -1, 64)
		if err := bad("lower "+lvl+"% bound", iv.Lo); err != nil {
			return err
		}
		if err := bad("upper "+lvl+"% bound", iv.Hi); err != nil {
			return err
		}
	}
	return nil
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
