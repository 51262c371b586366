package main

import (
	"math"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/plots"
)

// savePNG renders c to path atomically at size (the zero Size is the
// plots package's default).
func savePNG(path string, c plots.Chart, size plots.Size) error {
	return writeError(path, plots.SavePNG(path, c, size))
}

// seriesChart is inspect's chart of s: the series, its ACF with the
// season marked, and its MSTL components by the season and the other
// conventional periods of its frequency that two cycles of data support.
func seriesChart(s *forecast.Series, season int) *plots.SeriesChart {
	c := &plots.SeriesChart{ID: s.ID, YLabel: s.Target, Values: s.Values, Times: s.Times, Freq: s.Freq, Season: season}
	var periods []float64
	if season > 1 {
		periods = append(periods, float64(season))
	}
	for _, p := range s.Freq.Periods() {
		if math.Round(p) != float64(season) && 2*p < float64(min(s.Len(), plots.MaxAnalysed)) {
			periods = append(periods, p)
		}
	}
	if len(periods) > 0 {
		v := s.Values[max(0, s.Len()-plots.MaxAnalysed):]
		if d, err := features.MSTL(nil, v, periods, nil); err == nil {
			c.Components = d
		}
	}
	return c
}
