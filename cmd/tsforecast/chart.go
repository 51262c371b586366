package main

import (
	"math"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/plots"
	"github.com/urfave/cli/v2"
)

// writeChart renders c at size (the zero Size is the plots package's
// default) to path, in the format its extension names (plots.FormatFor:
// .png, .svg), atomically; "-" and /dev/stdout write a PNG to stdout. It returns
// ctx.Err() without drawing once the command's context is done.
func writeChart(cCtx *cli.Context, path string, c plots.Chart, size plots.Size) error {
	if err := cCtx.Context.Err(); err != nil {
		return err
	}
	if w := stdWriter(cCtx, path); w != nil {
		format, err := plots.FormatFor(path)
		if err != nil {
			return err
		}
		return plots.Write(w, c, size, format)
	}
	return writeError(path, plots.Save(path, c, size))
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
