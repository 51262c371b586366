package features

import (
	"fmt"
	"math"
	"sort"
)

// MSTLSettings holds the settings of [MSTL]. The zero value gives the
// defaults of statsmodels 0.14 MSTL and R forecast::mstl (without Box-Cox
// transformation); a nil *MSTLSettings means the zero value.
type MSTLSettings struct {
	// Windows are the seasonal smoother lengths (odd, ≥ 3), Windows[i]
	// for the i-th entry of the periods passed to MSTL. Nil means
	// 7 + 4·i for the i-th shortest period, i = 1, 2, … (11, 15, 19, …),
	// as R and statsmodels.
	Windows []int
	// Iterations is the number of passes over all seasonal components.
	// Zero means 2; a single period always takes one pass.
	Iterations int
	// STL holds the settings of each STL fit; its Seasonal field is
	// replaced by the window of the period at hand.
	STL STLSettings
}

// MSTLDecomposition is the result of [MSTL].
//
// # Invariants
//
// Periods are the periods used, ascending; Seasonal[i] is the component of
// Periods[i]. Trend, every Seasonal[i], Remainder and Weights have the
// length of the decomposed series x, and Remainder is x minus the seasonal
// components minus Trend, so that the components add up to x (up to
// rounding in the last bits).
type MSTLDecomposition struct {
	Periods   []int
	Trend     []float64
	Seasonal  [][]float64
	Remainder []float64
	// Weights are the robustness weights of the last STL fit (all 1
	// unless STL.Robust is set).
	Weights []float64

	deseas []float64
	stl    STLDecomposition
}

// MSTL decomposes x into a trend, one seasonal component per period and a
// remainder by the MSTL algorithm of Bandara, Hyndman & Bergmeir (2021,
// "MSTL: A Seasonal-Trend Decomposition Algorithm for Time Series with
// Multiple Seasonal Patterns", arXiv 2107.13462), as R forecast::mstl and
// statsmodels 0.14 MSTL implement it:
//
//  1. Each period is rounded to the nearest integer (see below); periods
//     p with 2p ≥ len(x), which need more than half the data, are dropped
//     (R keeps p < n/2), duplicates are merged, and the rest are sorted
//     ascending.
//  2. All seasonal components start at zero. Iterations times (once for a
//     single period), for each period from the shortest: add its current
//     component back to the deseasonalised series, decompose that by
//     [STL] with the period's seasonal window, and take the new seasonal
//     component out again.
//  3. The trend is the trend of the last STL fit; the remainder is what is
//     left.
//
// Non-integer periods, such as 365.25 for the yearly cycle of daily data
// or 52.18 for weekly data, are allowed, as R's msts allows them. STL
// works on whole cycle-subseries, so the period is rounded to the nearest
// integer (365.25 → 365, 52.18 → 52, 8766 hours stays 8766); R truncates
// the period to an integer inside its Fortran call, which is the same for
// fractions below one half. The tests compare MSTL with the statsmodels
// 0.14 loop run on statsmodels 0.13.5 STL to 1e-10.
//
// If dst is non-nil its slices are reused (grown when needed) and dst is
// returned; otherwise a new decomposition is allocated.
//
// MSTL returns an error wrapping [ErrPeriod] if a period is below 2 after
// rounding or is not finite, [ErrTooShort] if no period is shorter than
// half the series, and [ErrNonFinite] if x holds NaN or ±Inf. It panics if
// Windows has a length other than len(periods) or the STL settings are
// invalid (see [STL]). x and periods are not modified.
func MSTL(dst *MSTLDecomposition, x []float64, periods []float64, s *MSTLSettings) (*MSTLDecomposition, error) {
	var z MSTLSettings
	if s == nil {
		s = &z
	}
	if s.Windows != nil && len(s.Windows) != len(periods) {
		panic(errMSTLWindow)
	}
	if s.Iterations < 0 {
		panic(errSTLCount)
	}
	n := len(x)
	ps, ws, err := mstlPeriods(periods, s.Windows, n)
	if err != nil {
		return nil, err
	}
	if err := checkFinite("mstl", x); err != nil {
		return nil, err
	}
	iter := s.Iterations
	if iter == 0 {
		iter = 2
	}
	if len(ps) == 1 {
		iter = 1
	}
	if dst == nil {
		dst = &MSTLDecomposition{}
	}
	dst.Periods = append(dst.Periods[:0], ps...)
	dst.Trend = resize(dst.Trend, n)
	dst.Remainder = resize(dst.Remainder, n)
	dst.Weights = resize(dst.Weights, n)
	dst.deseas = resize(dst.deseas, n)
	for len(dst.Seasonal) < len(ps) {
		dst.Seasonal = append(dst.Seasonal, nil)
	}
	dst.Seasonal = dst.Seasonal[:len(ps)]
	for i := range dst.Seasonal {
		dst.Seasonal[i] = resize(dst.Seasonal[i], n)
		clear(dst.Seasonal[i])
	}
	deseas := dst.deseas
	copy(deseas, x)
	cfg := s.STL
	for range iter {
		for i, p := range ps {
			seas := dst.Seasonal[i]
			for t := range deseas {
				deseas[t] += seas[t]
			}
			cfg.Seasonal = ws[i]
			if _, err := STL(&dst.stl, deseas, p, &cfg); err != nil {
				// Lengths, periods and values were checked above.
				panic(fmt.Sprintf("features: mstl: unexpected STL error: %v", err))
			}
			copy(seas, dst.stl.Seasonal)
			for t := range deseas {
				deseas[t] -= seas[t]
			}
		}
	}
	copy(dst.Trend, dst.stl.Trend)
	copy(dst.Weights, dst.stl.Weights)
	for t, v := range x {
		for _, seas := range dst.Seasonal {
			v -= seas[t]
		}
		dst.Remainder[t] = v - dst.Trend[t]
	}
	return dst, nil
}

// mstlPeriods returns the rounded, filtered and sorted periods with their
// seasonal windows.
func mstlPeriods(periods []float64, windows []int, n int) ([]int, []int, error) {
	type pw struct{ p, w int }
	var all []pw
	for i, f := range periods {
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Round(f) < 2 {
			return nil, nil, fmt.Errorf("%w: mstl: period %v", ErrPeriod, f)
		}
		w := 0
		if windows != nil {
			w = windows[i]
		}
		all = append(all, pw{int(math.Round(f)), w})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].p < all[j].p })
	var ps, ws []int
	for i, a := range all {
		if i > 0 && a.p == all[i-1].p {
			continue
		}
		if 2*a.p >= n {
			continue
		}
		w := a.w
		if windows == nil {
			// The window follows the rank among the kept periods; only
			// the longest periods are dropped, so the others keep the
			// windows R and statsmodels give them.
			w = 7 + 4*(len(ps)+1)
		}
		ps = append(ps, a.p)
		ws = append(ws, w)
	}
	if len(ps) == 0 {
		return nil, nil, fmt.Errorf("%w: mstl: %d values, every period (%v) needs at least half of them", ErrTooShort, n, periods)
	}
	return ps, ws, nil
}
