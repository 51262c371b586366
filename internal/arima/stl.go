package arima

import "math"

// stlParams are the arguments of R's stl for a non-periodic, non-robust
// decomposition.
type stlParams struct {
	period                      int
	swin, twin, lwin            int
	sdeg, tdeg, ldeg            int
	sjump, tjump, ljump, ninner int
}

// rStlParams returns R's stl defaults for the seasonal window swin:
// t.window = nextodd(ceiling(1.5·period/(1 - 1.5/s.window))),
// l.window = nextodd(period), s.degree 0, t.degree = l.degree = 1, jumps
// ceiling(window/10), two inner and no robustness iterations.
func rStlParams(period, swin int) stlParams {
	nextodd := func(x float64) int {
		v := int(math.Round(x))
		if v%2 == 0 {
			v++
		}
		return v
	}
	twin := nextodd(math.Ceil(1.5 * float64(period) / (1 - 1.5/float64(swin))))
	lwin := nextodd(float64(period))
	jump := func(w int) int { return int(math.Ceil(float64(w) / 10)) }
	return stlParams{
		period: period, swin: swin, twin: twin, lwin: lwin,
		sdeg: 0, tdeg: 1, ldeg: 1,
		sjump: jump(swin), tjump: jump(twin), ljump: jump(lwin), ninner: 2,
	}
}

// stl decomposes y into seasonal and trend components by the STL
// procedure of Cleveland, Cleveland, McRae & Terpenning (1990), a
// translation of the netlib Fortran that R's stats::stl calls (stl.f:
// stlstp, stlss, stless, stlest, stlfts, stlma) restricted to the
// non-robust case. The remainder is y - seasonal - trend.
func stl(y []float64, p stlParams) (seasonal, trend []float64) {
	n := len(y)
	odd := func(v int) int {
		v = max(3, v)
		if v%2 == 0 {
			v++
		}
		return v
	}
	ns, nt, nl := odd(p.swin), odd(p.twin), odd(p.lwin)
	np := max(2, p.period)
	seasonal = make([]float64, n)
	trend = make([]float64, n)
	m := n + 2*np
	w1, w2, w3, w4, w5 := make([]float64, m), make([]float64, m), make([]float64, m), make([]float64, m), make([]float64, m)
	for it := 0; it < p.ninner; it++ {
		for i := 0; i < n; i++ {
			w1[i] = y[i] - trend[i]
		}
		stlss(w1, n, np, ns, p.sdeg, p.sjump, w2, w3, w4, w5, seasonal)
		stlfts(w2, n+2*np, np, w3, w1)
		stless(w3, n, nl, p.ldeg, p.ljump, w1, w5)
		for i := 0; i < n; i++ {
			seasonal[i] = w2[np+i] - w1[i]
		}
		for i := 0; i < n; i++ {
			w1[i] = y[i] - seasonal[i]
		}
		stless(w1, n, nt, p.tdeg, p.tjump, trend, w3)
	}
	return seasonal, trend
}

// stless smooths y[0:n] by loess with the given span and degree,
// evaluated every jump points and linearly interpolated between them, into
// ys. res is scratch of n elements.
func stless(y []float64, n, span, deg, jump int, ys, res []float64) {
	if n < 2 {
		ys[0] = y[0]
		return
	}
	newnj := min(jump, n-1)
	nleft, nright := 0, 0
	switch {
	case span >= n:
		nleft, nright = 1, n
		for i := 1; i <= n; i += newnj {
			if !stlest(y, n, span, deg, float64(i), &ys[i-1], nleft, nright, res) {
				ys[i-1] = y[i-1]
			}
		}
	case newnj == 1:
		nsh := (span + 1) / 2
		nleft, nright = 1, span
		for i := 1; i <= n; i++ {
			if i > nsh && nright != n {
				nleft++
				nright++
			}
			if !stlest(y, n, span, deg, float64(i), &ys[i-1], nleft, nright, res) {
				ys[i-1] = y[i-1]
			}
		}
	default:
		nsh := (span + 1) / 2
		for i := 1; i <= n; i += newnj {
			switch {
			case i < nsh:
				nleft, nright = 1, span
			case i >= n-nsh+1:
				nleft, nright = n-span+1, n
			default:
				nleft, nright = i-nsh+1, span+i-nsh
			}
			if !stlest(y, n, span, deg, float64(i), &ys[i-1], nleft, nright, res) {
				ys[i-1] = y[i-1]
			}
		}
	}
	if newnj != 1 {
		for i := 1; i <= n-newnj; i += newnj {
			delta := (ys[i+newnj-1] - ys[i-1]) / float64(newnj)
			for j := i + 1; j <= i+newnj-1; j++ {
				ys[j-1] = ys[i-1] + delta*float64(j-i)
			}
		}
		k := ((n-1)/newnj)*newnj + 1
		if k != n {
			if !stlest(y, n, span, deg, float64(n), &ys[n-1], nleft, nright, res) {
				ys[n-1] = y[n-1]
			}
			if k != n-1 {
				delta := (ys[n-1] - ys[k-1]) / float64(n-k)
				for j := k + 1; j <= n-1; j++ {
					ys[j-1] = ys[k-1] + delta*float64(j-k)
				}
			}
		}
	}
}

// stlest computes the loess fit at position xs (1-based) from the points
// nleft…nright of y with tricube weights, locally constant (deg 0) or
// linear; w is scratch. It reports false when all weights are zero.
func stlest(y []float64, n, span, deg int, xs float64, ys *float64, nleft, nright int, w []float64) bool {
	rng := float64(n) - 1
	h := math.Max(xs-float64(nleft), float64(nright)-xs)
	if span > n {
		h += float64((span - n) / 2)
	}
	h9, h1 := 0.999*h, 0.001*h
	a := 0.0
	for j := nleft; j <= nright; j++ {
		r := math.Abs(float64(j) - xs)
		if r <= h9 {
			if r <= h1 {
				w[j-1] = 1
			} else {
				u := r / h
				u = 1 - u*u*u
				w[j-1] = u * u * u
			}
			a += w[j-1]
		} else {
			w[j-1] = 0
		}
	}
	if a <= 0 {
		return false
	}
	for j := nleft; j <= nright; j++ {
		w[j-1] /= a
	}
	if h > 0 && deg > 0 {
		a = 0
		for j := nleft; j <= nright; j++ {
			a += w[j-1] * float64(j)
		}
		b := xs - a
		c := 0.0
		for j := nleft; j <= nright; j++ {
			d := float64(j) - a
			c += w[j-1] * d * d
		}
		if math.Sqrt(c) > 0.001*rng {
			b /= c
			for j := nleft; j <= nright; j++ {
				w[j-1] *= b*(float64(j)-a) + 1
			}
		}
	}
	v := 0.0
	for j := nleft; j <= nright; j++ {
		v += w[j-1] * y[j-1]
	}
	*ys = v
	return true
}

// stlss smooths each cycle-subseries of y[0:n] (period np) with span ns
// and extends it by one point at each end, into season (n+2·np values).
func stlss(y []float64, n, np, ns, deg, jump int, season, work1, work2, work3, work4 []float64) {
	_ = work3 // the robustness weights of the Fortran; unused without them
	for j := 1; j <= np; j++ {
		k := (n-j)/np + 1
		for i := 1; i <= k; i++ {
			work1[i-1] = y[(i-1)*np+j-1]
		}
		stless(work1, k, ns, deg, jump, work2[1:], work4)
		nright := min(ns, k)
		if !stlest(work1, k, ns, deg, 0, &work2[0], 1, nright, work4) {
			work2[0] = work2[1]
		}
		nleft := max(1, k-ns+1)
		if !stlest(work1, k, ns, deg, float64(k+1), &work2[k+1], nleft, k, work4) {
			work2[k+1] = work2[k]
		}
		for m := 1; m <= k+2; m++ {
			season[(m-1)*np+j-1] = work2[m-1]
		}
	}
}

// stlfts is the low-pass filter of STL: moving averages of lengths np, np
// and 3 over x[0:n], leaving n - 2·np values in trend.
func stlfts(x []float64, n, np int, trend, work []float64) {
	stlma(x, n, np, trend)
	stlma(trend, n-np+1, np, work)
	stlma(work, n-2*np+2, 3, trend)
}

// stlma writes the moving averages of length span of x[0:n] to ave.
func stlma(x []float64, n, span int, ave []float64) {
	newn := n - span + 1
	flen := float64(span)
	v := 0.0
	for i := 0; i < span; i++ {
		v += x[i]
	}
	ave[0] = v / flen
	if newn > 1 {
		k, m := span, 0
		for j := 2; j <= newn; j++ {
			k++
			m++
			v = v - x[m-1] + x[k-1]
			ave[j-1] = v / flen
		}
	}
}
