package seq2one

import (
	"fmt"
	"math"
	"time"

	"github.com/tsforecast/tsforecast/internal/kern"
)

// Predictor forecasts series from their [SeriesState] with the weights of
// a fitted [Global]. It holds its own work buffers and the forward state
// of each ensemble member, and only reads the weights, so Predictors made
// by one Global may be used from different goroutines at once, one
// Predictor per goroutine; a Predictor itself is not safe for concurrent
// use. It keeps the weights and settings the model had when it was made:
// a later Fit of the model does not change it.
type Predictor struct {
	gp   globalPipe // the model's pipeline without its series
	run  []runner   // one per ensemble member
	x    []float64  // input window
	y    []float64  // network output
	acc  []float64  // ensemble sum
	zbuf []float64  // working window for forecasts beyond the horizon
}

// NewPredictor returns a Predictor with the weights of g. It panics if g
// is not fitted.
func (g *Global) NewPredictor() *Predictor {
	if g.ens == nil {
		panic("seq2one: NewPredictor of an unfitted model")
	}
	return newPredictor(&g.gp, g.ens)
}

func newPredictor(gp *globalPipe, ens []engine) *Predictor {
	p := &Predictor{gp: *gp, run: make([]runner, len(ens))}
	p.gp.Series = nil
	for k, e := range ens {
		p.run[k] = newRunner(e)
	}
	p.x = make([]float64, p.gp.Steps*p.gp.stepIn()+p.gp.nk()*p.gp.Horizon)
	p.y = make([]float64, p.gp.Horizon)
	p.acc = make([]float64, p.gp.Horizon)
	p.zbuf = make([]float64, 0, p.gp.window()+p.gp.Horizon)
	return p
}

// Predict writes forecasts of the next h values of the series of st, in
// its units, to dst (allocated when nil or too short) and returns dst[:h].
// Forecasts beyond the model's horizon feed earlier ones back, one
// horizon block at a time. With past covariates it forecasts at most
// Horizon steps ([ErrPastCovariates]); with known ones, as many as their
// future values in the series st was computed from cover (else an error
// wrapping forecast.ErrFutureMissing). It does not allocate when dst has
// room and h ≤ Horizon. It panics if st is nil or was computed by a
// model of another shape.
func (p *Predictor) Predict(dst []float64, st *SeriesState, h int) ([]float64, error) {
	if st == nil {
		panic("seq2one: nil series state")
	}
	if len(st.gs.Last) != p.gp.window() || (st.gs.Indices != nil && len(st.gs.Indices) != p.gp.Season) ||
		len(st.gs.LastCov) != p.gp.window()*p.gp.nc() {
		panic("seq2one: series state of a model of another shape")
	}
	return p.predict(dst, &st.gs, h)
}

// predict is Predict for the state gs, which the caller has checked.
func (p *Predictor) predict(dst []float64, gs *globalSeries, h int) ([]float64, error) {
	if h < 1 {
		return dst, fmt.Errorf("seq2one: horizon %d, want ≥ 1", h)
	}
	gp := &p.gp
	m := gp.Season
	W := gp.window()
	H := gp.Horizon
	nc, nk := gp.nc(), gp.nk()
	if h > H && hasPast(normKnown(gp.CovKnown, nc)) {
		return dst, fmt.Errorf("%w: it forecasts %d steps at most, %d asked", ErrPastCovariates, H, h)
	}
	F := 0
	if nk > 0 {
		F = len(gs.Future) / nk
		if h > F {
			var names []string
			for _, c := range knownIdx(gp.CovKnown) {
				names = append(names, gp.CovNames[c])
			}
			return dst, futureError(gs.ID, names, F, h, func(int) (time.Time, bool) { return time.Time{}, false })
		}
	}
	if cap(dst) < h {
		dst = make([]float64, h)
	}
	dst = dst[:h]
	in := gp.Steps * gp.stepIn()
	// z holds the last window, then each forecast block in turn; its
	// element j is time N−W+j.
	z := append(p.zbuf[:0], gs.Last...)
	for done := 0; done < h; done += H {
		base := gs.N + done // time of the first value of this block
		clear(p.acc)
		for e, net := range p.run {
			idx := gs.Indices
			if gp.raw(e) {
				idx = nil
			}
			var level float64
			if nc == 0 {
				level = fillWindowTail(p.x[:W], z[len(z)-W:], idx, base, m)
			} else {
				level = fillWindowTail(p.x[W*nc:W*nc+W], z[len(z)-W:], idx, base, m)
				p.covInputs(gs, base, done, F)
			}
			net.predictTo(p.x[:in], p.x[in:], p.y)
			for k, v := range p.y {
				p.acc[k] += v + level + seasonAt(idx, base+k)
			}
		}
		inv := 1 / float64(len(p.run))
		for k := 0; k < H && done+k < h; k++ {
			zv := p.acc[k] * inv
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
				z = append(z, p.acc[k]*inv)
			}
		}
	}
	p.zbuf = z[:0]
	return dst, nil
}

// Radius writes to dst (allocated when nil or too short) the half-widths
// of the split-conformal intervals of [Global.Radius] at level percent
// around the forecasts of the series of st, steps 1..h, and returns
// dst[:h]: the model's calibration errors times st's own error scale. It
// panics if st is nil.
func (p *Predictor) Radius(dst []float64, st *SeriesState, h int, level float64) ([]float64, error) {
	if st == nil {
		panic("seq2one: nil series state")
	}
	return radius(dst, &p.gp, &st.gs, h, level)
}

// covInputs interleaves the covariates of series gs into the window of
// p.x that ends at time base, done steps after the last observation, and
// writes the known covariates of the head: the last window's, then the
// known ones' future values (F of them; 0, their mean, beyond).
func (p *Predictor) covInputs(gs *globalSeries, base, done, F int) {
	gp := &p.gp
	nc, nk := gp.nc(), gp.nk()
	W, H := gp.window(), gp.Horizon
	N := gs.N
	gp.interleave(p.x, base, func(t, c int) float64 {
		if t < N {
			return gs.LastCov[(t-(N-W))*nc+c]
		}
		k := 0 // c's position among the known covariates
		for cc := range c {
			if gp.CovKnown[cc] {
				k++
			}
		}
		return gs.Future[(t-N)*nk+k]
	})
	kn := p.x[gp.Steps*gp.stepIn():]
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

// runner runs one network forward over windows with its own forward
// state, reading the network's weights only.
type runner interface {
	// predictTo writes the outputs for the window x (steps×inputs) to
	// y, given the known covariates kn of the head.
	predictTo(x, kn, y []float64)
}

// netRunner is a runner over the weights of a netEngine.
type netRunner[T kern.Float] struct {
	pv  views[T]
	in  int
	inf *infer[T]
}

// newRunner returns a runner over the weights of e with its own forward
// state. It computes exactly what e.predictTo computes.
func newRunner(e engine) runner {
	switch e := e.(type) {
	case *netEngine[float32]:
		return &netRunner[float32]{pv: e.pv, in: e.s.in, inf: newInfer[float32](e.s)}
	case *netEngine[float64]:
		return &netRunner[float64]{pv: e.pv, in: e.s.in, inf: newInfer[float64](e.s)}
	}
	panic(fmt.Sprintf("seq2one: unknown engine %T", e))
}

func (r *netRunner[T]) predictTo(x, kn, y []float64) {
	r.inf.reset()
	for t := 0; t+r.in <= len(x); t += r.in {
		r.inf.step(r.pv, x[t:t+r.in])
	}
	r.inf.output(r.pv, kn, y)
}
