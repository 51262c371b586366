package seq2one

import (
	"fmt"
	"math"
)

// Predict writes forecasts of the next h values of every fitted series,
// in the units of the series, to dst[i] (reused when it has room) and
// returns dst. Forecasts beyond the model's horizon feed earlier ones back,
// one horizon block at a time. It returns ErrNotFitted before Fit.
func (g *Global) Predict(dst [][]float64, h int) ([][]float64, error) {
	if g.ens == nil {
		return dst, errNotFitted
	}
	if h < 1 {
		return dst, fmt.Errorf("seq2one: horizon %d, want ≥ 1", h)
	}
	if cap(dst) < len(g.gp.Series) {
		dst = append(dst[:cap(dst)], make([][]float64, len(g.gp.Series)-cap(dst))...)
	}
	dst = dst[:len(g.gp.Series)]
	for i := range g.gp.Series {
		var err error
		if dst[i], err = g.PredictSeries(dst[i], i, h); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// PredictSeries writes forecasts of the next h values of fitted series i
// to dst (allocated when nil or too short) and returns dst[:h]. It does
// not allocate when dst has room and h ≤ Horizon. It panics if i is out of
// range.
func (g *Global) PredictSeries(dst []float64, i, h int) ([]float64, error) {
	if g.ens == nil {
		return dst, errNotFitted
	}
	if i < 0 || i >= len(g.gp.Series) {
		panic("seq2one: series index out of range")
	}
	if h < 1 {
		return dst, fmt.Errorf("seq2one: horizon %d, want ≥ 1", h)
	}
	if cap(dst) < h {
		dst = make([]float64, h)
	}
	dst = dst[:h]
	gs := &g.gp.Series[i]
	m := g.gp.Season
	W := g.gp.window()
	H := g.gp.Horizon
	// z holds the last window, then each forecast block in turn; its
	// element j is time N−W+j.
	z := append(g.zbuf[:0], gs.Last...)
	for done := 0; done < h; done += H {
		base := gs.N + done // time of the first value of this block
		clear(g.acc)
		for e, net := range g.ens {
			idx := gs.Indices
			if g.gp.raw(e) {
				idx = nil
			}
			level := fillWindowTail(g.x, z[len(z)-W:], idx, base, m)
			net.predictTo(g.x, nil, g.y)
			for k, v := range g.y {
				g.acc[k] += v + level + seasonAt(idx, base+k)
			}
		}
		inv := 1 / float64(len(g.ens))
		for k := 0; k < H && done+k < h; k++ {
			zv := g.acc[k] * inv
			v := zv * gs.Scale
			if gs.Log {
				v = math.Exp(zv)
			}
			if !finite(v) {
				return dst, fmt.Errorf("seq2one: series %q: forecast %d is not finite", gs.ID, done+k+1)
			}
			dst[done+k] = v
		}
		if done+H < h {
			for k := 0; k < H; k++ {
				z = append(z, g.acc[k]*inv)
			}
		}
	}
	g.zbuf = z[:0]
	return dst, nil
}
