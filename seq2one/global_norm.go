package seq2one

import (
	"math"

	"github.com/tsforecast/tsforecast/features"
	"github.com/tsforecast/tsforecast/forecast"
)

// errScale returns the mean absolute seasonal difference of y (the MASE
// scale) with period m, or with period 1 when y is too short for m.
func errScale(y []float64, m int) float64 {
	if len(y) <= m {
		m = 1
	}
	if len(y) <= m {
		return math.NaN()
	}
	var s float64
	for t := m; t < len(y); t++ {
		s += math.Abs(y[t] - y[t-m])
	}
	return s / float64(len(y)-m)
}

// normalise returns the per-series state and the transformed history z:
// log y when every value is positive (and log is not Off), else y over its
// mean absolute value.
func normalise(s *forecast.Series, m int, logT, seas Toggle) (globalSeries, []float64) {
	y := s.Values
	n := len(y)
	pos := true
	var mabs float64
	for _, v := range y {
		if !(v > 0) {
			pos = false
		}
		mabs += math.Abs(v)
	}
	mabs /= float64(n)
	gs := globalSeries{ID: s.ID, N: n, Scale: 1}
	z := make([]float64, n)
	if pos && logT != Off {
		gs.Log = true
		for i, v := range y {
			z[i] = math.Log(v)
		}
	} else {
		if mabs > 0 {
			gs.Scale = mabs
		}
		for i, v := range y {
			z[i] = v / gs.Scale
		}
	}
	gs.Indices = seasonalIndices(z, y, m, seas)
	return gs, z
}

// seasonalIndices returns additive seasonal offsets of z by phase t mod m,
// averaged over the last (up to 4) complete seasons, each season taken
// relative to its own mean; nil when m < 2, the toggle is Off, or (Auto)
// the series fails the M4 seasonality test.
func seasonalIndices(z, y []float64, m int, seas Toggle) []float64 {
	n := len(z)
	if m < 2 || seas == Off || n < m {
		return nil
	}
	if seas == Auto && !features.SeasonalityTest(y, m) {
		return nil
	}
	k := min(defGlobalIndexSpans, n/m)
	idx := make([]float64, m)
	for b := 0; b < k; b++ {
		start := n - (b+1)*m
		var mean float64
		for _, v := range z[start : start+m] {
			mean += v
		}
		mean /= float64(m)
		for t := start; t < start+m; t++ {
			idx[t%m] += (z[t] - mean) / float64(k)
		}
	}
	return idx
}

// seasonAt returns the seasonal offset at time t (0 without indices).
func seasonAt(idx []float64, t int) float64 {
	if idx == nil {
		return 0
	}
	m := len(idx)
	return idx[((t%m)+m)%m]
}

// fillWindow writes the normalised window of z before origin T to x
// (len(x) values, oldest first) and returns its level. Values before the
// start of z repeat the first season (or the first value). The
// deseasonalised window is taken relative to its level, the mean of its
// last season (its last value when m < 2).
func fillWindow(x, z, idx []float64, T, m int) float64 {
	W := len(x)
	for j := range x {
		t := T - W + j
		var v float64
		switch {
		case t >= 0:
			v = z[t]
		case m >= 2 && len(z) >= m:
			v = z[((t%m)+m)%m]
		default:
			v = z[0]
		}
		x[j] = v - seasonAt(idx, t)
	}
	return subtractLevel(x, m)
}

// fillWindowTail is fillWindow for a window zw that ends just before time
// T (zw already holds every value, padding included).
func fillWindowTail(x, zw, idx []float64, T, m int) float64 {
	W := len(x)
	for j, v := range zw {
		x[j] = v - seasonAt(idx, T-W+j)
	}
	return subtractLevel(x, m)
}

// lastWindow returns the last W values of z, padded at the front as
// fillWindow pads.
func lastWindow(z []float64, W, m int) []float64 {
	out := make([]float64, W)
	n := len(z)
	for j := range out {
		t := n - W + j
		switch {
		case t >= 0:
			out[j] = z[t]
		case m >= 2 && n >= m:
			out[j] = z[((t%m)+m)%m]
		default:
			out[j] = z[0]
		}
	}
	return out
}

// subtractLevel subtracts from the window x its level, the mean of its last
// season of m values (all of x when shorter), and returns the level.
func subtractLevel(x []float64, m int) float64 {
	W := len(x)
	k := max(1, min(m, W))
	var level float64
	for _, v := range x[W-k:] {
		level += v
	}
	level /= float64(k)
	for j := range x {
		x[j] -= level
	}
	return level
}
