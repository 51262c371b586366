package forecast

import (
	"fmt"
	"time"

	"github.com/tsforecast/tsforecast/features"
)

// Freq is the sampling frequency of a series.
type Freq int

// Frequencies. Step is used when a series has no timestamps (M4 files):
// observations are equally spaced but carry no calendar meaning.
const (
	Step Freq = iota
	Minutely
	Hourly
	Daily
	Weekly
	Monthly
	Quarterly
	Yearly
)

var freqNames = [...]string{"step", "minutely", "hourly", "daily", "weekly", "monthly", "quarterly", "yearly"}

// String returns the lowercase name of f.
func (f Freq) String() string {
	if f < 0 || int(f) >= len(freqNames) {
		return fmt.Sprintf("Freq(%d)", int(f))
	}
	return freqNames[f]
}

// ParseFreq returns the Freq named s, as printed by [Freq.String].
func ParseFreq(s string) (Freq, error) {
	for i, n := range freqNames {
		if n == s {
			return Freq(i), nil
		}
	}
	return 0, fmt.Errorf("forecast: unknown frequency %q", s)
}

// Add returns t advanced by n steps of f. Monthly, quarterly and yearly
// steps keep the day of month of t, clamped to the length of the target
// month (Jan 31 + 1 month = Feb 28 or 29, not Mar 3 as time.Time.AddDate
// gives), and the clock time of t.
// It panics if f is Step, which has no calendar meaning.
func (f Freq) Add(t time.Time, n int) time.Time {
	switch f {
	case Minutely:
		return t.Add(time.Duration(n) * time.Minute)
	case Hourly:
		return t.Add(time.Duration(n) * time.Hour)
	case Daily:
		return t.AddDate(0, 0, n)
	case Weekly:
		return t.AddDate(0, 0, 7*n)
	case Monthly:
		return addMonths(t, n)
	case Quarterly:
		return addMonths(t, 3*n)
	case Yearly:
		return addMonths(t, 12*n)
	}
	panic("forecast: Add on a frequency without calendar steps")
}

// addMonths adds n calendar months to t, clamping the day of month.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	if last := first.AddDate(0, 1, -1).Day(); d > last {
		d = last
	}
	return first.AddDate(0, 0, d-1)
}

// Season returns the conventional seasonal period of f: 60 for minutely,
// 24 for hourly, 7 for daily, 52 for weekly, 12 for monthly, 4 for
// quarterly and 1 (no season) for yearly and Step data. Detection from the
// data (package features) should be preferred when a series is long enough.
func (f Freq) Season() int {
	switch f {
	case Minutely:
		return 60
	case Hourly:
		return 24
	case Daily:
		return 7
	case Weekly:
		return 52
	case Monthly:
		return 12
	case Quarterly:
		return 4
	}
	return 1
}

// Calendar returns the calendar features of data sampled at f, as
// sine/cosine inputs for models: minutely → minute of hour, hour of day,
// day of week; hourly → hour of day, day of week; daily → day of week, day
// of year; weekly → day of year; monthly and quarterly → month of year;
// yearly and Step (no timestamps) → none (nil). The returned slice is new
// on every call.
func (f Freq) Calendar() []features.CalendarFeature {
	switch f {
	case Minutely:
		return []features.CalendarFeature{features.MinuteOfHour, features.HourOfDay, features.DayOfWeek}
	case Hourly:
		return []features.CalendarFeature{features.HourOfDay, features.DayOfWeek}
	case Daily:
		return []features.CalendarFeature{features.DayOfWeek, features.DayOfYear}
	case Weekly:
		return []features.CalendarFeature{features.DayOfYear}
	case Monthly, Quarterly:
		return []features.CalendarFeature{features.MonthOfYear}
	}
	return nil
}

// Periods returns the conventional seasonal periods of data sampled at f,
// shortest first: minutely → 60 (an hour) and 1440 (a day); hourly → 24
// and 168 (a week); daily → 7 and 365.25 (a year); weekly → 52.18 (a
// year of 365.25 days); monthly → 12; quarterly → 4; yearly and Step →
// none (nil). The first, rounded, is [Freq.Season]. The returned slice is new on
// every call.
func (f Freq) Periods() []float64 {
	switch f {
	case Minutely:
		return []float64{60, 1440}
	case Hourly:
		return []float64{24, 168}
	case Daily:
		return []float64{7, 365.25}
	case Weekly:
		return []float64{365.25 / 7}
	case Monthly:
		return []float64{12}
	case Quarterly:
		return []float64{4}
	}
	return nil
}
