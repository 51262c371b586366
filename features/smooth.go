package features

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// SmoothIndices writes to dst (allocated when nil or too short) the m
// seasonal indices idx with the noise of their estimation filtered out,
// and returns it. Each index is taken as its true value plus independent
// noise of standard deviation sd (the remainder's standard deviation over
// the square root of the number of seasons averaged, for classical
// decomposition). The indices are projected on the Fourier harmonics that
// stand out of that noise: the coefficients of harmonic k,
//
//	a_k = (2/m) Σ_j idx_j cos(2πkj/m),  b_k = (2/m) Σ_j idx_j sin(2πkj/m),
//
// each have variance 2sd²/m when the harmonic is absent, so
// (a_k² + b_k²)·m/(2sd²) has the χ² distribution with 2 degrees of freedom
// (1 for k = m/2, whose sine vanishes), and harmonic k is kept when it
// exceeds the quantile 1 − 0.01/⌊m/2⌋: pure noise keeps no harmonic with
// probability 99 % (a Bonferroni bound over the ⌊m/2⌋ harmonics tested).
// The mean, harmonic 0, is always kept. A long
// season estimated from a few noisy seasons (365 daily indices from four
// years) keeps its smooth annual shape instead of copying a year of daily
// noise into every forecast. With sd not positive or not finite, or m < 3,
// the indices are copied unchanged.
func SmoothIndices(dst, idx []float64, sd float64) []float64 {
	m := len(idx)
	if cap(dst) < m {
		dst = make([]float64, m)
	}
	dst = dst[:m]
	if !(sd > 0) || math.IsInf(sd, 1) || m < 3 {
		copy(dst, idx)
		return dst
	}
	mean := 0.0
	for _, v := range idx {
		mean += v
	}
	mean /= float64(m)
	out := make([]float64, m)
	for j := range out {
		out[j] = mean
	}
	noise := 2 * sd * sd / float64(m)
	alpha := 0.01 / float64(m/2)
	crit2 := distuv.ChiSquared{K: 2}.Quantile(1 - alpha)
	crit1 := distuv.ChiSquared{K: 1}.Quantile(1 - alpha)
	for k := 1; 2*k <= m; k++ {
		var a, b float64
		for j, v := range idx {
			s, c := math.Sincos(2 * math.Pi * float64(k*j%m) / float64(m))
			a += v * c
			b += v * s
		}
		if 2*k == m {
			// The Nyquist harmonic: a cosine alone, with coefficient
			// (1/m)Σ idx_j (−1)^j of variance sd²/m.
			a /= float64(m)
			if a*a/(noise/2) <= crit1 {
				continue
			}
			for j := range out {
				out[j] += a * math.Cos(math.Pi*float64(j))
			}
			continue
		}
		a *= 2 / float64(m)
		b *= 2 / float64(m)
		if (a*a+b*b)/noise <= crit2 {
			continue
		}
		for j := range out {
			s, c := math.Sincos(2 * math.Pi * float64(k*j%m) / float64(m))
			out[j] += a*c + b*s
		}
	}
	copy(dst, out)
	return dst
}
