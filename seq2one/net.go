package seq2one

import (
	"github.com/tsforecast/tsforecast/internal/kern"
)

// shape is the architecture of a network.
type shape struct {
	cell   Cell
	in     int // inputs per step
	hidden int
	layers int
	// out is the number of outputs of the dense head (the horizon of the
	// direct multi-horizon head); 0 means 1.
	out int
	// known is the number of future-known covariates whose values at the
	// out target steps enter the head (see headKnown).
	known int
}

func (s shape) gates() int { return s.cell.gates() }

// outs returns the width of the head (at least 1).
func (s shape) outs() int { return max(1, s.out) }

// layerIn returns the input width of layer l.
func (s shape) layerIn(l int) int {
	if l == 0 {
		return s.in
	}
	return s.hidden
}

// numParams returns the length of the flat parameter vector:
// per layer W ((in_l+H)×G·H, row-major) then b (G·H), then the head wy
// (H×out, row-major) and by (out), and the known covariates' head weights
// wk (known×out, row-major), the order of the weights in model files.
func (s shape) numParams() int {
	gh := s.gates() * s.hidden
	n := 0
	for l := 0; l < s.layers; l++ {
		n += (s.layerIn(l)+s.hidden)*gh + gh
	}
	return n + s.hidden*s.outs() + s.outs() + s.known*s.outs()
}

// headIn returns the number of the head's known-covariate inputs of one
// window, which follow its steps×in inputs.
func (s shape) headIn() int { return s.known * s.outs() }

// views are slices into a flat parameter (or gradient) vector.
//
// wb[l] is layer l's whole weight matrix with its bias as the last row,
// (in_l+H+1)×G·H row-major: w[l] and b[l] are adjacent in the flat vector,
// so a step's gate pre-activations are one product [x_t, h_{t−1}, 1]·wb[l]
// and the gradient of all of layer l's parameters is one product
// [X, H, 1]ᵀ·dZ.

type views[T kern.Float] struct {
	w, b, wb   [][]T
	wy, by, wk []T
}

func makeViews[T kern.Float](s shape, flat []T) views[T] {
	if len(flat) != s.numParams() {
		panic("seq2one: parameter vector length mismatch")
	}
	gh := s.gates() * s.hidden
	v := views[T]{w: make([][]T, s.layers), b: make([][]T, s.layers), wb: make([][]T, s.layers)}
	off := 0
	for l := 0; l < s.layers; l++ {
		n := (s.layerIn(l) + s.hidden) * gh
		v.w[l] = flat[off : off+n : off+n]
		v.wb[l] = flat[off : off+n+gh : off+n+gh]
		off += n
		v.b[l] = flat[off : off+gh : off+gh]
		off += gh
	}
	O := s.outs()
	v.wy = flat[off : off+s.hidden*O : off+s.hidden*O]
	off += s.hidden * O
	v.by = flat[off : off+O : off+O]
	off += O
	v.wk = flat[off : off+s.known*O : off+s.known*O]
	return v
}

// packedW holds a network's weight matrices packed for kern.GemmPacked,
// refreshed by pack whenever the weights change: packing once per
// mini-batch lets every step of every shard stream contiguous panels
// (the rows of W are 4·H elements apart, a power of two that maps them all
// to a few L1 sets), and the transposes backward needs become plain
// products.
type packedW[T kern.Float] struct {
	wb  [][]T // per layer [Wx; Wh; b], (in_l+H+1)×G·H
	whT [][]T // per layer Whᵀ, G·H×H
	wxT [][]T // per layer Wxᵀ, G·H×in_l (layers above the first only)
}

func newPackedW[T kern.Float](s shape) *packedW[T] {
	gh := s.gates() * s.hidden
	pk := &packedW[T]{wb: make([][]T, s.layers), whT: make([][]T, s.layers), wxT: make([][]T, s.layers)}
	for l := 0; l < s.layers; l++ {
		in := s.layerIn(l)
		pk.wb[l] = make([]T, kern.PackedLen[T](in+s.hidden+1, gh))
		pk.whT[l] = make([]T, kern.PackedLen[T](gh, s.hidden))
		if l > 0 {
			pk.wxT[l] = make([]T, kern.PackedLen[T](gh, in))
		}
	}
	return pk
}

// pack copies the weights of p into pk.
func (pk *packedW[T]) pack(s shape, p views[T]) {
	gh := s.gates() * s.hidden
	for l := 0; l < s.layers; l++ {
		in := s.layerIn(l)
		kern.PackB(pk.wb[l], false, in+s.hidden+1, gh, p.wb[l], gh)
		kern.PackB(pk.whT[l], true, gh, s.hidden, p.w[l][in*gh:], gh)
		if l > 0 {
			kern.PackB(pk.wxT[l], true, gh, in, p.w[l], gh)
		}
	}
}

// workspace holds every buffer of one forward/backward pass over up to
// rows windows of length steps. Buffers are laid out time-major, batch-major
// within a step: element (t, r, k) of a width-w buffer is at (t·n+r)·w+k for
// a pass over n rows.
type workspace[T kern.Float] struct {
	s     shape
	rows  int
	steps int

	x  []T   // steps·rows·in
	a  [][]T // per layer steps·rows·(in_l+H+1): the rows [x_t, h_{t−1}, 1]
	z  [][]T // per layer steps·rows·G·H: activated gates (LSTM order i,f,o,g)
	c  [][]T // per layer steps·rows·H: cell state (LSTM)
	tc [][]T // per layer steps·rows·H: tanh(c) (LSTM)
	h  [][]T // per layer steps·rows·H: hidden output
	y  []T   // rows×out: network output
	kf []T   // rows×known×out: known covariates of the head
	t  []T   // rows×out: targets
	dy []T   // rows×out: dLoss/dy

	dz []T // dZ of one chunk of steps (see chunkSteps), G·H wide
	// chunkRows is the dZ chunk of backward in rows, dzChunkRows unless
	// a test makes it smaller.
	chunkRows int
	dhA       []T // steps·rows·H: dLoss/dh of the current layer
	dhB       []T // steps·rows·H: dLoss/dh of the layer below
	dcNext    []T // rows·H
}

func newWorkspace[T kern.Float](s shape, rows, steps int) *workspace[T] {
	if rows < 1 || steps < 1 {
		panic("seq2one: bad workspace size")
	}
	gh := s.gates() * s.hidden
	nh := steps * rows * s.hidden
	w := &workspace[T]{s: s, rows: rows, steps: steps, chunkRows: dzChunkRows,
		x:  make([]T, steps*rows*s.in),
		a:  make([][]T, s.layers),
		z:  make([][]T, s.layers),
		c:  make([][]T, s.layers),
		tc: make([][]T, s.layers),
		h:  make([][]T, s.layers),
		y:  make([]T, rows*s.outs()), t: make([]T, rows*s.outs()), dy: make([]T, rows*s.outs()),
		kf: make([]T, rows*s.headIn()),
		dz: make([]T, min(steps*rows, max(dzChunkRows, rows))*gh), dhA: make([]T, nh), dhB: make([]T, nh),
		dcNext: make([]T, rows*s.hidden),
	}
	for l := 0; l < s.layers; l++ {
		w.a[l] = make([]T, steps*rows*(s.layerIn(l)+s.hidden+1))
		w.z[l] = make([]T, steps*rows*gh)
		w.h[l] = make([]T, nh)
		if s.cell == LSTM {
			w.c[l] = make([]T, nh)
			w.tc[l] = make([]T, nh)
		}
	}
	return w
}

// forward runs the network over the first n rows of ws.x and writes the
// outputs to ws.y[:n]. It keeps every activation for backward.
//
// Each step of a layer is one matrix product Z_t = [X_t, H_{t−1}, 1]·[Wx;
// Wh; b] (n×(in+H+1) by (in+H+1)×G·H), with the rows [x_t, h_{t−1}, 1]
// kept in ws.a for backward, followed by the fused cell.
//
// With pk (the packed copy of p's weights) the products read the packed
// panels; without it (one-off predictions, where packing would cost more
// than it saves) they read p. Both give bit-identical results.
func forward[T kern.Float](p views[T], pk *packedW[T], ws *workspace[T], n int) {
	s := ws.s
	H := s.hidden
	G := s.gates()
	gh := G * H
	L := ws.steps
	if n > ws.rows {
		panic("seq2one: batch larger than workspace")
	}
	for l := 0; l < s.layers; l++ {
		in := s.layerIn(l)
		K := in + H + 1
		var inp []T
		if l == 0 {
			inp = ws.x[:L*n*in]
		} else {
			inp = ws.h[l-1][:L*n*H]
		}
		A := ws.a[l][:L*n*K]
		z := ws.z[l][:L*n*gh]
		hs := ws.h[l][:L*n*H]
		for r := 0; r < L*n; r++ {
			ar := A[r*K : (r+1)*K]
			copy(ar[:in], inp[r*in:(r+1)*in])
			ar[K-1] = 1
		}
		for r := 0; r < n; r++ {
			clear(A[r*K+in : r*K+in+H])
		}
		for t := 0; t < L; t++ {
			zt := z[t*n*gh : (t+1)*n*gh]
			ht := hs[t*n*H : (t+1)*n*H]
			if pk != nil {
				kern.GemmPacked(false, n, gh, K, 1, A[t*n*K:(t+1)*n*K], K, pk.wb[l], 0, zt, gh)
			} else {
				kern.Gemm(false, false, n, gh, K, 1, A[t*n*K:(t+1)*n*K], K, p.wb[l], gh, 0, zt, gh)
			}
			if s.cell == RNN {
				kern.Tanh(ht, zt)
			} else {
				var cp []T
				if t > 0 {
					cp = ws.c[l][(t-1)*n*H : t*n*H]
				}
				kern.LSTMCell(zt, ws.c[l][t*n*H:(t+1)*n*H], ws.tc[l][t*n*H:(t+1)*n*H], ht, cp, n, H)
			}
			if t+1 < L {
				next := A[(t+1)*n*K : (t+2)*n*K]
				for r := 0; r < n; r++ {
					copy(next[r*K+in:r*K+in+H], ht[r*H:(r+1)*H])
				}
			}
		}
	}
	last := ws.h[s.layers-1][(L-1)*n*H : L*n*H]
	O := s.outs()
	y := ws.y[:n*O]
	for r := 0; r < n; r++ {
		copy(y[r*O:(r+1)*O], p.by)
	}
	kern.Gemm(false, false, n, O, H, 1, last, H, p.wy, O, 1, y, O)
	if s.known > 0 {
		headKnown(y, ws.kf[:n*s.headIn()], p.wk, n, s.known, O)
	}
}

// headKnown adds to the outputs y (n×O) the known covariates' part of the
// head: output j of row r gains Σ_c kf[r,c,j]·wk[c,j], the values of the
// known covariates at target step j times their weights for that step.
// kf is n×k×O (row, covariate, step), wk k×O.
func headKnown[T kern.Float](y, kf, wk []T, n, k, O int) {
	for r := 0; r < n; r++ {
		yr := y[r*O : (r+1)*O]
		for c := 0; c < k; c++ {
			kr := kf[(r*k+c)*O : (r*k+c+1)*O]
			wc := wk[c*O : (c+1)*O]
			for j := range yr {
				yr[j] += kr[j] * wc[j]
			}
		}
	}
}

// backward accumulates into g the gradient of the loss whose derivative
// with respect to ws.y[:n] is in ws.dy[:n], after forward on the same rows.
// pk must hold p's weights, packed.
func backward[T kern.Float](p views[T], pk *packedW[T], g views[T], ws *workspace[T], n int) {
	s := ws.s
	H := s.hidden
	G := s.gates()
	gh := G * H
	L := ws.steps
	top := s.layers - 1
	O := s.outs()
	dy := ws.dy[:n*O]

	last := ws.h[top][(L-1)*n*H : L*n*H]
	kern.Gemm(true, false, H, O, n, 1, last, H, dy, O, 1, g.wy, O)
	kern.AddRows(g.by, dy, n, O)
	if k := s.known; k > 0 {
		for r := 0; r < n; r++ {
			for c := 0; c < k; c++ {
				kr := ws.kf[(r*k+c)*O : (r*k+c+1)*O]
				gc := g.wk[c*O : (c+1)*O]
				for j, d := range dy[r*O : (r+1)*O] {
					gc[j] += kr[j] * d
				}
			}
		}
	}

	dh := ws.dhA[:L*n*H]
	clear(dh[:(L-1)*n*H])
	kern.Gemm(false, true, n, H, O, 1, dy, O, p.wy, O, 0, dh[(L-1)*n*H:], H)
	dlow := ws.dhB[:L*n*H]

	for l := top; l >= 0; l-- {
		in := s.layerIn(l)
		K := in + H + 1
		z := ws.z[l][:L*n*gh]
		hs := ws.h[l][:L*n*H]
		A := ws.a[l][:L*n*K]
		// dZ is kept for a chunk of steps only: when a chunk is complete
		// its rows enter the weight gradient (and the gradient of the
		// layer below) and the buffer is reused, so the pass stays in
		// cache however long the window.
		Lc := chunkSteps(n, L, ws.chunkRows)
		dcNext := ws.dcNext[:n*H]
		clear(dcNext)
		for t := L - 1; t >= 0; t-- {
			// dh of step t already holds the gradient from above plus,
			// added by the step after it, the recurrent one.
			dht := dh[t*n*H : (t+1)*n*H]
			zt := z[t*n*gh : (t+1)*n*gh]
			dzt := ws.dz[t%Lc*n*gh : (t%Lc+1)*n*gh]
			if s.cell == RNN {
				ht := hs[t*n*H : (t+1)*n*H]
				for i, hv := range ht {
					dzt[i] = dht[i] * (1 - hv*hv)
				}
			} else {
				var cp []T
				if t > 0 {
					cp = ws.c[l][(t-1)*n*H : t*n*H]
				}
				kern.LSTMCellBackward(dzt, dcNext, zt, ws.tc[l][t*n*H:(t+1)*n*H], cp, dht, n, H)
			}
			if t > 0 {
				kern.GemmPacked(false, n, H, gh, 1, dzt, gh, pk.whT[l], 1, dh[(t-1)*n*H:t*n*H], H)
			}
			if t%Lc != 0 {
				continue
			}
			// Steps t..t+r-1 are complete: all of the layer's weights and
			// its bias at once, [X, H, 1]ᵀ·dZ over them.
			r := min(Lc, L-t) * n
			dzc := ws.dz[:r*gh]
			kern.Gemm(true, false, K, gh, r, 1, A[t*n*K:t*n*K+r*K], K, dzc, gh, 1, g.wb[l], gh)
			if l > 0 {
				kern.GemmPacked(false, r, in, gh, 1, dzc, gh, pk.wxT[l], 0, dlow[t*n*in:t*n*in+r*in], in)
			}
		}
		if l > 0 {
			dh, dlow = dlow, dh
		}
	}
}

// dzChunkRows is the number of rows (steps × shard rows) of dZ that
// backward keeps before folding them into the weight gradient: 256 rows
// are the k chunk of kern's kernels, so each chunk is one pass of them.
const dzChunkRows = 256

// chunkSteps returns the steps per dZ chunk of up to rows rows for a pass
// over n rows of windows of L steps. It depends only on n and L, so
// gradients do not depend on the number of workers.
func chunkSteps(n, L, rows int) int {
	return min(L, max(1, rows/n))
}

// lossGrad computes the loss summed over the first n rows of ws (outputs
// ws.y, targets ws.t) and writes dLoss/dy, scaled by 1/total, to ws.dy.
// It returns the unscaled sum in float64. With several outputs a row's
// loss is the mean over its outputs.
func lossGrad[T kern.Float](loss Loss, ws *workspace[T], n, total int) float64 {
	O := ws.s.outs()
	inv := 1 / float64(total*O)
	var sum float64
	for r := 0; r < n*O; r++ {
		e := float64(ws.y[r]) - float64(ws.t[r])
		var l, d float64
		switch loss {
		case MSE:
			l, d = e*e, 2*e
		case MAE:
			switch {
			case e > 0:
				l, d = e, 1
			case e < 0:
				l, d = -e, -1
			}
		case Huber:
			switch {
			case e > 1:
				l, d = e-0.5, 1
			case e < -1:
				l, d = -e-0.5, -1
			default:
				l, d = 0.5*e*e, e
			}
		default:
			panic("seq2one: unknown loss")
		}
		sum += l
		ws.dy[r] = T(d * inv)
	}
	return sum / float64(O)
}

// lossOnly is lossGrad without the gradient. Targets that are NaN are
// masked: they add nothing to the loss. It returns the loss summed over
// the rows, a row's loss being the sum over its unmasked outputs divided
// by the number of outputs, and the number of rows those terms are worth
// (n when nothing is masked).
func lossOnly[T kern.Float](loss Loss, ws *workspace[T], n int) (sum, rows float64) {
	O := ws.s.outs()
	terms := 0
	for r := 0; r < n*O; r++ {
		tv := float64(ws.t[r])
		if tv != tv {
			continue
		}
		terms++
		e := float64(ws.y[r]) - tv
		switch loss {
		case MSE:
			sum += e * e
		case MAE:
			if e < 0 {
				e = -e
			}
			sum += e
		case Huber:
			if e < 0 {
				e = -e
			}
			if e > 1 {
				sum += e - 0.5
			} else {
				sum += 0.5 * e * e
			}
		}
	}
	return sum / float64(O), float64(terms) / float64(O)
}
