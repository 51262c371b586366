package forecast_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
	"github.com/tsforecast/tsforecast/forecast"
)

// TestDetectedPeriodsWhiteNoise: white noise has no period. Seed 47 (n 300)
// is one of the 4 of 200 seeds for which features.DetectPeriods finds none
// on the levels but a spurious one on the first differences; a caller that
// differenced as well would search second differences and report one.
func TestDetectedPeriodsWhiteNoise(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 0))
	x := make([]float64, 300)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	if p := forecast.DetectedPeriods(x, 0); p != nil {
		t.Errorf("DetectedPeriods(white noise) = %v, want none", p)
	}
	s := &forecast.Series{Values: x}
	if m := forecast.Season(0, s); m != 1 {
		t.Errorf("Season(0, white noise) = %d, want 1", m)
	}
}

// TestSeasonOrder checks the order of the rule: setting, then the
// frequency, then detection for Step data.
func TestSeasonOrder(t *testing.T) {
	// A period-5 sawtooth with noise: detection finds 5.
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 200)
	for i := range x {
		x[i] = float64(i%5) + 0.1*r.NormFloat64()
	}
	step := &forecast.Series{Values: x}
	monthly := &forecast.Series{Values: x, Freq: forecast.Monthly, Times: make([]time.Time, len(x))}
	yearly := &forecast.Series{Values: x, Freq: forecast.Yearly}
	for _, test := range []struct {
		name    string
		setting int
		s       *forecast.Series
		want    int
	}{
		{"setting wins", 7, step, 7},
		{"setting wins over the frequency", 3, monthly, 3},
		{"frequency before detection", 0, monthly, 12},
		{"yearly has none", 0, yearly, 1},
		{"detection without a calendar", 0, step, 5},
	} {
		if got := forecast.Season(test.setting, test.s); got != test.want {
			t.Errorf("%s: Season(%d, …) = %d, want %d", test.name, test.setting, got, test.want)
		}
	}
	// The most common season above 1; series without one do not count.
	none := &forecast.Series{Values: x[:10]}
	if got := forecast.CommonSeason(0, []*forecast.Series{none, step, none}); got != 5 {
		t.Errorf("CommonSeason(none, 5, none) = %d, want 5", got)
	}
	if got := forecast.CommonSeason(0, []*forecast.Series{none}); got != 1 {
		t.Errorf("CommonSeason(none) = %d, want 1", got)
	}
	if got := forecast.CommonSeason(9, []*forecast.Series{step}); got != 9 {
		t.Errorf("CommonSeason(9, …) = %d, want 9", got)
	}
}

// TestSeasonCalendarCycles: on daily data, the conventional period the
// ACF supports wins: the yearly cycle (365.25, rounded) of the Melbourne
// daily minimum temperatures, whose ACF peaks at 367, and the weekly one
// of a series with a weekly pattern; a series with neither gets 7, the
// first.
func TestSeasonCalendarCycles(t *testing.T) {
	ds, err := csvio.ReadFile("../features/testdata/daily-min-temperatures.csv", &csvio.LoadOptions{Missing: csvio.MissingInterpolate})
	if err != nil {
		t.Fatal(err)
	}
	temps := ds.Series[0]
	r := rand.New(rand.NewPCG(5, 6))
	n := 2 * 365
	t0 := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(f func(i int) float64) *forecast.Series {
		s := &forecast.Series{Freq: forecast.Daily}
		for i := range n {
			s.Times = append(s.Times, t0.AddDate(0, 0, i))
			s.Values = append(s.Values, f(i)+r.NormFloat64())
		}
		return s
	}
	weekly := mk(func(i int) float64 { return 5 * float64(i%7) })
	noise := mk(func(int) float64 { return 0 })
	for _, test := range []struct {
		name string
		s    *forecast.Series
		want int
	}{{"temperatures", temps, 365}, {"weekly", weekly, 7}, {"noise", noise, 7}} {
		if got := forecast.Season(0, test.s); got != test.want {
			t.Errorf("Season(%s daily series) = %d, want %d (detected %v)", test.name, got, test.want, forecast.DetectedPeriods(test.s.Values, 0))
		}
	}
}

// TestDetectedPeriodsRecent: detection reads the last DetectionCycles·limit
// values, so a series whose cycle changed from 12 to 7 steps long ago
// reports 7, as a forecast of it should use.
func TestDetectedPeriodsRecent(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 0))
	const limit = 40
	window := forecast.DetectionCycles * limit
	x := make([]float64, 3*window)
	for i := range x {
		p := 12.0
		if i >= len(x)-window {
			p = 7
		}
		x[i] = 5*math.Sin(2*math.Pi*float64(i)/p) + r.NormFloat64()
	}
	got := forecast.DetectedPeriods(x, limit)
	if len(got) == 0 || got[0] != 7 {
		t.Errorf("DetectedPeriods = %v, want 7 first (the cycle of the last %d values)", got, window)
	}
	if old := forecast.DetectedPeriods(x[:2*window], limit); len(old) == 0 || old[0] != 12 {
		t.Errorf("DetectedPeriods of the older part = %v, want 12 first", old)
	}
}
