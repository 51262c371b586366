package arima

import "math"

// seasWindow is the seasonal window of forecast::mstl for a single
// seasonal period (its s.window = 7 + 4·(1:6)).
const seasWindow = 11

// seasThreshold is nsdiffs' threshold on the seasonal strength, chosen by
// the forecast authors from auto.arima's accuracy on the M3 and M4 data.
const seasThreshold = 0.64

// SeasonalStrength returns the strength of the seasonality of x at period
// m, max(0, min(1, 1 - var(R)/var(R + S))), with S and R the seasonal and
// remainder components of an STL decomposition with forecast::mstl's
// settings for one season (R's stl(x, s.window = 11): trend window
// nextodd(ceiling(1.5m/(1 - 1.5/11))), low-pass window nextodd(m),
// degrees 0, 1, 1, no robustness iterations), as forecast's
// seas.heuristic (Wang, Smith & Hyndman 2006). It returns NaN when
// len(x) ≤ 2m (STL needs two full periods) or m < 2.
func SeasonalStrength(x []float64, m int) float64 {
	n := len(x)
	if m < 2 || n <= 2*m {
		return math.NaN()
	}
	s, t := stl(x, rStlParams(m, seasWindow))
	rem := make([]float64, n)
	rs := make([]float64, n)
	for i := range x {
		rem[i] = x[i] - s[i] - t[i]
		rs[i] = rem[i] + s[i]
	}
	v := 1 - variance(rem)/variance(rs)
	if math.IsNaN(v) {
		return v
	}
	return math.Max(0, math.Min(1, v))
}

// NSDiffs returns the number of seasonal differences at period m, at most
// maxD, that forecast::nsdiffs chooses with its default test "seas":
// difference while the seasonal strength exceeds 0.64. Series with at
// most m values, constant series and series too short for the strength
// need none.
func NSDiffs(x []float64, m, maxD int) int {
	if isConstant(x) || m < 2 || m >= len(x) {
		return 0
	}
	test := func(x []float64) bool {
		return SeasonalStrength(x, m) > seasThreshold // NaN: false
	}
	dodiff := test(x)
	D := 0
	w := append([]float64(nil), x...)
	for dodiff && D < maxD {
		D++
		for i := len(w) - 1; i >= m; i-- {
			w[i] -= w[i-m]
		}
		w = w[m:]
		if isConstant(w) {
			return D
		}
		dodiff = len(w) >= 2*m && D < maxD && test(w)
	}
	return D
}

// variance returns the sample variance of x (denominator n-1).
func variance(x []float64) float64 {
	n := float64(len(x))
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= n
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return s / (n - 1)
}
