package features

import (
	"fmt"
	"math"
)

// DecompKind selects additive or multiplicative decomposition.
type DecompKind int

// Decomposition kinds.
const (
	// Additive models x[t] = Trend[t] + Seasonal[t] + Remainder[t];
	// seasonal indices sum to 0 over one period.
	Additive DecompKind = iota
	// Multiplicative models x[t] = Trend[t] · Seasonal[t] · Remainder[t];
	// seasonal indices have mean 1 over one period. It needs positive data.
	Multiplicative
)

// String returns "additive" or "multiplicative".
func (k DecompKind) String() string {
	switch k {
	case Additive:
		return "additive"
	case Multiplicative:
		return "multiplicative"
	}
	return fmt.Sprintf("DecompKind(%d)", int(k))
}

// Decomposition is the result of a classical seasonal decomposition.
//
// # Invariants
//
// Trend, Seasonal and Remainder have the length of the decomposed series;
// Indices has length Period and Seasonal[t] = Indices[t%Period]. Trend and
// Remainder are NaN at the first and last Period/2 positions (integer
// division), where the centred moving average is not defined, exactly as in
// statsmodels seasonal_decompose and R decompose; every other entry is
// finite.
type Decomposition struct {
	Kind   DecompKind
	Period int
	// Trend is the centred moving average of order Period (2×Period for
	// even Period).
	Trend []float64
	// Seasonal repeats Indices along the series.
	Seasonal []float64
	// Remainder is x − Trend − Seasonal (additive) or x / (Trend·Seasonal)
	// (multiplicative).
	Remainder []float64
	// Indices are the seasonal indices; Indices[t%Period] applies at time t,
	// counted from the first observation of the decomposed series.
	Indices []float64
}

// Decompose performs the classical decomposition of x with period m, as
// statsmodels 0.14 seasonal_decompose(x, model, period=m) (two-sided
// filter) and R decompose do:
//
//  1. Trend: centred moving average, weights 1/m over m points for odd m,
//     weights (½, 1, …, 1, ½)/m over m+1 points for even m (the 2×m MA).
//  2. Detrend: x − Trend (additive) or x / Trend (multiplicative).
//  3. Indices: for each phase i in 0..m-1, the mean of the detrended values
//     at t ≡ i (mod m) where the trend is defined; then centred to sum 0
//     (additive) or scaled to mean 1 (multiplicative).
//
// It returns an error wrapping [ErrPeriod] if m < 2, [ErrTooShort] if
// len(x) < 2m, [ErrNonFinite] if x holds NaN or ±Inf or values so large
// that the moving average or the indices overflow, and [ErrNonPositive]
// for a Multiplicative decomposition of data with a value ≤ 0. It panics if
// kind is unknown. x is not modified.
func Decompose(x []float64, m int, kind DecompKind) (*Decomposition, error) {
	if kind != Additive && kind != Multiplicative {
		panic(errKind)
	}
	if m < 2 {
		return nil, fmt.Errorf("%w: decompose: period %d", ErrPeriod, m)
	}
	n := len(x)
	if n < 2*m {
		return nil, fmt.Errorf("%w: decompose: %d values, need two full periods (%d)", ErrTooShort, n, 2*m)
	}
	if err := checkFinite("decompose", x); err != nil {
		return nil, err
	}
	if kind == Multiplicative {
		if err := checkPositive("multiplicative decompose", x, 0); err != nil {
			return nil, err
		}
	}
	d := &Decomposition{
		Kind:      kind,
		Period:    m,
		Trend:     make([]float64, n),
		Seasonal:  make([]float64, n),
		Remainder: make([]float64, n),
		Indices:   make([]float64, m),
	}
	movingAverage(d.Trend, x, m)

	// Phase means of the detrended series over positions with a trend.
	counts := make([]int, m)
	for t, v := range x {
		tr := d.Trend[t]
		if math.IsNaN(tr) {
			continue
		}
		if kind == Additive {
			d.Indices[t%m] += v - tr
		} else {
			d.Indices[t%m] += v / tr
		}
		counts[t%m]++
	}
	h := m / 2
	if err := checkFinite("decompose trend", d.Trend[h:n-h]); err != nil {
		return nil, fmt.Errorf("%w (values too large for the moving average)", err)
	}
	var mean float64
	for i := range d.Indices {
		// n ≥ 2m guarantees every phase has at least one defined trend
		// value: the trend is defined on [h, n-h) with h = m/2, an
		// interval of at least m positions.
		d.Indices[i] /= float64(counts[i])
		mean += d.Indices[i]
	}
	mean /= float64(m)
	for i := range d.Indices {
		if kind == Additive {
			d.Indices[i] -= mean
		} else {
			d.Indices[i] /= mean
		}
	}
	if err := checkFinite("decompose seasonal indices", d.Indices); err != nil {
		return nil, fmt.Errorf("%w (values too large or too small)", err)
	}
	for t, v := range x {
		s := d.Indices[t%m]
		d.Seasonal[t] = s
		if kind == Additive {
			d.Remainder[t] = v - d.Trend[t] - s
		} else {
			d.Remainder[t] = v / (d.Trend[t] * s)
		}
	}
	return d, nil
}

// movingAverage writes the centred moving average of order m (2×m for even
// m) of x into dst, with NaN where the window does not fit.
func movingAverage(dst, x []float64, m int) {
	n := len(x)
	h := m / 2
	for t := range dst {
		if t < h || t >= n-h {
			dst[t] = math.NaN()
			continue
		}
		var s float64
		if m%2 == 1 {
			for _, v := range x[t-h : t+h+1] {
				s += v
			}
		} else {
			s = 0.5 * (x[t-h] + x[t+h])
			for _, v := range x[t-h+1 : t+h] {
				s += v
			}
		}
		dst[t] = s / float64(m)
	}
}

// SeasonalAt returns the seasonal index at time t, counted from the first
// observation of the decomposed series: Indices[t mod Period]. Any t is
// allowed: SeasonalAt(len(x)+h-1) is the index for the h-th forecast step,
// and a negative t refers to times before the first observation.
func (d *Decomposition) SeasonalAt(t int) float64 {
	return d.Indices[d.phase(t)]
}

// phase returns t mod Period in [0, Period).
func (d *Decomposition) phase(t int) int {
	p := t % d.Period
	if p < 0 {
		p += d.Period
	}
	return p
}

// DeseasonalizeTo removes the seasonal component from x, whose first value
// is at time start (any integer, as for [Decomposition.SeasonalAt]), and
// writes x[i] − SeasonalAt(start+i) (additive) or x[i] / SeasonalAt(start+i)
// (multiplicative) into dst. dst may be x. If dst is nil a new slice is
// allocated. It panics if dst is non-nil with a length other than len(x).
func (d *Decomposition) DeseasonalizeTo(dst, x []float64, start int) []float64 {
	dst = useDst(dst, len(x))
	ph := d.phase(start)
	for i, v := range x {
		s := d.Indices[ph]
		if d.Kind == Additive {
			dst[i] = v - s
		} else {
			dst[i] = v / s
		}
		if ph++; ph == d.Period {
			ph = 0
		}
	}
	return dst
}

// ReseasonalizeTo is the inverse of [Decomposition.DeseasonalizeTo]: it
// writes x[i] + SeasonalAt(start+i) (additive) or x[i] · SeasonalAt(start+i)
// (multiplicative) into dst. To put seasonality back on forecasts of a
// series of length n, pass start = n. dst may be x. If dst is nil a new
// slice is allocated. It panics if dst is non-nil with a length other than
// len(x).
func (d *Decomposition) ReseasonalizeTo(dst, x []float64, start int) []float64 {
	dst = useDst(dst, len(x))
	ph := d.phase(start)
	for i, v := range x {
		s := d.Indices[ph]
		if d.Kind == Additive {
			dst[i] = v + s
		} else {
			dst[i] = v * s
		}
		if ph++; ph == d.Period {
			ph = 0
		}
	}
	return dst
}
