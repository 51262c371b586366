package theta

import (
	"errors"
	"fmt"

	"github.com/tsforecast/tsforecast/features"
)

// season is the seasonal adjustment of a model: none when Indices is nil.
type season struct {
	period  int
	kind    features.DecompKind
	indices []float64
}

// at returns the seasonal index at time t (counted from the first value of
// the fitted series): indices[t mod period].
func (s *season) at(t int) float64 {
	return s.indices[t%s.period]
}

// adjust writes the seasonally adjusted y into dst (y divided by or minus
// the index at each time, from time 0).
func (s *season) adjust(dst, y []float64) {
	if s.indices == nil {
		copy(dst, y)
		return
	}
	for t, v := range y {
		if s.kind == features.Multiplicative {
			dst[t] = v / s.at(t)
		} else {
			dst[t] = v - s.at(t)
		}
	}
}

// restore puts the seasonality of time t back on the adjusted value v.
func (s *season) restore(v float64, t int) float64 {
	if s.indices == nil {
		return v
	}
	if s.kind == features.Multiplicative {
		return v * s.at(t)
	}
	return v + s.at(t)
}

// newSeason decides on and estimates the seasonal adjustment of y:
//
//   - none when the period is below 2, Season is SeasonNever, or Season
//     is SeasonTest and [features.SeasonalityTest] (90 %, needs 3 periods)
//     rejects seasonality;
//   - otherwise the classical decomposition [features.Decompose], which is
//     multiplicative unless Additive is set or y has a value ≤ 0, as
//     statsmodels ThetaModel's method "auto" decides.
func newSeason(y []float64, s *Settings) (season, error) {
	m := s.Period
	if m < 2 || s.Season == SeasonNever {
		return season{}, nil
	}
	if s.Season == SeasonTest && !features.SeasonalityTest(y, m) {
		return season{}, nil
	}
	kind := features.Multiplicative
	if s.Additive {
		kind = features.Additive
	}
	if kind == features.Multiplicative {
		for _, v := range y {
			if v <= 0 {
				kind = features.Additive
				break
			}
		}
	}
	d, err := features.Decompose(y, m, kind)
	if err != nil {
		switch {
		case errors.Is(err, features.ErrTooShort):
			return season{}, fmt.Errorf("%w: seasonal adjustment: %v", ErrTooShort, err)
		case errors.Is(err, features.ErrNonFinite):
			return season{}, fmt.Errorf("%w: seasonal adjustment: %v", ErrNonFinite, err)
		}
		return season{}, fmt.Errorf("theta: seasonal adjustment: %w", err)
	}
	return season{period: m, kind: kind, indices: d.Indices}, nil
}
