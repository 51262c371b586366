package features

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Holidays is a set of dates, each with a name: public holidays from
// [PublicHolidays], or dates a caller adds (a shop's closing days, a
// promotion calendar). The zero value is an empty set ready to use.
// A date is a day of the calendar, without a time of day or a zone: a
// timestamp falls on it when its own date (in its own location) is it.
type Holidays struct {
	days map[civilDate]string
}

// civilDate is a calendar day.
type civilDate struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) civilDate {
	y, m, d := t.Date()
	return civilDate{y, m, d}
}

// Add adds the date of t, in t's location, with the given name. Adding a
// date twice keeps both names, joined by "; ".
func (h *Holidays) Add(t time.Time, name string) {
	h.add(dateOf(t), name)
}

func (h *Holidays) add(d civilDate, name string) {
	if h.days == nil {
		h.days = make(map[civilDate]string)
	}
	if old, ok := h.days[d]; ok && old != name {
		name = old + "; " + name
	}
	h.days[d] = name
}

// On reports whether the date of t, in t's location, is in h, and its
// name. A nil h holds no dates.
func (h *Holidays) On(t time.Time) (name string, ok bool) {
	if h == nil {
		return "", false
	}
	name, ok = h.days[dateOf(t)]
	return name, ok
}

// Len returns the number of dates in h.
func (h *Holidays) Len() int {
	if h == nil {
		return 0
	}
	return len(h.days)
}

// holidayCountries are the codes [PublicHolidays] knows, with what they
// cover.
var holidayCountries = map[string]string{
	"US": "United States federal holidays",
	"GB": "bank holidays of England and Wales",
	"DE": "German nationwide public holidays",
	"FR": "French public holidays (jours fériés)",
}

// HolidayCountries returns the country codes [PublicHolidays] knows,
// sorted.
func HolidayCountries() []string {
	out := make([]string, 0, len(holidayCountries))
	for c := range holidayCountries {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// MaxHolidayYears bounds the span of years of [PublicHolidays].
const MaxHolidayYears = 1000

// PublicHolidays returns the public holidays of a country (an ISO 3166
// code of [HolidayCountries], case-insensitive) in the years from..to,
// computed from their rules:
//
//   - US: federal holidays (New Year's Day, Martin Luther King Jr. Day
//     from 1986, Washington's Birthday, Memorial Day, Juneteenth from
//     2021, Independence Day, Labor Day, Columbus Day, Veterans Day,
//     Thanksgiving, Christmas Day), with the observed Friday or Monday of
//     a fixed-date holiday on a weekend as a date of its own;
//   - GB: bank holidays of England and Wales (New Year's Day, Good
//     Friday, Easter Monday, the early May, spring and summer bank
//     holidays, Christmas and Boxing Day, with their substitute days);
//   - DE: nationwide holidays (Neujahr, Karfreitag, Ostermontag, Tag der
//     Arbeit, Christi Himmelfahrt, Pfingstmontag, Tag der Deutschen
//     Einheit from 1990, both days of Christmas);
//   - FR: jours fériés (1 January, Easter Monday, 1 and 8 May,
//     Ascension, Whit Monday, 14 July, 15 August, 1 and 11 November,
//     25 December).
//
// Easter is the Gregorian Easter Sunday. One-off changes by proclamation
// (the GB early May holiday moved to 8 May in 2020, jubilees, state
// funerals) and regional holidays are not included; add them with
// [Holidays.Add] or read them from a file of dates.
func PublicHolidays(country string, from, to int) (*Holidays, error) {
	c := strings.ToUpper(country)
	if _, ok := holidayCountries[c]; !ok {
		return nil, fmt.Errorf("features: no public holidays for %q (known: %s)", country, strings.Join(HolidayCountries(), ", "))
	}
	if to < from || to-from >= MaxHolidayYears {
		return nil, fmt.Errorf("features: holiday years %d..%d: want from ≤ to and at most %d years", from, to, MaxHolidayYears)
	}
	h := &Holidays{}
	for y := from; y <= to; y++ {
		switch c {
		case "US":
			usHolidays(h, y)
		case "GB":
			gbHolidays(h, y)
		case "DE":
			deHolidays(h, y)
		case "FR":
			frHolidays(h, y)
		}
	}
	return h, nil
}

// Easter returns the date of Gregorian Easter Sunday in year y (the
// anonymous Gregorian algorithm of Meeus, Astronomical Algorithms, ch. 8),
// at midnight UTC.
func Easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	hh := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - hh - k) % 7
	m := (a + 11*hh + 22*l) / 451
	month := (hh + l - 7*m + 114) / 31
	day := (hh+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// nthWeekday returns the n-th (1-based) weekday wd of month m, or the
// last one for n = -1.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	if n < 0 {
		t := day(y, m+1, 0) // the last day of m
		return t.AddDate(0, 0, -((int(t.Weekday()) - int(wd) + 7) % 7))
	}
	t := day(y, m, 1)
	return t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7+7*(n-1))
}

func usHolidays(h *Holidays, y int) {
	fixed := func(m time.Month, d int, name string) {
		t := day(y, m, d)
		h.Add(t, name)
		switch t.Weekday() {
		case time.Saturday:
			h.Add(t.AddDate(0, 0, -1), name+" (observed)")
		case time.Sunday:
			h.Add(t.AddDate(0, 0, 1), name+" (observed)")
		}
	}
	fixed(time.January, 1, "New Year's Day")
	if y >= 1986 {
		h.Add(nthWeekday(y, time.January, time.Monday, 3), "Martin Luther King Jr. Day")
	}
	h.Add(nthWeekday(y, time.February, time.Monday, 3), "Washington's Birthday")
	h.Add(nthWeekday(y, time.May, time.Monday, -1), "Memorial Day")
	if y >= 2021 {
		fixed(time.June, 19, "Juneteenth")
	}
	fixed(time.July, 4, "Independence Day")
	h.Add(nthWeekday(y, time.September, time.Monday, 1), "Labor Day")
	h.Add(nthWeekday(y, time.October, time.Monday, 2), "Columbus Day")
	fixed(time.November, 11, "Veterans Day")
	h.Add(nthWeekday(y, time.November, time.Thursday, 4), "Thanksgiving Day")
	fixed(time.December, 25, "Christmas Day")
}

func gbHolidays(h *Holidays, y int) {
	ny := day(y, time.January, 1)
	switch ny.Weekday() {
	case time.Saturday:
		ny = ny.AddDate(0, 0, 2)
	case time.Sunday:
		ny = ny.AddDate(0, 0, 1)
	}
	h.Add(ny, "New Year's Day")
	e := Easter(y)
	h.Add(e.AddDate(0, 0, -2), "Good Friday")
	h.Add(e.AddDate(0, 0, 1), "Easter Monday")
	h.Add(nthWeekday(y, time.May, time.Monday, 1), "Early May bank holiday")
	h.Add(nthWeekday(y, time.May, time.Monday, -1), "Spring bank holiday")
	h.Add(nthWeekday(y, time.August, time.Monday, -1), "Summer bank holiday")
	// Christmas and Boxing Day move to the next weekdays not taken.
	xmas, boxing := day(y, time.December, 25), day(y, time.December, 26)
	switch xmas.Weekday() {
	case time.Friday: // Boxing Day on Saturday
		boxing = boxing.AddDate(0, 0, 2)
	case time.Saturday:
		xmas, boxing = xmas.AddDate(0, 0, 2), boxing.AddDate(0, 0, 2)
	case time.Sunday: // Boxing Day on Monday stays
		xmas = xmas.AddDate(0, 0, 2)
	}
	h.Add(xmas, "Christmas Day")
	h.Add(boxing, "Boxing Day")
}

func deHolidays(h *Holidays, y int) {
	e := Easter(y)
	h.Add(day(y, time.January, 1), "Neujahr")
	h.Add(e.AddDate(0, 0, -2), "Karfreitag")
	h.Add(e.AddDate(0, 0, 1), "Ostermontag")
	h.Add(day(y, time.May, 1), "Tag der Arbeit")
	h.Add(e.AddDate(0, 0, 39), "Christi Himmelfahrt")
	h.Add(e.AddDate(0, 0, 50), "Pfingstmontag")
	if y >= 1990 {
		h.Add(day(y, time.October, 3), "Tag der Deutschen Einheit")
	}
	h.Add(day(y, time.December, 25), "1. Weihnachtstag")
	h.Add(day(y, time.December, 26), "2. Weihnachtstag")
}

func frHolidays(h *Holidays, y int) {
	e := Easter(y)
	h.Add(day(y, time.January, 1), "Jour de l'an")
	h.Add(e.AddDate(0, 0, 1), "Lundi de Pâques")
	h.Add(day(y, time.May, 1), "Fête du Travail")
	h.Add(day(y, time.May, 8), "Victoire 1945")
	h.Add(e.AddDate(0, 0, 39), "Ascension")
	h.Add(e.AddDate(0, 0, 50), "Lundi de Pentecôte")
	h.Add(day(y, time.July, 14), "Fête nationale")
	h.Add(day(y, time.August, 15), "Assomption")
	h.Add(day(y, time.November, 1), "Toussaint")
	h.Add(day(y, time.November, 11), "Armistice 1918")
	h.Add(day(y, time.December, 25), "Noël")
}
