package main

import (
	"math"
	"slices"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/urfave/cli/v2"
)

// seasonChoice is a seasonal period and where it came from.
type seasonChoice struct {
	Period int    `json:"period"`
	Source string `json:"source"` // "flag", "frequency", "detected" or "none"
}

// chooseSeason picks the seasonal period every model of a run uses: the
// --season flag when given, else forecast.CommonSeason of the series (the
// period of their frequency, or for data without a calendar the period
// detected most often), and says where it came from.
func chooseSeason(flag int, series []*forecast.Series) seasonChoice {
	m := forecast.CommonSeason(flag, series)
	switch {
	case flag > 0:
		return seasonChoice{m, "flag"}
	case m <= 1:
		return seasonChoice{1, "none"}
	case len(series) > 0 && series[0].Freq != forecast.Step:
		return seasonChoice{m, "frequency"}
	}
	return seasonChoice{m, "detected"}
}

// seasonFor returns the seasonal period of the series of ds (see
// chooseSeason) and notes it on stderr unless --season set it.
func seasonFor(cCtx *cli.Context, ds *csvio.Dataset, prog *progress) seasonChoice {
	season := chooseSeason(cCtx.Int("season"), ds.Series)
	if season.Source != "flag" {
		prog.Notef("season: %d (%s)", season.Period, season.Source)
	}
	return season
}

// stats are descriptive statistics of a set of values.
type stats struct {
	N      int     `json:"n"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	Mean   float64 `json:"mean"`
	Std    float64 `json:"std"`
	Median float64 `json:"median"`
}

// describe returns the statistics of x (Std with the n−1 denominator, 0 for
// one value). It returns the zero stats for an empty x.
func describe(x []float64) stats {
	if len(x) == 0 {
		return stats{}
	}
	st := stats{N: len(x), Min: x[0], Max: x[0]}
	var sum float64
	for _, v := range x {
		st.Min = min(st.Min, v)
		st.Max = max(st.Max, v)
		sum += v
	}
	st.Mean = sum / float64(len(x))
	var ss float64
	for _, v := range x {
		d := v - st.Mean
		ss += d * d
	}
	scale := max(math.Abs(st.Min), math.Abs(st.Max))
	if (math.IsInf(sum, 0) || math.IsInf(ss, 0)) && !math.IsInf(scale, 0) {
		// Finite values beyond ~1e154 overflow the sums: redo them on x
		// divided by its largest magnitude (finite and positive here).
		sum = 0
		for _, v := range x {
			sum += v / scale
		}
		m := sum / float64(len(x))
		ss = 0
		for _, v := range x {
			d := v/scale - m
			ss += d * d
		}
		st.Mean = m * scale
		if len(x) > 1 {
			st.Std = math.Sqrt(ss/float64(len(x)-1)) * scale
		}
	} else if len(x) > 1 {
		st.Std = math.Sqrt(ss / float64(len(x)-1))
	}
	s := slices.Clone(x)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		st.Median = s[n/2]
	} else {
		st.Median = (s[n/2-1] + s[n/2]) / 2
	}
	return st
}
