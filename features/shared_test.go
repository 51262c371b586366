//go:build shared

package features_test

import (
	"slices"
	"testing"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/internal/sample"
)

// TestDetectPeriodsETTh1 checks the oil temperature of ETTh1 (17,420
// hourly values of ../shared/data): one daily period.
func TestDetectPeriodsETTh1(t *testing.T) {
	s := sample.Shared(t, "ETTh1.csv", nil)[0]
	var ot []float64
	if s.Target == "OT" {
		ot = s.Values
	}
	for _, c := range s.Covariates {
		if c.Name == "OT" {
			ot = c.Values
		}
	}
	if got := features.DetectPeriods(ot, 200); !slices.Equal(got, []int{24}) {
		t.Errorf("DetectPeriods(ETTh1 OT, 200) = %v, want [24]", got)
	}
}
