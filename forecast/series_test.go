package forecast_test

import (
	"strings"
	"testing"
	"time"

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
	ds := mustRead(t, "ds,y,x\n2020-01-01,1,10\n2020-01-02,2,20\n2020-01-03,3,30\n2020-01-04,4,40\n", nil)
	s := ds.Series[0]
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

func TestMissingErrorMessages(t *testing.T) {
	for _, test := range []struct {
		in, want string
	}{
		{"ds,y\n2020-01-01,1\n2020-01-02,NA\n2020-01-03,\n2020-01-04,nan\n2020-01-05,null\n2020-01-07,1\n",
			`test.csv:3: column "y": missing value "NA" (4 missing values in all, on lines 3, 4, 5, ...) and 1 gap in the timestamps; set Missing to interpolate or ffill`},
		{"ds,y\n2020-01-01 00:00:00,1\n2020-01-01 01:00:00,2\n2020-01-01 03:00:00,1\n2020-01-01 05:00:00,1\n2020-01-01 06:00:00,NaN\n2020-01-01 08:00:00,1\n2020-01-01 10:00:00,1\n",
			`test.csv:4: column "ds": 4 gaps in the hourly timestamps (4 steps missing): 2020-01-01 02:00:00 (1 step) before line 4, 2020-01-01 04:00:00 (1 step) before line 5, 2020-01-01 07:00:00 (1 step) before line 7, ...; also 1 missing value; set Missing to interpolate or ffill`},
		{"unique_id,ds,y\nA,2020-01,1\nA,2020-02,1\nA,2020-04,1\n",
			`test.csv:4: column "ds": 1 gap in the monthly timestamps (1 step missing): 2020-03-01 of series "A" (1 step) before line 4; set Missing to interpolate or ffill`},
		// The frequency is the smallest spacing: a lone pair two months
		// apart could be bimonthly data, so it is not guessed.
		{"unique_id,ds,y\nA,2020-01,1\nA,2020-03,1\n",
			`test.csv:3: column "ds": timestamp "2020-03" of series "A" is 1440h0m0s after "2020-01" on line 2, which is no supported frequency (minutely, hourly, daily, weekly, monthly, quarterly, yearly); set Freq to name the frequency, or to "step" to keep the timestamps without a calendar grid`},
	} {
		_, err := forecast.Read(strings.NewReader(test.in), "test.csv", nil)
		if err == nil || err.Error() != test.want {
			t.Errorf("Read(%q) error\n%v\nwant\n%s", test.in, err, test.want)
		}
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
