package forecast_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// seasonPanel returns series whose seasons are known by construction:
// sawtooths of periods 3, 4, 5 and 7 with noise (found by detection),
// white noise and very short series (no season), and monthly and hourly
// series (the frequency's period), in random proportions.
func seasonPanel(r *rand.Rand, n int) []*forecast.Series {
	out := make([]*forecast.Series, n)
	for i := range out {
		x := make([]float64, 60+r.IntN(100))
		switch k := r.IntN(8); {
		case k < 4:
			p := []int{3, 4, 5, 7}[k]
			for t := range x {
				x[t] = float64(t%p) + 0.1*r.NormFloat64()
			}
			out[i] = &forecast.Series{Values: x}
		case k == 4:
			for t := range x {
				x[t] = r.NormFloat64()
			}
			out[i] = &forecast.Series{Values: x}
		case k == 5:
			out[i] = &forecast.Series{Values: x[:4]}
		case k == 6:
			out[i] = &forecast.Series{Values: x, Freq: forecast.Monthly, Times: make([]time.Time, len(x))}
		default:
			out[i] = &forecast.Series{Values: x, Freq: forecast.Hourly, Times: make([]time.Time, len(x))}
		}
	}
	return out
}

// TestSeasonCountsMerge splits random panels into random parts, counts
// each part in its own accumulator, merges them in a random order, and
// checks the result against CommonSeason of the whole panel (the
// reference: the rule the command line applies to a file).
func TestSeasonCountsMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for trial := range 40 {
		series := seasonPanel(r, 1+r.IntN(40))
		parts := make([]forecast.SeasonCounts, 1+r.IntN(5))
		for _, s := range series {
			parts[r.IntN(len(parts))].Add(s)
		}
		var acc forecast.SeasonCounts
		for _, k := range r.Perm(len(parts)) {
			acc.Merge(&parts[k])
		}
		for _, setting := range []int{0, 6} {
			got, want := acc.Season(setting), forecast.CommonSeason(setting, series)
			if got != want {
				t.Errorf("trial %d: merged SeasonCounts.Season(%d) = %d, want CommonSeason = %d (counts %v)", trial, setting, got, want, acc.Counts)
			}
		}
	}
}

// TestSeasonCountsTies: the shorter period wins a tie, periods of 1 are
// not counted, and an empty accumulator gives 1.
func TestSeasonCountsTies(t *testing.T) {
	var a, b forecast.SeasonCounts
	if got := a.Season(0); got != 1 {
		t.Errorf("empty SeasonCounts.Season(0) = %d, want 1", got)
	}
	a.AddPeriod(12)
	a.AddPeriod(1)
	a.AddPeriod(0)
	b.AddPeriod(7)
	a.Merge(&b)
	if got := a.Season(0); got != 7 {
		t.Errorf("SeasonCounts{12: 1, 7: 1}.Season(0) = %d, want 7", got)
	}
	if len(a.Counts) != 2 {
		t.Errorf("SeasonCounts counted periods ≤ 1: %v", a.Counts)
	}
	if b.Counts[12] != 0 {
		t.Errorf("Merge modified its argument: %v", b.Counts)
	}
	a.AddPeriod(12)
	if got := a.Season(0); got != 12 {
		t.Errorf("SeasonCounts{12: 2, 7: 1}.Season(0) = %d, want 12", got)
	}
}
