package forecast

import (
	"fmt"
	"time"
)

// timeLayouts are tried in order on the first timestamp of a file when
// LoadOptions.TimeLayout is empty.
var timeLayouts = []string{
	"2006-01-02 15:04:05",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02",
	"2006-01",
}

// detectTimeLayout returns the first known layout that parses s. Plain
// years ("1990") are recognised only in a column named "year" (years), as
// elsewhere they cannot be told from numbers.
func detectTimeLayout(s string, years bool) (string, bool) {
	for _, l := range timeLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return l, true
		}
	}
	if years {
		if _, err := time.Parse("2006", s); err == nil {
			return "2006", true
		}
	}
	return "", false
}

// timeParser parses the timestamps of one column, all in one layout.
type timeParser struct {
	file, col string
	layout    string // fixed by the user or by the first timestamp
	user      bool   // layout given in LoadOptions
	years     bool   // the column is named "year"
	first     int    // line whose timestamp fixed the layout
}

func (p *timeParser) parse(s string, line int) (time.Time, error) {
	if s == "" {
		return time.Time{}, perr(p.file, line, p.col, ErrSyntax, "empty timestamp")
	}
	if p.layout == "" {
		l, ok := detectTimeLayout(s, p.years)
		if !ok {
			return time.Time{}, perr(p.file, line, p.col, ErrSyntax,
				"invalid timestamp %q (want 2006-01, 2006-01-02, 2006-01-02 15:04:05, RFC 3339 or set TimeLayout)", s)
		}
		p.layout, p.first = l, line
	}
	t, err := time.Parse(p.layout, s)
	if err == nil {
		return t, nil
	}
	if p.user {
		return time.Time{}, perr(p.file, line, p.col, ErrSyntax, "invalid timestamp %q (want layout %q)", s, p.layout)
	}
	if l, ok := detectTimeLayout(s, p.years); ok {
		return time.Time{}, perr(p.file, line, p.col, ErrSyntax,
			"timestamp %q has format %q but line %d has %q", s, l, p.first, p.layout)
	}
	return time.Time{}, perr(p.file, line, p.col, ErrSyntax,
		"invalid timestamp %q (want format %q as on line %d)", s, p.layout, p.first)
}

// civilDay returns the day number of t's calendar date in t's location.
func civilDay(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// sameClock reports whether a and b show the same time of day, each in its
// own location.
func sameClock(a, b time.Time) bool {
	ah, am, as := a.Clock()
	bh, bm, bs := b.Clock()
	return ah == bh && am == bm && as == bs && a.Nanosecond() == b.Nanosecond()
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func isMonthEnd(t time.Time) bool {
	y, m, d := t.Date()
	return d == daysIn(y, m)
}

// monthsPer returns the length of a step of f in months, or 0 when f does
// not step by months.
func monthsPer(f Freq) int {
	switch f {
	case Monthly:
		return 1
	case Quarterly:
		return 3
	case Yearly:
		return 12
	}
	return 0
}

// gridDay returns the day of month that the grid anchored at t0 takes in
// month m of year y: the day of t0, clamped to the month's length, or the
// month's last day when t0 is the last day of its month (month-end data
// such as 2020-01-31, 2020-02-29, 2020-03-31).
func gridDay(t0 time.Time, y int, m time.Month) int {
	n := daysIn(y, m)
	if isMonthEnd(t0) {
		return n
	}
	return min(t0.Day(), n)
}

// gridIndex returns k such that t is step k of the grid of f anchored at
// t0, and whether t lies on that grid at all. Minutely and hourly steps are
// exact durations; daily and longer steps are calendar steps that keep the
// time of day, so a change of UTC offset does not break a daily series.
func gridIndex(f Freq, t0, t time.Time) (int64, bool) {
	switch f {
	case Minutely, Hourly:
		unit := time.Minute
		if f == Hourly {
			unit = time.Hour
		}
		d := t.Sub(t0)
		return int64(d / unit), d%unit == 0
	case Daily, Weekly:
		if !sameClock(t0, t) {
			return 0, false
		}
		d := civilDay(t) - civilDay(t0)
		if f == Weekly {
			return d / 7, d%7 == 0
		}
		return d, true
	case Monthly, Quarterly, Yearly:
		if !sameClock(t0, t) {
			return 0, false
		}
		step := int64(monthsPer(f))
		y0, m0, _ := t0.Date()
		y, m, d := t.Date()
		months := int64(y-y0)*12 + int64(m-m0)
		if months%step != 0 || d != gridDay(t0, y, m) {
			return 0, false
		}
		return months / step, true
	}
	return 0, false
}

// gridTime returns step k of the grid of f anchored at t0, the inverse of
// [gridIndex]. It panics if f is Step.
func gridTime(f Freq, t0 time.Time, k int64) time.Time {
	switch f {
	case Minutely:
		return t0.Add(time.Duration(k) * time.Minute)
	case Hourly:
		return t0.Add(time.Duration(k) * time.Hour)
	case Daily, Weekly:
		if f == Weekly {
			k *= 7
		}
		y, m, d := t0.Date()
		h, mi, s := t0.Clock()
		return time.Date(y, m, d+int(k), h, mi, s, t0.Nanosecond(), t0.Location())
	case Monthly, Quarterly, Yearly:
		y0, m0, _ := t0.Date()
		months := int64(m0-1) + k*int64(monthsPer(f))
		y := y0 + int(floorDiv(months, 12))
		m := time.Month(months-floorDiv(months, 12)*12) + 1
		h, mi, s := t0.Clock()
		return time.Date(y, m, gridDay(t0, y, m), h, mi, s, t0.Nanosecond(), t0.Location())
	}
	panic("forecast: calendar step on a frequency without calendar steps")
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// classifyStep returns the frequency whose step is d, allowing for the
// varying lengths of months and years and for a change of UTC offset.
func classifyStep(d time.Duration) (Freq, bool) {
	const day = 24 * time.Hour
	switch {
	case d == time.Minute:
		return Minutely, true
	case d == time.Hour:
		return Hourly, true
	case d >= day-2*time.Hour && d <= day+2*time.Hour:
		return Daily, true
	case d >= 7*day-2*time.Hour && d <= 7*day+2*time.Hour:
		return Weekly, true
	case d >= 28*day-2*time.Hour && d <= 31*day+2*time.Hour:
		return Monthly, true
	case d >= 89*day-2*time.Hour && d <= 92*day+2*time.Hour:
		return Quarterly, true
	case d >= 365*day-2*time.Hour && d <= 366*day+2*time.Hour:
		return Yearly, true
	}
	return Step, false
}

func fmtTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	_, off := t.Zone()
	if off == 0 && t.Location() == time.UTC {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format(time.RFC3339Nano)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
