package features

import (
	"math"
	"strconv"
	"time"
)

// CalendarFeature is a cyclic position of a timestamp in a calendar cycle,
// encoded as a sin/cos pair so that the end of the cycle meets its start.
type CalendarFeature int

// Calendar features. Each maps a timestamp to a phase φ in [0, 1) and is
// encoded as (sin 2πφ, cos 2πφ). Timestamps are read in their own location.
const (
	// MinuteOfHour: φ = (minute + second/60) / 60.
	MinuteOfHour CalendarFeature = iota
	// HourOfDay: φ = (hour + minute/60 + second/3600) / 24.
	HourOfDay
	// DayOfWeek: φ = weekday / 7 with Sunday = 0.
	DayOfWeek
	// MonthOfYear: φ = (month − 1) / 12.
	MonthOfYear
	// DayOfYear: φ = (yearday − 1) / days in the year (365 or 366).
	DayOfYear
)

var calendarNames = [...]string{"minute_of_hour", "hour_of_day", "day_of_week", "month_of_year", "day_of_year"}

// String returns the snake_case name of f, e.g. "hour_of_day".
func (f CalendarFeature) String() string {
	if f < 0 || int(f) >= len(calendarNames) {
		return "CalendarFeature(" + strconv.Itoa(int(f)) + ")"
	}
	return calendarNames[f]
}

// phase returns φ in [0, 1) for feature f at t.
func (f CalendarFeature) phase(t time.Time) float64 {
	switch f {
	case MinuteOfHour:
		return (float64(t.Minute()) + float64(t.Second())/60) / 60
	case HourOfDay:
		return (float64(t.Hour()) + float64(t.Minute())/60 + float64(t.Second())/3600) / 24
	case DayOfWeek:
		return float64(t.Weekday()) / 7
	case MonthOfYear:
		return float64(t.Month()-1) / 12
	case DayOfYear:
		days := 365.0
		if y := t.Year(); y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			days = 366
		}
		return float64(t.YearDay()-1) / days
	}
	panic(errCalendar)
}

// Calendar writes the sin/cos encoding of each feature of feats at time t
// into dst, as the pairs dst[2i] = sin 2πφ_i, dst[2i+1] = cos 2πφ_i, and
// returns it. If dst is nil a slice of length 2·len(feats) is allocated.
// It does not allocate otherwise. It panics if dst has another non-zero
// length or a feature is unknown.
func Calendar(dst []float64, t time.Time, feats []CalendarFeature) []float64 {
	dst = useDst(dst, 2*len(feats))
	for i, f := range feats {
		s, c := math.Sincos(2 * math.Pi * f.phase(t))
		dst[2*i], dst[2*i+1] = s, c
	}
	return dst
}

// Fourier writes the Fourier terms of order 1..k for time index t and the
// given period into dst, as dst[2(j-1)] = sin(2πjt/period) and
// dst[2(j-1)+1] = cos(2πjt/period), and returns it. These are the seasonal
// regressors of TBATS and Prophet; period need not be an integer (365.25,
// 52.18). t is reduced modulo period first, so large t lose no precision.
// If dst is nil a slice of length 2k is allocated. It panics if period ≤ 0,
// k < 0 or dst has the wrong length.
func Fourier(dst []float64, t int, period float64, k int) []float64 {
	if !(period > 0) || k < 0 || math.IsInf(period, 0) {
		panic(errFourier)
	}
	dst = useDst(dst, 2*k)
	phase := math.Mod(float64(t), period) / period
	for j := 1; j <= k; j++ {
		s, c := math.Sincos(2 * math.Pi * float64(j) * phase)
		dst[2*(j-1)], dst[2*(j-1)+1] = s, c
	}
	return dst
}
