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
