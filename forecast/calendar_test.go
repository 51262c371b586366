package forecast_test

import (
	"math"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// TestAddCalendar: hourly data get hour-of-day and day-of-week pairs and
// a holiday indicator over history and horizon; the values are the
// trigonometric encoding of features.Calendar, checked at hand-computed
// points.
func TestAddCalendar(t *testing.T) {
	t0 := time.Date(2024, 12, 24, 22, 0, 0, 0, time.UTC) // a Tuesday
	s := &forecast.Series{ID: "load", Freq: forecast.Hourly, Values: []float64{1, 2, 3}}
	for i := range s.Values {
		s.Times = append(s.Times, t0.Add(time.Duration(i)*time.Hour))
	}
	hol, err := features.PublicHolidays("GB", 2024, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if err := forecast.AddCalendar(s, 2, hol); err != nil {
		t.Fatalf("AddCalendar: %v", err)
	}
	want := []string{"hour_of_day_sin", "hour_of_day_cos", "day_of_week_sin", "day_of_week_cos", forecast.HolidayCovariate}
	if len(s.Covariates) != len(want) {
		t.Fatalf("%d covariates, want %v", len(s.Covariates), want)
	}
	for k, c := range s.Covariates {
		if c.Name != want[k] || !c.Known || len(c.Values) != 5 {
			t.Errorf("covariate %d = %s (known %v, %d values), want %s known with 5", k, c.Name, c.Known, len(c.Values), want[k])
		}
	}
	if err := s.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	// Steps: 12-24 22:00, 23:00, 12-25 00:00 (history), 01:00, 02:00.
	if got := s.Covariates[4].Values; !equalValues(got, []float64{0, 0, 1, 1, 1}) {
		t.Errorf("holiday = %v, want 0 0 1 1 1 (Christmas Day from midnight)", got)
	}
	// 00:00 has phase 0: sin 0, cos 1; 23:00 has phase 23/24.
	hs, hc := s.Covariates[0].Values, s.Covariates[1].Values
	if math.Abs(hs[2]) > 1e-15 || math.Abs(hc[2]-1) > 1e-15 || math.Abs(hs[1]-math.Sin(2*math.Pi*23/24)) > 1e-15 {
		t.Errorf("hour of day sin %v cos %v", hs, hc)
	}
	// Tuesday is weekday 2, Wednesday 3: φ = 2/7 and 3/7.
	ds := s.Covariates[2].Values
	if math.Abs(ds[0]-math.Sin(2*math.Pi*2/7)) > 1e-15 || math.Abs(ds[4]-math.Sin(2*math.Pi*3/7)) > 1e-15 {
		t.Errorf("day of week sin %v", ds)
	}
	// Twice is an error, and so are data without a calendar.
	if err := forecast.AddCalendar(s, 2, nil); err == nil {
		t.Error("AddCalendar twice succeeded")
	}
	if err := forecast.AddCalendar(&forecast.Series{ID: "m4", Values: []float64{1, 2}}, 2, nil); err == nil {
		t.Error("AddCalendar without timestamps succeeded")
	}
	yearly := &forecast.Series{ID: "y", Freq: forecast.Yearly, Values: []float64{1, 2}, Times: []time.Time{date(2020, 1, 1), date(2021, 1, 1)}}
	if err := forecast.AddCalendar(yearly, 2, hol); err == nil || len(yearly.Covariates) != 0 {
		t.Errorf("AddCalendar on yearly data: %v, %d covariates", err, len(yearly.Covariates))
	}
}
