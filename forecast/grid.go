package forecast

import "time"

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

// GridIndex returns k such that t is step k of the grid of f anchored at
// t0, and whether t lies on that grid at all. Minutely and hourly steps are
// exact durations; daily and longer steps are calendar steps that keep the
// time of day, so a change of UTC offset does not break a daily series.
func (f Freq) GridIndex(t0, t time.Time) (int64, bool) {
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

// GridTime returns step k of the grid of f anchored at t0, the inverse of
// [Freq.GridIndex]. It panics if f is Step.
func (f Freq) GridTime(t0 time.Time, k int64) time.Time {
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
