package main

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestDescribeHuge: finite values whose squares overflow still get a
// finite standard deviation. Reference: {1,-1,1,-1}·1e300 has mean 0 and
// sample std sqrt(4/3)·1e300, and scaling commutes with both.
func TestDescribeHuge(t *testing.T) {
	for _, scale := range []float64{1, 1e300} {
		st := describe([]float64{scale, -scale, scale, -scale})
		wantStd := math.Sqrt(4.0/3) * scale
		if st.Mean != 0 || !scalar.EqualWithinAbsOrRel(st.Std, wantStd, 0, 1e-14) {
			t.Errorf("describe(±%g): mean %v, std %v; want 0 and %v", scale, st.Mean, st.Std, wantStd)
		}
	}
	st := describe([]float64{1.5e308, 1.7e308})
	if want := 1.6e308; !scalar.EqualWithinAbsOrRel(st.Mean, want, 0, 1e-14) {
		t.Errorf("describe(1.5e308, 1.7e308): mean %v, want %v (the sum overflows)", st.Mean, want)
	}
	if want := math.Sqrt2 * 1e307; !scalar.EqualWithinAbsOrRel(st.Std, want, 0, 1e-12) {
		t.Errorf("describe(1.5e308, 1.7e308): std %v, want %v", st.Std, want)
	}
}
