package forecast

import (
	"errors"
	"fmt"
	"time"
)

// Covariate is a named numeric column beside the target of a [Series].
//
// A past covariate (Known false) is observed with the target: a model may
// read its values up to the forecast origin only, as lagged inputs, and
// never needs its future. A future-known covariate (Known true: a price
// list, a promotion plan, planned capacity, a calendar or holiday
// indicator) is known in advance: its Values hold one value per
// observation of the series followed by its values at the steps after the
// last observation ([Series.FutureTimes]), as far ahead as they are known.
// A model that reads it over a horizon of h steps needs h of those
// ([Series.CheckKnown]).
type Covariate struct {
	Name   string
	Values []float64
	Known  bool
}

// Past returns the past covariates of s; Known returns its future-known
// ones. Both share memory with s.
func (s *Series) Past() []Covariate { return s.covariates(false) }

// Known returns the future-known covariates of s; see [Series.Past].
func (s *Series) Known() []Covariate { return s.covariates(true) }

func (s *Series) covariates(known bool) []Covariate {
	var out []Covariate
	for _, c := range s.Covariates {
		if c.Known == known {
			out = append(out, c)
		}
	}
	return out
}

// ErrFutureMissing is wrapped by the error of [Series.CheckKnown].
var ErrFutureMissing = errors.New("forecast: future values of a known covariate missing")

// CheckKnown returns an error wrapping [ErrFutureMissing] when a
// future-known covariate of s has values for fewer than h steps after the
// last observation; it names the covariate and the first step it lacks,
// by its timestamp when s has them.
func (s *Series) CheckKnown(h int) error {
	n := s.Len()
	for _, c := range s.Covariates {
		if !c.Known || len(c.Values) >= n+h {
			continue
		}
		have := len(c.Values) - n
		return fmt.Errorf("%w: series %q: covariate %q has values for %d of the %d forecast steps; the first missing is %s",
			ErrFutureMissing, s.ID, c.Name, have, h, s.stepName(have+1))
	}
	return nil
}

// stepName names the k-th step after the last observation of s (k ≥ 1):
// its timestamp in RFC 3339 (or the date alone at midnight UTC), or
// "step k after the last observation" without timestamps.
func (s *Series) stepName(k int) string {
	if ts := s.FutureTimes(k); len(ts) == k {
		t := ts[k-1]
		if t.Location() == time.UTC && t.Equal(t.Truncate(24*time.Hour)) {
			return t.Format(time.DateOnly)
		}
		return t.Format(time.RFC3339)
	}
	return fmt.Sprintf("step %d after the last observation", k)
}
