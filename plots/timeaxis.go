package plots

import (
	"math"
	"strconv"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
	"gonum.org/v1/plot"
)

// timeline maps observation indices to x coordinates: Unix seconds when the
// series has timestamps, the index itself (a step number) when it has none.
type timeline struct {
	times []time.Time
	freq  forecast.Freq
}

// timed reports whether the x axis carries calendar time.
func (tl timeline) timed() bool { return len(tl.times) > 0 }

// at returns the timestamp of observation i. Indices past the end of times
// are extended with the frequency (or with the last spacing when the
// frequency is Step); indices before the start are extended backwards the
// same way.
func (tl timeline) at(i int) time.Time {
	n := len(tl.times)
	switch {
	case i >= 0 && i < n:
		return tl.times[i]
	case i >= n:
		last := tl.times[n-1]
		if tl.freq != forecast.Step {
			return tl.freq.Add(last, i-(n-1))
		}
		return last.Add(time.Duration(i-(n-1)) * tl.spacing())
	default:
		first := tl.times[0]
		if tl.freq != forecast.Step {
			return tl.freq.Add(first, i)
		}
		return first.Add(time.Duration(i) * tl.spacing())
	}
}

func (tl timeline) spacing() time.Duration {
	n := len(tl.times)
	if n < 2 {
		return time.Hour
	}
	return tl.times[n-1].Sub(tl.times[n-2])
}

// x returns the x coordinate of observation i.
func (tl timeline) x(i int) float64 {
	if !tl.timed() {
		return float64(i)
	}
	return unixSeconds(tl.at(i))
}

// halfStep returns half the x distance between observations i and i+1, used
// to give single-point bands some width.
func (tl timeline) halfStep(i int) float64 {
	return (tl.x(i+1) - tl.x(i)) / 2
}

func unixSeconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

// apply sets the x axis of p: a calendar ticker and no label (the dates speak
// for themselves) for timed series, integer step ticks and the label "step"
// otherwise.
func (tl timeline) apply(p *plot.Plot, maxTicks int) {
	if tl.timed() {
		p.X.Tick.Marker = timeTicker{loc: tl.times[0].Location(), max: maxTicks}
		return
	}
	p.X.Tick.Marker = niceTicker{want: maxTicks, integer: true}
	if p.X.Label.Text == "" {
		p.X.Label.Text = "step"
	}
}

// unit is a calendar unit of the time ticker.
type unit int

const (
	minute unit = iota
	hour
	day
	week
	month
	year
)

type tickStep struct {
	unit unit
	n    int
}

var tickSteps = []tickStep{
	{minute, 1}, {minute, 2}, {minute, 5}, {minute, 10}, {minute, 15}, {minute, 30},
	{hour, 1}, {hour, 2}, {hour, 3}, {hour, 6}, {hour, 12},
	{day, 1}, {day, 2}, {week, 1}, {week, 2}, {day, 15},
	{month, 1}, {month, 2}, {month, 3}, {month, 6},
	{year, 1}, {year, 2}, {year, 5}, {year, 10}, {year, 20}, {year, 50}, {year, 100},
	{year, 200}, {year, 500}, {year, 1000},
}

// approx returns the nominal length of s in seconds.
func (s tickStep) approx() float64 {
	d := map[unit]float64{minute: 60, hour: 3600, day: 86400, week: 7 * 86400, month: 30.44 * 86400, year: 365.25 * 86400}[s.unit]
	return d * float64(s.n)
}

// timeTicker places ticks on round calendar boundaries (whole hours, days,
// Mondays, months, years) and labels them concisely: the coarser context
// (date under a time, year under a month) is shown on a second line only at
// the first tick and where it changes.
type timeTicker struct {
	loc *time.Location
	max int // most major ticks wanted; 0 means 7
}

func (tt timeTicker) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		t := tt.time(min)
		return []plot.Tick{{Value: min, Label: t.Format("2006-01-02\n15:04")}}
	}
	want := tt.max
	if want <= 0 {
		want = 7
	}
	span := max - min
	step := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if span/s.approx() <= float64(want-1) {
			step = s
			break
		}
	}
	start := tt.time(min)
	t := floorTo(start, step)
	var ticks []plot.Tick
	var prev time.Time
	for i := 0; i < 4*want+8; i++ {
		v := unixSeconds(t)
		if v > max {
			break
		}
		if v >= min {
			ticks = append(ticks, plot.Tick{Value: v, Label: label(t, prev, step.unit)})
			prev = t
		}
		t = advance(t, step)
	}
	return ticks
}

func (tt timeTicker) time(v float64) time.Time {
	sec, frac := math.Modf(v)
	loc := tt.loc
	if loc == nil {
		loc = time.UTC
	}
	return time.Unix(int64(sec), int64(frac*1e9)).In(loc)
}

// floorTo returns the last step boundary at or before t.
func floorTo(t time.Time, s tickStep) time.Time {
	y, mo, d := t.Date()
	loc := t.Location()
	switch s.unit {
	case minute:
		return time.Date(y, mo, d, t.Hour(), t.Minute()-t.Minute()%s.n, 0, 0, loc)
	case hour:
		return time.Date(y, mo, d, t.Hour()-t.Hour()%s.n, 0, 0, 0, loc)
	case day:
		return time.Date(y, mo, d-(d-1)%s.n, 0, 0, 0, 0, loc)
	case week:
		monday := time.Date(y, mo, d-(int(t.Weekday())+6)%7, 0, 0, 0, 0, loc)
		if s.n > 1 {
			// Keep a fixed parity of week numbers so ticks do not move when the
			// range shifts by a week.
			weeks := int(math.Floor(unixSeconds(monday) / (7 * 86400)))
			monday = monday.AddDate(0, 0, -7*(((weeks%s.n)+s.n)%s.n))
		}
		return monday
	case month:
		m := int(mo) - 1
		return time.Date(y, time.Month(m-m%s.n+1), 1, 0, 0, 0, 0, loc)
	default:
		yy := y - ((y%s.n)+s.n)%s.n
		return time.Date(yy, 1, 1, 0, 0, 0, 0, loc)
	}
}

func advance(t time.Time, s tickStep) time.Time {
	switch s.unit {
	case minute:
		return t.Add(time.Duration(s.n) * time.Minute)
	case hour:
		return t.Add(time.Duration(s.n) * time.Hour)
	case day:
		next := t.AddDate(0, 0, s.n)
		if next.Month() != t.Month() && next.Day() != 1 {
			// Restart at the 1st so multi-day ticks stay on 1, 3, 5, ...
			next = time.Date(next.Year(), next.Month(), 1, 0, 0, 0, 0, t.Location())
		}
		return next
	case week:
		return t.AddDate(0, 0, 7*s.n)
	case month:
		return t.AddDate(0, s.n, 0)
	default:
		return t.AddDate(s.n, 0, 0)
	}
}

func label(t, prev time.Time, u unit) string {
	first := prev.IsZero()
	switch u {
	case minute, hour:
		if first || t.YearDay() != prev.YearDay() || t.Year() != prev.Year() {
			return t.Format("15:04\nJan 2")
		}
		return t.Format("15:04")
	case day, week:
		if first || t.Year() != prev.Year() {
			return t.Format("Jan 2\n2006")
		}
		return t.Format("Jan 2")
	case month:
		if first || t.Year() != prev.Year() {
			return t.Format("Jan\n2006")
		}
		return t.Format("Jan")
	default:
		return t.Format("2006")
	}
}

// niceTicker places about want major ticks on multiples of 1, 2, 2.5 or 5
// times a power of ten, with minor ticks between them, and labels them with
// no more decimals than the step needs (plot.DefaultTicks prints "750.00").
type niceTicker struct {
	want    int  // about how many major ticks; 0 means 6
	integer bool // only integer positions (steps, epochs)
}

func (nt niceTicker) Ticks(min, max float64) []plot.Tick {
	want := nt.want
	if want <= 0 {
		want = 6
	}
	if !(max > min) || math.IsInf(max-min, 0) {
		return []plot.Tick{{Value: min, Label: formatTick(min, 0)}}
	}
	raw := (max - min) / float64(want-1)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if nt.integer && step < 1 {
		step = 1
	}
	if nt.integer && step != math.Trunc(step) {
		step = math.Ceil(step) // 2.5 → 3 would be odd; 2.5 only occurs below 10
		if step == 3 {
			step = 2
		}
	}
	minor := step / 5
	if m := step / mag; m == 2 || m == 20 {
		minor = step / 4
	} else if m == 2.5 || m == 25 {
		minor = step / 5
	}
	if nt.integer && minor < 1 {
		minor = 0
	}
	// Decimals needed to print multiples of step exactly (2.5 needs one).
	prec := 0
	for ; prec < 15; prec++ {
		x := step * math.Pow(10, float64(prec))
		if math.Abs(x-math.Round(x)) < 1e-6*math.Max(1, x) {
			break
		}
	}
	var ticks []plot.Tick
	first := math.Ceil(min/step) * step
	for i := 0; i < 4*want+4; i++ {
		v := first + float64(i)*step
		if v > max {
			if v-max > step*1e-9 {
				break
			}
			v = max // rounding put the last tick a hair past the axis end
		}
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: formatTick(v, prec)})
	}
	if minor > 0 {
		fm := math.Ceil(min/minor) * minor
		for i := 0; i < 30*want; i++ {
			v := fm + float64(i)*minor
			if v > max {
				break
			}
			r := v / step
			if math.Abs(r-math.Round(r)) < 1e-6 {
				continue
			}
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

func formatTick(v float64, prec int) string {
	a := math.Abs(v)
	if a != 0 && (a >= 1e7 || a < 1e-4) {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}
