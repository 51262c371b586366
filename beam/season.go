package tsfbeam

import (
	"sort"

	"github.com/tsforecast/tsforecast/forecast"
)

// SeasonCounts is the accumulator of seasonCombineFn: the number of
// series of each seasonal period above 1 ([forecast.SeasonCounts]), as
// two parallel slices that every Beam coder carries.
type SeasonCounts struct {
	Periods []int
	Counts  []int
}

func (a SeasonCounts) counts() forecast.SeasonCounts {
	c := forecast.SeasonCounts{Counts: make(map[int]int, len(a.Periods))}
	for i, p := range a.Periods {
		c.Counts[p] += a.Counts[i]
	}
	return c
}

func fromCounts(c forecast.SeasonCounts) SeasonCounts {
	var a SeasonCounts
	for p, n := range c.Counts {
		a.Periods = append(a.Periods, p)
		a.Counts = append(a.Counts, n)
	}
	// In order of period, so that equal counts encode equally.
	sort.Sort(byPeriod(a))
	return a
}

// seasonCombineFn combines the series of the input into the seasonal
// period the command line would choose for them
// ([forecast.CommonSeason]).
type seasonCombineFn struct{}

func (*seasonCombineFn) CreateAccumulator() SeasonCounts { return SeasonCounts{} }

func (*seasonCombineFn) AddInput(a SeasonCounts, s Series) SeasonCounts {
	c := a.counts()
	c.Add(s.Series())
	return fromCounts(c)
}

func (*seasonCombineFn) MergeAccumulators(a, b SeasonCounts) SeasonCounts {
	c, d := a.counts(), b.counts()
	c.Merge(&d)
	return fromCounts(c)
}

func (*seasonCombineFn) ExtractOutput(a SeasonCounts) int {
	c := a.counts()
	return c.Season(0)
}

type byPeriod SeasonCounts

func (a byPeriod) Len() int           { return len(a.Periods) }
func (a byPeriod) Less(i, j int) bool { return a.Periods[i] < a.Periods[j] }
func (a byPeriod) Swap(i, j int) {
	a.Periods[i], a.Periods[j] = a.Periods[j], a.Periods[i]
	a.Counts[i], a.Counts[j] = a.Counts[j], a.Counts[i]
}
