package features

import (
	"slices"
	"testing"
	"time"
)

// TestEaster: dates from the tables of Easter Sunday (Meeus,
// Astronomical Algorithms, ch. 8, gives 1818, 2000 and 2038; the others
// are calendar dates).
func TestEaster(t *testing.T) {
	for _, want := range []string{"1818-03-22", "1943-04-25", "2000-04-23", "2019-04-21", "2024-03-31", "2025-04-20", "2038-04-25"} {
		w, _ := time.Parse(time.DateOnly, want)
		if got := Easter(w.Year()); !got.Equal(w) {
			t.Errorf("Easter(%d) = %s, want %s", w.Year(), got.Format(time.DateOnly), want)
		}
	}
}

// TestPublicHolidays compares whole years with the published lists:
// US federal holidays from the Office of Personnel Management
// (opm.gov/policy-data-oversight/pay-leave/federal-holidays, 2021 and
// 2024); England and Wales bank holidays from gov.uk/bank-holidays (2019
// and 2021, years without one-off holidays); Germany's nationwide and
// France's public holidays of 2024 from their interior and labour
// ministries' calendars.
func TestPublicHolidays(t *testing.T) {
	for _, test := range []struct {
		country string
		year    int
		want    []string
	}{
		{"US", 2024, []string{"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"}},
		// 2021: Juneteenth, Independence Day and Christmas observed on
		// 18 June, 5 July and 24 December; New Year's Day 2022 on
		// Friday 31 December 2021.
		{"US", 2021, []string{"2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-06-18", "2021-06-19", "2021-07-04", "2021-07-05", "2021-09-06", "2021-10-11", "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-25"}},
		{"GB", 2019, []string{"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"}},
		{"gb", 2021, []string{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"}},
		{"DE", 2024, []string{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20", "2024-10-03", "2024-12-25", "2024-12-26"}},
		{"FR", 2024, []string{"2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09", "2024-05-20", "2024-07-14", "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25"}},
	} {
		h, err := PublicHolidays(test.country, test.year, test.year)
		if err != nil {
			t.Fatalf("PublicHolidays(%s, %d): %v", test.country, test.year, err)
		}
		var got []string
		for d := day(test.year, time.January, 1); d.Year() == test.year; d = d.AddDate(0, 0, 1) {
			if _, ok := h.On(d); ok {
				got = append(got, d.Format(time.DateOnly))
			}
		}
		if !slices.Equal(got, test.want) {
			t.Errorf("PublicHolidays(%s, %d) =\n%q\nwant\n%q", test.country, test.year, got, test.want)
		}
	}
	// The observed New Year's Day of 2022 falls in 2021.
	h, _ := PublicHolidays("US", 2022, 2022)
	if name, ok := h.On(day(2021, time.December, 31)); !ok || name != "New Year's Day (observed)" {
		t.Errorf("US 2022: 2021-12-31 = %q, %v; want New Year's Day (observed)", name, ok)
	}
	// A timestamp falls on a holiday by its own date, in its own zone.
	ny := time.FixedZone("EST", -5*3600)
	if _, ok := h.On(time.Date(2022, 7, 4, 23, 30, 0, 0, ny)); !ok {
		t.Error("2022-07-04 23:30 EST is not Independence Day")
	}
	if _, err := PublicHolidays("XX", 2020, 2020); err == nil {
		t.Error("PublicHolidays(XX) succeeded")
	}
	if _, err := PublicHolidays("US", 2020, 2020+MaxHolidayYears); err == nil {
		t.Error("PublicHolidays over more than MaxHolidayYears succeeded")
	}
	var none *Holidays
	if _, ok := none.On(day(2020, 1, 1)); ok || none.Len() != 0 {
		t.Error("a nil Holidays holds a date")
	}
}
