package features

import (
	"math"
	"sort"
)

// ACF writes the sample autocorrelation of x at lags 0..maxLag into dst and
// returns it. It uses the standard biased estimator
//
//	r(k) = Σ_{t=0}^{n-k-1} (x[t]-x̄)(x[t+k]-x̄) / Σ_{t=0}^{n-1} (x[t]-x̄)²
//
// as statsmodels acf(x, adjusted=False) and R acf do, so r(0) = 1.
// Lags at or beyond len(x) have no pairs and get 0.
//
// A constant series (zero variance), a single value and an empty x have no
// defined autocorrelation; ACF then writes 1 at lag 0 and 0 at every other
// lag, so no NaN is produced from finite input. NaN in x propagates to dst.
//
// If dst is nil a new slice of length maxLag+1 is allocated. It panics if
// maxLag is negative or dst is non-nil with length other than maxLag+1.
func ACF(dst, x []float64, maxLag int) []float64 {
	if maxLag < 0 {
		panic(errMaxLag)
	}
	dst = useDst(dst, maxLag+1)
	n := len(x)
	var mean float64
	for _, v := range x {
		mean += v
	}
	if n > 0 {
		mean /= float64(n)
	}
	var c0 float64
	for _, v := range x {
		d := v - mean
		c0 += d * d
	}
	dst[0] = 1
	if n == 0 || c0 == 0 {
		for k := 1; k <= maxLag; k++ {
			dst[k] = 0
		}
		return dst
	}
	for k := 1; k <= maxLag; k++ {
		if k >= n {
			dst[k] = 0
			continue
		}
		var s float64
		a, b := x[:n-k], x[k:]
		for t, v := range a {
			s += (v - mean) * (b[t] - mean)
		}
		dst[k] = s / c0
	}
	return dst
}

// seasonalityLimit is the one-sided 90 % critical value of the standard
// normal distribution used by the M4 seasonality test.
const seasonalityLimit = 1.645

// SeasonalityTest reports whether x is seasonal with period m by the 90 %
// autocorrelation test of the M4 competition benchmarks (Makridakis et al.,
// M4-methods "Benchmarks and Evaluation.R", function SeasonalityTest):
//
//	|r(m)| > 1.645·sqrt((1 + 2·Σ_{k=1}^{m-1} r(k)²) / n)
//
// with r the biased ACF of [ACF] and n = len(x). As in the M4 code it
// reports false when m ≤ 1 or n < 3m, and when the statistic is NaN.
//
// The M4 R code reads r(m) from R's acf, whose default maximum lag is
// floor(10·log10(n)); when that is below m the R code gets NA and reports
// false. SeasonalityTest computes r(m) exactly instead, so the two differ
// only for short series with long periods (n < 10^(m/10), e.g. hourly
// series shorter than 252 with m = 24), none of which occur in M4.
func SeasonalityTest(x []float64, m int) bool {
	if m <= 1 || len(x) < 3*m {
		return false
	}
	r := ACF(nil, x, m)
	return seasonalityTestACF(r, m, len(x))
}

// seasonalityTestACF applies the M4 test to precomputed ACF values r
// (len(r) > m) of a series of length n.
func seasonalityTestACF(r []float64, m, n int) bool {
	if m <= 1 || n < 3*m {
		return false
	}
	s := 1.0
	for k := 1; k < m; k++ {
		s += 2 * r[k] * r[k]
	}
	limit := seasonalityLimit * math.Sqrt(s/float64(n))
	return math.Abs(r[m]) > limit
}

// DetectPeriods returns the seasonal periods of x up to maxPeriod, strongest
// first, or nil when there are none.
//
// # Method
//
// A lag m in 2..min(maxPeriod, len(x)/3) is a candidate when the ACF of x
// has a positive local maximum there (r(m) > r(m-1) and r(m) ≥ r(m+1)) and
// m passes the M4 test of [SeasonalityTest]. Candidates are examined from
// the shortest up. A candidate that is a multiple m = j·q of an already
// accepted period q is a harmonic of q and is kept only when it stands out
// among the multiples of q, r(m) > r(m-q) and r(m) > r(m+q): a daily cycle
// in hourly data gives ACF peaks at 24, 48, 72, … that decay, so only 24 is
// kept, while an added weekly cycle lifts r(168) above r(144) and r(192),
// so 168 is kept as well.
//
// The strength of a period is r(m) for a fundamental period and the excess
// r(m) − max(r(m-q), r(m+q)) for a harmonic of q, i.e. the part of the
// autocorrelation the shorter period does not already explain. Periods are
// returned in order of decreasing strength; for hourly data with daily and
// weekly cycles that is 24 then 168.
//
// The ACF is computed on x as given: a strong trend flattens the ACF, so a
// caller may prefer to detect on [Diff](x, 1) for trending series.
// Non-finite values make the ACF NaN and yield nil.
func DetectPeriods(x []float64, maxPeriod int) []int {
	n := len(x)
	maxP := min(maxPeriod, n/3)
	if maxP < 2 {
		return nil
	}
	// Harmonic checks look at r(m+q) with q ≤ m/2.
	maxLag := min(n-1, maxP+maxP/2+1)
	r := ACF(nil, x, maxLag)
	at := func(k int) float64 {
		if k > maxLag {
			return math.Inf(-1)
		}
		return r[k]
	}
	type cand struct {
		period   int
		strength float64
	}
	var acc []cand
	for m := 2; m <= maxP; m++ {
		if !(r[m] > 0 && r[m] > r[m-1] && r[m] >= at(m+1)) {
			continue
		}
		if !seasonalityTestACF(r, m, n) {
			continue
		}
		strength := r[m]
		keep := true
		// The largest accepted divisor decides whether m is a harmonic.
		for i := len(acc) - 1; i >= 0; i-- {
			q := acc[i].period
			if m%q != 0 {
				continue
			}
			neighbour := math.Max(r[m-q], at(m+q))
			if !(r[m] > neighbour) {
				keep = false
			}
			strength = r[m] - neighbour
			break
		}
		if keep {
			acc = append(acc, cand{m, strength})
		}
	}
	if len(acc) == 0 {
		return nil
	}
	sort.SliceStable(acc, func(i, j int) bool { return acc[i].strength > acc[j].strength })
	out := make([]int, len(acc))
	for i, c := range acc {
		out[i] = c.period
	}
	return out
}
