package csvio

import (
	"fmt"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
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
	fast      fastLayout
}

// fastLayout describes a zone-less layout of fixed-width digits that
// parseFast reads without time.Parse: the length of its timestamps, and
// whether they have a day and a time of day (with seconds).
type fastLayout struct {
	n                int  // 0: no fast path
	sep              byte // between date and time: ' ' or 'T'
	day, clock, secs bool
}

// fastLayouts are the layouts parseFast understands.
var fastLayouts = map[string]fastLayout{
	"2006-01-02 15:04:05": {19, ' ', true, true, true},
	"2006-01-02T15:04:05": {19, 'T', true, true, true},
	"2006-01-02 15:04":    {16, ' ', true, true, false},
	"2006-01-02":          {10, 0, true, false, false},
	"2006-01":             {7, 0, false, false, false},
}

// parseFast parses s in the layout l when s has exactly its form, giving
// what time.Parse gives; it reports false for anything else (fractional
// seconds, other widths, out-of-range fields), which time.Parse then
// handles or rejects. time.Parse costs 100-200 ns per timestamp, which
// adds seconds to a file of 34M rows; parseFast, about a tenth.
func parseFast(l fastLayout, s string) (time.Time, bool) {
	if l.n == 0 || len(s) != l.n {
		return time.Time{}, false
	}
	num := func(i, w int) (int, bool) {
		v := 0
		for _, c := range []byte(s[i : i+w]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 2)
	if !ok1 || !ok2 || s[4] != '-' || mo < 1 || mo > 12 {
		return time.Time{}, false
	}
	d, h, mi, sec := 1, 0, 0, 0
	if l.day {
		var ok bool
		if d, ok = num(8, 2); !ok || s[7] != '-' || d < 1 || d > daysIn(y, time.Month(mo)) {
			return time.Time{}, false
		}
	}
	if l.clock {
		var ok3, ok4 bool
		h, ok3 = num(11, 2)
		mi, ok4 = num(14, 2)
		if !ok3 || !ok4 || s[10] != l.sep || s[13] != ':' || h > 23 || mi > 59 {
			return time.Time{}, false
		}
		if l.secs {
			var ok bool
			if sec, ok = num(17, 2); !ok || s[16] != ':' || sec > 59 {
				return time.Time{}, false
			}
		}
	}
	days := daysFromCivil(y, mo, d)
	return time.Unix(days*86400+int64(h*3600+mi*60+sec), 0).UTC(), true
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 1970-01-01 to y-m-d of the proleptic
// Gregorian calendar (H. Hinnant, "chrono-compatible low-level date
// algorithms", days_from_civil).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func (p *timeParser) parse(s string, line int) (time.Time, error) {
	if s == "" {
		return time.Time{}, perr(p.file, line, p.col, ErrSyntax, "empty timestamp")
	}
	if p.layout == "" {
		l, ok := detectTimeLayout(s, p.years)
		if !ok {
			return time.Time{}, perr(p.file, line, p.col, ErrSyntax,
				"invalid timestamp %s (want 2006-01, 2006-01-02, 2006-01-02 15:04:05, RFC 3339 or set TimeLayout)", q(s))
		}
		p.layout, p.first = l, line
		p.fast = fastLayouts[l]
	}
	if t, ok := parseFast(p.fast, s); ok {
		return t, nil
	}
	t, err := time.Parse(p.layout, s)
	if err == nil {
		return t, nil
	}
	if p.user {
		return time.Time{}, perr(p.file, line, p.col, ErrSyntax, "invalid timestamp %s (want layout %s)", q(s), q(p.layout))
	}
	if l, ok := detectTimeLayout(s, p.years); ok {
		return time.Time{}, perr(p.file, line, p.col, ErrSyntax,
			"timestamp %s has format %q but line %d has %q", q(s), l, p.first, p.layout)
	}
	return time.Time{}, perr(p.file, line, p.col, ErrSyntax,
		"invalid timestamp %s (want format %q as on line %d)", q(s), p.layout, p.first)
}

// classifyStep returns the frequency whose step is d, allowing for the
// varying lengths of months and years and for a change of UTC offset.
func classifyStep(d time.Duration) (forecast.Freq, bool) {
	const day = 24 * time.Hour
	switch {
	case d == time.Minute:
		return forecast.Minutely, true
	case d == time.Hour:
		return forecast.Hourly, true
	case d >= day-2*time.Hour && d <= day+2*time.Hour:
		return forecast.Daily, true
	case d >= 7*day-2*time.Hour && d <= 7*day+2*time.Hour:
		return forecast.Weekly, true
	case d >= 28*day-2*time.Hour && d <= 31*day+2*time.Hour:
		return forecast.Monthly, true
	case d >= 89*day-2*time.Hour && d <= 92*day+2*time.Hour:
		return forecast.Quarterly, true
	case d >= 365*day-2*time.Hour && d <= 366*day+2*time.Hour:
		return forecast.Yearly, true
	}
	return forecast.Step, false
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
