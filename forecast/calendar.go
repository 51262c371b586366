package forecast

import (
	"fmt"
	"slices"

	"github.com/tsforecast/tsforecast/features"
)

// HolidayCovariate is the name of the holiday indicator of [AddCalendar].
const HolidayCovariate = "holiday"

// AddCalendar appends to s future-known covariates computed from its
// timestamps, for its steps and the h steps after them: the sine and
// cosine of each calendar feature of s.Freq ([Freq.Calendar]: hour of day
// and day of week for hourly data, day of week and day of year for daily
// data, month of year for monthly data), named "hour_of_day_sin",
// "hour_of_day_cos" and so on; and, when hol is not nil and the data are
// daily or finer, the indicator [HolidayCovariate]: 1 on the dates of hol
// (every hour of such a day) and 0 elsewhere. They cost no data and are
// known for any horizon.
//
// It returns an error, leaving s unchanged, when s has no timestamps, its
// frequency gives it no calendar covariate, or it has a covariate of one
// of those names already.
func AddCalendar(s *Series, h int, hol *features.Holidays) error {
	if h < 0 {
		panic("forecast: negative horizon")
	}
	if len(s.Times) == 0 || s.Freq == Step {
		return fmt.Errorf("forecast: series %q has no timestamps to compute calendar covariates from", s.ID)
	}
	feats := s.Freq.Calendar()
	holidays := hol != nil && (s.Freq == Minutely || s.Freq == Hourly || s.Freq == Daily)
	if len(feats) == 0 && !holidays {
		return fmt.Errorf("forecast: series %q: %s data have no calendar covariates", s.ID, s.Freq)
	}
	var names []string
	for _, f := range feats {
		names = append(names, f.String()+"_sin", f.String()+"_cos")
	}
	if holidays {
		names = append(names, HolidayCovariate)
	}
	for _, c := range s.Covariates {
		if slices.Contains(names, c.Name) {
			return fmt.Errorf("forecast: series %q already has a covariate %q", s.ID, c.Name)
		}
	}

	n := s.Len()
	times := append(s.Times[:n:n], s.FutureTimes(h)...)
	cols := make([][]float64, len(names))
	for k := range cols {
		cols[k] = make([]float64, len(times))
	}
	row := make([]float64, 2*len(feats))
	for i, t := range times {
		features.Calendar(row, t, feats)
		for k, v := range row {
			cols[k][i] = v
		}
		if holidays {
			if _, ok := hol.On(t); ok {
				cols[len(cols)-1][i] = 1
			}
		}
	}
	for k, name := range names {
		s.Covariates = append(s.Covariates, Covariate{Name: name, Values: cols[k], Known: true})
	}
	return nil
}
