package forecast_test

import (
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // TestFutureTimesNamedZone loads Europe/Paris on any system

	"github.com/tsforecast/tsforecast/forecast"
)

func TestFreq(t *testing.T) {
	t0 := time.Date(2020, 1, 31, 6, 0, 0, 0, time.UTC)
	for _, test := range []struct {
		f      forecast.Freq
		season int
		add2   time.Time // Add(t0, 2): time.Time.AddDate semantics
	}{
		{forecast.Minutely, 60, t0.Add(2 * time.Minute)},
		{forecast.Hourly, 24, t0.Add(2 * time.Hour)},
		{forecast.Daily, 7, time.Date(2020, 2, 2, 6, 0, 0, 0, time.UTC)},
		{forecast.Weekly, 52, time.Date(2020, 2, 14, 6, 0, 0, 0, time.UTC)},
		{forecast.Monthly, 12, time.Date(2020, 3, 31, 6, 0, 0, 0, time.UTC)},
		{forecast.Quarterly, 4, time.Date(2020, 7, 31, 6, 0, 0, 0, time.UTC)},
		{forecast.Yearly, 1, time.Date(2022, 1, 31, 6, 0, 0, 0, time.UTC)},
	} {
		if got := test.f.Season(); got != test.season {
			t.Errorf("%v.Season() = %d, want %d", test.f, got, test.season)
		}
		if got := test.f.Add(t0, 2); !got.Equal(test.add2) {
			t.Errorf("%v.Add(%v, 2) = %v, want %v", test.f, t0, got, test.add2)
		}
		if got, err := forecast.ParseFreq(test.f.String()); err != nil || got != test.f {
			t.Errorf("ParseFreq(%q) = %v, %v", test.f.String(), got, err)
		}
	}
	if forecast.Step.Season() != 1 || forecast.Freq(42).String() != "Freq(42)" {
		t.Errorf("Step.Season() = %d, Freq(42) = %q", forecast.Step.Season(), forecast.Freq(42).String())
	}
	if _, err := forecast.ParseFreq("biweekly"); err == nil {
		t.Errorf("ParseFreq(biweekly) succeeded")
	}
	if !panics(func() { forecast.Step.Add(t0, 1) }) {
		t.Errorf("Step.Add did not panic")
	}
}

func TestSlice(t *testing.T) {
	s := &forecast.Series{ID: "y", Target: "y", Freq: forecast.Daily,
		Times:      []time.Time{date(2020, 1, 1), date(2020, 1, 2), date(2020, 1, 3), date(2020, 1, 4)},
		Values:     []float64{1, 2, 3, 4},
		Covariates: []forecast.Covariate{{Name: "x", Values: []float64{10, 20, 30, 40}}},
	}
	sub := s.Slice(1, 3)
	if !equalValues(sub.Values, []float64{2, 3}) || !equalValues(sub.Covariates[0].Values, []float64{20, 30}) ||
		!sub.Times[0].Equal(date(2020, 1, 2)) || sub.Freq != forecast.Daily || sub.ID != s.ID {
		t.Errorf("Slice(1, 3) = %+v", sub)
	}
	// The capacity is capped, so appending to a slice cannot overwrite
	// the rest of the series.
	_ = append(sub.Values, 99)
	if s.Values[3] != 4 {
		t.Errorf("append to Slice(1, 3) changed the series: %v", s.Values)
	}
	if h := s.Head(2); !equalValues(h.Values, []float64{1, 2}) || len(h.Times) != 2 {
		t.Errorf("Head(2) = %+v", h)
	}
	for _, r := range [][2]int{{-1, 2}, {3, 2}, {0, 5}} {
		if !panics(func() { s.Slice(r[0], r[1]) }) {
			t.Errorf("Slice(%d, %d) did not panic", r[0], r[1])
		}
	}
	if (&forecast.Series{Values: []float64{1}}).FutureTimes(3) != nil {
		t.Errorf("FutureTimes without timestamps is not nil")
	}
}

func TestFreqAddClampsMonthEnd(t *testing.T) {
	for _, test := range []struct {
		f    forecast.Freq
		t    time.Time
		n    int
		want time.Time
	}{
		{forecast.Monthly, time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC), 1, time.Date(2023, 2, 28, 0, 0, 0, 0, time.UTC)},
		{forecast.Monthly, time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), 1, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{forecast.Monthly, time.Date(2024, 1, 31, 6, 30, 0, 0, time.UTC), 3, time.Date(2024, 4, 30, 6, 30, 0, 0, time.UTC)},
		{forecast.Monthly, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), -1, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{forecast.Quarterly, time.Date(2023, 8, 31, 0, 0, 0, 0, time.UTC), 2, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{forecast.Yearly, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), 1, time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC)},
		{forecast.Monthly, time.Date(1949, 1, 1, 0, 0, 0, 0, time.UTC), 13, time.Date(1950, 2, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if got := test.f.Add(test.t, test.n); !got.Equal(test.want) {
			t.Errorf("%v.Add(%v, %d) = %v, want %v", test.f, test.t, test.n, got, test.want)
		}
	}
}

func panics(f func()) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	f()
	return false
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func equalValues(a, b []float64) bool { return slices.Equal(a, b) }

// TestFutureTimesZone: future steps carry the UTC offset of the last
// observation, keeping the wall clock for daily data and the instant for
// hourly data (issue 15, item 14). The daily case is the issue's: five
// midnights across the change to summer time, with fixed offsets as the
// loader parses them.
func TestFutureTimesZone(t *testing.T) {
	cet, cest := time.FixedZone("", 3600), time.FixedZone("", 7200)
	parse := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, test := range []struct {
		name  string
		freq  forecast.Freq
		times []time.Time
		want  []string
	}{
		{"daily across DST", forecast.Daily, []time.Time{
			parse("2020-03-27T00:00:00+01:00"), parse("2020-03-28T00:00:00+01:00"), parse("2020-03-29T00:00:00+01:00"),
			parse("2020-03-30T00:00:00+02:00"), parse("2020-03-31T00:00:00+02:00")},
			[]string{"2020-04-01T00:00:00+02:00", "2020-04-02T00:00:00+02:00"}},
		{"monthly across DST", forecast.Monthly, []time.Time{
			time.Date(2020, 2, 1, 0, 0, 0, 0, cet), time.Date(2020, 3, 1, 0, 0, 0, 0, cet), time.Date(2020, 4, 1, 0, 0, 0, 0, cest)},
			[]string{"2020-05-01T00:00:00+02:00", "2020-06-01T00:00:00+02:00"}},
		{"hourly across DST", forecast.Hourly, []time.Time{
			parse("2020-03-29T00:00:00+01:00"), parse("2020-03-29T01:00:00+01:00"), parse("2020-03-29T03:00:00+02:00")},
			[]string{"2020-03-29T04:00:00+02:00", "2020-03-29T05:00:00+02:00"}},
		{"daily UTC", forecast.Daily, []time.Time{
			time.Date(2020, 3, 30, 0, 0, 0, 0, time.UTC), time.Date(2020, 3, 31, 0, 0, 0, 0, time.UTC)},
			[]string{"2020-04-01T00:00:00Z", "2020-04-02T00:00:00Z"}},
	} {
		s := &forecast.Series{Times: test.times, Values: make([]float64, len(test.times)), Freq: test.freq}
		var got []string
		for _, ft := range s.FutureTimes(len(test.want)) {
			got = append(got, ft.Format(time.RFC3339))
		}
		if !slices.Equal(got, test.want) {
			t.Errorf("%s: FutureTimes(%d) = %q, want %q", test.name, len(test.want), got, test.want)
		}
	}
}

// TestFutureTimesNamedZone: in a named location, future steps follow its
// rules, across a change the history did not see.
func TestFutureTimesNamedZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris") // from time/tzdata if the system has none
	if err != nil {
		t.Fatal(err)
	}
	s := &forecast.Series{Freq: forecast.Daily, Values: make([]float64, 3)}
	for d := 26; d <= 28; d++ {
		s.Times = append(s.Times, time.Date(2020, 3, d, 0, 0, 0, 0, paris))
	}
	var got []string
	for _, ft := range s.FutureTimes(2) {
		got = append(got, ft.Format(time.RFC3339))
	}
	if want := []string{"2020-03-29T00:00:00+01:00", "2020-03-30T00:00:00+02:00"}; !slices.Equal(got, want) {
		t.Errorf("FutureTimes(2) in Europe/Paris = %q, want %q", got, want)
	}
}
