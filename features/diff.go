package features

// Diff writes the lag-differenced series d[i] = x[i+lag] − x[i], for i in
// 0..len(x)-lag-1, into dst and returns it. lag 1 is ordinary differencing,
// lag m seasonal differencing; apply Diff twice for second-order or
// combined differencing. If len(x) ≤ lag the result is empty.
//
// If dst is nil a new slice is allocated; otherwise it must have length
// max(len(x)-lag, 0). dst may be x (then x[:len(dst)] is overwritten).
// It panics if lag < 1 or dst has the wrong length.
func Diff(dst, x []float64, lag int) []float64 {
	if lag < 1 {
		panic(errNegLag)
	}
	n := max(len(x)-lag, 0)
	dst = useDst(dst, n)
	for i := range n {
		dst[i] = x[i+lag] - x[i]
	}
	return dst
}

// Undiff inverts [Diff]. Given differences d and the lag values init that
// immediately precede the first value d reconstructs, it writes
//
//	y[i] = d[i] + init[i]   for i < lag
//	y[i] = d[i] + y[i-lag]  for i ≥ lag
//
// into dst and returns it. Thus, for a series x:
//
//   - Undiff(nil, Diff(nil, x, lag), x[:lag], lag) reproduces x[lag:];
//   - for forecasts fd of the differenced series made at the end of x,
//     Undiff(nil, fd, x[len(x)-lag:], lag) gives the forecasts of x.
//
// The result has len(d) values and excludes init. Undiff is exact up to
// floating-point rounding of the additions.
//
// If dst is nil a new slice is allocated; otherwise it must have length
// len(d). dst may be d. It panics if lag < 1, len(init) != lag or dst has
// the wrong length.
func Undiff(dst, d, init []float64, lag int) []float64 {
	if lag < 1 {
		panic(errNegLag)
	}
	if len(init) != lag {
		panic(errLength)
	}
	dst = useDst(dst, len(d))
	for i, v := range d {
		if i < lag {
			dst[i] = v + init[i]
		} else {
			dst[i] = v + dst[i-lag]
		}
	}
	return dst
}
