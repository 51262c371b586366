package seq2one

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// ErrPastCovariates is wrapped by the error of Predict for a forecast
// beyond the horizon of a model that reads past covariates: their values
// after the last observation are unknown, and a forecast block after the
// first would need them.
var ErrPastCovariates = errors.New("seq2one: past covariates are not known beyond the model's horizon")

// covSpec names the covariates a model reads, in the order of the series,
// and which are known in advance.
type covSpec struct {
	names []string
	known []bool
}

// specOf returns the covariates of s (none when noCov).
func specOf(s *forecast.Series, noCov bool) covSpec {
	var c covSpec
	if noCov {
		return c
	}
	for _, cv := range s.Covariates {
		c.names = append(c.names, cv.Name)
		c.known = append(c.known, cv.Known)
	}
	return c
}

// knownIdx returns the positions of the known covariates among names.
func knownIdx(known []bool) []int {
	var idx []int
	for c, k := range known {
		if k {
			idx = append(idx, c)
		}
	}
	return idx
}

// countKnown returns the number of true values of known.
func countKnown(known []bool) int {
	n := 0
	for _, k := range known {
		if k {
			n++
		}
	}
	return n
}

// hasPast reports whether any covariate is a past one.
func hasPast(known []bool) bool { return slices.Contains(known, false) }

// sameCovariates returns an error unless s has the covariates names
// (known as known says) in that order.
func sameCovariates(s *forecast.Series, names []string, known []bool, noCov bool) error {
	got := specOf(s, noCov)
	if slices.Equal(got.names, names) && slices.Equal(got.known, normKnown(known, len(names))) {
		return nil
	}
	return fmt.Errorf("seq2one: series %q has covariates %s, the model was fitted with %s", s.ID, describeCov(got.names, got.known), describeCov(names, normKnown(known, len(names))))
}

// normKnown returns known, or n false values for a nil known (files
// written before covariates could be known in advance).
func normKnown(known []bool, n int) []bool {
	if known == nil && n > 0 {
		return make([]bool, n)
	}
	return known
}

func describeCov(names []string, known []bool) string {
	if len(names) == 0 {
		return "none"
	}
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", n)
		if known[i] {
			out += " (known)"
		}
	}
	return out
}

// futureError returns the error of a forecast of h steps when the known
// covariates have values for only have steps after the last observation:
// it wraps forecast.ErrFutureMissing and names the first missing step, by
// its time when t(k) gives one (k counts from 1 after the last
// observation).
func futureError(id string, names []string, have, h int, t func(k int) (time.Time, bool)) error {
	step := fmt.Sprintf("step %d after the last observation", have+1)
	if tm, ok := t(have + 1); ok {
		step = tm.Format(time.RFC3339)
	}
	return fmt.Errorf("seq2one: %w: series %q: known covariates %q have values for %d of the %d forecast steps; the first missing is %s",
		forecast.ErrFutureMissing, id, names, have, h, step)
}
