package main

import (
	"math"
	"slices"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
	"github.com/urfave/cli/v2"
)

// maxPeriodFor returns the longest period worth looking for in n values:
// a period needs three cycles for the M4 seasonality test, and periods
// beyond 400 steps (a bit more than a year of days) cost more ACF lags than
// they are worth.
func maxPeriodFor(n, limit int) int {
	if limit > 0 {
		return min(limit, n/3)
	}
	return min(400, n/3)
}

// detectPeriods returns the seasonal periods of x, strongest first, up to
// maxPeriodFor(len(x), limit). features.DetectPeriods already retries on
// the first differences when a trend hides the period, so x is passed as is
// (differencing it here as well would search second differences).
func detectPeriods(x []float64, limit int) []int {
	maxP := maxPeriodFor(len(x), limit)
	if maxP < 2 {
		return nil
	}
	return features.DetectPeriods(x, maxP)
}

// seasonChoice is a seasonal period and where it came from.
type seasonChoice struct {
	Period int    `json:"period"`
	Source string `json:"source"` // "flag", "detected", "frequency" or "none"
}

// chooseSeason picks the seasonal period for the series: the --season flag
// when given, else the strongest detected period, else the frequency's
// conventional period when the series is long enough for two cycles, else 1.
// For several series the most common detected period wins, so every series
// is treated alike (ties go to the shorter period).
func chooseSeason(flag int, series []*forecast.Series) seasonChoice {
	if flag > 0 {
		return seasonChoice{flag, "flag"}
	}
	periods := make([][]int, len(series))
	for i, s := range series {
		periods[i] = detectPeriods(s.Values, 0)
	}
	return chooseSeasonFrom(periods, series)
}

// seasonFor returns the seasonal period of the series of ds (see
// chooseSeason) and notes it on stderr unless --season set it.
func seasonFor(cCtx *cli.Context, ds *forecast.Dataset, prog *progress) seasonChoice {
	season := chooseSeason(cCtx.Int("season"), ds.Series)
	if season.Source != "flag" {
		prog.Notef("season: %d (%s)", season.Period, season.Source)
	}
	return season
}

// chooseSeasonFrom is chooseSeason without a flag, given the detected
// periods of each series.
func chooseSeasonFrom(periods [][]int, series []*forecast.Series) seasonChoice {
	counts := map[int]int{}
	minLen := math.MaxInt
	for i, s := range series {
		minLen = min(minLen, s.Len())
		if p := periods[i]; len(p) > 0 {
			counts[p[0]]++
		}
	}
	best, bestN := 0, 0
	for p, n := range counts {
		if n > bestN || n == bestN && p < best {
			best, bestN = p, n
		}
	}
	if best > 1 {
		return seasonChoice{best, "detected"}
	}
	if len(series) > 0 {
		if m := series[0].Freq.Season(); m > 1 && minLen >= 2*m {
			return seasonChoice{m, "frequency"}
		}
	}
	return seasonChoice{1, "none"}
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
