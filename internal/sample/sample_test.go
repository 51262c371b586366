package sample_test

import (
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
)

// TestSample checks the bundled data against internal/sample/SOURCES.md:
// 144 monthly airline values from 1949-01, and 12 M4 Hourly series, six of
// 700 values and six of 960, without timestamps.
func TestSample(t *testing.T) {
	a := sample.Airline(t)
	if a.Len() != 144 || a.Freq != forecast.Monthly || a.Times[0].Format("2006-01") != "1949-01" || a.Values[0] != 112 {
		t.Errorf("airline: %d values, %v, from %v (first %v); want 144 monthly from 1949-01 (112)", a.Len(), a.Freq, a.Times[0], a.Values[0])
	}
	m4 := sample.M4HourlySample(t)
	n700, n960 := 0, 0
	for _, s := range m4 {
		switch s.Len() {
		case 700:
			n700++
		case 960:
			n960++
		}
		if s.Times != nil || s.Freq != forecast.Step {
			t.Errorf("%s: has timestamps or a calendar frequency", s.ID)
		}
	}
	if len(m4) != 12 || n700 != 6 || n960 != 6 || m4[0].ID != "H1" {
		t.Errorf("M4 sample: %d series (%d of 700, %d of 960), first %q; want 12 (6, 6), H1", len(m4), n700, n960, m4[0].ID)
	}
}
