package seq2one

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats/scalar"
)

// TestGradient checks the analytic backward pass against central finite
// differences (gonum diff/fd) in float64, for both cells, stacked layers,
// inputs with covariates, and every loss. Residuals are made large enough
// that the Huber loss is exercised on both sides of its threshold.
func TestGradient(t *testing.T) {
	for _, cell := range []Cell{LSTM, RNN} {
		for _, layers := range []int{1, 2} {
			for _, loss := range []Loss{MSE, Huber, MAE} {
				name := fmt.Sprintf("%v/layers=%d/%v", cell, layers, loss)
				t.Run(name, func(t *testing.T) {
					testGradient(t, cell, layers, loss, 1, 0, 0, false)
				})
				// The direct multi-horizon head.
				t.Run(name+"/out=3", func(t *testing.T) {
					testGradient(t, cell, layers, loss, 3, 0, 0, false)
				})
				// A single-series model's start: the head at zero, so
				// only the head has a gradient.
				t.Run(name+"/out=3/zero head", func(t *testing.T) {
					testGradient(t, cell, layers, loss, 3, 0, 0, true)
				})
				// Two known covariates at the 3 target steps in the head.
				t.Run(name+"/out=3/known=2", func(t *testing.T) {
					testGradient(t, cell, layers, loss, 3, 0, 2, false)
				})
				// dZ folded into the weight gradient in chunks of 2 steps
				// (the 5 steps of the test fit one chunk by default).
				t.Run(name+"/chunks", func(t *testing.T) {
					testGradient(t, cell, layers, loss, 1, 2, 0, false)
				})
			}
		}
	}
}

// testGradient checks one configuration; chunkSteps > 0 sets backward's
// dZ chunk to that many steps, known is the number of known covariates
// read by the head, and zeroHead sets the head's weights and biases to
// zero, as a single-series model starts.
func testGradient(t *testing.T, cell Cell, layers int, loss Loss, out, chunkSteps, known int, zeroHead bool) {
	const (
		in    = 3 // target + 2 covariates
		steps = 5
		rows  = 3
	)
	s := shape{cell: cell, in: in, hidden: 4, layers: layers, out: out, known: known}
	rng := rand.New(rand.NewPCG(1, 1))
	params := make([]float64, s.numParams())
	pv := makeViews(s, params)
	pk := newPackedW[float64](s)
	initParams(s, pv, rng)
	// Perturb the biases too, so no gradient is trivially zero.
	for l := range pv.b {
		for i := range pv.b[l] {
			pv.b[l][i] += 0.3 * (rng.Float64() - 0.5)
		}
	}
	pv.by[0] = 0.1
	for i := range pv.wk {
		pv.wk[i] = rng.Float64() - 0.5
	}
	if zeroHead {
		clear(pv.wy)
		clear(pv.by)
	}
	ws := newWorkspace[float64](s, rows, steps)
	if chunkSteps > 0 {
		ws.chunkRows = chunkSteps * rows
	}
	for i := range ws.x {
		ws.x[i] = 2*rng.Float64() - 1
	}
	for i := range ws.kf {
		ws.kf[i] = 2*rng.Float64() - 1
	}
	// Residuals on both sides of ±1.
	targets := make([]float64, rows*out)
	for i := range targets {
		targets[i] = []float64{2.5, -0.2, -1.8}[i%3] + 0.37*float64(i/3)
	}
	f := func(x []float64) float64 {
		copy(params, x)
		forward(pv, nil, ws, rows)
		copy(ws.t, targets)
		return lossGrad(loss, ws, rows, rows) / rows
	}
	x0 := append([]float64(nil), params...)
	want := fd.Gradient(nil, f, x0, &fd.Settings{Formula: fd.Central, Step: 1e-6})

	copy(params, x0)
	grad := make([]float64, len(params))
	gv := makeViews(s, grad)
	f(x0)
	// Check that no residual sits on a kink of MAE or Huber, where the
	// finite difference is meaningless.
	for r := 0; r < rows*out; r++ {
		e := math.Abs(ws.y[r] - ws.t[r])
		if e < 1e-3 || math.Abs(e-1) < 1e-3 {
			t.Fatalf("residual %d = %v is at a kink; pick other targets", r, e)
		}
	}
	pk.pack(s, pv)
	backward(pv, pk, gv, ws, rows)
	var maxAbs float64
	for i := range grad {
		maxAbs = math.Max(maxAbs, math.Abs(want[i]))
		if !scalar.EqualWithinAbsOrRel(grad[i], want[i], 1e-7, 1e-5) {
			t.Errorf("gradient[%d] = %v, finite difference %v", i, grad[i], want[i])
		}
	}
	if maxAbs < 1e-3 {
		t.Errorf("largest gradient %v: the check is vacuous", maxAbs)
	}
}

// TestGradientAccumulates checks that backward adds to the gradient buffer
// (shards rely on it), so two passes give twice the gradient.
func TestGradientAccumulates(t *testing.T) {
	s := shape{cell: LSTM, in: 2, hidden: 3, layers: 2}
	rng := rand.New(rand.NewPCG(1, 1))
	params := make([]float64, s.numParams())
	pv := makeViews(s, params)
	pk := newPackedW[float64](s)
	initParams(s, pv, rng)
	ws := newWorkspace[float64](s, 2, 3)
	for i := range ws.x {
		ws.x[i] = rng.NormFloat64()
	}
	ws.t[0], ws.t[1] = 1, -1
	g1 := make([]float64, len(params))
	g2 := make([]float64, len(params))
	forward(pv, nil, ws, 2)
	lossGrad(MSE, ws, 2, 2)
	pk.pack(s, pv)
	backward(pv, pk, makeViews(s, g1), ws, 2)
	backward(pv, pk, makeViews(s, g2), ws, 2)
	backward(pv, pk, makeViews(s, g2), ws, 2)
	for i := range g1 {
		if !scalar.EqualWithinAbsOrRel(g2[i], 2*g1[i], 1e-12, 1e-12) {
			t.Fatalf("two backward passes: gradient[%d] = %v, want %v", i, g2[i], 2*g1[i])
		}
	}
}
