package seq2one

import (
	"fmt"
	"math"
	"time"
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
// to dst (allocated when nil or too short) and returns dst[:h]. With past
// covariates it forecasts at most Horizon steps ([ErrPastCovariates]);
// with known ones, as many as their future values given to Fit or Update
// cover (else an error wrapping forecast.ErrFutureMissing). It does not
// allocate when dst has room and h ≤ Horizon. It panics if i is out of
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
	gs := &g.gp.Series[i]
	p := &g.gp
	m := p.Season
	W := p.window()
	H := p.Horizon
	nc, nk := p.nc(), p.nk()
	if h > H && hasPast(normKnown(p.CovKnown, nc)) {
		return dst, fmt.Errorf("%w: it forecasts %d steps at most, %d asked", ErrPastCovariates, H, h)
	}
	F := 0
	if nk > 0 {
		F = len(gs.Future) / nk
		if h > F {
			var names []string
			for _, c := range knownIdx(p.CovKnown) {
				names = append(names, p.CovNames[c])
			}
			return dst, futureError(gs.ID, names, F, h, func(int) (time.Time, bool) { return time.Time{}, false })
		}
	}
	if cap(dst) < h {
		dst = make([]float64, h)
	}
	dst = dst[:h]
	in := p.Steps * p.stepIn()
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
			var level float64
			if nc == 0 {
				level = fillWindowTail(g.x[:W], z[len(z)-W:], idx, base, m)
			} else {
				level = fillWindowTail(g.x[W*nc:W*nc+W], z[len(z)-W:], idx, base, m)
				g.covInputs(gs, base, done, F)
			}
			net.predictTo(g.x[:in], g.x[in:], g.y)
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

// covInputs interleaves the covariates of series gs into the window of
// g.x that ends at time base, done steps after the last observation, and
// writes the known covariates of the head: the last window's, then the
// known ones' future values (F of them; 0, their mean, beyond).
func (g *Global) covInputs(gs *globalSeries, base, done, F int) {
	p := &g.gp
	nc, nk := p.nc(), p.nk()
	W, H := p.window(), p.Horizon
	N := gs.N
	p.interleave(g.x, base, func(t, c int) float64 {
		if t < N {
			return gs.LastCov[(t-(N-W))*nc+c]
		}
		k := 0 // c's position among the known covariates
		for cc := range c {
			if p.CovKnown[cc] {
				k++
			}
		}
		return gs.Future[(t-N)*nk+k]
	})
	kn := g.x[p.Steps*p.stepIn():]
	for k := range nk {
		for j := range H {
			v := 0.0
			if f := done + j; f < F {
				v = gs.Future[f*nk+k]
			}
			kn[k*H+j] = v
		}
	}
}
