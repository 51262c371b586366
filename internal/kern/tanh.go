package kern

// Coefficients of the float32 tanh approximation tanh(x) ≈ x·P(x²)/Q(x²) on
// |x| ≤ tanhClamp, a [13/6] minimax-style rational fit (the one Eigen uses
// for its fast float tanh, generic_fast_tanh_float). tanhconst_amd64.s holds
// the same values.
const (
	tanhA1  = 4.89352455891786e-03
	tanhA3  = 6.37261928875436e-04
	tanhA5  = 1.48572235717979e-05
	tanhA7  = 5.12229709037114e-08
	tanhA9  = -8.60467152213735e-11
	tanhA11 = 2.00018790482477e-13
	tanhA13 = -2.76076847742355e-16
	tanhB0  = 4.89352518554385e-03
	tanhB2  = 2.26843463243900e-03
	tanhB4  = 1.18534705686654e-04
	tanhB6  = 1.19825839466702e-06

	tanhClamp = 7.90531110763549805
	// tanhSat is where float32 tanh rounds to ±1: 1 - tanh(9) ≈ 3.0e-8 is
	// about half an ulp below 1.
	tanhSat = 9
)

// tanh32 is the portable float32 tanh approximation: the formula the
// assembly evaluates in float32 with fused multiply-adds.
func tanh32(x float32) float32 {
	if !(x < tanhSat && x > -tanhSat) {
		switch {
		case x != x:
			return x
		case x > 0:
			return 1
		}
		return -1
	}
	// Evaluated in float64: without fused multiply-adds, float32 Horner
	// steps would add up to 3.6e-7 of rounding error near |x| = 6.
	xc := min(max(float64(x), -tanhClamp), tanhClamp)
	x2 := xc * xc
	p := ((((((tanhA13*x2+tanhA11)*x2+tanhA9)*x2+tanhA7)*x2+tanhA5)*x2+tanhA3)*x2 + tanhA1)
	q := (((tanhB6*x2+tanhB4)*x2+tanhB2)*x2 + tanhB0)
	return float32(xc * p / q)
}

// sigmoid32 is the portable float32 sigmoid, 0.5 + 0.5·tanh(x/2).
func sigmoid32(x float32) float32 {
	return 0.5*tanh32(0.5*x) + 0.5
}

// tanh32Generic applies tanh32 (or sigmoid32 when sig is set) to x.
func tanh32Generic(dst, x []float32, sig bool) {
	if sig {
		for i, v := range x {
			dst[i] = sigmoid32(v)
		}
		return
	}
	for i, v := range x {
		dst[i] = tanh32(v)
	}
}
