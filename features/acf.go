package features

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/dsp/fourier"
)

// ACF writes the sample autocorrelation of x at lags 0..maxLag into dst and
// returns it. It uses the standard biased estimator
//
//	r(k) = Σ_{t=0}^{n-k-1} (x[t]-x̄)(x[t+k]-x̄) / Σ_{t=0}^{n-1} (x[t]-x̄)²
//
// as statsmodels acf(x, adjusted=False) and R acf do, so r(0) = 1.
// Lags at or beyond len(x) have no pairs and get 0. Long series with many
// lags are computed through the FFT (gonum dsp/fourier), which agrees with
// direct summation to about 1e-15.
//
// A constant series (zero variance), a single value and an empty x have no
// defined autocorrelation; ACF then writes 1 at lag 0 and 0 at every other
// lag, so no NaN is produced from finite input, however large (values whose
// sums of squares would overflow are rescaled first). NaN or ±Inf in x
// propagates to dst as NaN.
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
	if math.IsInf(mean, 0) || math.IsInf(c0, 0) || math.IsNaN(c0) {
		if s := maxAbsFinite(x); s > 0 {
			// Finite values so large that the sums overflow (|x| beyond
			// about 1e154). The ACF is scale-invariant, so compute it on
			// x/s; the ordinary path stays untouched and bit-identical.
			y := make([]float64, n)
			for i, v := range x {
				y[i] = v / s
			}
			return ACF(dst, y, maxLag)
		}
	}
	dst[0] = 1
	if n == 0 || c0 == 0 {
		for k := 1; k <= maxLag; k++ {
			dst[k] = 0
		}
		return dst
	}
	lags := min(maxLag, n-1)
	if useFFT(n, lags) {
		acfFFT(dst[:lags+1], x, mean)
	} else {
		acfDirect(dst[:lags+1], x, mean, c0)
	}
	dst[0] = 1
	for k := lags + 1; k <= maxLag; k++ {
		dst[k] = 0
	}
	return dst
}

// maxAbsFinite returns max |x[i]|, or 0 when x holds a NaN or ±Inf (whose
// propagation the caller keeps).
func maxAbsFinite(x []float64) float64 {
	var m float64
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0
		}
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// useFFT reports whether the ACF of n values at lags 0..lags is computed by
// FFT (O(N log N), N ≥ n+lags) rather than directly (O(n·lags)).
// BenchmarkACFRoute puts the crossover near 100 lags both for n = 1000 and
// n = 17420 (at 800 lags on 17420 values the FFT takes about 3.5 ms against
// 36 ms); 128 leaves a margin.
func useFFT(n, lags int) bool {
	return lags >= 128 && n > lags
}

// acfDirect writes the ACF at lags 1..len(dst)-1 by direct summation.
func acfDirect(dst, x []float64, mean, c0 float64) {
	n := len(x)
	for k := 1; k < len(dst); k++ {
		var s float64
		a, b := x[:n-k], x[k:]
		for t, v := range a {
			s += (v - mean) * (b[t] - mean)
		}
		dst[k] = s / c0
	}
}

// acfFFT writes the ACF at lags 0..len(dst)-1 through the power spectrum
// of the mean-removed series, zero-padded to a power of two at least
// len(x)+len(dst) long so that the circular correlation equals the linear
// one at every lag used.
func acfFFT(dst, x []float64, mean float64) {
	size := 1
	for size < len(x)+len(dst) {
		size <<= 1
	}
	seq := make([]float64, size)
	for i, v := range x {
		seq[i] = v - mean
	}
	fft := fourier.NewFFT(size)
	coef := fft.Coefficients(nil, seq)
	for i, c := range coef {
		coef[i] = complex(real(c)*real(c)+imag(c)*imag(c), 0)
	}
	fft.Sequence(seq, coef)
	for k := range dst {
		dst[k] = seq[k] / seq[0]
	}
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
// first, or nil when there are none. Typical results: 12 for monthly
// airline passengers, 24 for M4 hourly series, 24 then 168 for hourly data
// with daily and weekly cycles, a lag near 365 for daily temperatures (367
// on the Melbourne series).
//
// # Method
//
// Let r be the ACF of x, n = len(x), and lim(m) the M4 critical value
// 1.645·se(m) of [SeasonalityTest], with se(m) = sqrt((1 + 2·Σ_{k<m} r(k)²)/n)
// Bartlett's standard error. Lags m in 2..min(maxPeriod, n/3) are
// candidates when all of these hold:
//
//  1. r has a positive local maximum at m that passes the M4 test:
//     r(m) > r(m-1), r(m) ≥ r(m+1), r(m) > lim(m);
//  2. the peak is prominent: it rises above the higher of the two troughs
//     that separate it from the nearest higher ACF values on either side
//     (the prominence of scipy.signal.peak_prominences) by more than
//     1.5·z_K·se(m), where z_K is the one-sided normal quantile at level
//     0.1/K and K = min(maxPeriod, n/3) − 1 is the number of lags scanned
//     (a Bonferroni correction: the M4 test is meant for one known period,
//     and scanning many lags of a white-noise ACF otherwise finds "periods"
//     in nearly every series);
//  3. the cycle repeats: a peak that satisfies (1) lies within
//     max(1, m/10) lags of 2m.
//
// Candidates are examined from the shortest up. A candidate m ≈ j·q
// (j ≥ 2, within 5 % of m) of an accepted period q is a harmonic of q and
// is kept only when it stands out among the multiples of every such q: its
// excess r(m) − max(r(m−q), r(m+q)) must exceed both the noise of a
// difference of two ACF values, 1.645·√2/√n, and 3 % of the strength of q.
// A daily cycle in hourly data gives ACF peaks at 24, 48, 72, … that decay,
// so only 24 is kept, while a weekly cycle on top lifts r(168) above r(144)
// and r(192), so 168 is kept as well (and 336 is not, being below r(168)).
//
// The strength of a period is its prominence, or for a harmonic its
// smallest excess; periods are returned by decreasing strength.
//
// A strong trend or a wandering level makes the ACF of x decay slowly, and
// its seasonal ripples then fail test 2. When x yields no period and is
// persistent (r(1) ≥ 0.5), DetectPeriods repeats the search on the first
// differences of x at family-wise level 0.05 instead of 0.1, where
// the trend is gone (the seasonal pattern of airline passengers and of the
// ETTh1 oil temperature is found this way). Differencing a non-sinusoidal
// seasonal shape adds secondary ACF peaks inside each cycle, so on
// differences a period must also reach half the strength of the strongest.
//
// # False positives
//
// On simulated series of length n (100 seeds each, maxPeriod n/3)
// DetectPeriods reported a period for 0 % of white-noise, AR(1) (φ = 0.7)
// and random-walk series with n = 100, for at most 1 % with n = 500, and
// for 11 % (white noise), 14 % (AR) and 4 % (random walk) with n = 3000.
// On the 414 M4 hourly series (maxPeriod 200) it returns 24 first for 395
// and 23 for 13, whose ACF does peak at 23 (H174: r(23) = 0.968 against
// r(24) = 0.935). Non-finite values make the ACF NaN and yield nil. The
// cost is O(n·maxPeriod), or O(n log n) for the ACF itself when the FFT
// route is taken.
func DetectPeriods(x []float64, maxPeriod int) []int {
	p, r1 := detectPeriods(x, maxPeriod, 0.1, 0)
	if p != nil || !(r1 >= 0.5) {
		return p
	}
	p, _ = detectPeriods(Diff(nil, x, 1), maxPeriod, 0.05, diffRelativeStrength)
	return p
}

// diffRelativeStrength is the share of the largest strength that a period
// found on differenced data must reach. Differencing a series with a
// non-sinusoidal seasonal shape produces secondary ACF peaks inside each
// cycle (at 17 and 41 for the 24-hour cycle of ETTh1 LULL, with prominence
// ≈ 0.4 of the 24-hour peak); they are significant but are not periods.
const diffRelativeStrength = 0.5

// harmonicShare is the share of its base period's strength that the excess
// of a harmonic must reach; below it the bump at the multiple is too small
// to call a longer cycle (ETTh1 HUFL has r(120) only 0.01 above r(96) and
// r(144), against a daily prominence of 1.0).
const harmonicShare = 0.03

// prominenceFactor multiplies z_K·se(m) in the prominence test.
const prominenceFactor = 1.5

// period is a detected seasonal period and its strength.
type period struct {
	m        int
	strength float64
}

// detectPeriods runs the search of DetectPeriods on x itself, with
// family-wise level alpha for the prominence test, and returns the periods
// and r(1). Periods whose strength is below relStrength times the largest
// are dropped.
func detectPeriods(x []float64, maxPeriod int, alpha, relStrength float64) ([]int, float64) {
	n := len(x)
	maxP := min(maxPeriod, n/3)
	if maxP < 2 {
		return nil, math.NaN()
	}
	// Lags for the repeat test at 2m + m/10 and for harmonic neighbours.
	maxLag := min(n-1, 2*maxP+maxP/10+1)
	r := ACF(nil, x, maxLag)
	// cum[k] = Σ_{j=1}^{k} r(j)².
	cum := make([]float64, maxLag+1)
	for k := 1; k <= maxLag; k++ {
		cum[k] = cum[k-1] + r[k]*r[k]
	}
	se := func(m int) float64 { return math.Sqrt((1 + 2*cum[m-1]) / float64(n)) }
	isPeak := func(m int) bool {
		return m+1 <= maxLag && r[m] > 0 && r[m] > r[m-1] && r[m] >= r[m+1] &&
			r[m] > seasonalityLimit*se(m)
	}
	at := func(k int) float64 {
		if k > maxLag {
			return math.Inf(-1)
		}
		return r[k]
	}
	zK := math.Sqrt2 * math.Erfcinv(2*alpha/float64(maxP-1))
	harmonicLimit := seasonalityLimit * math.Sqrt2 / math.Sqrt(float64(n))

	var acc []period
	for m := 2; m <= maxP; m++ {
		if !isPeak(m) {
			continue
		}
		prom := prominence(r, m)
		if !(prom > prominenceFactor*zK*se(m)) {
			continue
		}
		tol := max(1, m/10)
		repeats := false
		for k := 2*m - tol; k <= min(2*m+tol, maxLag-1); k++ {
			if isPeak(k) {
				repeats = true
				break
			}
		}
		if !repeats {
			continue
		}
		p := period{m: m, strength: prom}
		keep := true
		// m must stand out among the multiples of every accepted period it
		// is a multiple of.
		for _, a := range acc {
			q := a.m
			j := (m + q/2) / q
			if j < 2 || math.Abs(float64(m-j*q)) > 0.05*float64(m) {
				continue
			}
			excess := r[m] - math.Max(r[m-q], at(m+q))
			if !(excess > math.Max(harmonicLimit, harmonicShare*a.strength)) {
				keep = false
				break
			}
			p.strength = math.Min(p.strength, excess)
		}
		if keep {
			acc = append(acc, p)
		}
	}
	if relStrength > 0 {
		var best float64
		for _, p := range acc {
			best = math.Max(best, p.strength)
		}
		kept := acc[:0]
		for _, p := range acc {
			if p.strength >= relStrength*best {
				kept = append(kept, p)
			}
		}
		acc = kept
	}
	if len(acc) == 0 {
		return nil, r[1]
	}
	sort.SliceStable(acc, func(i, j int) bool { return acc[i].strength > acc[j].strength })
	out := make([]int, len(acc))
	for i, c := range acc {
		out[i] = c.m
	}
	return out, r[1]
}

// prominence returns the prominence of the peak of r at m over the lags
// 1..len(r)-1: r(m) minus the higher of the lowest values of r between m
// and the nearest higher value on each side (or the end of r).
func prominence(r []float64, m int) float64 {
	left := r[m]
	for k := m - 1; k >= 1 && r[k] <= r[m]; k-- {
		left = math.Min(left, r[k])
	}
	right := r[m]
	for k := m + 1; k < len(r) && r[k] <= r[m]; k++ {
		right = math.Min(right, r[k])
	}
	return r[m] - math.Max(left, right)
}
