package forecast

import (
	"fmt"
	"math"
	"time"
)

// Series is one univariate target series with optional timestamps and
// covariates.
//
// # Invariants
//
// Values are finite. Times is nil or has len(Values) entries, strictly
// increasing. Each covariate has finite entries: len(Values) of them, or
// for a [Covariate.Known] one at least that many (its values at the steps
// after the last observation follow). Loaders in this
// package establish these invariants; code that builds a Series by hand can
// check them with [Series.Validate].
type Series struct {
	// ID names the series (the id column of long and wide files, the
	// target column name for single-series files).
	ID string
	// Target is the name of the target column.
	Target string
	// Times holds one timestamp per value, or nil when the file had none.
	Times []time.Time
	// Values holds the target observations.
	Values []float64
	// Covariates holds the other numeric columns read beside the target
	// (see [Covariate] for past and future-known ones).
	Covariates []Covariate
	// Freq is the sampling frequency. It is Step when there are no
	// timestamps, unless the caller named the frequency (as
	// LoadOptions.Freq allows for M4 files, for their seasonal period), and
	// when the timestamps follow no calendar grid.
	Freq Freq
}

// Len returns the number of observations in s.
func (s *Series) Len() int { return len(s.Values) }

// Head returns a series holding the first n observations of s. The result
// shares memory with s; neither must be modified while both are in use.
// It panics if n is out of range.
func (s *Series) Head(n int) *Series {
	return s.Slice(0, n)
}

// Slice returns a series holding observations i..j-1 of s, sharing memory
// with s. Past covariates are cut at j like the target; future-known ones
// keep their values from i on, since they are known in advance (a
// walk-forward fold that ends at j may read them over its horizon). It
// panics if the range is invalid.
func (s *Series) Slice(i, j int) *Series {
	if i < 0 || j < i || j > len(s.Values) {
		panic("forecast: slice out of range")
	}
	out := &Series{ID: s.ID, Target: s.Target, Values: s.Values[i:j:j], Freq: s.Freq}
	if s.Times != nil {
		out.Times = s.Times[i:j:j]
	}
	if len(s.Covariates) > 0 {
		out.Covariates = make([]Covariate, len(s.Covariates))
		for k, c := range s.Covariates {
			out.Covariates[k] = c
			if c.Known {
				out.Covariates[k].Values = c.Values[i:len(c.Values):len(c.Values)]
			} else {
				out.Covariates[k].Values = c.Values[i:j:j]
			}
		}
	}
	return out
}

// FutureTimes returns the h timestamps that follow the last observation of
// s, or nil when s has no timestamps or its Freq is Step. The steps follow
// the calendar grid of the series, anchored at its first timestamp: month
// ends stay month ends (2020-01-31, 2020-02-29, 2020-03-31, ...), and a
// day of month that a short month lacks is clamped to its last day.
//
// # Time zones
//
// The future steps are in the location of the last observation. Minutely
// and hourly steps are exact durations, shown in that location; daily and
// coarser steps keep the wall clock of the grid (midnight stays midnight)
// in that location. Timestamps loaded from text with a UTC offset
// ("2020-03-30T00:00:00+02:00") are in a fixed zone of that offset, so
// after a change of offset (daylight saving time) the forecasts carry the
// offset of the last observation, not of the first: the data's midnight
// of 2020-04-01 is 2020-04-01T00:00:00+02:00. A fixed zone knows no later
// change, so a horizon that crosses one keeps the last offset; timestamps
// in a named location (time.LoadLocation) follow its rules.
func (s *Series) FutureTimes(h int) []time.Time {
	if len(s.Times) == 0 || s.Freq == Step {
		return nil
	}
	t0, last := s.Times[0], s.Times[len(s.Times)-1]
	loc := last.Location()
	k, ok := s.Freq.GridIndex(t0, last)
	out := make([]time.Time, h)
	for i := range out {
		var t time.Time
		if ok {
			t = s.Freq.GridTime(t0, k+int64(i+1))
		} else {
			t = s.Freq.Add(last, i+1)
		}
		switch s.Freq {
		case Minutely, Hourly:
			t = t.In(loc)
		default: // the wall clock of the grid, in the last observation's zone
			y, m, d := t.Date()
			hh, mm, ss := t.Clock()
			t = time.Date(y, m, d, hh, mm, ss, t.Nanosecond(), loc)
		}
		out[i] = t
	}
	return out
}

// Validate returns an error describing the first violation of the
// invariants of [Series] (non-finite values, misaligned or non-increasing
// timestamps, misaligned or non-finite covariates), or nil.
func (s *Series) Validate() error {
	n := len(s.Values)
	if i := firstNonFinite(s.Values); i >= 0 {
		return fmt.Errorf("forecast: series %q: value %d is %v", s.ID, i, s.Values[i])
	}
	if s.Times != nil {
		if len(s.Times) != n {
			return fmt.Errorf("forecast: series %q has %d timestamps for %d values", s.ID, len(s.Times), n)
		}
		for i := 1; i < n; i++ {
			if !s.Times[i].After(s.Times[i-1]) {
				return fmt.Errorf("forecast: series %q: timestamp %d (%v) does not follow %v", s.ID, i, s.Times[i], s.Times[i-1])
			}
		}
	}
	for _, c := range s.Covariates {
		if len(c.Values) != n && !(c.Known && len(c.Values) > n) {
			return fmt.Errorf("forecast: series %q: covariate %q has %d values, want %d", s.ID, c.Name, len(c.Values), n)
		}
		if i := firstNonFinite(c.Values); i >= 0 {
			return fmt.Errorf("forecast: series %q: covariate %q value %d is %v", s.ID, c.Name, i, c.Values[i])
		}
	}
	return nil
}

func firstNonFinite(x []float64) int {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return i
		}
	}
	return -1
}
