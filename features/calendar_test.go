package features_test

import (
	"math"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/features"
)

func TestCalendar(t *testing.T) {
	all := []features.CalendarFeature{features.MinuteOfHour, features.HourOfDay, features.DayOfWeek, features.MonthOfYear, features.DayOfYear}
	sc := func(phase float64) []float64 {
		s, c := math.Sincos(2 * math.Pi * phase)
		return []float64{s, c}
	}
	for _, test := range []struct {
		t      time.Time
		phases []float64 // by hand, in the order of all
	}{
		// Monday 1 January 2024 (a leap year), midnight.
		{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), []float64{0, 0, 1.0 / 7, 0, 0}},
		// Saturday 2 March 2024, 06:15:30: yearday 62 of 366.
		{time.Date(2024, 3, 2, 6, 15, 30, 0, time.UTC), []float64{15.5 / 60, (6 + 15.0/60 + 30.0/3600) / 24, 6.0 / 7, 2.0 / 12, 61.0 / 366}},
		// Sunday 31 December 2023, 23:00: yearday 365 of 365.
		{time.Date(2023, 12, 31, 23, 0, 0, 0, time.UTC), []float64{0, 23.0 / 24, 0, 11.0 / 12, 364.0 / 365}},
		// Local time is used: 02:00 in UTC+10 is hour 2.
		{time.Date(2016, 7, 1, 2, 0, 0, 0, time.FixedZone("AEST", 10*3600)), []float64{0, 2.0 / 24, 5.0 / 7, 6.0 / 12, 182.0 / 366}},
	} {
		var want []float64
		for _, p := range test.phases {
			want = append(want, sc(p)...)
		}
		got := features.Calendar(nil, test.t, all)
		if !floatsEqual(got, want, 1e-15) {
			t.Errorf("Calendar(%v) = %v, want %v", test.t, got, want)
		}
	}
	// Six o'clock is a quarter turn: sin 1, cos 0.
	got := features.Calendar(make([]float64, 2), time.Date(2020, 5, 5, 6, 0, 0, 0, time.UTC), []features.CalendarFeature{features.HourOfDay})
	if math.Abs(got[0]-1) > 1e-15 || math.Abs(got[1]) > 1e-15 {
		t.Errorf("Calendar(06:00, HourOfDay) = %v, want [1 0]", got)
	}
	dst := make([]float64, 10)
	if n := testing.AllocsPerRun(100, func() { features.Calendar(dst, time.Now(), all) }); n != 0 {
		t.Errorf("Calendar allocates %v times, want 0", n)
	}
	if !panics(func() { features.Calendar(nil, time.Now(), []features.CalendarFeature{99}) }) {
		t.Errorf("Calendar with an unknown feature did not panic")
	}
	if !panics(func() { features.Calendar(make([]float64, 3), time.Now(), all) }) {
		t.Errorf("Calendar with a short dst did not panic")
	}
	if got := features.HourOfDay.String(); got != "hour_of_day" {
		t.Errorf("HourOfDay.String() = %q", got)
	}
	if got := features.CalendarFeature(42).String(); got != "CalendarFeature(42)" {
		t.Errorf("CalendarFeature(42).String() = %q", got)
	}
}

func TestFourier(t *testing.T) {
	// t = 3 of period 12 is a quarter turn: j = 1 → (1, 0), j = 2 → (0, −1).
	want := []float64{1, 0, 0, -1}
	for _, tt := range []int{3, 12*100000000 + 3, -9} {
		got := features.Fourier(nil, tt, 12, 2)
		if !absEqual(got, want, 1e-12) {
			t.Errorf("Fourier(t %d, period 12, k 2) = %v, want %v", tt, got, want)
		}
	}
	// Non-integer period: t = 365.25/4 is not an integer, so check t = 0
	// and the identity sin² + cos² = 1 at a large t.
	got := features.Fourier(nil, 0, 365.25, 3)
	if !absEqual(got, []float64{0, 1, 0, 1, 0, 1}, 0) {
		t.Errorf("Fourier(0, 365.25, 3) = %v, want sin 0, cos 1", got)
	}
	got = features.Fourier(nil, 1_000_003, 365.25, 3)
	for j := range 3 {
		if s := got[2*j]*got[2*j] + got[2*j+1]*got[2*j+1]; math.Abs(s-1) > 1e-14 {
			t.Errorf("Fourier(1000003, 365.25) pair %d has sin²+cos² = %v", j+1, s)
		}
	}
	if got := features.Fourier(nil, 5, 7, 0); len(got) != 0 {
		t.Errorf("Fourier(k 0) = %v, want empty", got)
	}
	for _, bad := range []func(){
		func() { features.Fourier(nil, 1, 0, 1) },
		func() { features.Fourier(nil, 1, math.NaN(), 1) },
		func() { features.Fourier(nil, 1, 12, -1) },
		func() { features.Fourier(make([]float64, 3), 1, 12, 2) },
	} {
		if !panics(bad) {
			t.Errorf("Fourier with bad arguments did not panic")
		}
	}
}

func absEqual(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}
