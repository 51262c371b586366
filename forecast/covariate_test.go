package forecast_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/forecast"
)

// TestCovariateRoles: Slice cuts a past covariate at the end of the slice
// and keeps a future-known one's later values; Validate accepts the extra
// values of a known covariate only; CheckKnown names the first missing step.
func TestCovariateRoles(t *testing.T) {
	s := &forecast.Series{ID: "a", Freq: forecast.Daily,
		Times:  []time.Time{date(2020, 1, 1), date(2020, 1, 2), date(2020, 1, 3), date(2020, 1, 4)},
		Values: []float64{1, 2, 3, 4},
		Covariates: []forecast.Covariate{
			{Name: "temp", Values: []float64{10, 20, 30, 40}},
			{Name: "promo", Values: []float64{0, 1, 0, 1, 1, 0}, Known: true},
		},
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	sub := s.Slice(1, 3)
	if !equalValues(sub.Covariates[0].Values, []float64{20, 30}) || !equalValues(sub.Covariates[1].Values, []float64{1, 0, 1, 1, 0}) || !sub.Covariates[1].Known {
		t.Errorf("Slice(1, 3) covariates = %+v", sub.Covariates)
	}
	if p, k := sub.Past(), sub.Known(); len(p) != 1 || p[0].Name != "temp" || len(k) != 1 || k[0].Name != "promo" {
		t.Errorf("Past() = %+v, Known() = %+v", p, k)
	}
	// The slice ends on 2020-01-03: the known covariate covers 3 steps.
	if err := sub.CheckKnown(3); err != nil {
		t.Errorf("CheckKnown(3) on the slice: %v", err)
	}
	err := s.CheckKnown(3)
	if !errors.Is(err, forecast.ErrFutureMissing) || !strings.Contains(err.Error(), `"promo" has values for 2 of the 3`) || !strings.Contains(err.Error(), "2020-01-07") {
		t.Errorf("CheckKnown(3) = %v, want ErrFutureMissing naming promo and 2020-01-07", err)
	}
	noTimes := &forecast.Series{ID: "b", Values: []float64{1, 2}, Covariates: []forecast.Covariate{{Name: "x", Values: []float64{1, 2, 3}, Known: true}}}
	if err := noTimes.CheckKnown(2); err == nil || !strings.Contains(err.Error(), "step 2 after the last observation") {
		t.Errorf("CheckKnown without times = %v", err)
	}
	past := &forecast.Series{ID: "c", Values: []float64{1, 2}, Covariates: []forecast.Covariate{{Name: "x", Values: []float64{1, 2, 3}}}}
	if err := past.Validate(); err == nil {
		t.Error("Validate accepted a past covariate longer than the series")
	}
	short := &forecast.Series{ID: "d", Values: []float64{1, 2}, Covariates: []forecast.Covariate{{Name: "x", Values: []float64{1}, Known: true}}}
	if err := short.Validate(); err == nil {
		t.Error("Validate accepted a known covariate shorter than the series")
	}
}
